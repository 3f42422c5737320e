// `npm run build` (also run by `npm ci` / `npm install` as `prepare`): src/ → dist/ as plain JavaScript
// (tsc, types stripped, `.ts` imports rewritten to `.js`) plus the widget bundle, so `npm start` and
// `npm run cli` start without transpiling. `--if-stale` skips the work when dist/ is newer than every input.
import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const DIST = join(ROOT, "dist");
/** Written last: its time is the build's time. */
const STAMP = join(DIST, ".built");
const INPUTS = ["src", "tsconfig.json", "tsconfig.build.json", "package-lock.json", "scripts/build.mjs"];

/** The newest modification time among the build's inputs, in ms. */
function newestInput() {
  let newest = 0;
  for (const input of INPUTS) {
    const path = join(ROOT, input);
    const stat = statSync(path);
    if (!stat.isDirectory()) newest = Math.max(newest, stat.mtimeMs);
    else
      for (const entry of readdirSync(path, { recursive: true, withFileTypes: true }))
        if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

function builtAt() {
  try {
    return statSync(STAMP).mtimeMs;
  } catch {
    return -1; // never built
  }
}

if (process.argv.includes("--if-stale") && builtAt() >= newestInput()) process.exit(0);

const TSC = join(ROOT, "node_modules/typescript/bin/tsc");
// An install without dev dependencies (npm ci --omit=dev) keeps a dist/ built beforehand.
if (!existsSync(TSC)) {
  if (builtAt() >= 0) {
    console.log("build: typescript is not installed; keeping the dist/ already built");
    process.exit(0);
  }
  console.error(
    "build: typescript is not installed and there is no dist/: run npm ci (with dev dependencies) to " +
      "build it, then install for production with npm ci --omit=dev.",
  );
  process.exit(1);
}
const started = performance.now();
rmSync(DIST, { recursive: true, force: true });
const tsc = spawnSync(process.execPath, [TSC, "-p", join(ROOT, "tsconfig.build.json")], { stdio: "inherit" });
if (tsc.status !== 0) {
  console.error(`build: tsc failed (exit ${tsc.status ?? tsc.signal}); dist/ is incomplete`);
  process.exit(1);
}

// Data beside the code (language packs: YAML, word lists, vectors) is read relative to the module.
for (const entry of readdirSync(join(ROOT, "src"), { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || entry.name.endsWith(".ts")) continue;
  const from = join(entry.parentPath, entry.name);
  const to = join(DIST, relative(join(ROOT, "src"), from));
  mkdirSync(dirname(to), { recursive: true });
  copyFileSync(from, to);
}

// Each language pack's language.yaml also as JSON, which a start reads without parsing YAML.
const { parse: parseYaml } = await import("yaml");
for (const code of readdirSync(join(DIST, "lang"), { withFileTypes: true }))
  if (code.isDirectory() && existsSync(join(code.parentPath, code.name, "language.yaml")))
    writeFileSync(
      join(code.parentPath, code.name, "language.json"),
      JSON.stringify(parseYaml(readFileSync(join(code.parentPath, code.name, "language.yaml"), "utf8"))),
    );

// The widget runs in the visitor's browser: one minified bundle, served by the compiled server as is.
const { buildWidgetBundle } = await import(join(DIST, "channels/web/widget-bundle.js"));
const widget = await buildWidgetBundle(join(ROOT, "src/channels/web/widget/main.ts"));
mkdirSync(DIST, { recursive: true });
writeFileSync(join(DIST, "widget.js"), widget.code);
// So is the studio's script: the compiled server never needs esbuild.
const { bundleBrowserScript } = await import(join(DIST, "channels/web/widget-bundle.js"));
writeFileSync(
  join(DIST, "studio.js"),
  await bundleBrowserScript(join(ROOT, "src/server/studio/client/main.ts")),
);
writeFileSync(STAMP, `${new Date().toISOString()}\n`);
console.log(`build: dist/ in ${((performance.now() - started) / 1000).toFixed(1)} s`);

// The pack `npm start` serves (KNOWLEDGE_DIR, else the built-in one), indexed now: an install does the
// index's one-off work, as it does the compiling, and the first start reads it from the index cache.
// Only speed is at stake, so a pack that does not load is left for the start to report.
const indexed = performance.now();
try {
  const { loadConfig } = await import(join(DIST, "config.js"));
  const { buildEngine } = await import(join(DIST, "server/reload.js"));
  const built = buildEngine(loadConfig({ ...process.env, NODE_ENV: "development" }));
  const error = built.ok
    ? built.saveCache()
    : new Error("the knowledge pack has errors (npm run cli -- validate)");
  if (error) throw error;
  console.log(`build: knowledge index in ${((performance.now() - indexed) / 1000).toFixed(1)} s`);
} catch (error) {
  console.log(`build: knowledge index not built ahead (${error.message}); the first start builds it`);
}
