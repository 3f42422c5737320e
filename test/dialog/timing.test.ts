import { describe, expect, it } from "vitest";
import { rankGuard } from "../../src/dialog/guards/rank.ts";
import { createTiming } from "../../src/dialog/timing.ts";
import { shippedEngine } from "../support/shipped.ts";
import { env, runGuard } from "./guards/helpers.ts";

const engine = shippedEngine();

describe("timing", () => {
  it("reads each topic's side of the treatment from its phrasings", () => {
    expect(env.timing.ofTopic("preparation")).toBe("before");
    expect(env.timing.ofTopic("aftercare")).toBe("after");
    expect(env.timing.ofTopic("cost")).toBeUndefined();
  });
  it("places a message before or after the treatment only when it says one side", () => {
    const side = (text: string) => env.timing.ofMessage(text.split(" "));
    expect(side("my appointment is on friday and i use an acid toner")).toBe("before");
    expect(side("since my session my skin feels tight")).toBe("after");
    expect(side("how long before i can wear concealer")).toBe("after");
    expect(side("what should i do before and after")).toBeUndefined();
  });
  it("reads 'before' and 'until' as the treatment's side only when what follows may be the treatment", () => {
    const side = (text: string) => env.timing.ofMessage(text.split(" "));
    expect(side("can i use my retinol serum before bed")).toBeUndefined();
    expect(side("will i be red until the big day")).toBeUndefined();
    expect(side("should i avoid sunbeds before each session")).toBe("before");
    expect(side("anything to stop the week before")).toBe("before");
    expect(side("should i stop retinol before my micro needling")).toBe("before");
  });
  it("gives no side to a pack whose phrasings never say one", () => {
    const kb = { ...env.kb, topics: env.kb.topics.map((t) => ({ ...t, phrasings: ["how much is it"] })) };
    expect(createTiming(kb, env.language).ofTopic("preparation")).toBeUndefined();
  });
  it("does not answer a message on one side with a topic about the other", () => {
    const outcome = runGuard(
      rankGuard,
      "my appointment is in four days and i scrub my face with glycolic acid daily",
    );
    expect(outcome?.decision).toMatchObject({ kind: "answer", topic: "preparation" });
  });
  it("reads a follow-up on the side of the topic it follows, unless it says the other side", () => {
    const topics = (turns: string[]) => {
      let context = null as ReturnType<typeof engine.handleTurn>["context"] | null;
      return turns.map((text) => {
        const result = engine.handleTurn({ text, context });
        context = result.context;
        return result.reply.kind === "answer" ? result.reply.topic : result.reply.kind;
      });
    };
    expect(topics(["how do i prepare for microneedling", "and the sun?"])).toEqual([
      "preparation",
      "preparation",
    ]);
    expect(topics(["how do i prepare for microneedling", "and after?"])).toEqual([
      "preparation",
      "aftercare",
    ]);
  });
});
