import { readFileSync } from "node:fs";
import { inflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { type AppPackageInput, buildAppPackage } from "../../../src/channels/teams/app-package/build.ts";
import { crc32 } from "../../../src/channels/teams/app-package/crc32.ts";
import { drawOutlineIcon } from "../../../src/channels/teams/app-package/icons.ts";
import { checkManifest, fillManifest } from "../../../src/channels/teams/app-package/manifest.ts";
import { encodePng, readPngInfo } from "../../../src/channels/teams/app-package/png.ts";
import { createZip } from "../../../src/channels/teams/app-package/zip.ts";

const APP_ID = "6f1c1a52-3b7e-4c7a-9a5e-2d1f0e8b7c11";
const template = JSON.parse(readFileSync("teams/manifest.template.json", "utf8"));
const colorIcon = readFileSync("teams/color.png");
const outlineIcon = readFileSync("teams/outline.png");

const input = (overrides: Partial<AppPackageInput> = {}): AppPackageInput => ({
  template,
  appId: APP_ID,
  publicUrl: "https://bot.clinic.example",
  clinicName: "Lumen Skin Clinic",
  appVersion: "0.1.0",
  servedPages: { privacy: true, terms: true },
  colorIcon,
  outlineIcon,
  ...overrides,
});

/** Reads a zip's entries back through its central directory. */
function unzip(zip: Buffer): Map<string, Buffer> {
  const entries = new Map<string, Buffer>();
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < zip.readUInt16LE(end + 10); i++) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const name = zip.toString("utf8", at + 46, at + 46 + nameLength);
    const local = zip.readUInt32LE(at + 42);
    const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const body = zip.subarray(dataStart, dataStart + size);
    const data = method === 8 ? inflateRawSync(body) : Buffer.from(body);
    expect(crc32(data)).toBe(zip.readUInt32LE(at + 16));
    entries.set(name, data);
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries;
}

describe("Teams app package", () => {
  it("computes the standard CRC-32 check value", () => {
    expect(crc32(Buffer.from("123456789"))).toBe(0xcbf43926);
  });

  it("ships icons of the sizes Teams requires, the outline transparent", () => {
    expect(readPngInfo(colorIcon)).toMatchObject({ width: 192, height: 192 });
    expect(readPngInfo(outlineIcon)).toEqual({ width: 32, height: 32, colorType: 6 });
  });

  it("writes PNGs whose header it can read back", () => {
    expect(readPngInfo(encodePng(3, 2, new Uint8Array(24)))).toEqual({ width: 3, height: 2, colorType: 6 });
    expect(readPngInfo(Buffer.from("not a png at all, clearly not a png"))).toBeNull();
  });

  it("builds a zip holding the filled manifest and both icons", () => {
    const result = buildAppPackage(input());
    if (!result.ok) throw new Error(result.problems.join("; "));
    const entries = unzip(result.zip);
    expect([...entries.keys()]).toEqual(["manifest.json", "color.png", "outline.png"]);
    const manifest = JSON.parse(entries.get("manifest.json")!.toString("utf8"));
    expect(manifest).toMatchObject({
      manifestVersion: "1.22",
      id: APP_ID,
      bots: [{ botId: APP_ID, scopes: ["personal", "team", "groupChat"] }],
      validDomains: ["bot.clinic.example"],
      developer: { privacyUrl: "https://bot.clinic.example/privacy" },
    });
    expect(JSON.stringify(manifest)).not.toContain("${");
    expect(entries.get("color.png")!.equals(colorIcon)).toBe(true);
  });

  it("requires privacy and terms URLs the server does not serve, naming the setting and the pack's copy", () => {
    const result = buildAppPackage(
      input({ servedPages: { privacy: false, terms: true }, knowledgeDir: "packs/x" }),
    );
    expect(result).toEqual({
      ok: false,
      problems: [
        "TEAMS_PRIVACY_URL is not set and packs/x has no copy.privacy, so the server does not serve /privacy: add copy.privacy to its pack.yaml or set TEAMS_PRIVACY_URL",
      ],
    });
    const given = buildAppPackage(
      input({
        servedPages: { privacy: false, terms: false },
        privacyUrl: "https://x.example/p",
        termsOfUseUrl: "https://x.example/t",
      }),
    );
    expect(given.ok).toBe(true);
  });

  it("fails naming MicrosoftAppId when the bot id is missing", () => {
    const result = buildAppPackage(input({ appId: undefined }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.join("\n")).toMatch(/MicrosoftAppId is not set.*--app-id/);
  });

  it("refuses a non-https public URL", () => {
    const result = buildAppPackage(input({ publicUrl: "http://bot.clinic.example" }));
    expect(result.ok).toBe(false);
  });

  it("reports icons of the wrong size", () => {
    const result = buildAppPackage(input({ colorIcon: drawOutlineIcon(), outlineIcon: drawOutlineIcon(64) }));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems).toEqual([
        "color.png is 32×32; Teams needs 192×192",
        "outline.png is 64×64; Teams needs 32×32",
      ]);
    }
  });

  it("lists every missing required manifest field at once", () => {
    expect(checkManifest({ manifestVersion: "1.22" })).toEqual(
      expect.arrayContaining([
        "version is required",
        "id is required",
        "developer.name is required",
        "developer.privacyUrl is required",
        "name.short is required",
        "description.full is required",
        "icons.outline is required",
        "accentColor is required",
        "bots must list the bot",
        "validDomains must be a list of host names (no https://)",
      ]),
    );
  });

  it("checks bot ids, scopes and Teams' length limits", () => {
    const result = buildAppPackage(input());
    if (!result.ok) throw new Error("expected a valid package");
    const manifest = structuredClone(result.manifest) as Record<string, unknown>;
    manifest.bots = [{ botId: "not-a-guid", scopes: ["everyone"] }];
    manifest.name = { short: "x".repeat(31) };
    expect(checkManifest(manifest)).toEqual([
      "name.short is 31 characters; at most 30 allowed",
      "bots[0].botId must be the bot's app id (a GUID)",
      "bots[0].scopes must be one or more of personal, team, groupChat",
    ]);
  });

  it("names placeholders left without a value", () => {
    const placeholder = (name: string) => `\${${name}}`; // "${Nope}"
    expect(() => fillManifest({ a: placeholder("Nope"), b: [placeholder("AlsoNope")] }, {})).toThrow(
      `${placeholder("Nope")}, ${placeholder("AlsoNope")}`,
    );
  });

  it("writes an empty zip that is still a valid archive", () => {
    expect(unzip(createZip([])).size).toBe(0);
  });
});
