import type { RequestHandler } from "express";
import type { WidgetDefaults } from "./widget/server-defaults.ts";
import type { WidgetBundle } from "./widget-bundle.ts";
import { withWidgetDefaults } from "./widget-defaults.ts";

/** The running pack's widget copy and the knowledge version it belongs to (changes on hot reload). */
export interface CurrentWidgetDefaults {
  version: string;
  defaults: WidgetDefaults;
}

/**
 * GET /widget.js: served to any site (CORP cross-origin), gzipped when the browser accepts it. With
 * `current`, the script carries the running pack's title, greeting and starters, rebuilt per version.
 */
export function createWidgetRoute(
  loadBundle: () => Promise<WidgetBundle>,
  current?: () => CurrentWidgetDefaults,
): RequestHandler {
  let bundle: Promise<WidgetBundle> | undefined;
  let served: { version: string; widget: WidgetBundle } | undefined;
  const widgetFor = async (): Promise<WidgetBundle> => {
    bundle ??= loadBundle();
    const built = await bundle;
    if (!current) return built;
    const { version, defaults } = current();
    if (served?.version !== version) served = { version, widget: withWidgetDefaults(built, defaults) };
    return served.widget;
  };
  return async (req, res) => {
    const widget = await widgetFor();
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
