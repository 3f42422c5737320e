import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messageActivity } from "../channels/teams/http.ts";
import {
  type LearningServer,
  postJson,
  startLearningServer,
  useLearningServerAndConnector,
} from "./unanswered-server.ts";

const VALID = { conversationId: "web-conversation-1", topic: "pain", confidence: 0.91, helpful: false };

describe("POST /api/feedback, through the running server", () => {
  const env = useLearningServerAndConnector();

  const feedback = () => env.server.lines(env.server.feedbackLog);

  it("records a thumbs down with topic, confidence, channel and time, but not the conversation id", async () => {
    const response = await postJson(env.server.url, "/api/feedback", VALID);
    expect(response.status).toBe(204);
    await expect.poll(() => feedback().length).toBe(1);
    expect(feedback()[0]).toEqual({
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      channel: "web",
      topic: "pain",
      confidence: 0.91,
      helpful: false,
    });
    expect(JSON.stringify(feedback())).not.toContain("web-conversation-1");
  });

  it.each([
    [{ ...VALID, conversationId: undefined }, /"conversationId" is required/],
    [{ ...VALID, conversationId: "short" }, /"conversationId" must be 8–64/],
    [{ ...VALID, topic: undefined }, /"topic" is required/],
    [{ ...VALID, topic: "<script>" }, /"topic" must be a topic id/],
    [{ ...VALID, topic: 7 }, /"topic" must be a string/],
    [{ ...VALID, confidence: "high" }, /"confidence" must be a number/],
    [{ ...VALID, confidence: 1.5 }, /"confidence" must be between 0 and 1/],
    [{ ...VALID, helpful: "yes" }, /"helpful" must be true or false/],
    [{ ...VALID, helpful: undefined }, /"helpful" is required/],
    [{ ...VALID, comment: "great" }, /"comment" is not accepted/],
    [[VALID], /must be a JSON object/],
    ["null", /must be a JSON object/],
  ])("refuses %j with a 400 naming the field", async (body, message) => {
    const response = await postJson(env.server.url, "/api/feedback", body);
    expect(response.status).toBe(400);
    const json = (await response.json()) as { error: { code: string; message: string } };
    expect(json.error.code).toBe("invalid_request");
    expect(json.error.message).toMatch(message);
  });

  it("refuses malformed JSON, other content types and other methods", async () => {
    expect((await postJson(env.server.url, "/api/feedback", "{not json")).status).toBe(400);
    const text = await fetch(`${env.server.url}/api/feedback`, {
      method: "POST",
      headers: { "Content-Type": "text/plain" },
      body: JSON.stringify(VALID),
    });
    expect(text.status).toBe(415);
    const get = await fetch(`${env.server.url}/api/feedback`);
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
  });

  it("records Teams' feedback loop with the topic of the answer it was given on", async () => {
    const before = feedback().length;
    const message = messageActivity(env.connector.url, { text: "how long do results last?" });
    expect((await postJson(env.server.url, "/api/messages", message)).status).toBe(200);
    const sent = env.connector.captured.at(-1);
    expect(sent).toBeDefined();
    const invoke = messageActivity(env.connector.url, {
      type: "invoke",
      id: "incoming-2",
      name: "message/submitAction",
      text: undefined,
      replyToId: `sent-${env.connector.captured.length}`,
      value: { actionName: "feedback", actionValue: { reaction: "dislike", feedback: "{}" } },
    });
    expect((await postJson(env.server.url, "/api/messages", invoke)).status).toBe(200);
    await expect.poll(() => feedback().length).toBe(before + 1);
    expect(feedback().at(-1)).toMatchObject({
      channel: "teams",
      topic: expect.any(String),
      helpful: false,
    });
    expect(feedback().at(-1)?.topic).not.toBeNull();
  });
});

describe("POST /api/feedback rate limiting", () => {
  let server: LearningServer;
  beforeAll(async () => {
    server = await startLearningServer({ RATE_LIMIT_PER_IP_PER_MINUTE: "2" });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("answers 429 past the per-minute limit, like /api/chat", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await postJson(server.url, "/api/feedback", VALID)).status);
    expect(statuses).toEqual([204, 204, 429]);
  });
});
