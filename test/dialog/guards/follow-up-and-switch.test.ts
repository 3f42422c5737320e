import { describe, expect, it } from "vitest";
import { createContext } from "../../../src/dialog/context.ts";
import { createTurn } from "../../../src/dialog/engine.ts";
import { followUpGuard } from "../../../src/dialog/guards/follow-up.ts";
import { subjectSwitchGuard } from "../../../src/dialog/guards/subject-switch.ts";
import { shippedEngine } from "../../support/shipped.ts";
import { env, runGuard } from "./helpers.ts";

describe("subject switch guard", () => {
  it("asks the last question of the subject named: 'and X?' after a question about something else", () => {
    const outcome = runGuard(subjectSwitchGuard, "ok and microneedling?", {
      lastWords: ["how", "much", "cost"],
    });
    expect(outcome?.decision).toMatchObject({ kind: "answer", topic: "cost" });
    expect(outcome?.reason).toMatch(/the last question, asked of/);
  });
  it("passes a full question, and a bare name with nothing to carry", () => {
    expect(
      runGuard(subjectSwitchGuard, "what is microneedling?", { lastWords: ["how", "much"] }),
    ).toBeUndefined();
    expect(runGuard(subjectSwitchGuard, "and microneedling?")).toBeUndefined();
  });
  it("has no question to ask again after a greeting", () => {
    expect(
      runGuard(subjectSwitchGuard, "so what actually is microneedling?", {
        lastWords: ["hi", "there"],
        lastKind: "smalltalk",
      }),
    ).toBeUndefined();
  });
});

