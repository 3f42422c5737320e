import { describe, expect, it } from "vitest";
import { handoffGuard } from "../../../src/dialog/guards/handoff.ts";
import { smalltalkGuard } from "../../../src/dialog/guards/smalltalk.ts";
import { shippedEngine } from "../../support/shipped.ts";
import { runGuard } from "./helpers.ts";

describe("handoff guard", () => {
  it("hands over on a request for a person, a booking, a call or a quote", () => {
    for (const text of [
      "can i talk to a real person",
      "i want to book an appointment",
      "call me back pls",
      "give me a price for my face and neck",
      "whats your clinic address",
      "Could someone telephone me please",
      "could you tell me what my price would be for acne scars",
      "could you quote us for two sessions on the neck",
      "got any evening appointments next week? i work days",
    ]) {
      expect(runGuard(handoffGuard, text), text).toMatchObject({ decision: { kind: "handoff" } });
    }
  });
  it("reads a request named after 'if' in a message that asks something else as a case supposed", () => {
    const outcome = runGuard(handoffGuard, "whats your cancellation policy if i cant make it");
    expect(outcome?.reason ?? "").not.toMatch(/^asks for a person/);
    // Made, not supposed: the same words as a request, or a polite "I'd be grateful if…".
    for (const text of [
      "i cant make it tomorrow, sorry",
      "I would be grateful if a member of staff could call me",
    ])
      expect(runGuard(handoffGuard, text)?.decision.kind, text).toBe("handoff");
  });
  it("reads a request said not to be one, or a price range, as none", () => {
    for (const text of [
      "not asking for an exact quote just a rough idea, is it pricey?",
      "is this even in my price range",
    ])
      expect(runGuard(handoffGuard, text)?.reason ?? "", text).not.toMatch(/^asks for a person/);
  });
  it("hands over when someone asks to be put through to staff, in their own words", () => {
    for (const text of [
      "connect me with the nurse please",
      "can you put me through to one of the practitioners",
      "get me someone from reception",
      "are you a bot? i want a real person",
    ])
      expect(runGuard(handoffGuard, text), text).toMatchObject({ decision: { kind: "handoff" } });
  });
  it("hands over on a request ranked above every topic on what the pack learned from handoff requests", () => {
    for (const text of [
      "whats the clinics email or phone",
      "im stuck in traffic, can you let them know im late",
      "can i swap my thursday slot for next week",
    ])
      expect(runGuard(handoffGuard, text)?.reason, text).toMatch(/ranked as a handoff request/);
  });
  it("leaves a message whose clauses ranked as a request are only pleasantries to the guards after it", () => {
    for (const text of [
      "sorry about all my questions, thank you",
      "thanks so much for the help, wishing you a good evening",
      "hello, good morning to you, and thanks for the help earlier",
    ])
      expect(runGuard(handoffGuard, text), text).toBeUndefined();
    // Said with thanks, a request is still one.
    for (const text of ["thanks, can I move my friday slot to next week", "thank you. I need my money back"])
      expect(runGuard(handoffGuard, text)?.reason, text).toMatch(/ranked as a handoff request/);
    // A clause that asks is part of the request, though "what would it be for me" alone reads like "what can you do".
    const quote = "Can I have a quote for stretch marks on my tummy please, what would it be for me";
    expect(runGuard(handoffGuard, quote)?.reason).toMatch(/ranked as a handoff request/);
  });
  it("leaves the last question asked of a place to the guards after it, however like a quote for a body part", () => {
    const afterLength = {
      recentTopics: ["session-duration"],
      lastWords: ["how", "long", "does", "one", "session", "take"],
    };
    expect(runGuard(handoffGuard, "same question for my back", afterLength)).toBeUndefined();
    // Its own question, or a request, still hands over.
    expect(runGuard(handoffGuard, "can you price up my back", afterLength)?.decision.kind).toBe("handoff");
  });
  it("leaves greetings, thanks and a follow-up on the last topic to the guards after it", () => {
    // Also thanks said twice or with an emoji, though requests often end "pls 🙏🙏".
    for (const text of ["hi", "thanks so much", "hello, how are you today?", "thanks thanks", "ty!! 💕"])
      expect(runGuard(handoffGuard, text), text).toBeUndefined();
    expect(
      runGuard(handoffGuard, "and if its my whole back?", {
        recentTopics: ["session-duration"],
        lastWords: ["how", "long", "does", "a", "session", "take"],
      }),
    ).toBeUndefined();
  });
  it("hands over on a short request after an answer when the last topic cannot explain its words", () => {
    const afterSessions = {
      recentTopics: ["number-of-sessions"],
      lastWords: ["how", "many", "sessions", "would", "deep", "scars", "need"],
    };
    for (const text of ["id rather discuss it with a dermatologist", "ok book me in please"])
      expect(runGuard(handoffGuard, text, afterSessions)?.decision.kind, text).toBe("handoff");
  });
  it("leaves a question about the subject asked after what is told to the topics, though the telling resembles requests", () => {
    expect(
      runGuard(handoffGuard, "hello I am from Poland, my english not so good, is microneedling painful?"),
    ).toBeUndefined();
  });
  it("leaves a question a topic answers outright to the topic, however near a handoff request", () => {
    expect(runGuard(handoffGuard, "how do i get ready for my appointment next week")).toBeUndefined();
  });
  it("passes a question passed on for someone, though relayed requests resemble it; a relayed request still hands over", () => {
    for (const text of [
      "hi, lady on the phone wants to know if it's one session or a course",
      "patient on the phone wants to know how long the redness lasts",
    ])
      expect(runGuard(handoffGuard, text), text).toBeUndefined();
    expect(runGuard(handoffGuard, "patient on line 1 wants to speak to a nurse")).toMatchObject({
      decision: { kind: "handoff" },
    });
  });
  it("passes a question about what the assistant is", () => {
    for (const text of ["are you a real person?", "am i talking to a bot", "are you a bot or a real human?"])
      expect(runGuard(handoffGuard, text), text).toBeUndefined();
  });
  it("passes questions that only mention staff", () => {
    for (const text of [
      "do i need to get my doctor's ok first",
      "can a nurse do it or does it need a doctor",
    ])
      expect(runGuard(handoffGuard, text), text).toBeUndefined();
  });
  it("leaves a message near a handoff phrasing in words to a topic that fits outright and ranks above it", () => {
    // "sessions?" and "appointment pls" both read as a session; the ranker knows which asks how many.
    expect(runGuard(handoffGuard, "sessions?")).toBeUndefined();
    expect(runGuard(handoffGuard, "appointment pls")?.decision.kind).toBe("handoff");
  });
  it("passes ordinary questions", () => {
    expect(runGuard(handoffGuard, "does it hurt")).toBeUndefined();
  });
  it("leaves a question a topic answers outright to it when it names booking in passing, but not a request", () => {
    for (const text of [
      "how long is the actual treatment, need to book time off work",
      "can i book my next session sooner than 4 weeks",
      // Told first, then asked: the question's mark says it asks, though it does not open the message.
      "I work nights and my only free day is Monday. Could I go straight back to work afterwards or do I need to book days off?",
    ])
      expect(runGuard(handoffGuard, text), text).toBeUndefined();
    for (const text of [
      "can i book an appointment for next week",
      "can i get a quote for my thighs and stomach? stretch marks after 2 kids",
      "can someone call me to sort a time",
    ])
      expect(runGuard(handoffGuard, text)?.decision.kind, text).toBe("handoff");
  });
  it("reads a first appointment mentioned as context as no request for one", () => {
    for (const text of [
      "my first appointment is on monday, what happens during it?",
      "what should i avoid the week before my first session",
    ])
      expect(runGuard(handoffGuard, text), text).toBeUndefined();
  });
  it("hands over on a request to be booked, rebooked or seen by a named professional", () => {
    for (const text of [
      "book us in for next week please",
      "she needs to be rescheduled, friday doesnt work",
      "could i speak with the dermatologist",
      "do you have any availability on saturday",
      "i have to move my friday appt to the week after",
      "is there a therapist we can speak to first?",
      "please put me in touch with the team",
      "this is no use, put me through to reception",
      "who do i transfer her to for a booking?",
      "how can i get an appointment? whats your phone number",
    ])
      expect(runGuard(handoffGuard, text), text).toMatchObject({ decision: { kind: "handoff" } });
  });
});

