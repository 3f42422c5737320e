// npm run teams:package [-- --app-id <guid>] [--public-url https://host] [--write-icons]
// Builds teams/dist/app-package.zip (manifest.json + icons) to upload to Teams.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { buildAppPackage } from "../src/channels/teams/app-package/build.ts";
import { drawColorIcon, drawOutlineIcon } from "../src/channels/teams/app-package/icons.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const teamsDir = join(root, "teams");

const { values } = parseArgs({
  options: {
    "app-id": { type: "string" },
    "public-url": { type: "string" },
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

const result = buildAppPackage({
  template: JSON.parse(readFileSync(join(teamsDir, "manifest.template.json"), "utf8")),
  appId: values["app-id"] ?? env("MicrosoftAppId"),
  publicUrl: values["public-url"] ?? env("PUBLIC_URL"),
  clinicName: env("CLINIC_NAME") ?? "Lumen Skin Clinic",
  appVersion: pkg.version,
  teamsAppId: env("TEAMS_APP_ID"),
  websiteUrl: env("TEAMS_WEBSITE_URL"),
  privacyUrl: env("TEAMS_PRIVACY_URL"),
  termsOfUseUrl: env("TEAMS_TERMS_URL"),
  colorIcon: readFileSync(join(teamsDir, "color.png")),
  outlineIcon: readFileSync(join(teamsDir, "outline.png")),
});

if (!result.ok) {
  console.error(`teams:package failed:\n${result.problems.map((p) => `  - ${p}`).join("\n")}`);
  process.exit(1);
}
const dist = join(teamsDir, "dist");
mkdirSync(dist, { recursive: true });
writeFileSync(join(dist, "app-package.zip"), result.zip);
writeFileSync(join(dist, "manifest.json"), `${JSON.stringify(result.manifest, null, 2)}\n`);
console.log(
  `teams: wrote teams/dist/app-package.zip (${result.zip.length} bytes); upload it in Teams → Apps → Manage your apps → Upload an app`,
);
