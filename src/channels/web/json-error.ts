import type { Response } from "express";

export type ErrorCode =
  | "invalid_json"
  | "invalid_request"
  | "payload_too_large"
  | "unsupported_media_type"
  | "origin_not_allowed"
  | "not_found"
  | "method_not_allowed"
  | "rate_limited"
  | "invalid_client_address"
  | "internal_error";

/** The one error shape of the JSON API: `{ "error": { "code", "message" } }`. */
export function sendJsonError(res: Response, status: number, code: ErrorCode, message: string): void {
  res.status(status).set("Cache-Control", "no-store").json({ error: { code, message } });
}