describe("smalltalk guard", () => {
  it("reads asking what the assistant can do as a pleasantry, in any words, unless a topic is asked about too", () => {
    for (const text of [
      "what sort of things can you help me with",
      "what kinda stuff can i ask u",
      "which topics do you know about",
      "hello! what kind of stuff can you answer?",
      "Good morning. Might I ask what sort of assistance you are able to provide",
      "what sort of stuff do you know about",
    ])
      expect(runGuard(smalltalkGuard, text)?.decision, text).toMatchObject({ kind: "smalltalk" });
    for (const text of ["what can you tell me about aftercare", "are you able to do my thighs"])
      expect(runGuard(smalltalkGuard, text)?.decision.kind, text).not.toBe("smalltalk");
  });
  it("takes greetings, thanks and goodbyes", () => {
    for (const [text, intent] of [
      ["hi there", "greeting"],
      ["hiii there", "greeting"],
      ["thanks so much", "thanks"],
      ["ok bye", "goodbye"],
      // The pack's pleasantries include the other languages it names when it declines one.
      ["muchas gracias!!", "thanks"],
      ["merci beaucoup", "thanks"],
      // Every word a pleasantry's and near one in meaning, though "today" is rare in the phrasings.
      ["how are you today", "greeting"],
    ] as const) {
      expect(runGuard(smalltalkGuard, text)?.decision, text).toMatchObject({ kind: "smalltalk", intent });
    }
  });
  it("leaves a pleasantry followed by a question of its own to the guards after it, in any clause", () => {
    const after = { recentTopics: ["recovery-downtime"], lastWords: ["can", "i", "go", "to", "the", "gym"] };
    for (const text of [
      "cool. does it do anything for chest acne scars",
      "lovely. will it work on my neck",
      "oh ok and is it safe? sorry",
      // The question starts at "how", past the words said before it.
      "oh ok. so how many sessions for someone like me",
    ])
      expect(runGuard(smalltalkGuard, text, after)?.decision.kind, text).not.toBe("smalltalk");
    // What it asks is itself the pleasantry.
    for (const text of ["can you help me?", "ok thanks. bye"])
      expect(runGuard(smalltalkGuard, text)?.decision.kind, text).toBe("smalltalk");
  });
  it("takes a pleasantry ranked above every topic, but not a question or a follow-up opening with 'ok'", () => {
    expect(runGuard(smalltalkGuard, "great, appreciate it")?.reason).toMatch(/ranked as a pleasantry/);
    expect(
      runGuard(smalltalkGuard, "ok so who should do it then", {
        recentTopics: ["at-home"],
        lastWords: ["can", "i", "do", "it", "at", "home"],
      }),
    ).toBeUndefined();
  });
  it("takes a short pleasantry after an answer as a pleasantry, while a short question still leans back", () => {
    const after = { recentTopics: ["hair-loss"], lastWords: ["can", "it", "help", "hair", "loss"] };
    // Taken by this guard or, ranked a pleasantry before every topic, by the last one: a pleasantry either way.
    const engine = shippedEngine();
    const first = engine.explain({ text: "can microneedling help hair loss", context: null, now: 0 });
    expect(engine.explain({ text: "ok cheers anyway", context: first.context, now: 1 }).reply.kind).toBe(
      "smalltalk",
    );
    expect(runGuard(smalltalkGuard, "ok and after?", after)).toBeUndefined();
    // Said with a pleasantry's words ("gotta go"), a question leaning back is still a question; said fresh, a goodbye.
    const onResults = { recentTopics: ["results-onset"], lastWords: ["how", "soon"] };
    expect(runGuard(smalltalkGuard, "and with just one go?", onResults)).toBeUndefined();
    expect(runGuard(smalltalkGuard, "gotta go")?.decision).toMatchObject({ kind: "smalltalk" });
    // Asking nothing with no topic near, a pleasantry ranked first closes the exchange, however short.
    expect(runGuard(smalltalkGuard, "grand, ta", after)?.decision).toMatchObject({ kind: "smalltalk" });
  });
  it("takes a pleasantry ranked first when no topic comes near, though the acceptor doubts it", () => {
    expect(runGuard(smalltalkGuard, "thank you kindly, have a lovely weekend")?.decision).toMatchObject({
      kind: "smalltalk",
      intent: "thanks",
    });
    expect(runGuard(smalltalkGuard, "easy pancake recipe pls")).toBeUndefined();
  });
  it("takes a message made only of pleasantries of several kinds by the one it says most plainly", () => {
    expect(runGuard(smalltalkGuard, "lol ok thanks")?.decision).toMatchObject({
      kind: "smalltalk",
      intent: "thanks",
    });
    // Made of pleasantry words, a question is still a question.
    expect(
      runGuard(smalltalkGuard, "so all in how long", {
        recentTopics: ["session-interval"],
        lastWords: ["how", "often"],
      }),
    ).toBeUndefined();
  });
  it("takes a short message whose every clause is a pleasantry, a greeting that asks included", () => {
    for (const text of ["hello! how are you?", "hey, how r u", "Hello there, hope you're keeping well"])
      expect(runGuard(smalltalkGuard, text)?.decision, text).toMatchObject({ kind: "smalltalk" });
    // A clause asking what a topic answers, or leaning back like a question, is not a pleasantry.
    expect(runGuard(smalltalkGuard, "hello! how long does it last?")).toBeUndefined();
    const after = { recentTopics: ["under-eye"], lastWords: ["under", "my", "eyes"] };
    expect(runGuard(smalltalkGuard, "ok. and when does that go", after)).toBeUndefined();
  });
  it("leaves a question after a greeting to the topics when a topic answers it read alone", () => {
    // "how much is it" is as near "how are you" in meaning as words of asking alone can be: not enough.
    expect(runGuard(smalltalkGuard, "Good morning! How much is it?")).toBeUndefined();
    expect(
      shippedEngine().explain({ text: "Good morning! How much is it?", context: null, now: 0 }).reply,
    ).toMatchObject({
      kind: "answer",
      topic: "cost",
    });
  });
  it("leaves a greeting that names a subject the pack does not cover to the rank guard", () => {
    expect(runGuard(smalltalkGuard, "hiya, u do filler too?")).toBeUndefined();
  });
  it("leaves a question to the topics even when it opens with a pleasantry", () => {
    for (const text of ["thanks, and how long does it take to heal?", "how does it work", "how much is it"])
      expect(runGuard(smalltalkGuard, text), text).toBeUndefined();
  });
  it("reads a yes/no question said after 'ok but' as a question, not as the 'ok' before it", () => {
    const after = {
      recentTopics: ["session-duration"],
      lastWords: ["how", "long", "will", "i", "be", "there"],
    };
    expect(runGuard(smalltalkGuard, "ok but does it hurt", after)).toBeUndefined();
    expect(runGuard(smalltalkGuard, "ok but thanks", after)?.decision).toMatchObject({ kind: "smalltalk" });
  });
  it("leaves a question pointing back at the subject to the topics, though it shares a question word", () => {
    expect(runGuard(smalltalkGuard, "how is it doing that to my skin?")).toBeUndefined();
    expect(runGuard(smalltalkGuard, "ty that helps")?.decision).toMatchObject({ kind: "smalltalk" });
    expect(runGuard(smalltalkGuard, "what should i do")).toBeUndefined();
    expect(runGuard(smalltalkGuard, "what can you do")?.decision).toMatchObject({ kind: "smalltalk" });
  });
  it("takes a greeting or thanks framing a statement that asks nothing, but not a question, a subject or an acknowledgement", () => {
    for (const [text, intent] of [
      ["Good morning from Lagos 👋", "greeting"],
      ["diolch yn fawr, that's helped loads", "thanks"],
      ["hello, my name is Margaret and I'm 76", "greeting"],
    ] as const)
      expect(runGuard(smalltalkGuard, text)?.decision, text).toMatchObject({ kind: "smalltalk", intent });
    for (const text of [
      "hi, my dog just ate chocolate, what do i do",
      "hi, my face has gone red and swollen",
      "hello, I had microneedling on my neck",
      "ok so my sister had it done last week",
      "my wifi keeps dropping out every evening",
      "hiya, keen on doing my stretch marks, will it actually work",
    ])
      expect(runGuard(smalltalkGuard, text)?.reason ?? "", text).not.toMatch(/^opens or closes/);
  });
});
