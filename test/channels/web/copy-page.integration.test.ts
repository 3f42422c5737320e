import { afterEach, describe, expect, it } from "vitest";
import type { AssistantProfile } from "../../../src/dialog/types.ts";
import { fakeEngine, startTestServer, type TestServer } from "../../server/helpers.ts";
import { shippedProfile } from "../../support/shipped.ts";

const CLINIC = { name: "Glow & Co <Clinic>", phone: "+1 555 0199", email: "hi@glow.example" };
// Each test loads the shipped pack for its profile: slow on a loaded machine.
const TIMEOUT_MS = 30_000;

describe("the privacy and terms pages served from the pack's copy", () => {
  let server: TestServer;
  afterEach(async () => {
    await server.close();
  });

  it.each(["privacy", "terms"] as const)(
    "serves /%s as a page with the pack's title and paragraphs, the clinic's details filled in and escaped",
    async (name) => {
      server = await startTestServer({ engine: fakeEngine(undefined, CLINIC) });
      const res = await fetch(`${server.url}/${name}`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^text\/html/);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      const html = await res.text();
      const page = shippedProfile(CLINIC).copy[name]!;
      const escaped = (text: string) =>
        text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
      expect(html).toContain(`<h1>${escaped(page.title)}</h1>`);
      expect(html).toContain("Glow &amp; Co &lt;Clinic&gt;");
      expect(html).not.toContain("<Clinic>");
      const paragraphs = page.body.split(/\n\s*\n/).map((p) => p.replace(/\s+/g, " ").trim());
      expect(paragraphs.length).toBeGreaterThan(1);
      for (const paragraph of paragraphs) expect(html).toContain(`<p>${escaped(paragraph)}</p>`);
      expect(html).not.toMatch(/\{(clinic|phone|email)\}/);
    },
    TIMEOUT_MS,
  );

  it(
    "answers 404 as a JSON error when the pack has no such page",
    async () => {
      const engine = fakeEngine();
      const { privacy: _none, ...copy } = shippedProfile().copy;
      const profile: AssistantProfile = { ...shippedProfile(), copy };
      server = await startTestServer({ engine: { ...engine, handleTurn: engine.handleTurn, profile } });
      const res = await fetch(`${server.url}/privacy`);
      expect(res.status).toBe(404);
      expect((await res.json()).error.code).toBe("not_found");
      expect((await fetch(`${server.url}/terms`)).status).toBe(200);
    },
    TIMEOUT_MS,
  );
});
