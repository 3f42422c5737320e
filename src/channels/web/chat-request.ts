export const MAX_TEXT_LENGTH = 2000;
const CONVERSATION_ID = /^[A-Za-z0-9_-]{8,64}$/;

export interface ChatRequest {
  conversationId: string | undefined;
  /** At most MAX_TEXT_LENGTH characters. */
  text: string;
  /** The visitor's text was longer and has been cut. */
  shortened: boolean;
}

// ("  abc😀", 4) => "abc": trimmed first, never ending in half a surrogate pair.
export function shortenText(text: string, max = MAX_TEXT_LENGTH): string {
  const cut = text.trim().slice(0, max);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

export type ParseChatRequestResult = { ok: true; request: ChatRequest } | { ok: false; message: string };

/**
 * Validates a parsed JSON body; the message names the field at fault and never repeats its value.
 * Text over MAX_TEXT_LENGTH is cut, not refused.
 */
export function parseChatRequest(body: unknown): ParseChatRequestResult {
  // Checked by hand, in field order, on every message: a schema library cost more than the answer.
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return fail('The request body must be a JSON object such as {"text": "Does it hurt?"}.');
  }
  const { conversationId, text } = body as Record<string, unknown>;
  if (conversationId !== undefined) {
    if (typeof conversationId !== "string") return fail('Field "conversationId" must be a string.');
    if (!CONVERSATION_ID.test(conversationId)) {
      return fail(
        'Field "conversationId" must be 8–64 letters, digits, "-" or "_"; omit it to start a new conversation.',
      );
    }
  }
  if (text === undefined) return fail('Field "text" is required: the visitor\'s message as a string.');
  if (typeof text !== "string") return fail('Field "text" must be a string.');
  if (text.trim() === "") return fail('Field "text" must not be empty.');
  const kept = text.length > MAX_TEXT_LENGTH ? shortenText(text) : text;
  return { ok: true, request: { conversationId, text: kept, shortened: text.trim().length > kept.length } };
}

const fail = (message: string): ParseChatRequestResult => ({ ok: false, message });
