import type { RequestHandler } from "express";
import { sendJsonError } from "../../channels/web/json-error.ts";
import { parseFeedbackRequest } from "./feedback-request.ts";
import type { Learning } from "./learning.ts";

/**
 * POST /api/feedback: `{ conversationId, topic, confidence, helpful }` (already parsed JSON) → 204.
 * The conversation id is checked but never stored.
 */
export function createFeedbackRoute(learning: Pick<Learning, "recordFeedback">): RequestHandler {
  return (req, res) => {
    const parsed = parseFeedbackRequest(req.body);
    if (!parsed.ok) {
      sendJsonError(res, 400, "invalid_request", parsed.message);
      return;
    }
    const { topic, confidence, helpful } = parsed.request;
    learning.recordFeedback({ channel: "web", topic, confidence, helpful });
    res.set("Cache-Control", "no-store").status(204).end();
  };
}
