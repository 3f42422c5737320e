import { afterEach, describe, expect, it } from "vitest";
import { classifyKeyword, countSegments } from "../../../src/channels/sms/index.ts";
import { closeStartedServers, fakeEngine, inbound, makeReply, startServer } from "./helpers.ts";

afterEach(closeStartedServers);

describe("classifyKeyword", () => {
  it("recognises the whole message only, case-insensitive and trimmed", () => {
    expect(classifyKeyword(" stop ")).toBe("opt-out");
    expect(classifyKeyword("Stop.")).toBe("opt-out");
    for (const word of ["STOPALL", "unsubscribe", "Cancel", "END", "quit", "REVOKE", "optout"]) {
      expect(classifyKeyword(word)).toBe("opt-out");
    }
    for (const word of ["start", "YES", "Unstop"]) expect(classifyKeyword(word)).toBe("opt-in");
    expect(classifyKeyword("help")).toBe("help");
    expect(classifyKeyword("INFO")).toBe("help");
    expect(classifyKeyword("more")).toBe("more");
    expect(classifyKeyword("stop the bleeding")).toBeUndefined();
    expect(classifyKeyword("help me with scars")).toBeUndefined();
    expect(classifyKeyword("toString")).toBeUndefined();
  });
});

describe("SMS keywords", () => {
  it("answers HELP with the clinic's name, contact, rates and STOP, without the engine", async () => {
    const server = await startServer();
    const text = await server.text(" help ");
    expect(text).toContain("Glow Clinic");
    expect(text).toContain("+1 555 000 1111");
    expect(text).toContain("Msg & data rates may apply. Reply STOP to opt out.");
    expect(countSegments(text).segments).toBeLessThanOrEqual(2);
    expect(server.engine.inputs).toEqual([]);
  });

  it("sends nothing but HELP after STOP, and nothing further until START", async () => {
    const server = await startServer();
    await server.text("How long do results last?");
    const stop = await server.post(inbound("Stop"));
    expect(stop.status).toBe(200);
    expect(await stop.text()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
    // Carriers require HELP to be answered even for a number that opted out.
    const help = await server.text("HELP");
    expect(help).toContain("Glow Clinic");
    expect(help).toContain("Reply STOP to opt out.");
    for (const body of ["How long do results last?", "MORE", "", "1"]) {
      const response = await server.post(inbound(body));
      expect(await response.text()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
    }
    expect(server.engine.inputs).toHaveLength(1);

    const start = await server.text("start");
    expect(start).toMatch(/^You're opted back in/);
    expect(await server.text("How long do results last?")).toContain("Results usually last");
    expect(server.engine.inputs).toHaveLength(2);
  });

  it("treats each opt-out word alike and keeps other numbers unaffected", async () => {
    const server = await startServer();
    const words = ["STOPALL", "unsubscribe", "cancel", "end", "quit", "revoke", "optout"];
    for (const [i, word] of words.entries()) {
      const from = `+1555000000${i}`;
      await server.text(word, from);
      expect(await server.text("Does it hurt?", from)).toBe("");
    }
    expect(await server.text("Does it hurt?")).toContain("Results usually last");
    expect(server.engine.inputs.map((i) => i.text)).toEqual(["Does it hurt?"]);
  });

  it("does not pass START or YES to the engine when the number never opted out", async () => {
    const server = await startServer();
    expect(await server.text("YES")).toContain("Send a question about microneedling");
    expect(server.engine.inputs).toEqual([]);
  });
});

describe("SMS paging", () => {
  const longAnswer = Array.from(
    { length: 12 },
    (_, i) => `Sentence ${i + 1} explains one more detail about how microneedling results develop over time.`,
  ).join(" ");

  it("cuts a long reply at a word, ends it with Reply MORE, and sends the rest on MORE", async () => {
    const engine = fakeEngine(() => ({ reply: makeReply({ text: longAnswer, citations: [] }) }));
    const server = await startServer({ engine });
    const first = await server.text("Tell me everything");
    expect(first.endsWith("Reply MORE for the rest")).toBe(true);
    expect(countSegments(first).segments).toBeLessThanOrEqual(2);

    const pages = [first];
    for (let i = 0; i < 10 && pages.at(-1)!.endsWith("Reply MORE for the rest"); i++) {
      const page = await server.text("more");
      expect(countSegments(page).segments).toBeLessThanOrEqual(2);
      pages.push(page);
    }
    expect(pages.length).toBeGreaterThan(2);
    const joined = pages
      .map((p) => p.replace(/(\.\.\.)? Reply MORE for the rest$/, ""))
      .join(" ")
      .replace(/^Automated assistant, not a clinician\.\n/, "");
    expect(joined).toBe(longAnswer);
    expect(engine.inputs).toHaveLength(1);
  });

  it("says there is nothing more when MORE comes without a pending page", async () => {
    const server = await startServer();
    await server.text("How long do results last?");
    expect(await server.text("MORE")).toContain("Nothing more to send.");
    expect(server.engine.inputs).toHaveLength(1);
  });

  it("drops the pending page when the user asks something else", async () => {
    const engine = fakeEngine((text) => ({
      reply: makeReply({ text: text === "long" ? longAnswer : "Short answer.", citations: [] }),
    }));
    const server = await startServer({ engine });
    expect(await server.text("long")).toMatch(/Reply MORE for the rest$/);
    expect(await server.text("short")).toContain("Short answer.");
    expect(await server.text("MORE")).toContain("Nothing more to send.");
  });

  it("uses a smaller budget when maxLength is 160 (one part)", async () => {
    const engine = fakeEngine(() => ({ reply: makeReply({ text: longAnswer, citations: [] }) }));
    const server = await startServer({ engine, config: { maxLength: 160 } });
    const first = await server.text("Tell me everything");
    expect(first.length).toBeLessThanOrEqual(160);
    expect(first.endsWith("Reply MORE for the rest")).toBe(true);
  });

  it("never holds urgent safety text back behind MORE", async () => {
    const urgent = `Contact your provider or emergency services now. ${longAnswer}`;
    const engine = fakeEngine(() => ({
      reply: makeReply({ kind: "urgent", topic: null, text: urgent, citations: [] }),
    }));
    const server = await startServer({ engine });
    const text = await server.text("my face is swelling and I can't breathe");
    expect(text).toContain(longAnswer);
    expect(text).not.toContain("Reply MORE");
  });
});

describe("SMS numbered choices", () => {
  it("maps a digit reply to the suggestion it stands for", async () => {
    const engine = fakeEngine(() => ({
      reply: makeReply({ suggestions: ["How many sessions will I need?", "Does microneedling hurt?"] }),
      extras: { short: "Results last 1-5 years." },
    }));
    const server = await startServer({ engine });
    const first = await server.text("how long does it last");
    expect(first).toContain("Reply 1: How many sessions will I need?\n2: Does microneedling hurt?");
    await server.text("2");
    expect(engine.inputs.map((i) => i.text)).toEqual(["how long does it last", "Does microneedling hurt?"]);
  });

  it("offers clarify alternatives as numbered choices and maps the pick", async () => {
    const engine = fakeEngine((text) =>
      text === "results"
        ? {
            reply: makeReply({
              kind: "clarify",
              topic: null,
              text: "Which do you mean?",
              citations: [],
              alternatives: [
                { topic: "results-onset", question: "How soon will I see results?" },
                { topic: "results-duration", question: "How long do the results last?" },
              ],
            }),
          }
        : { reply: makeReply() },
    );
    const server = await startServer({ engine });
    const text = await server.text("results");
    expect(text).toContain(
      "Which do you mean?\nReply 1: How soon will I see results?\n2: How long do the results last?",
    );
    await server.text("1");
    expect(engine.inputs[1]!.text).toBe("How soon will I see results?");
  });

  it("passes a digit through unchanged when no choices were offered", async () => {
    const server = await startServer();
    await server.text("7");
    expect(server.engine.inputs[0]!.text).toBe("7");
  });
});
