import type { ErrorRequestHandler, RequestHandler } from "express";
import type { Logger } from "pino";
import { sendJsonError } from "../channels/web/json-error.ts";

/** The chat API's body limit. */
export const MAX_BODY_BYTES = 64 * 1024;

/** Only JSON bodies reach /api/chat: anything else is 415, before reading the body. */
export const requireJson: RequestHandler = (req, res, next) => {
  // "application/json; charset=utf-8" => "application/json"
  const type = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
  if (type === "application/json" || /^application\/[\w.-]+\+json$/.test(type)) {
    next();
    return;
  }
  sendJsonError(
    res,
    415,
    "unsupported_media_type",
    'Send the request body as JSON with "Content-Type: application/json".',
  );
};

export const notFound: RequestHandler = (_req, res) => {
  sendJsonError(res, 404, "not_found", "There is no such endpoint. The chat API is POST /api/chat.");
};

export function methodNotAllowed(allow: string): RequestHandler {
  return (_req, res) => {
    res.set("Allow", allow);
    sendJsonError(res, 405, "method_not_allowed", `Use ${allow} for this endpoint.`);
  };
}

interface BodyParserError {
  /** body-parser's kind ("entity.parse.failed"); absent on zlib errors from a bad Content-Encoding. */
  type?: string;
  status: number;
  /** The route's body limit in bytes, on entity.too.large. */
  limit?: unknown;
}

/** The 413 message: 65536 => "The request body must be at most 64KB." (each route has its own limit). */
export const bodyTooLargeMessage = (limitBytes: number) =>
  `The request body must be at most ${Math.round(limitBytes / 1024)}KB.`;
export const NOT_UTF8_MESSAGE = "Send the request body as UTF-8 JSON.";

// body-parser's errors carry a `type`; the zlib errors it passes on (a gzip body that isn't) only `expose`.
function isBodyParserError(error: unknown): error is BodyParserError {
  return (
    typeof error === "object" &&
    error !== null &&
    (typeof (error as { type?: unknown }).type === "string" ||
      (error as { expose?: unknown }).expose === true) &&
    typeof (error as { status?: unknown }).status === "number"
  );
}

/**
 * Turns errors into the API's JSON error: malformed bodies → 4xx saying what to fix (never echoing the
 * body), anything else → a logged 500 with generic text.
 */
export function handleErrors(logger: Logger): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (isBodyParserError(error) && error.status < 500) {
      if (error.type === "entity.parse.failed") {
        sendJsonError(res, 400, "invalid_json", "The request body is not valid JSON.");
      } else if (error.type === "entity.too.large") {
        sendJsonError(
          res,
          413,
          "payload_too_large",
          bodyTooLargeMessage(typeof error.limit === "number" ? error.limit : MAX_BODY_BYTES),
        );
      } else if (error.status === 415) {
        sendJsonError(res, 415, "unsupported_media_type", NOT_UTF8_MESSAGE);
      } else {
        sendJsonError(res, error.status, "invalid_request", "The request body could not be read.");
      }
      return;
    }
    logger.error(
      { err: error, method: req.method, path: req.path },
      "unexpected error while handling a request",
    );
    if (res.headersSent) {
      next(error);
      return;
    }
    sendJsonError(
      res,
      500,
      "internal_error",
      "Something went wrong on our side. Please try again in a moment.",
    );
  };
}
