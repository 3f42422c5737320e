import { describe, expect, it } from "vitest";
import { MAX_TEXT_LENGTH, parseChatRequest } from "../../../src/channels/web/chat-request.ts";

const refusal = (body: unknown) => {
  const result = parseChatRequest(body);
  return result.ok ? undefined : result.message;
};

describe("parseChatRequest", () => {
  it("accepts text with or without a conversation id", () => {
    expect(parseChatRequest({ text: "does it hurt?" })).toEqual({
      ok: true,
      request: { conversationId: undefined, text: "does it hurt?", shortened: false },
    });
    expect(parseChatRequest({ text: "hi", conversationId: "abc-DEF_123", extra: 1 })).toMatchObject({
      ok: true,
      request: { conversationId: "abc-DEF_123" },
    });
  });

  it.each([null, [], "text", 42, true])("refuses a body that is not an object (%j)", (body) => {
    expect(refusal(body)).toBe('The request body must be a JSON object such as {"text": "Does it hurt?"}.');
  });

  it("names the field at fault, conversationId before text, never echoing the value", () => {
    expect(refusal({ conversationId: 7 })).toBe('Field "conversationId" must be a string.');
    expect(refusal({ conversationId: null, text: "hi" })).toBe('Field "conversationId" must be a string.');
    expect(refusal({ conversationId: "short", text: "hi" })).toBe(
      'Field "conversationId" must be 8–64 letters, digits, "-" or "_"; omit it to start a new conversation.',
    );
    expect(refusal({ conversationId: "<script>alert(1)</script>" })).not.toContain("script");
    expect(refusal({})).toBe('Field "text" is required: the visitor\'s message as a string.');
    expect(refusal({ text: 3 })).toBe('Field "text" must be a string.');
    expect(refusal({ text: " \n\t " })).toBe('Field "text" must not be empty.');
  });

  it("cuts text over the limit and says so", () => {
    const result = parseChatRequest({ text: "a".repeat(MAX_TEXT_LENGTH + 10) });
    expect(result).toMatchObject({ ok: true, request: { shortened: true } });
    expect(result.ok && result.request.text.length).toBe(MAX_TEXT_LENGTH);
  });
});
