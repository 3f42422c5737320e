import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import type { RequestHandler } from "express";
import { STUDIO_CSS } from "./styles.ts";

const CLIENT_ENTRY = fileURLToPath(new URL("./client/main.ts", import.meta.url));

/** The studio's stylesheet and script; the script is bundled once, in memory, on first request. */
export function createStudioAssets(): { css: RequestHandler; js: RequestHandler } {
  let script: Promise<string> | undefined;
  const bundle = async () => {
    const result = await build({
      entryPoints: [CLIENT_ENTRY],
      bundle: true,
      minify: true,
      format: "iife",
      target: ["es2020"],
      write: false,
      legalComments: "none",
      charset: "utf8",
      logLevel: "silent",
    });
    return result.outputFiles[0]!.text;
  };
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
