import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countSegments, detectEncoding } from "../../../src/channels/sms/index.ts";
import type { Engine } from "../../../src/dialog/types.ts";
import { shippedEngine, shippedKnowledge, TEST_CLINIC } from "../../support/shipped.ts";
import { closeStartedServers, inbound, startServer, type TestServer } from "./helpers.ts";

async function realEngine(): Promise<Engine> {
  return shippedEngine();
}

const MORE = "Reply MORE for the rest";
// These walk every topic, or several pages, through signed webhooks: slow on a loaded machine.
const WALK_TIMEOUT_MS = 60_000;

describe("SMS through the real engine and the shipped knowledge base", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ realEngine: await realEngine() });
  }, WALK_TIMEOUT_MS);
  afterAll(closeStartedServers);

  const budgetOk = (text: string) => {
    expect(detectEncoding(text)).toBe("GSM-7");
    expect(countSegments(text).segments).toBeLessThanOrEqual(2);
  };

  /** The first reply and every MORE page after it, joined back into one text. */
  async function readAll(question: string, from: string): Promise<string> {
    const pages = [await server.text(question, from)];
    while (pages.at(-1)!.endsWith("Reply MORE for the rest") && pages.length < 10) {
      pages.push(await server.text("MORE", from));
    }
    pages.forEach(budgetOk);
    return pages.map((p) => p.replace(/(\.\.\.)? Reply MORE for the rest$/, "")).join(" ");
  }

  it("states the disagreement in one sentence with the article's own reporting verb", async () => {
    const all = await readAll("does it hurt", "+15550000006");
    expect(all).toContain("numbing cream");
    expect(all).toMatch(/Articles differ: one presents it as .+, another says /);
    expect(all).toMatch(/Sources: \[1\]/);
  });

  it("answers with the disclosure and the short answer, and pages the sources behind MORE", async () => {
    const all = await readAll("How long do microneedling results last?", "+15550000001");
    expect(all).toMatch(/^Automated assistant, not a clinician\.\nNot permanent\./);
    expect(all).toContain("Articles differ");
    expect(all).toMatch(/Sources: \[1\] .+ \[2\] /);
  });

  it("offers follow-ups as numbers and answers the one picked", async () => {
    const from = "+15550000002";
    expect(await server.text("hello", from)).toMatch(/^Automated assistant/);
    const first = await server.text("Can microneedling help with hair loss?", from);
    budgetOk(first);
    expect(first).not.toContain("Automated assistant");
    expect(first).toMatch(/Sources: \[1\]/);
    const choice = /Reply 1: (.+)/.exec(first)?.[1];
    expect(choice).toBeDefined();
    const second = await server.text("1", from);
    budgetOk(second);
    expect(second).not.toBe(first);
    expect(second).not.toContain("hair");
  });

  it(
    "keeps one source reference on the first page of every answer that is paged",
    async () => {
      const engine = shippedEngine();
      let paged = 0;
      for (const [i, topic] of shippedKnowledge().topics.entries()) {
        const { reply } = engine.handleTurn({ text: topic.question });
        const first = await server.text(topic.question, `+1555100${String(i).padStart(4, "0")}`);
        budgetOk(first);
        if (reply.kind !== "answer" || reply.citations.length === 0 || !first.endsWith(MORE)) continue;
        paged += 1;
        // "Source: [1] What Is Microneedling..." names the first citation's title, shortened at a word.
        const named = /\[1\] (.+?)(\.\.\.)?( Reply MORE for the rest)?$/m.exec(first)?.[1];
        expect(named, `page one of "${topic.question}":\n${first}`).toBeDefined();
        expect(reply.citations[0]!.title.startsWith(named!), first).toBe(true);
      }
      expect(paged, "some answers are long enough to page").toBeGreaterThan(0);
    },
    WALK_TIMEOUT_MS,
  );

  it(
    "keeps the numbered follow-ups of a paged answer working after MORE, and after the last page",
    async () => {
      const engine = shippedEngine();
      const paged = shippedKnowledge().topics.find((topic) => {
        const { reply, extras } = engine.handleTurn({ text: topic.question });
        const long = (extras.short ?? reply.text).length > 200 || reply.conflicts.length > 0;
        return reply.kind === "answer" && reply.suggestions.length >= 2 && long;
      });
      expect(paged, "a topic with a long answer and follow-ups").toBeDefined();
      const from = "+15550000010";
      const pages = [await server.text(paged!.question, from)];
      expect(pages[0]!.endsWith(MORE), pages[0]).toBe(true);
      while (pages.at(-1)!.endsWith(MORE) && pages.length < 10) pages.push(await server.text("MORE", from));
      pages.forEach(budgetOk);
      const choices = [...pages.at(-1)!.matchAll(/^(?:Reply )?(\d): (.+)$/gm)].map((m) => m[2]!);
      expect(choices.length, pages.at(-1)).toBeGreaterThanOrEqual(2);

      // "1" answers the first follow-up as if it had been asked in full (compared on a fresh number, whose
      // first line is the disclosure; pages may be cut at different words, so the openings are compared).
      const asked = async (text: string, number: string) =>
        (await server.text(text, number)).split("\n").map((line) => line.slice(0, 60));
      const picked = await asked("1", from);
      const direct = await asked(choices[0]!, "+15550000011");
      expect(picked[0]).toBe(direct[1]);
      expect(await server.text("MORE", from)).not.toContain("Nothing more to send");

      // Past the last page the numbers still stand for what was last offered.
      const again = "+15550000012";
      await server.text(paged!.question, again);
      for (let i = 0; i < 10 && !(await server.text("MORE", again)).startsWith("Nothing more"); i++);
      const second = await asked("2", again);
      const secondDirect = await asked(choices[1]!, "+15550000013");
      expect(second[0]).toBe(secondDirect[1]);
    },
    WALK_TIMEOUT_MS,
  );

  it("gives urgent advice with the clinic's number, never behind MORE", async () => {
    const text = await server.text("I'm bleeding and it won't stop", "+15550000003");
    expect(text).toContain(TEST_CLINIC.phone);
    expect(text).not.toContain("Reply MORE");
  });

  it("goes silent after STOP and answers again after START", async () => {
    const from = "+15550000004";
    expect(await server.text("STOP", from)).toBe("");
    expect(await server.text("does it hurt", from)).toBe("");
    expect(await server.text("START", from)).toMatch(/^You're opted back in/);
    expect(await server.text("does it hurt", from)).toContain("numbing cream");
  });

  it("handles a 1,600-character message", async () => {
    const long = "does microneedling hurt a lot ".repeat(60).slice(0, 1600);
    const response = await server.post(inbound(long, "+15550000005"));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("<Message>");
  });
});
