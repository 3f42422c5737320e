import { describe, expect, it } from "vitest";
import { createContext } from "../../src/dialog/context.ts";
import { createTurn } from "../../src/dialog/engine.ts";
import type { ConversationContext } from "../../src/dialog/types.ts";
import { REPLY_KINDS, type Reply } from "../../src/reply.ts";
import { CONTRACT_KEYS, contractKeysOf, shippedEngine, shippedKnowledge } from "../support/shipped.ts";

const engine = shippedEngine();
const ask = (text: string, context?: ConversationContext | null) =>
  engine.handleTurn({ text, context, now: 1_000 });

function conversation(...turns: string[]): Reply[] {
  let context: ConversationContext | null = null;
  let now = 1_000;
  return turns.map((text) => {
    const r = engine.handleTurn({ text, context, now });
    context = r.context;
    now += 1_000;
    return r.reply;
  });
}

describe("engine", () => {
  it("answers a canonical question with its topic, citations and the articles' disagreement", () => {
    const { reply } = ask("Does microneedling hurt?");
    expect(reply).toMatchObject({ kind: "answer", topic: "pain" });
    expect(reply.citations.length).toBeGreaterThan(0);
    expect(reply.conflicts[0]?.positions.length).toBeGreaterThanOrEqual(2);
    const titles = new Set([...shippedKnowledge().sources.values()].map((s) => s.title));
    for (const c of reply.citations) expect(titles.has(c.title)).toBe(true);
  });

  it("shows both sides when articles disagree on how long results last", () => {
    const { reply } = ask("how long do results last");
    expect(reply.topic).toBe("results-duration");
    const claims = reply.conflicts.flatMap((c) => c.positions.map((p) => p.quote)).join(" ");
    expect(claims).toMatch(/30 and 45 days/);
    expect(claims).toMatch(/several months to a year/);
  });

  it("passes the SMS short form along with an answer", () => {
    expect(ask("does it hurt").extras.short?.length).toBeLessThanOrEqual(280);
  });

  it("declines Botox questions instead of answering with a microneedling topic", () => {
    const { reply } = ask("how long does botox last");
    expect(reply.kind).toBe("fallback");
    expect(reply.topic).toBeNull();
    expect(reply.suggestions.length).toBeGreaterThan(0);
  });

  it("says first what the articles do not cover, then answers the topic's question as written", () => {
    const { reply } = ask("should i stop my tretinoin before my appointment?");
    expect(reply).toMatchObject({ kind: "answer", topic: "preparation" });
    expect(reply.text).toMatch(
      /^The articles don't say anything about tretinoin\. On “How should I prepare for a session\?” they say: \S/,
    );
    expect(reply.citations.length).toBeGreaterThan(0);
  });

  it("answers a comparison of another treatment with microneedling as vs-alternatives", () => {
    expect(ask("is microneedling better than botox").reply.topic).toBe("vs-alternatives");
  });

  it("falls back with suggestions on questions unrelated to skin", () => {
    const { reply } = ask("who won the world cup in 2018");
    expect(reply.kind).toBe("fallback");
    expect(reply.suggestions.length).toBeGreaterThanOrEqual(2);
  });

  it("says in their language when it cannot read a message, with the safety line, whatever the script", () => {
    for (const [text, line] of [
      ["昨天做了微针，今天整张脸又红又肿又烫", /急救/],
      ["J'ai fait un microneedling hier et je fais une réaction allergique, mon visage gonfle", /urgences/],
      ["マイクロニードリングの後、顔が腫れています", /emergency services/],
      // No language the pack knows, yet mostly no English words: the same, unnamed.
      ["Paljonko mikroneulaus maksaa?", /only answer in English.*emergency services/s],
    ] as const) {
      const { reply } = ask(text);
      expect(reply.kind, text).toBe("fallback");
      expect(reply.text, text).toMatch(line);
    }
  });

  it("treats a described complication as urgent, before anything else", () => {
    for (const text of [
      "my face is swolen and i cant breath",
      "bleeding wont stop since my session",
      "theres pus and i have a fever",
    ]) {
      const { reply } = ask(text);
      expect(reply.kind, text).toBe("urgent");
      expect(reply.text).toMatch(/emergency/i);
    }
  });

  it("takes thanks with what they will do now, right after urgent advice, as a pleasantry, and a question as more of it", () => {
    const urgentReport = "my face is swollen and hot and oozing since yesterday's session";
    expect(conversation(urgentReport, "thanks, calling them now").map((r) => r.kind)).toEqual([
      "urgent",
      "smalltalk",
    ]);
    // Said with what they will do, the thanks still closes it, and the reply offers no more questions.
    const [, closing] = conversation(urgentReport, "Thanks so much, heading to the hospital straight away.");
    expect(closing).toMatchObject({ kind: "smalltalk", suggestions: [] });
    expect(closing!.text).toMatch(/don't wait/);
    // A plan that is not the advice is more of the complication: "going to" alone says nothing of help.
    expect(
      conversation(urgentReport, "i was going to take a painkiller and sleep it off").map((r) => r.kind),
    ).toEqual(["urgent", "urgent"]);
    expect(
      conversation(urgentReport, "ok thanks but should i wait till tomorrow?").map((r) => r.kind),
    ).toEqual(["urgent", "urgent"]);
    // Having acted closes it too; news of it getting worse, with thanks or not, is more of the complication.
    expect(
      conversation(urgentReport, "thanks I rang the clinic they are seeing me this afternoon").map(
        (r) => r.kind,
      ),
    ).toEqual(["urgent", "smalltalk"]);
    expect(
      conversation(urgentReport, "thanks, I called them but its spreading now").map((r) => r.kind),
    ).toEqual(["urgent", "urgent"]);
    // Having acted, a question a topic answers is answered.
    const [, asked] = conversation(
      urgentReport,
      "ok I've called them. once it's healed how long should I wait before the next session?",
    );
    expect(asked).toMatchObject({ kind: "answer", topic: "session-interval" });
  });

  it("answers ordinary side-effect questions normally, not as urgent", () => {
    for (const text of [
      "is redness after microneedling normal?",
      "can microneedling cause infection?",
      "no fever, just a little redness, is that ok",
    ]) {
      expect(ask(text).reply.kind, text).not.toBe("urgent");
    }
  });

  it("hands off to a person with the clinic's contact details", () => {
    const { reply } = ask("can i talk to a real person");
    expect(reply.kind).toBe("handoff");
    expect(reply.text).toContain("+1 555 0100");
  });

  it("says it is an automated assistant, not a clinician", () => {
    const { reply } = ask("are you a real doctor?");
    expect(reply.kind).toBe("smalltalk");
    expect(reply.text).toMatch(/automated assistant/);
    expect(reply.text).toMatch(/not a clinician/);
  });

  it("asks which one was meant when a question fits several topics, and accepts a number", () => {
    const [first, second] = conversation("how long does it take?", "1");
    expect(first!.kind).toBe("clarify");
    expect(first!.alternatives.length).toBeGreaterThanOrEqual(2);
    expect(first!.alternatives.length).toBeLessThanOrEqual(3);
    expect(first!.suggestions.at(-1)).toBe("None of these");
    expect(second).toMatchObject({ kind: "answer", topic: first!.alternatives[0]!.topic });
  });

  it("accepts a clarify choice by its question text and 'none of these'", () => {
    const [first] = conversation("how long does it take?");
    const pick = first!.alternatives[1]!;
    expect(conversation("how long does it take?", pick.question)[1]).toMatchObject({ topic: pick.topic });
    expect(conversation("how long does it take?", "none of these")[1]!.kind).toBe("fallback");
  });

  it("resolves elliptical follow-ups against the conversation", () => {
    const replies = conversation(
      "does microneedling help acne scars",
      "and how long does that last?",
      "what about under my eyes?",
    );
    expect(replies.map((r) => r.topic)).toEqual(["acne-scars", "results-duration", "under-eye"]);
  });

  it("does not drag an abrupt change of subject back to the old topic", () => {
    const [, second] = conversation("how long is recovery", "whats the weather tomorrow");
    expect(second!.kind).toBe("fallback");
  });

  it("never suggests a question the conversation already covered", () => {
    const replies = conversation("what is microneedling", "does it hurt");
    expect(replies[1]!.suggestions).not.toContain(
      shippedKnowledge().topicById.get("what-is-microneedling")!.question,
    );
  });

  it("forgets context after the idle timeout", () => {
    const first = engine.handleTurn({ text: "how long does it take?", now: 0 });
    expect(first.reply.kind).toBe("clarify");
    const later = engine.handleTurn({ text: "1", context: first.context, now: 3 * 60 * 60_000 });
    expect(later.context.turns).toBe(1);
    expect(later.reply.topic).not.toBe(first.reply.alternatives[0]!.topic);
  });

  it("returns a complete contract object for every kind", () => {
    for (const text of [
      "hi",
      "does it hurt",
      "how long does it take?",
      "botox?",
      "call me",
      "i cant breathe",
    ]) {
      const { reply } = ask(text);
      expect(REPLY_KINDS).toContain(reply.kind);
      expect(contractKeysOf(reply)).toEqual(CONTRACT_KEYS);
      if (reply.kind === "clarify") expect(typeof reply.noneOfThese).toBe("string");
    }
  });
});

describe("a turn's parts", () => {
  it("are read and matched once a turn, whichever guards ask for them", () => {
    const calls = { analyze: 0, match: 0 };
    const shipped = engine.env.index;
    const index = {
      ...shipped,
      analyze(text: string) {
        calls.analyze++;
        return shipped.analyze(text);
      },
      matchAnalysis(...args: Parameters<typeof shipped.matchAnalysis>) {
        calls.match++;
        return shipped.matchAnalysis(...args);
      },
    };
    const turn = createTurn(
      { ...engine.env, index },
      "thanks so much. how long does it stay red?",
      createContext(0),
    );
    const clause = turn.part("thanks so much");
    expect(turn.part("thanks so much")).toBe(clause);
    expect(clause.match()).toBe(clause.match());
    expect(clause.analysis.words).toEqual(shipped.analyze("thanks so much").words);
    // The message itself, then the clause: each analysed once, the clause matched once.
    expect(calls).toEqual({ analyze: 2, match: 1 });
  });
});
