import { checkManifest, fillManifest } from "./manifest.ts";
import { readPngInfo } from "./png.ts";
import { createZip } from "./zip.ts";

export interface AppPackageInput {
  /** teams/manifest.template.json, parsed. */
  template: unknown;
  /** The bot's Microsoft App ID (MicrosoftAppId). */
  appId: string | undefined;
  /** Public https base URL of the bot's server (PUBLIC_URL): its host becomes the valid domain. */
  publicUrl: string | undefined;
  clinicName: string;
  appVersion: string;
  /** Teams app id; the bot's app id when unset (TEAMS_APP_ID). */
  teamsAppId?: string;
  websiteUrl?: string;
  privacyUrl?: string;
  termsOfUseUrl?: string;
  /** Which of /privacy and /terms the server at `publicUrl` serves (the pack has that copy). */
  servedPages: { privacy: boolean; terms: boolean };
  /** Where the pack was read from, to name in a problem. */
  knowledgeDir?: string;
  colorIcon: Uint8Array;
  outlineIcon: Uint8Array;
}

export type AppPackageResult =
  | { ok: true; manifest: unknown; zip: Buffer }
  | { ok: false; problems: string[] };

function iconProblems(name: string, bytes: Uint8Array, size: number): string[] {
  const info = readPngInfo(bytes);
  if (!info) return [`${name} is not a PNG file`];
  const problems: string[] = [];
  if (info.width !== size || info.height !== size) {
    problems.push(`${name} is ${info.width}×${info.height}; Teams needs ${size}×${size}`);
  }
  if (name === "outline.png" && info.colorType !== 6 && info.colorType !== 4) {
    problems.push("outline.png must have a transparent background (an RGBA or grey+alpha PNG)");
  }
  return problems;
}

/** Fills the manifest template, checks it and the icons, and zips the Teams app package. */
export function buildAppPackage(input: AppPackageInput): AppPackageResult {
  const problems: string[] = [];
  if (!input.appId) {
    problems.push("MicrosoftAppId is not set: export it (the Azure Bot's app id) or pass --app-id <guid>");
  }
  let host = "";
  if (!input.publicUrl) {
    problems.push(
      "PUBLIC_URL is not set: export the bot's public https URL or pass --public-url https://host",
    );
  } else if (!/^https:\/\//.test(input.publicUrl) || !URL.canParse(input.publicUrl)) {
    problems.push(`PUBLIC_URL must be an https URL: got "${input.publicUrl}"`);
  } else {
    host = new URL(input.publicUrl).host;
  }
  const pack = input.knowledgeDir ?? "the pack";
  if (!input.privacyUrl && !input.servedPages.privacy) {
    problems.push(
      `TEAMS_PRIVACY_URL is not set and ${pack} has no copy.privacy, so the server does not serve /privacy: add copy.privacy to its pack.yaml or set TEAMS_PRIVACY_URL`,
    );
  }
  if (!input.termsOfUseUrl && !input.servedPages.terms) {
    problems.push(
      `TEAMS_TERMS_URL is not set and ${pack} has no copy.terms, so the server does not serve /terms: add copy.terms to its pack.yaml or set TEAMS_TERMS_URL`,
    );
  }
  if (problems.length > 0) return { ok: false, problems };

  const base = input.publicUrl!.replace(/\/+$/, "");
  let manifest: unknown;
  try {
    manifest = fillManifest(input.template, {
      MicrosoftAppId: input.appId!,
      TeamsAppId: input.teamsAppId ?? input.appId!,
      ClinicName: input.clinicName,
      AppVersion: input.appVersion,
      WebsiteUrl: input.websiteUrl ?? base,
      PrivacyUrl: input.privacyUrl ?? `${base}/privacy`,
      TermsOfUseUrl: input.termsOfUseUrl ?? `${base}/terms`,
      BotDomain: host,
    });
  } catch (err) {
    return { ok: false, problems: [err instanceof Error ? err.message : String(err)] };
  }
  problems.push(
    ...checkManifest(manifest),
    ...iconProblems("color.png", input.colorIcon, 192),
    ...iconProblems("outline.png", input.outlineIcon, 32),
  );
  if (problems.length > 0) return { ok: false, problems };

  const zip = createZip([
    { name: "manifest.json", data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) },
    { name: "color.png", data: input.colorIcon },
    { name: "outline.png", data: input.outlineIcon },
  ]);
  return { ok: true, manifest, zip };
}
