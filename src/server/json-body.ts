import type { RequestHandler } from "express";
import { sendJsonError } from "../channels/web/json-error.ts";
import { bodyTooLargeMessage, NOT_UTF8_MESSAGE } from "./http-errors.ts";

const CHARSET = /;\s*charset\s*=\s*"?([^";\s]+)/i;

/**
 * Reads a UTF-8 JSON body of at most `limitBytes` into `req.body` (`{}` when empty), answering 413, 415
 * or 400 as a JSON error. The chat path's stand-in for express.json: body-parser's charset, inflate and
 * async-hook machinery cost more than the engine's answer. Compressed bodies are refused, not inflated.
 */
export function jsonBody(limitBytes: number): RequestHandler {
  return (req, res, next) => {
    const encoding = (req.headers["content-encoding"] ?? "identity").trim().toLowerCase();
    const charset = CHARSET.exec(req.headers["content-type"] ?? "")?.[1]?.toLowerCase();
    let refusal: (() => void) | undefined;
    if (encoding !== "identity") {
      refusal = () =>
        sendJsonError(
          res,
          415,
          "unsupported_media_type",
          "Send the request body uncompressed: Content-Encoding is not supported here.",
        );
    } else if (charset !== undefined && charset !== "utf-8" && charset !== "utf8") {
      refusal = () => sendJsonError(res, 415, "unsupported_media_type", NOT_UTF8_MESSAGE);
    }
    const tooLarge = () => sendJsonError(res, 413, "payload_too_large", bodyTooLargeMessage(limitBytes));
    if (!refusal && Number(req.headers["content-length"]) > limitBytes) refusal = tooLarge;

    // Like body-parser, a refused body is still read to its end (and dropped) so the client, which may
    // still be sending, reads the answer instead of a reset connection.
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      if (refusal) return;
      size += chunk.length;
      if (size > limitBytes) {
        refusal = tooLarge;
        chunks.length = 0;
      } else chunks.push(chunk);
    });
    req.on("end", () => {
      if (refusal) {
        refusal();
        return;
      }
      const text = (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)).toString("utf8");
      // A leading byte-order mark is not part of the JSON.
      const json = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
      if (json.trim() === "") {
        req.body = {};
      } else {
        try {
          req.body = JSON.parse(json);
        } catch {
          sendJsonError(res, 400, "invalid_json", "The request body is not valid JSON.");
          return;
        }
      }
      next();
    });
    // A client that goes away mid-body has no one to answer; Node closes the socket.
    req.on("error", () => {});
  };
}
