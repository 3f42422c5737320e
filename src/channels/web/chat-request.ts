import { z } from "zod";

export const MAX_TEXT_LENGTH = 2000;
const CONVERSATION_ID = /^[A-Za-z0-9_-]{8,64}$/;

const CHAT_REQUEST = z.object(
  {
    conversationId: z
      .string({ invalid_type_error: 'Field "conversationId" must be a string.' })
      .regex(
        CONVERSATION_ID,
        'Field "conversationId" must be 8–64 letters, digits, "-" or "_"; omit it to start a new conversation.',
      )
      .optional(),
    text: z
      .string({
        required_error: 'Field "text" is required: the visitor\'s message as a string.',
        invalid_type_error: 'Field "text" must be a string.',
      })
      .refine((text) => text.trim() !== "", 'Field "text" must not be empty.'),
  },
  { invalid_type_error: 'The request body must be a JSON object such as {"text": "Does it hurt?"}.' },
);

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
  const parsed = CHAT_REQUEST.safeParse(body);
  if (parsed.success) {
    const { conversationId, text } = parsed.data;
    const kept = text.length > MAX_TEXT_LENGTH ? shortenText(text) : text;
    return { ok: true, request: { conversationId, text: kept, shortened: text.trim().length > kept.length } };
  }
  const message = parsed.error.issues[0]?.message ?? "The request body is invalid.";
  return { ok: false, message };
}
