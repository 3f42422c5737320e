import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

export const WIDGET_ENTRY = fileURLToPath(new URL("./widget/main.ts", import.meta.url));
/** Where `npm run build` writes the bundle (dist/widget.js), seen from the compiled dist/channels/web/. */
const PREBUILT = new URL("../../widget.js", import.meta.url);

/** The widget script, ready to serve: minified, plus its gzip and a strong ETag. */
export interface WidgetBundle {
  code: string;
  gzipped: Buffer;
  etag: string;
}

/** Bundles the widget in memory with esbuild (about 50 ms, plus loading esbuild). */
export async function buildWidgetBundle(entry: string = WIDGET_ENTRY): Promise<WidgetBundle> {
  return widgetBundleOf(await bundleBrowserScript(entry));
}

/** One minified browser script from a TypeScript entry; esbuild loads only here, never at start. */
export async function bundleBrowserScript(entry: string): Promise<string> {
  const { build } = await import("esbuild");
  const result = await build({
    entryPoints: [entry],
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
}

/**
 * The compiled server (dist/) serves the bundle `npm run build` wrote beside it; run from source (tsx,
 * tests), esbuild builds it from the source, so an edit shows on the next start.
 */
export async function loadWidgetBundle(): Promise<WidgetBundle> {
  if (!import.meta.url.endsWith(".js")) return buildWidgetBundle();
  return widgetBundleOf(await readFile(PREBUILT, "utf8"));
}

function widgetBundleOf(code: string): WidgetBundle {
  return {
    code,
    gzipped: gzipSync(code, { level: 9 }),
    etag: `"${createHash("sha256").update(code).digest("base64url").slice(0, 16)}"`,
  };
}
