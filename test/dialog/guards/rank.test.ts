import { describe, expect, it } from "vitest";
import { rankGuard } from "../../../src/dialog/guards/rank.ts";
import { shippedEngine, shippedKnowledge } from "../../support/shipped.ts";
import { runGuard } from "./helpers.ts";

describe("rank guard", () => {
  it("answers a clear question with its confidence and says why", () => {
    const outcome = runGuard(rankGuard, "so how many sessions will i be needing");
    expect(outcome?.decision).toMatchObject({ kind: "answer", topic: "number-of-sessions" });
    expect(outcome?.reason).toMatch(/^confidence [01]\.\d\d ≥ 0\.\d\d/);
  });
  it("declines a question about something the pack does not cover", () => {
    expect(runGuard(rankGuard, "how long does botox last")?.decision).toMatchObject({
      kind: "fallback",
      reason: "out-of-scope",
    });
  });
  it("says plainly what the answer does not cover when a question mixes in an uncovered subject", () => {
    const outcome = runGuard(rankGuard, "can i get botox and microneedling the same day");
    expect(outcome?.decision).toMatchObject({ kind: "answer", missing: expect.arrayContaining(["botox"]) });
  });
  it("reads an uncovered subject named as the writer's own routine as context, and says it is not covered", () => {
    const outcome = runGuard(
      rankGuard,
      "i use retinol every night, what should i stop before the appointment?",
    );
    expect(outcome?.decision).toMatchObject({ kind: "answer", missing: expect.arrayContaining(["retinol"]) });
    expect(runGuard(rankGuard, "how long does retinol take to work")?.decision).toMatchObject({
      kind: "fallback",
      reason: "out-of-scope",
    });
  });
  it("answers a statement that names an uncovered subject only when sure, and declines a question about it", () => {
    const told = runGuard(rankGuard, "my pain tolerance is zero, even eyebrow threading makes me cry");
    expect(told?.decision).toMatchObject({ kind: "answer", topic: "pain", missing: ["eyebrow threading"] });
    expect(runGuard(rankGuard, "does eyebrow threading make you cry")?.decision).toMatchObject({
      kind: "fallback",
      reason: "out-of-scope",
    });
  });
  it("answers a message that is word for word a topic's own phrasing with that topic, and says so", () => {
    const outcome = runGuard(rankGuard, "Is microneedling good for oily skin?");
    expect(outcome?.decision).toMatchObject({ kind: "answer", topic: "skin-types" });
    expect(outcome?.reason).toMatch(/^word for word the pack's phrasing of skin-types/);
    // Nearly every phrasing the pack writes is answered with its topic, whatever others' wording taught.
    const engine = shippedEngine();
    const phrasings = shippedKnowledge().topics.flatMap((t) => t.phrasings.map((p) => [t.id, p] as const));
    const elsewhere = phrasings.filter(
      ([id, text]) => engine.explain({ text, context: null, now: 0 }).reply.topic !== id,
    );
    expect(elsewhere.length).toBeLessThanOrEqual(phrasings.length * 0.005);
  });
  it("declines a question that puts another subject where the best phrasing names the pack's", () => {
    const outcome = runGuard(rankGuard, "is bakuchiol good for oily skin");
    expect(outcome?.decision).toMatchObject({ kind: "fallback", reason: "out-of-scope" });
    expect(outcome?.reason).toBe("names bakuchiol, which the pack does not cover");
    for (const asked of ["is it good for oily skin", "is microneedling good for oily skin"])
      expect(runGuard(rankGuard, asked)?.decision).toMatchObject({ kind: "answer", topic: "skin-types" });
  });
  it("answers what a message's question asks when what it tells first draws the ranking elsewhere", () => {
    const outcome = runGuard(rankGuard, "Hi. I want microneedling for my acne scars. Does it hurt much?");
    expect(outcome?.decision).toMatchObject({ kind: "answer", topic: "pain" });
    expect(outcome?.reason).toMatch(/^its question \("does it hurt much"\) asks this/);
    // One clause, or a question the whole message reads the same way: the whole message decides.
    expect(runGuard(rankGuard, "so how many sessions will i be needing")?.reason).toMatch(/^confidence/);
  });
  it("answers a question naming the pack's subject when the rest of the message is what the acceptor doubted", () => {
    const outcome = runGuard(
      rankGuard,
      "Is microneedling safe? Please keep the reply under fifty words, my data is nearly gone",
    );
    expect(outcome?.decision).toMatchObject({ kind: "answer", topic: "safety" });
    expect(outcome?.reason).toMatch(/^its question \("is microneedling safe"\) asks this/);
    // A question that names nothing of the pack's asks about what the rest tells of.
    expect(
      runGuard(rankGuard, "kettle is leaking from the bottom, is it dangerous to use")?.decision.kind,
    ).toBe("fallback");
  });
  it("answers the question after a clause of pleasantry alone, as if the pleasantry were not said", () => {
    const outcome = runGuard(rankGuard, "oh ok. so how many sessions for someone like me");
    expect(outcome?.decision).toMatchObject({ kind: "answer", topic: "number-of-sessions" });
    const bare = runGuard(rankGuard, "so how many sessions for someone like me");
    expect(bare?.decision).toMatchObject({ kind: "answer", topic: "number-of-sessions" });
  });
  it("takes a clause read as a pleasantry, though its words are new to the pack, for one: the question after it decides", () => {
    const outcome = runGuard(rankGuard, "eish ok. and how long does it last?");
    expect(outcome?.decision).toMatchObject({ kind: "answer", topic: "results-duration" });
    expect(outcome?.reason).toMatch(/^its question \("and how long does it last"\) asks this/);
  });
  it("reads the question after a greeting alone, though the whole message ranks another topic sure", () => {
    // "po" stands in one example of another topic; the greeting around it says nothing the question must carry.
    const outcome = runGuard(rankGuard, "Hi po, how much is microneedling?");
    expect(outcome?.decision).toMatchObject({ kind: "answer", topic: "cost" });
    expect(outcome?.reason).toMatch(/^its question \("how much is microneedling"\) asks this/);
    // A clause before the question that tells or asks something is no greeting, however polite.
    const told = runGuard(rankGuard, "Does it have to be a dermatologist doing it, or is a beautician ok?");
    expect(told?.reason ?? "").not.toMatch(/^its question/);
  });
  it("reads the question after a pleasantry alone in a follow-up too, when the whole is declined for doubt", () => {
    const engine = shippedEngine();
    const first = engine.explain({ text: "how much does it cost", context: null, now: 0 });
    const next = engine.explain({
      text: "eish ok. and how long does it last?",
      context: first.context,
      now: 1,
    });
    expect(next.reply).toMatchObject({ kind: "answer", topic: "results-duration" });
    expect(next.trace.decidedBy).toMatch(/^rank: its question/);
  });
  it("answers what a question about one place asks when the place alone leaves it in doubt", () => {
    const outcome = runGuard(rankGuard, "does it hurt on the scalp");
    expect(outcome?.decision).toMatchObject({ kind: "answer", topic: "pain" });
    expect(outcome?.reason).toMatch(/^scalp says where, the rest asks what/);
    // The rest must name something of its own: "can it be done on the knees?" asks about the knees.
    expect(runGuard(rankGuard, "can it be done on the knees?")?.reason ?? "").not.toMatch(/says where/);
  });
  it("reads a product named before or after the treatment as what they use around it, not the event", () => {
    for (const [text, topic] of [
      ["should i stop my tretinoin before the appointment", "preparation"],
      // "go back on" retinol reads as going back to work as much as to a product since BT joined dev.
      ["when can i start my retinol again after", "aftercare"],
      ["should i stop my retinol toner beforehand", "preparation"],
    ] as const)
      expect(runGuard(rankGuard, text)?.decision, text).toMatchObject({
        kind: "answer",
        topic,
        missing: expect.any(Array),
      });
    expect(runGuard(rankGuard, "how long is the recovery after a facelift")?.decision).toMatchObject({
      kind: "fallback",
      reason: "out-of-scope",
    });
  });
  it("reads a contrast with one uncovered subject as a comparison with the pack's, and two as neither", () => {
    for (const text of [
      "cheaper than lasers?",
      "are lasers more expensive",
      "my derm offered a chemical peel instead, which is gentler?",
    ])
      expect(runGuard(rankGuard, text)?.decision, text).toMatchObject({
        kind: "answer",
        topic: "vs-alternatives",
      });
    expect(runGuard(rankGuard, "is botox better than fillers?")?.decision).toMatchObject({
      kind: "fallback",
      reason: "out-of-scope",
    });
  });
  it("reads an uncovered subject set beside another named thing as a comparison of neither with the pack's", () => {
    // The other side named ("a basic facial") is no uncovered subject, yet stands where the pack's would.
    for (const text of [
      "chemical peel vs a basic facial, which is gentler",
      "between a chemical peel and a facial which is best",
    ])
      expect(runGuard(rankGuard, text)?.decision, text).toMatchObject({
        kind: "fallback",
        reason: "out-of-scope",
      });
    // Beside the pack's subject, or pointing back at it, the comparison is the pack's.
    for (const text of ["microneedling or a chemical peel?", "lasers or needling for acne scars"])
      expect(runGuard(rankGuard, text)?.decision, text).toMatchObject({ kind: "answer" });
  });
  it("reads a message that asks nothing and that no topic fits as the pleasantry it ranks as, not a decline", () => {
    const outcome = runGuard(rankGuard, "Most helpful. Good day to you.");
    expect(outcome?.decision).toMatchObject({ kind: "smalltalk" });
    expect(outcome?.reason).toMatch(/asks nothing and reads as a pleasantry/);
    // Where a topic ranks above the pleasantry ("ask my GP" is near the topic on who should not have it),
    // the smalltalk guard, earlier in the pipeline, reads the closing thanks first.
    const closing = shippedEngine().explain({ text: "alright I'll ask my GP. ta", context: null, now: 0 });
    expect(closing.reply.kind).toBe("smalltalk");
    expect(closing.trace.decidedBy).toMatch(/^smalltalk: opens or closes with a pleasantry/);
    // A request built around a greeting is not one: the acceptor all but rules the pleasantry out.
    expect(runGuard(rankGuard, "translate good morning into spanish")?.decision.kind).toBe("fallback");
  });
  it("declines off-topic questions", () => {
    for (const text of ["whats the capital of peru", "recipe for banana bread", "did arsenal win"])
      expect(runGuard(rankGuard, text)?.decision.kind, text).toBe("fallback");
  });
  it("asks which one when a generic question fits several topics", () => {
    expect(runGuard(rankGuard, "how long will it take?")?.decision).toMatchObject({ kind: "clarify" });
  });
  it("answers a mild symptom of their own asked about as normal with the after-effects topic and the safety line", () => {
    for (const text of [
      "my cheeks feel tight and a bit sunburnt this morning, is that normal?",
      "the day after and my forehead is pink and tingly, should i be worried",
    ]) {
      const outcome = runGuard(rankGuard, text);
      // Matched directly or redirected as a mild symptom: either way the after-effects topic, with the safety line.
      expect(outcome?.decision, text).toMatchObject({ kind: "answer", topic: "side-effects", caution: true });
    }
  });
  it("keeps a topic that speaks of the symptom itself, and leaves symptoms unrelated to a treatment alone", () => {
    expect(runGuard(rankGuard, "a small bruise under my eye after, is that normal?")?.decision).toMatchObject(
      {
        kind: "answer",
        topic: "under-eye",
      },
    );
    expect(runGuard(rankGuard, "how do i soothe a sore throat quickly")?.reason).not.toMatch(/symptom/);
  });
});

describe("rank guard mid-conversation", () => {
  // After "does microneedling help with thinning hair?" and a declined "do i have to shave my head for it lol".
  const lastWords = ["head", "lol"];
  it("eases a doubtful message when reading it with the last question puts the same topic first", () => {
    const alone = runGuard(rankGuard, "pricing for my head");
    const outcome = runGuard(rankGuard, "pricing for my head", {
      recentTopics: ["hair-loss"],
      lastWords,
    });
    expect(alone?.decision.kind).toBe("fallback");
    expect(outcome?.decision).toMatchObject({ kind: "answer", topic: "cost" });
    expect(outcome?.reason).toMatch(/read with the last question, the same topic leads/);
  });
  it("does not ease a message that names a subject the pack does not cover", () => {
    const outcome = runGuard(rankGuard, "do you also do chemical peels", {
      recentTopics: ["hair-loss"],
      lastWords,
    });
    expect(outcome?.decision.kind).toBe("fallback");
  });
});
