import { type Activity, ConversationState, MemoryStorage, TestAdapter } from "botbuilder";
import { describe, expect, it } from "vitest";
import { TeamsFaqBot, type TeamsFeedback } from "../../../src/channels/teams/bot.ts";
import { NONE_OF_THESE } from "../../../src/channels/teams/render.ts";
import type { TurnInput } from "../../../src/dialog/types.ts";
import type { Reply } from "../../../src/reply.ts";
import { fakeEngine, reply, silentLogger } from "./fakes.ts";

function setup(answer?: (input: TurnInput) => Reply) {
  const engine = fakeEngine(answer);
  const feedback: TeamsFeedback[] = [];
  const logger = silentLogger();
  const bot = new TeamsFaqBot({
    engine,
    conversationState: new ConversationState(new MemoryStorage()),
    onFeedback: (event) => void feedback.push(event),
    logger,
  });
  // No onTurnError: an error in the bot rejects the test instead of being swallowed.
  const adapter = new TestAdapter((turn) => bot.run(turn));
  return { adapter, engine, feedback, logger };
}

const card = (activity: Partial<Activity>) =>
  activity.attachments?.[0]?.content as { body: { style?: string }[]; actions?: { title: string }[] };

describe("Teams bot flows", () => {
  it("welcomes once when the bot is added, with the disclosure and three examples", async () => {
    const { adapter } = setup();
    await adapter
      .send({
        type: "conversationUpdate",
        membersAdded: [
          { id: "bot", name: "Bot" },
          { id: "user", name: "User" },
        ],
      } as Partial<Activity>)
      .assertReply((activity) => {
        expect(activity.text).toContain("I'm an automated assistant, not a clinician");
        expect(activity.suggestedActions?.actions).toHaveLength(3);
      })
      .assertNoReply("no further reply", 50)
      .startTest();
  });

  it("does not greet every person who later joins a team", async () => {
    const { adapter } = setup();
    await adapter
      .send({
        type: "conversationUpdate",
        membersAdded: [{ id: "someone", name: "New member" }],
      } as Partial<Activity>)
      .assertNoReply("no further reply", 50)
      .startTest();
  });

  it("answers a question with markers, the citation entity and at most three suggested actions", async () => {
    const { adapter, engine } = setup(() => reply({ suggestions: ["A?", "B?", "C?", "D?"] }));
    await adapter
      .send("how long do results last")
      .assertReply((activity) => {
        expect(activity.text).toMatch(/\[1\] \[2\]$/);
        expect(activity.entities?.[0]).toMatchObject({
          "@type": "Message",
          citation: [{ position: 1 }, { position: 2 }],
        });
        expect(activity.suggestedActions?.actions).toHaveLength(3);
        expect(activity.channelData).toEqual({ feedbackLoopEnabled: true });
      })
      .startTest();
    expect(engine.inputs[0]?.text).toBe("how long do results last");
  });

  it("attaches the Articles disagree card when the reply has conflicts", async () => {
    const conflicts = [
      {
        summary: "How long results last.",
        positions: [
          { source: "a", title: "Article A", claim: "A year.", quote: "q" },
          { source: "b", title: "Article B", claim: "Six months.", quote: "q" },
        ],
      },
    ];
    const { adapter } = setup(() => reply({ conflicts }));
    await adapter
      .send("are results permanent")
      .assertReply((activity) => {
        expect(card(activity).body[0]?.style).toBe("warning");
        expect(JSON.stringify(card(activity))).toContain("Articles disagree");
      })
      .startTest();
  });

  it("offers clarify choices as buttons with a None of these way out", async () => {
    const { adapter } = setup(() =>
      reply({
        kind: "clarify",
        topic: null,
        text: "Did you mean one of these?",
        citations: [],
        alternatives: [
          { topic: "pain", question: "Does microneedling hurt?" },
          { topic: "side-effects", question: "What are the side effects and risks?" },
        ],
      }),
    );
    await adapter
      .send("is it bad")
      .assertReply((activity) => {
        expect(card(activity).actions?.map((a) => a.title)).toEqual([
          "Does microneedling hurt?",
          "What are the side effects and risks?",
          NONE_OF_THESE,
        ]);
      })
      .startTest();
  });

  it("sends a tapped None of these back to the engine with the pending choices in context", async () => {
    const alternatives = [
      { topic: "pain", question: "Does microneedling hurt?" },
      { topic: "side-effects", question: "What are the side effects and risks?" },
    ];
    const replies = [
      reply({
        kind: "clarify",
        topic: null,
        text: "Did you mean one of these?",
        citations: [],
        alternatives,
      }),
      reply({ kind: "fallback", topic: null, text: "Could you put it another way?", citations: [] }),
    ];
    const { adapter, engine } = setup(() => replies.shift()!);
    await adapter
      .send("is it bad")
      .assertReply(() => {})
      .send({ type: "message", value: { question: NONE_OF_THESE } } as Partial<Activity>)
      .assertReply((activity) => expect(activity.text).toBe("Could you put it another way?"))
      .startTest();
    expect(engine.inputs[1]).toMatchObject({
      text: NONE_OF_THESE,
      context: { pendingClarify: alternatives },
    });
  });

  it("carries the conversation context across turns in ConversationState", async () => {
    const topics = ["pain", "recovery-downtime"];
    const { adapter, engine } = setup(() => reply({ topic: topics.shift() ?? null }));
    await adapter
      .send("does it hurt")
      .assertReply(() => {})
      .send("and recovery?")
      .assertReply(() => {})
      .startTest();
    expect(engine.inputs[0]?.context ?? null).toBeNull();
    expect(engine.inputs[1]?.context).toMatchObject({
      turns: 1,
      recentTopics: ["pain"],
      coveredTopics: ["pain"],
    });
  });

  it("keeps separate contexts for separate conversations", async () => {
    const { adapter, engine } = setup();
    await adapter
      .send("first")
      .assertReply(() => {})
      .startTest();
    await adapter
      .send({ type: "message", text: "elsewhere", conversation: { id: "other" } } as Partial<Activity>)
      .assertReply(() => {})
      .startTest();
    expect(engine.inputs[1]?.context ?? null).toBeNull();
  });

  it("strips the bot's @mention but keeps other people's", async () => {
    const { adapter, engine } = setup();
    await adapter
      .send({
        type: "message",
        text: "<at>FAQ Bot</at> can <at>Sam</at> get microneedling?",
        entities: [
          { type: "mention", text: "<at>FAQ Bot</at>", mentioned: { id: "bot", name: "FAQ Bot" } },
          { type: "mention", text: "<at>Sam</at>", mentioned: { id: "sam", name: "Sam" } },
        ],
      } as Partial<Activity>)
      .assertReply(() => {})
      .startTest();
    expect(engine.inputs[0]?.text).toBe("can <at>Sam</at> get microneedling?");
  });

  it("sends a card button's question back through the engine (Action.Submit value)", async () => {
    const { adapter, engine } = setup();
    await adapter
      .send({ type: "message", value: { question: "Does microneedling hurt?" } } as Partial<Activity>)
      .assertReply(() => {})
      .startTest();
    expect(engine.inputs[0]?.text).toBe("Does microneedling hurt?");
  });

  it("answers an Action.Execute invoke and acknowledges it", async () => {
    const { adapter, engine } = setup();
    await adapter
      .send({
        type: "invoke",
        name: "adaptiveCard/action",
        value: {
          action: { type: "Action.Execute", verb: "ask", data: { question: "How much does it cost?" } },
        },
      } as Partial<Activity>)
      .assertReply((activity) => expect(activity.text).toContain("[1]"))
      .assertReply((activity) => {
        expect(activity.type).toBe("invokeResponse");
        expect((activity.value as { status: number }).status).toBe(200);
      })
      .startTest();
    expect(engine.inputs[0]?.text).toBe("How much does it cost?");
  });

  it("shows the welcome for a bare @mention instead of asking the engine", async () => {
    const { adapter, engine } = setup();
    await adapter
      .send({
        type: "message",
        text: "<at>FAQ Bot</at>",
        entities: [{ type: "mention", text: "<at>FAQ Bot</at>", mentioned: { id: "bot", name: "FAQ Bot" } }],
      } as Partial<Activity>)
      .assertReply((activity) => expect(activity.text).toContain("not a clinician"))
      .startTest();
    expect(engine.inputs).toHaveLength(0);
  });

  it("uses card buttons instead of suggested actions in a group chat", async () => {
    const { adapter } = setup(() => reply({ suggestions: ["A?"] }));
    await adapter
      .send({
        type: "message",
        text: "hello",
        conversation: { id: "group-1", conversationType: "groupChat" },
      } as Partial<Activity>)
      .assertReply((activity) => {
        expect(activity.suggestedActions).toBeUndefined();
        expect(card(activity).actions?.map((a) => a.title)).toEqual(["A?"]);
      })
      .startTest();
  });

  it("passes thumbs feedback on an answer to onFeedback with its topic and confidence", async () => {
    const { adapter, feedback } = setup(() => reply({ topic: "pain", confidence: 0.8 }));
    let answerId = "";
    await adapter
      .send("does it hurt")
      .assertReply((activity) => {
        answerId = activity.id ?? "";
      })
      .startTest();
    await adapter
      .send({
        type: "invoke",
        name: "message/submitAction",
        replyToId: answerId,
        value: {
          actionName: "feedback",
          actionValue: { reaction: "dislike", feedback: '{"feedbackText":"x"}' },
        },
      } as Partial<Activity>)
      .assertReply((activity) => expect((activity.value as { status: number }).status).toBe(200))
      .startTest();
    expect(feedback).toEqual([{ reaction: "dislike", topic: "pain", confidence: 0.8 }]);
  });

  it("reports feedback on a forgotten answer with a null topic", async () => {
    const { adapter, feedback } = setup();
    await adapter
      .send({
        type: "invoke",
        name: "message/submitAction",
        replyToId: "unknown",
        value: { actionName: "feedback", actionValue: { reaction: "like", feedback: "" } },
      } as Partial<Activity>)
      .assertReply(() => {})
      .startTest();
    expect(feedback).toEqual([{ reaction: "like", topic: null, confidence: null }]);
  });

  it("rejects a malformed feedback invoke with 400", async () => {
    const { adapter, feedback } = setup();
    await adapter
      .send({
        type: "invoke",
        name: "message/submitAction",
        value: { actionName: "feedback", actionValue: { reaction: "meh" } },
      } as Partial<Activity>)
      .assertReply((activity) => expect((activity.value as { status: number }).status).toBe(400))
      .startTest();
    expect(feedback).toHaveLength(0);
  });

  it("logs turns without the user's words", async () => {
    const { adapter, logger } = setup();
    await adapter
      .send("my phone is 07700 900123")
      .assertReply(() => {})
      .startTest();
    expect(JSON.stringify(logger.infos)).not.toContain("07700");
    expect(logger.infos[0]?.obj).toMatchObject({ kind: "answer", topic: "results-duration" });
  });
});
