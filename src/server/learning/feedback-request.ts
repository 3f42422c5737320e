import { z } from "zod";

const CONVERSATION_ID = /^[A-Za-z0-9_-]{8,64}$/;
const TOPIC_ID = /^[A-Za-z0-9][A-Za-z0-9:_-]{0,99}$/;

const FEEDBACK_REQUEST = z
  .object(
    {
      conversationId: z
        .string({
          required_error: 'Field "conversationId" is required: the id /api/chat returned.',
          invalid_type_error: 'Field "conversationId" must be a string.',
        })
        .regex(CONVERSATION_ID, 'Field "conversationId" must be 8–64 letters, digits, "-" or "_".'),
      topic: z
        .string({
          required_error: 'Field "topic" is required: the topic of the answer being rated.',
          invalid_type_error: 'Field "topic" must be a string.',
        })
        .regex(
          TOPIC_ID,
          'Field "topic" must be a topic id (lower-case words joined by "-", as in the reply\'s "topic").',
        ),
      confidence: z
        .number({
          required_error: 'Field "confidence" is required: the confidence of the answer being rated.',
          invalid_type_error: 'Field "confidence" must be a number between 0 and 1.',
        })
        .min(0, 'Field "confidence" must be between 0 and 1.')
        .max(1, 'Field "confidence" must be between 0 and 1.'),
      helpful: z.boolean({
        required_error: 'Field "helpful" is required: true for thumbs up, false for thumbs down.',
        invalid_type_error: 'Field "helpful" must be true or false.',
      }),
    },
    {
      invalid_type_error:
        'The request body must be a JSON object such as {"conversationId": "…", "topic": "…", "confidence": 0.9, "helpful": false}.',
    },
  )
  .strict();

export interface FeedbackRequest {
  conversationId: string;
  topic: string;
  confidence: number;
  helpful: boolean;
}

export type ParseFeedbackResult = { ok: true; request: FeedbackRequest } | { ok: false; message: string };

/** Validates a parsed JSON body; the message names the field at fault and never repeats its value. */
export function parseFeedbackRequest(body: unknown): ParseFeedbackResult {
  const parsed = FEEDBACK_REQUEST.safeParse(body);
  if (parsed.success) return { ok: true, request: parsed.data };
  const issue = parsed.error.issues[0];
  if (issue?.code === "unrecognized_keys") {
    const field = issue.keys[0] ?? "";
    // Field names are safe to repeat only when they look like identifiers.
    const named = /^[A-Za-z_][A-Za-z0-9_]{0,40}$/.test(field) ? `Field "${field}" is not` : "A field is not";
    return {
      ok: false,
      message: `${named} accepted; send only conversationId, topic, confidence and helpful.`,
    };
  }
  return { ok: false, message: issue?.message ?? "The request body is invalid." };
}
