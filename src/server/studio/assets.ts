import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { RequestHandler } from "express";
import { bundleBrowserScript } from "../../channels/web/widget-bundle.ts";
import { STUDIO_CSS } from "./styles.ts";

export const STUDIO_CLIENT_ENTRY = fileURLToPath(new URL("./client/main.ts", import.meta.url));
/** Where `npm run build` writes the studio's script (dist/studio.js), seen from dist/server/studio/. */
const PREBUILT = new URL("../../studio.js", import.meta.url);

/** The studio's stylesheet and script; the script is bundled once, in memory, on first request. */
export function createStudioAssets(): { css: RequestHandler; js: RequestHandler } {
  let script: Promise<string> | undefined;
  // The compiled server serves the script `npm run build` wrote; from source, esbuild bundles it.
  const bundle = () =>
    import.meta.url.endsWith(".js") ? readFile(PREBUILT, "utf8") : bundleBrowserScript(STUDIO_CLIENT_ENTRY);
  return {
    css: (_req, res) => {
      res.type("text/css").set("Cache-Control", "no-cache").send(STUDIO_CSS);
    },
    js: async (_req, res, next) => {
      try {
        script ??= bundle();
        res
          .type("text/javascript")
          .set("Cache-Control", "no-cache")
          .send(await script);
      } catch (error) {
        script = undefined;
        next(error);
      }
    },
  };
}