describe("follow-up guard", () => {
  it("reads an elliptical message with the last question", () => {
    // The guard marks the follow-up; the rank guard after it may decide with the last topic as context.
    const engine = shippedEngine();
    const first = engine.explain({ text: "what happens during a session", context: null, now: 0 });
    const { reply, trace } = engine.explain({
      text: "and how long does that take?",
      context: first.context,
      now: 1,
    });
    expect(reply).toMatchObject({ kind: "answer", topic: "session-duration" });
    expect(trace.followUp).toBe(true);
    expect(trace.decidedBy).toMatch(/follow-up of procedure-steps/);
  });
  /** The shipped engine after `first` was answered with `topic`: the next message's reply and trace. */
  const afterAnswer = (first: string, topic: string) => {
    const engine = shippedEngine();
    const opening = engine.explain({ text: first, context: null, now: 0 });
    expect(opening.reply).toMatchObject({ topic });
    return (text: string) => engine.explain({ text, context: opening.context, now: 1 });
  };
  it("leaves a sign-off that asks nothing to the pleasantries, and reads a question after 'ok' as one", () => {
    const next = afterAnswer("is microneedling better than laser for acne scars", "vs-alternatives");
    const thanks = next("ok thanks anyway");
    expect(thanks.reply.kind).toBe("smalltalk");
    expect(thanks.trace.followUp).toBe(false);
    expect(next("ok what else is it good for").trace.followUp).toBe(true);
  });
  it("counts how a measure is asked as no word of the message's own: 'ugh ok how many tho' leans back", () => {
    const next = afterAnswer("is this a 1 and done thing or do the results wear off", "results-duration");
    const { reply, trace } = next("ugh ok how many tho");
    expect(trace.followUp).toBe(true);
    expect(reply).toMatchObject({ kind: "answer", topic: "number-of-sessions" });
    // Other questions' words still count: asking the time names a new subject's words.
    expect(next("what time do you open on saturdays and sundays").trace.followUp).toBe(false);
  });
  it("reads a bare place after a question about a concern as asking whether that place is treated", () => {
    const next = afterAnswer("does microneedling help stretch marks", "stretch-marks");
    for (const text of ["On the thighs?", "what about on my thighs?"]) {
      const { reply, trace } = next(text);
      expect(reply).toMatchObject({ kind: "answer", topic: "body-areas" });
      expect(trace.decidedBy).toMatch(/a place after a question about no place \(stretch-marks\)/);
    }
    // After a question asking a measure, the place asks that measure of it.
    const measure = afterAnswer("how long does a session take", "session-duration");
    expect(measure("and on my back?").reply).toMatchObject({ kind: "answer", topic: "session-duration" });
  });
  it("reads a follow-up whose only words are common ones ('is that so?') with the last question first", () => {
    const next = afterAnswer("can i just do microneedling at home with a roller", "at-home");
    const { reply, trace } = next("is that so?");
    expect(reply).toMatchObject({ kind: "answer", topic: "at-home" });
    expect(trace.decidedBy).toMatch(/^follow-up: read with the last question/);
  });
  it("answers 'why?', 'how come', 'meaning?', 'so yes or no', 'for real?' or 'what else' with nothing of their own about the last answer", () => {
    const atHome = afterAnswer("can i just do microneedling at home with a roller", "at-home");
    const interval = afterAnswer("how far apart should the sessions be", "session-interval");
    const aftercare = afterAnswer(
      "going sailing for a week straight after my session, is that a problem",
      "aftercare",
    );
    const downside = afterAnswer("whats the downside", "side-effects");
    const treats = afterAnswer("what can microneedling treat", "concerns-treated");
    // Not a definition ("meaning"), nor a pleasantry ("are you real").
    for (const [next, text, topic, type] of [
      [atHome, "why not", "at-home", "reason"],
      [interval, "how come", "session-interval", "reason"],
      [interval, "why?", "session-interval", "reason"],
      [aftercare, "meaning?", "aftercare", "clarification"],
      [aftercare, "so yes or no", "aftercare", "clarification"],
      [downside, "what do you mean", "side-effects", "clarification"],
      [downside, "for real?", "side-effects", "clarification"],
      [treats, "what else?", "concerns-treated", "clarification"],
    ] as const) {
      const { reply, trace } = next(text);
      expect(reply, text).toMatchObject({ kind: "answer", topic });
      expect(trace.decidedBy, text).toContain(`asks "${type}" with nothing of its own`);
    }
    // A reason asked about something named is read as usual.
    expect(interval("why do people need more than one").trace.decidedBy).not.toMatch(/asks "reason"/);
    // With nothing answered before, "are you real?" is still a pleasantry.
    expect(shippedEngine().explain({ text: "are you real?", context: null, now: 0 }).reply.kind).toBe(
      "smalltalk",
    );
  });
  it("asks a bare measure of the last answer when that answer gives a figure of its kind", () => {
    // The aftercare answer gives "at least 24 hours": "for how long?" asks how long to keep it up.
    const aftercare = afterAnswer("should I stay out of the sun after", "aftercare");
    for (const text of ["for how long?", "how long for tho"]) {
      const { reply, trace } = aftercare(text);
      expect(reply, text).toMatchObject({ kind: "answer", topic: "aftercare" });
      expect(trace.decidedBy, text).toMatch(/asks "duration" with nothing of its own, and the last answer/);
    }
    // Pointing at something else, or asked after an answer with no length, it is read as usual.
    expect(aftercare("how long will I be there").trace.decidedBy).not.toMatch(/gives such a figure/);
    const treats = afterAnswer("what can microneedling treat", "concerns-treated");
    expect(treats("how long?").trace.decidedBy).not.toMatch(/gives such a figure/);
  });
  it("reads a choice among options it does not name as picking among the last answer's", () => {
    const alternatives = afterAnswer("is microneedling better than laser", "vs-alternatives");
    const topUps = afterAnswer("how often do i need top ups", "maintenance");
    for (const [next, text, topic] of [
      [alternatives, "and which one is more cheap?", "vs-alternatives"],
      [alternatives, "which one has the worse recovery", "vs-alternatives"],
      [topUps, "thats a massive range, which one is it", "maintenance"],
    ] as const) {
      const { reply, trace } = next(text);
      expect(reply, text).toMatchObject({ kind: "answer", topic });
      expect(trace.decidedBy, text).toMatch(/picks among options it does not name/);
    }
    // Naming its own options, it is a new question.
    expect(
      alternatives("which is better for scars, needling or a chemical peel").trace.decidedBy,
    ).not.toMatch(/picks among/);
  });
  it("answers a follow-up of common words by what it asks alone when that reading is sure", () => {
    const { reply, trace } = afterAnswer(
      "Does microneedling help with acne scars?",
      "acne-scars",
    )("how much would that be");
    expect(reply).toMatchObject({ kind: "answer", topic: "cost" });
    expect(trace.decidedBy).toMatch(/^follow-up: on its own/);
  });
  it("asks the last question of the other side of the treatment for a bare 'and after?'", () => {
    const after = afterAnswer("anything i should do before my first session?", "preparation")("and after?");
    expect(after.reply).toMatchObject({ kind: "answer", topic: "aftercare" });
    expect(after.trace.decidedBy).toMatch(/asked of the other side of the treatment/);
    const before = afterAnswer("what should i do after my session", "aftercare")("and before?");
    expect(before.reply).toMatchObject({ kind: "answer", topic: "preparation" });
  });
  it("asks what the last topic names as related after it for 'and after that?' after a topic on neither side", () => {
    const next = afterAnswer(
      "how long is a full course altogether",
      "treatment-timeline",
    )("and then what, after that?");
    expect(next.reply).toMatchObject({ kind: "answer", topic: "maintenance" });
    expect(next.trace.decidedBy).toMatch(/asks what comes after/);
    // A topic on neither side that names none on that side leaves it to the usual reading.
    const pain = afterAnswer("does it hurt", "pain")("and after?");
    expect(pain.trace.decidedBy).not.toMatch(/asks what comes after/);
  });
  it("reads a product named after a topic about one side of the treatment as used around it", () => {
    const next = afterAnswer("how do i prepare for my session", "preparation");
    const { reply, trace } = next("do i have to pause my retinol?");
    expect(reply).toMatchObject({ kind: "answer", topic: "preparation" });
    expect(reply.text).toMatch(/retinol/);
    expect(trace.followUp).toBe(true);
    // Compared, it is a question of its own (declined, or the comparison topic), not preparation.
    const compared = next("is retinol better?");
    expect(compared.trace.followUp).toBe(false);
    expect(compared.reply.kind === "fallback" || compared.reply.topic === "vs-alternatives").toBe(true);
  });
  it("keeps a rare product named in a bare 'what about X?' as context of the last topic, not a new subject", () => {
    const { reply } = afterAnswer(
      "anything i need to do before my first session?",
      "preparation",
    )("what about my tretinoin cream?");
    expect(reply).toMatchObject({ kind: "answer", topic: "preparation" });
    expect(reply.text).toMatch(/don't say anything about tretinoin/);
  });
  it("reads a new subject too short to be sure of alone as asked about the pack's only subject, when both readings agree", () => {
    const next = afterAnswer("how much does it cost", "cost");
    const { reply, trace } = next("what about sunscreen");
    expect(reply).toMatchObject({ kind: "answer", topic: "aftercare" });
    expect(trace.decidedBy).toMatch(/on its own, about microneedling/);
    // Read alone, the same message is too unsure to answer: the conversation's subject is what settles it.
    expect(shippedEngine().explain({ text: "what about sunscreen", context: null }).reply.kind).toBe(
      "fallback",
    );
  });
  it("answers a request for the source with the last answer, though the pack never uses the word", () => {
    const next = afterAnswer("how long do the results last", "results-duration");
    for (const text of ["source?", "sources pls", "any evidence?"]) {
      const { reply, trace } = next(text);
      expect(reply, text).toMatchObject({ kind: "answer", topic: "results-duration" });
      expect(trace.decidedBy, text).toMatch(/asks "clarification" with nothing of its own/);
    }
  });
  it("reads a follow-up alone as a first question is read: the place says where, the rest asks what", () => {
    // Read with the last question, the scalp keeps hair loss; read alone, as the rank guard reads it, it asks about pain.
    const next = afterAnswer("does microneedling work on hair loss", "hair-loss");
    const { reply, trace } = next("does it hurt on the scalp?");
    expect(reply).toMatchObject({ kind: "answer", topic: "pain" });
    expect(trace.decidedBy).toMatch(/on its own: scalp says where, the rest asks what/);
  });
  it("reads places contrasted after a question about one aspect as where, and the rest as what is asked", () => {
    const { reply, trace } = afterAnswer(
      "how long does a session take",
      "session-duration",
    )("does it sting more on the forehead than the cheeks?");
    expect(reply).toMatchObject({ kind: "answer", topic: "pain" });
    expect(trace.decidedBy).toMatch(/(places contrasted are|says) where, the rest asks what/);
  });
  it("passes when nothing was answered before, or the message names a new subject of its own", () => {
    expect(runGuard(followUpGuard, "and the cost?")).toBeUndefined();
    expect(
      runGuard(followUpGuard, "what is the weather in paris", {
        recentTopics: ["pain"],
        lastWords: ["hurt"],
      }),
    ).toBeUndefined();
  });
  it("carries a question re-asked of another place on, so the next place asks it too", () => {
    const next = (() => {
      const engine = shippedEngine();
      let context = engine.explain({ text: "how long is one appointment", context: null, now: 0 }).context;
      return (text: string) => {
        const result = engine.explain({ text, context, now: 1 });
        context = result.context;
        return result;
      };
    })();
    expect(next("the cheeks").reply).toMatchObject({ kind: "answer", topic: "session-duration" });
    const chest = next("and my chest?");
    expect(chest.reply).toMatchObject({ kind: "answer", topic: "session-duration" });
    expect(chest.trace.decidedBy).toMatch(/about another place/);
  });
  it("asks a measure the last question asked of what a fragment names: 'for the stretch marks' after 'how many'", () => {
    const next = afterAnswer("how many sessions would I need", "number-of-sessions");
    const { reply, trace } = next("for the stretch marks on my hips");
    expect(reply).toMatchObject({ kind: "answer", topic: "number-of-sessions" });
    expect(trace.decidedBy).toMatch(/asked a measure, now of/);
    // A fragment after a question that asked no measure is read as usual.
    const after = afterAnswer("can it help stretch marks", "stretch-marks")("for my acne scars");
    expect(after.trace.decidedBy).not.toMatch(/asked a measure/);
  });
  it("asks the last question about another place for a bare 'and for the back?'", () => {
    const context = { recentTopics: ["session-duration"], lastWords: ["how", "long", "session", "take"] };
    for (const text of ["and for the back?", "and the hands?"]) {
      const outcome = runGuard(followUpGuard, text, context);
      expect(outcome?.decision, text).toMatchObject({ kind: "answer", topic: "session-duration" });
      expect(outcome?.reason, text).toMatch(/about another place/);
    }
  });
  it("reads 'what about' before a place as no question of its own, and asks the next place the same", () => {
    const next = afterAnswer("how long does a session take", "session-duration");
    const arms = next("what about my arms?");
    expect(arms.trace.decidedBy).toMatch(/about another place: arms/);
    // The place asked about carries the question on: the one after it is asked the same.
    const engine = shippedEngine();
    const legs = engine.explain({ text: "and the legs?", context: arms.context, now: 2 });
    expect(legs.reply).toMatchObject({ kind: "answer", topic: "session-duration" });
  });
  it("reads a bare place after a question asking no measure as whether that place is treated", () => {
    const { reply, trace } = afterAnswer(
      "Is microneedling any good for jowls?",
      "anti-aging",
    )("and my neck?");
    expect(reply).toMatchObject({ kind: "answer", topic: "body-areas" });
    expect(trace.decidedBy).not.toMatch(/about another place/);
  });
});

/**
 * Runs the follow-up guard on `text` after a question on `after` (its words `lastWords`), with a fitted
 * table saying the conversations stayed with `after` `stays` times, moved to `asked` `moves` times and
 * went to each topic of `elsewhere` so many times.
 */
function withTable(after: string, lastWords: string[], asked: string, text: string) {
  return (stays: number, moves: number, elsewhere?: Record<string, number>) => {
    const followUps = [
      {
        after,
        asked,
        stays: [stays, 0, 0, 0, 0],
        moves: [moves, 0, 0, 0, 0],
        ...(elsewhere
          ? {
              elsewhere: Object.fromEntries(
                Object.entries(elsewhere).map(([to, n]) => [to, [n, 0, 0, 0, 0]]),
              ),
            }
          : {}),
      },
    ];
    // The easing the table's follow-ups are answered at is pinned: the pack's fitted one moves with its dev set.
    const tableEnv = {
      ...env,
      thresholds: { ...env.thresholds, followUpEasing: 0.2 },
      kb: { ...env.kb, calibration: { ...env.kb.calibration!, followUps } },
    };
    const context = { ...createContext(0), recentTopics: [after], lastWords };
    return followUpGuard.run(createTurn(tableEnv, text, context));
  };
}

describe("follow-ups the pack's conversations stayed with", () => {
  const run = withTable("at-home", ["can", "do", "microneedling", "home"], "safety", "is that safe tho");
  it("keeps the last topic when a follow-up read alone as another stayed with it in the fitted table", () => {
    const outcome = run(3, 0);
    expect(outcome?.decision).toMatchObject({ kind: "answer", topic: "at-home" });
    expect(outcome?.reason).toMatch(/read alone as safety, but the pack's conversations stayed with at-home/);
  });
  it("answers what the message asks alone when the table does not say the conversations stayed", () => {
    expect(run(2, 1)?.decision).toMatchObject({ kind: "answer", topic: "safety" });
    expect(run(0, 0)?.decision).toMatchObject({ kind: "answer", topic: "safety" });
  });
  it("does not let two conversations overrule what the message asks alone", () => {
    expect(run(2, 0)?.decision).toMatchObject({ kind: "answer", topic: "safety" });
  });
});

describe("follow-ups the pack's conversations moved on from", () => {
  // After a topic about a place itself, another place may ask the same of it: the table decides.
  const run = withTable(
    "under-eye",
    ["can", "microneedling", "be", "done", "under", "my", "eyes"],
    "body-areas",
    "what about my neck",
  );
  it("answers what the message asks alone when the conversations moved there after the last topic", () => {
    const outcome = run(0, 4);
    expect(outcome?.decision).toMatchObject({ kind: "answer", topic: "body-areas" });
    expect(outcome?.reason).toMatch(
      /read alone as body-areas, which the pack's conversations moved to after under-eye \(4 to 0\)/,
    );
  });
  it("keeps the last topic when they did not move often enough", () => {
    expect(run(1, 2)?.decision).toMatchObject({ kind: "answer", topic: "under-eye" });
  });
});

describe("follow-ups the pack's conversations went on from to a third topic", () => {
  // "how often would I need it?" after hair loss reads alone as upkeep; the table may say where it went.
  const run = withTable(
    "hair-loss",
    ["does", "microneedling", "help", "hair", "loss"],
    "maintenance",
    "how often would I need it",
  );
  it("answers the third topic the conversations went to at least STAY_MARGIN times more than to every other", () => {
    const outcome = run(0, 1, { "session-interval": 5 });
    expect(outcome?.decision).toMatchObject({ kind: "answer", topic: "session-interval" });
    expect(outcome?.reason).toMatch(
      /read alone as maintenance, but the pack's conversations went to session-interval after hair-loss and such a follow-up \(5 to 1\)/,
    );
  });
  it("answers as read when the third topic does not outnumber the other answers enough", () => {
    expect(run(0, 2, { "session-interval": 4 })?.decision).toMatchObject({ topic: "maintenance" });
    expect(run(0, 0, { "session-interval": 3, cost: 1 })?.decision).toMatchObject({ topic: "maintenance" });
  });
});
