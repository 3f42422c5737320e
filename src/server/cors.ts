import type { Request, RequestHandler } from "express";
import { sendJsonError } from "../channels/web/json-error.ts";
import type { Config } from "../config.ts";

const LOCALHOST = /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/;

/** Is `origin` allowed to call the API? Its own origin always is; others come from WIDGET_ALLOWED_ORIGINS. */
export function isOriginAllowed(
  origin: string,
  req: Pick<Request, "headers">,
  config: Pick<Config, "widget" | "publicUrl">,
): boolean {
  const { allowedOrigins, allowLocalhost } = config.widget;
  if (allowedOrigins.includes("*") || allowedOrigins.includes(origin)) return true;
  if (config.publicUrl !== undefined && new URL(config.publicUrl).origin === origin) return true;
  if (allowLocalhost && LOCALHOST.test(origin)) return true;
  // Same origin: the page was served by this host. Behind a proxy that rewrites Host, set PUBLIC_URL.
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false; // "null" and other opaque origins are never ours
  }
}

/**
 * CORS for the widget's API: allowed origins get the headers (and preflight a 204);
 * others get 403 before any work is done. Requests without Origin (curl, servers) pass.
 */
export function corsForWidget(config: Pick<Config, "widget" | "publicUrl">): RequestHandler {
  return (req, res, next) => {
    const origin = req.headers.origin;
    if (origin === undefined) {
      next();
      return;
    }
    res.vary("Origin");
    if (!isOriginAllowed(origin, req, config)) {
      sendJsonError(
        res,
        403,
        "origin_not_allowed",
        "This website is not allowed to use the chat API. Add its origin to WIDGET_ALLOWED_ORIGINS.",
      );
      return;
    }
    res.set("Access-Control-Allow-Origin", origin);
    // The widget waits out a 429 for as long as Retry-After says; a page can read it only if exposed.
    res.set("Access-Control-Expose-Headers", "Retry-After");
    if (req.method === "OPTIONS") {
      res.set({
        "Access-Control-Allow-Methods": "POST",
        "Access-Control-Allow-Headers": "Content-Type",
        "Access-Control-Max-Age": "600",
      });
      res.status(204).end();
      return;
    }
    next();
  };
}
