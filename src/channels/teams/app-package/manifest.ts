/** Values substituted for `${Name}` placeholders in teams/manifest.template.json. */
export type ManifestValues = Record<string, string>;

const PLACEHOLDER = /\$\{([A-Za-z][A-Za-z0-9_]*)\}/g;

/**
 * Replaces `${Name}` in every string of the parsed template (so values need no JSON escaping).
 * Throws listing every placeholder that has no value.
 */
export function fillManifest(template: unknown, values: ManifestValues): unknown {
  const missing = new Set<string>();
  const fill = (node: unknown): unknown => {
    if (typeof node === "string") {
      return node.replace(PLACEHOLDER, (whole, name: string) => {
        const value = values[name];
        if (value === undefined) missing.add(name);
        return value ?? whole;
      });
    }
    if (Array.isArray(node)) return node.map(fill);
    if (node && typeof node === "object") {
      return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, fill(value)]));
    }
    return node;
  };
  const filled = fill(template);
  if (missing.size > 0) {
    throw new Error(
      `manifest placeholders without a value: ${[...missing].map((m) => `\${${m}}`).join(", ")}`,
    );
  }
  return filled;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SEMVER = /^\d+\.\d+\.\d+$/;
const HEX_COLOUR = /^#[0-9a-f]{6}$/i;
const BOT_SCOPES = new Set(["personal", "team", "groupChat"]);

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const at = (root: unknown, path: string): unknown =>
  path.split(".").reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), root);

/**
 * Checks the fields the Teams app manifest schema requires (and the limits Teams enforces on upload);
 * returns every problem found, each naming the field: [] when the manifest is fine.
 */
export function checkManifest(manifest: unknown): string[] {
  const problems: string[] = [];
  const text = (path: string, max: number, pattern?: RegExp, hint?: string) => {
    const value = at(manifest, path);
    if (typeof value !== "string" || value.trim() === "") {
      problems.push(`${path} is required`);
    } else if (value.length > max) {
      problems.push(`${path} is ${value.length} characters; at most ${max} allowed`);
    } else if (pattern && !pattern.test(value)) {
      problems.push(`${path} must be ${hint}: got "${value}"`);
    }
  };
  const https = /^https:\/\/[^\s/]+/;

  text("manifestVersion", 10, /^1\.\d+$/, "a schema version such as 1.22");
  text("version", 20, SEMVER, "a version such as 1.0.0");
  text("id", 36, GUID, "a GUID");
  text("developer.name", 32);
  text("developer.websiteUrl", 2048, https, "an https URL");
  text("developer.privacyUrl", 2048, https, "an https URL");
  text("developer.termsOfUseUrl", 2048, https, "an https URL");
  text("name.short", 30);
  if (at(manifest, "name.full") !== undefined) text("name.full", 100);
  text("description.short", 80);
  text("description.full", 4000);
  text("icons.color", 2048);
  text("icons.outline", 2048);
  text("accentColor", 7, HEX_COLOUR, "a colour such as #2E7D7A");

  const bots = at(manifest, "bots");
  if (!Array.isArray(bots) || bots.length === 0) {
    problems.push("bots must list the bot");
  } else {
    bots.forEach((bot, i) => {
      const botId = isObject(bot) ? bot.botId : undefined;
      if (typeof botId !== "string" || !GUID.test(botId))
        problems.push(`bots[${i}].botId must be the bot's app id (a GUID)`);
      const scopes = isObject(bot) ? bot.scopes : undefined;
      if (!Array.isArray(scopes) || scopes.length === 0 || !scopes.every((s) => BOT_SCOPES.has(String(s)))) {
        problems.push(`bots[${i}].scopes must be one or more of personal, team, groupChat`);
      }
    });
  }
  const domains = at(manifest, "validDomains");
  if (
    !Array.isArray(domains) ||
    !domains.every((d) => typeof d === "string" && d !== "" && !d.includes("://"))
  ) {
    problems.push("validDomains must be a list of host names (no https://)");
  }
  return problems;
}
