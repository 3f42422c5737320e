import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMetrics } from "../../src/server/learning/metrics.ts";
import { escapeLabelValue, renderExposition } from "../../src/server/learning/prometheus.ts";
import { makeReply } from "./helpers.ts";
import { parseExposition } from "./metrics-parser.ts";
import { type LearningServer, postJson, startLearningServer } from "./unanswered-server.ts";

describe("GET /metrics on the running server", () => {
  let server: LearningServer;

  beforeAll(async () => {
    server = await startLearningServer({
      RATE_LIMIT_PER_MINUTE: "3",
      RATE_LIMIT_PER_IP_PER_MINUTE: "3",
      SMS_DEV_MODE: "false",
      TWILIO_AUTH_TOKEN: "metrics-test-token",
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  async function scrape() {
    const response = await fetch(`${server.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    return parseExposition(await response.text());
  }

  it("parses as Prometheus text with HELP and TYPE for every family", async () => {
    const metrics = await scrape();
    for (const [name, type] of [
      ["faqbot_turns_total", "counter"],
      ["faqbot_fallbacks_total", "counter"],
      ["faqbot_fallback_rate", "gauge"],
      ["faqbot_turn_duration_seconds", "histogram"],
      ["faqbot_feedback_total", "counter"],
      ["faqbot_rate_limited_total", "counter"],
      ["faqbot_knowledge_info", "gauge"],
      ["faqbot_sms_signature_failures_total", "counter"],
      ["process_resident_memory_bytes", "gauge"],
      ["nodejs_heap_size_used_bytes", "gauge"],
    ]) {
      expect(metrics.types.get(name!), name).toBe(type);
      expect(metrics.help.get(name!), name).toMatch(/\w/);
    }
    expect(metrics.value("faqbot_knowledge_info", { version: server.running.knowledgeVersion })).toBe(1);
    expect(metrics.value("process_resident_memory_bytes")).toBeGreaterThan(1_000_000);
  });

  it("counts turns by channel and kind, fallbacks, latency, feedback, SMS signature failures and 429s", async () => {
    const before = await scrape();
    const answers = before.value("faqbot_turns_total", { channel: "web", kind: "answer" }) ?? 0;
    const fallbacks = before.value("faqbot_fallbacks_total", { channel: "web" }) ?? 0;
    const observed = before.value("faqbot_turn_duration_seconds_count", { channel: "web" }) ?? 0;
    const forged = before.value("faqbot_sms_signature_failures_total") ?? 0;

    expect((await postJson(server.url, "/api/chat", { text: "does it hurt?" })).status).toBe(200);
    expect((await postJson(server.url, "/api/chat", { text: "what's the weather in France?" })).status).toBe(
      200,
    );
    const vote = { conversationId: "conversation-1", topic: "pain", confidence: 0.9, helpful: false };
    expect((await postJson(server.url, "/api/feedback", vote)).status).toBe(204);
    const sms = await fetch(`${server.url}/api/sms`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": "forged" },
      body: "From=%2B15550001111&Body=hi",
    });
    expect(sms.status).toBe(403);
    // A third and fourth chat message within the minute: the fourth is over the limit of 3.
    await postJson(server.url, "/api/chat", { text: "how many sessions?" });
    expect((await postJson(server.url, "/api/chat", { text: "and the cost?" })).status).toBe(429);

    const after = await scrape();
    expect(after.value("faqbot_turns_total", { channel: "web", kind: "answer" })).toBe(answers + 2);
    expect(after.value("faqbot_fallbacks_total", { channel: "web" })).toBe(fallbacks + 1);
    expect(after.value("faqbot_turn_duration_seconds_count", { channel: "web" })).toBe(observed + 3);
    expect(after.value("faqbot_turn_duration_seconds_bucket", { channel: "web", le: "+Inf" })).toBe(
      observed + 3,
    );
    expect(after.value("faqbot_feedback_total", { channel: "web", helpful: "false" })).toBe(1);
    expect(after.value("faqbot_rate_limited_total", { route: "/api/chat" })).toBe(1);
    expect(after.value("faqbot_fallback_rate")).toBeGreaterThan(0);
    expect(after.value("faqbot_sms_signature_failures_total")).toBe(forged + 1);
  });
});

describe("the exposition format", () => {
  it("escapes label values and keeps histogram buckets cumulative", () => {
    expect(escapeLabelValue('a\\b"c\nd')).toBe('a\\\\b\\"c\\nd');
    const metrics = createMetrics({
      knowledgeVersion: () => 'v"1\\\n',
      memoryUsage: () => process.memoryUsage(),
    });
    metrics.observeTurn({ channel: "web", reply: makeReply(), seconds: 0.004 });
    metrics.observeTurn({ channel: "web", reply: makeReply({ kind: "fallback" }), seconds: 3 });
    const parsed = parseExposition(metrics.render());
    expect(parsed.value("faqbot_knowledge_info", { version: 'v"1\\\n' })).toBe(1);
    expect(parsed.value("faqbot_turn_duration_seconds_bucket", { le: "0.001" })).toBe(0);
    expect(parsed.value("faqbot_turn_duration_seconds_bucket", { le: "0.005" })).toBe(1);
    expect(parsed.value("faqbot_turn_duration_seconds_bucket", { le: "2.5" })).toBe(1);
    expect(parsed.value("faqbot_turn_duration_seconds_bucket", { le: "+Inf" })).toBe(2);
    expect(parsed.value("faqbot_turn_duration_seconds_sum")).toBeCloseTo(3.004);
    expect(parsed.value("faqbot_fallback_rate")).toBe(0.5);
  });

  it("writes HELP with escaped backslashes and newlines", () => {
    const text = renderExposition([
      { name: "x_total", help: "line\\one\ntwo", type: "counter", samples: [{ value: 1 }] },
    ]);
    expect(text).toBe("# HELP x_total line\\\\one\\ntwo\n# TYPE x_total counter\nx_total 1\n");
  });
});
