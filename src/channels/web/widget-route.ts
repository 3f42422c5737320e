import type { RequestHandler } from "express";
import type { WidgetBundle } from "./widget-bundle.ts";

/** GET /widget.js: served to any site (CORP cross-origin), gzipped when the browser accepts it. */
export function createWidgetRoute(loadBundle: () => Promise<WidgetBundle>): RequestHandler {
  let bundle: Promise<WidgetBundle> | undefined;
  return async (req, res) => {
    bundle ??= loadBundle();
    const widget = await bundle;
    res.set({
      "Content-Type": "text/javascript; charset=utf-8",
      "Cache-Control": "public, max-age=300",
      "Cross-Origin-Resource-Policy": "cross-origin",
      ETag: widget.etag,
      Vary: "Accept-Encoding",
    });
    if (req.headers["if-none-match"] === widget.etag) {
      res.status(304).end();
      return;
    }
    if (req.acceptsEncodings("gzip", "identity") === "gzip") {
      res.set("Content-Encoding", "gzip").send(widget.gzipped);
      return;
    }
    res.send(widget.code);
  };
}
