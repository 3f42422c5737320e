import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { buildWidgetBundle } from "../channels/web/widget-bundle.ts";

// `npm run build:widget [out]`: writes widget.js for hosting on a CDN. The server does not need it:
// it builds the same bundle in memory at start.
const out = process.argv[2] ?? "dist/widget.js";
const bundle = await buildWidgetBundle();
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, bundle.code);
console.log(
  `${out}: ${(bundle.code.length / 1024).toFixed(1)} KB, ${(bundle.gzipped.byteLength / 1024).toFixed(1)} KB gzipped`,
);
