// npm run teams:package [-- --app-id <guid>] [--public-url https://host] [--out DIR] [--write-icons]
// Builds DIR/app-package.zip (manifest.json + icons; DIR defaults to teams/dist) to upload to Teams.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { buildAppPackage } from "../src/channels/teams/app-package/build.ts";
import { drawColorIcon, drawOutlineIcon } from "../src/channels/teams/app-package/icons.ts";
import { DEFAULT_KNOWLEDGE_DIR, resolvePackDir } from "../src/config.ts";
import { resolveProfile } from "../src/dialog/profile.ts";
import { loadKnowledge } from "../src/knowledge/load.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const teamsDir = join(root, "teams");

const { values } = parseArgs({
  options: {
    "app-id": { type: "string" },
    "public-url": { type: "string" },
    out: { type: "string" },
    "write-icons": { type: "boolean", default: false },
  },
});

if (values["write-icons"]) {
  writeFileSync(join(teamsDir, "color.png"), drawColorIcon());
  writeFileSync(join(teamsDir, "outline.png"), drawOutlineIcon());
  console.log("teams: wrote teams/color.png (192×192) and teams/outline.png (32×32)");
}

const env = (name: string) => process.env[name]?.trim() || undefined;
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string };

// The pack the server runs: its clinic name, and whether it serves /privacy and /terms.
const knowledgeDir = resolvePackDir(env("KNOWLEDGE_DIR") ?? DEFAULT_KNOWLEDGE_DIR);
const loaded = loadKnowledge(knowledgeDir);
if (!loaded.ok) {
  const issues = loaded.issues.filter((i) => i.severity === "error");
  console.error(
    `teams:package failed: the knowledge pack at ${knowledgeDir} is invalid (KNOWLEDGE_DIR):\n` +
      issues.map((i) => `  - ${i.file}:${i.line}:${i.column}: ${i.message}`).join("\n"),
  );
  process.exit(1);
}
const profile = resolveProfile(loaded.kb, { name: env("CLINIC_NAME") });

const result = buildAppPackage({
  template: JSON.parse(readFileSync(join(teamsDir, "manifest.template.json"), "utf8")),
  appId: values["app-id"] ?? env("MicrosoftAppId"),
  publicUrl: values["public-url"] ?? env("PUBLIC_URL"),
  clinicName: profile.clinic.name,
  appVersion: pkg.version,
  teamsAppId: env("TEAMS_APP_ID"),
  websiteUrl: env("TEAMS_WEBSITE_URL"),
  privacyUrl: env("TEAMS_PRIVACY_URL"),
  termsOfUseUrl: env("TEAMS_TERMS_URL"),
  servedPages: { privacy: profile.copy.privacy !== undefined, terms: profile.copy.terms !== undefined },
  knowledgeDir,
  colorIcon: readFileSync(join(teamsDir, "color.png")),
  outlineIcon: readFileSync(join(teamsDir, "outline.png")),
});

if (!result.ok) {
  console.error(`teams:package failed:\n${result.problems.map((p) => `  - ${p}`).join("\n")}`);
  process.exit(1);
}
const dist = values.out ? resolve(values.out) : join(teamsDir, "dist");
mkdirSync(dist, { recursive: true });
writeFileSync(join(dist, "app-package.zip"), result.zip);
writeFileSync(join(dist, "manifest.json"), `${JSON.stringify(result.manifest, null, 2)}\n`);
console.log(
  `teams: wrote ${join(dist, "app-package.zip")} (${result.zip.length} bytes); upload it in Teams → Apps → Manage your apps → Upload an app`,
);
