import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fakeEngine, startTestServer } from "../../server/helpers.ts";
import { shippedProfile } from "../../support/shipped.ts";

const APP_ID = "6f1c1a52-3b7e-4c7a-9a5e-2d1f0e8b7c11";
const PUBLIC_URL = "https://bot.clinic.example";
// Spawning npm and transpiling on a loaded machine is slow: wait long, then show what it printed.
const RUN_TIMEOUT_MS = 120_000;

// Whatever the developer's shell exports, each run starts from the shipped pack and no URL overrides.
const UNSET = {
  KNOWLEDGE_DIR: "",
  CLINIC_NAME: "",
  TEAMS_PRIVACY_URL: "",
  TEAMS_TERMS_URL: "",
  TEAMS_WEBSITE_URL: "",
};

const outDirs: string[] = [];
afterAll(() => {
  for (const dir of outDirs) rmSync(dir, { recursive: true, force: true });
});

/** `npm run teams:package` as a developer runs it, writing into a fresh folder. */
function teamsPackage(env: Record<string, string> = {}) {
  const out = mkdtempSync(join(tmpdir(), "teams-package-"));
  outDirs.push(out);
  const run = spawnSync(
    "npm",
    ["run", "--silent", "teams:package", "--", "--app-id", APP_ID, "--public-url", PUBLIC_URL, "--out", out],
    { encoding: "utf8", timeout: RUN_TIMEOUT_MS, env: { ...process.env, ...UNSET, ...env } },
  );
  const output = `exit ${run.status}${run.error ? ` (${run.error.message})` : ""}\n${run.stdout}\n${run.stderr}`;
  return { out, status: run.status, output };
}

describe("npm run teams:package", () => {
  it(
    "links privacy and terms pages that the server serves from the pack's copy",
    async () => {
      const { out, status, output } = teamsPackage();
      expect(status, output).toBe(0);
      const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"));
      const { privacyUrl, termsOfUseUrl } = manifest.developer;
      expect([privacyUrl, termsOfUseUrl]).toEqual([`${PUBLIC_URL}/privacy`, `${PUBLIC_URL}/terms`]);

      const server = await startTestServer({ engine: fakeEngine() });
      try {
        const { copy } = shippedProfile();
        for (const [url, page] of [
          [privacyUrl, copy.privacy!],
          [termsOfUseUrl, copy.terms!],
        ] as const) {
          const res = await fetch(`${server.url}${new URL(url).pathname}`);
          expect(res.status, url).toBe(200);
          expect(await res.text()).toContain(page.title.replace("{clinic}", "Lumen Skin Clinic"));
        }
      } finally {
        await server.close();
      }
    },
    RUN_TIMEOUT_MS + 10_000,
  );

  it(
    "refuses a pack without privacy and terms copy unless their URLs are given, naming what to set",
    () => {
      const bare = teamsPackage({ KNOWLEDGE_DIR: "test/fixtures/knowledge/minimal" });
      expect(bare.status, bare.output).toBe(1);
      expect(bare.output).toContain(
        "TEAMS_PRIVACY_URL is not set and test/fixtures/knowledge/minimal has no copy.privacy, so the server does not serve /privacy: add copy.privacy to its pack.yaml or set TEAMS_PRIVACY_URL",
      );
      expect(bare.output).toContain("TEAMS_TERMS_URL is not set");

      const given = teamsPackage({
        KNOWLEDGE_DIR: "test/fixtures/knowledge/minimal",
        TEAMS_PRIVACY_URL: "https://clinic.example/privacy-notice",
        TEAMS_TERMS_URL: "https://clinic.example/terms-of-use",
      });
      expect(given.status, given.output).toBe(0);
      const manifest = JSON.parse(readFileSync(join(given.out, "manifest.json"), "utf8"));
      expect(manifest.developer).toMatchObject({
        name: "Test Clinic",
        privacyUrl: "https://clinic.example/privacy-notice",
        termsOfUseUrl: "https://clinic.example/terms-of-use",
      });
    },
    2 * RUN_TIMEOUT_MS + 10_000,
  );
});
