import { existsSync, readFileSync } from "node:fs";
import { isIP } from "node:net";
import { join } from "node:path";
import { z } from "zod";
import { ConfigError } from "./errors.ts";

/** Everything the process reads from its environment, parsed once at start and passed down. */
export interface Config {
  nodeEnv: "development" | "production" | "test";
  port: number;
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  /** Public base URL of this server ("https://bot.example"), without a trailing slash. */
  publicUrl: string | undefined;
  /** The knowledge pack's folder (its pack.yaml, topics/, …). */
  knowledgeDir: string;
  /**
   * The articles' folder: quotes are verified against it at every load; where it cannot be read, against
   * the pack's verified-quotes.yaml, and a pack that record does not vouch for is refused.
   */
  articlesDir: string;
  /**
   * The clinic's details; an unset field (undefined) takes the pack's demo value, "" means none.
   * Production requires name and phone, so a demo number never reaches an urgent reply.
   */
  clinic: {
    name: string | undefined;
    phone: string | undefined;
    email: string | undefined;
    bookingUrl: string | undefined;
    hours: string | undefined;
  };
  thresholds: { answer: number | undefined; clarify: number | undefined };
  widget: {
    /** Origins allowed to call /api/chat besides the server's own; "*" allows any. */
    allowedOrigins: readonly string[];
    /** Development only: any http://localhost:* or http://127.0.0.1:* origin is allowed too. */
    allowLocalhost: boolean;
  };
  teams: {
    /** false (TEAMS_ENABLED=false): /api/messages is not mounted. */
    enabled: boolean;
    /** TEAMS_ANONYMOUS=true: no credentials even in production, for a local demo only; logged as an error. */
    anonymousOptOut: boolean;
    /** Hosts a serviceUrl may name besides Bot Framework's own ("*.example.com" for subdomains). */
    serviceUrlHosts: readonly string[];
    appId: string | undefined;
    appPassword: string | undefined;
    /** Unset: SingleTenant when a tenant id is given, else MultiTenant. */
    appType: "MultiTenant" | "SingleTenant" | "UserAssignedMSI" | undefined;
    tenantId: string | undefined;
  };
  sms: {
    twilioAuthToken: string | undefined;
    devMode: boolean;
    /** HMAC key for phone numbers (SMS_HASH_SECRET); a fixed development key outside production. */
    hashSecret: string;
    /** True when hashSecret is the development key (logged as a warning). */
    hashSecretIsDevelopmentKey: boolean;
    /** Where opt-outs (STOP/START) are kept without Redis: a JSON file that survives restarts. */
    optOutFile: string;
  };
  /** Messages per conversation (widget, Teams) or per number (SMS) per minute; 0 turns limiting off. */
  rateLimitPerMinute: number;
  /** Requests per client address per minute on /api/chat and /api/feedback: a ceiling for a shared NAT. */
  rateLimitPerIpPerMinute: number;
  /** Express's `trust proxy`: false (default), a hop count, or proxy addresses/subnets; never "trust all". */
  trustProxy: false | number | readonly string[];
  redisUrl: string | undefined;
  learning: {
    /** Answers below this confidence are logged as unanswered, with every fallback and clarify. */
    lowConfidence: number;
    /** JSON-lines file of scrubbed unanswered questions. */
    unansweredLog: string;
    /** JSON-lines file of thumbs up/down on answers. */
    feedbackLog: string;
    /** JSON file of messages per day by channel, reply kind and topic (counts only, no text). */
    dailyCounts: string;
  };
  /** The /studio authoring console: off (404) unless a password is set. */
  studio: {
    password: string | undefined;
    /** History snapshots (the change log) and the review groups dealt with. */
    dataDir: string;
    /** Commit each save when the pack folder is inside a git work tree. */
    gitCommits: boolean;
  };
}

const blankToUndefined = (value: unknown) =>
  typeof value === "string" && value.trim() === "" ? undefined : value;
const optionalText = z.preprocess(blankToUndefined, z.string().trim().optional());
const optionalUrl = (what: string) =>
  z.preprocess(blankToUndefined, z.string().trim().url(`must be an absolute URL such as ${what}`).optional());
// Unset → the demo default; set to "" → none at all.
const orNone = (schema: z.ZodString) => z.union([z.literal(""), schema]).optional();
/** The folder of knowledge packs, relative to the working directory; its DEFAULT file names the pack to run. */
export const DEFAULT_KNOWLEDGE_DIR = "knowledge";

/**
 * A pack folder as given, or — for a folder of packs — the pack its DEFAULT file names:
 * "knowledge" → "knowledge/<the name in knowledge/DEFAULT>".
 */
export function resolvePackDir(dir: string): string {
  if (existsSync(join(dir, "pack.yaml"))) return dir;
  const pointer = join(dir, "DEFAULT");
  if (!existsSync(pointer)) return dir;
  const name = readFileSync(pointer, "utf8").trim();
  return name ? join(dir, name) : dir;
}
/** A studio password shorter than this is refused in production. */
export const MIN_STUDIO_PASSWORD_LENGTH = 12;
/** Outside production only: phone-number hashes are then as guessable as the numbers. */
export const DEVELOPMENT_SMS_HASH_SECRET = "development-only: set SMS_HASH_SECRET in production";
const MIN_SECRET_LENGTH = 32;

/** Where the articles live in development, relative to the working directory; deployments use the record. */
export const DEFAULT_ARTICLES_DIR = "../shared/sources";

const flag = z.preprocess(
  blankToUndefined,
  z
    .enum(["true", "false", "1", "0"], { message: "must be true or false" })
    .optional()
    .transform((v) => v === "true" || v === "1"),
);
const fraction = z.preprocess(
  blankToUndefined,
  z.coerce
    .number({ message: "must be a number between 0 and 1" })
    .min(0, "must be between 0 and 1")
    .max(1, "must be between 0 and 1")
    .optional(),
);

const ENV_SCHEMA = z
  .object({
    NODE_ENV: z.preprocess(
      blankToUndefined,
      z
        .enum(["development", "production", "test"], { message: "must be development, production or test" })
        .default("development"),
    ),
    PORT: z.preprocess(
      blankToUndefined,
      z.coerce
        .number({ message: "must be a port number" })
        .int("must be a whole number")
        .min(0, "must be between 0 and 65535")
        .max(65535, "must be between 0 and 65535")
        .default(3978),
    ),
    LOG_LEVEL: z.preprocess(
      blankToUndefined,
      z
        .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], {
          message: "must be one of fatal, error, warn, info, debug, trace, silent",
        })
        .default("info"),
    ),
    PUBLIC_URL: optionalUrl("https://bot.example"),
    KNOWLEDGE_DIR: z.preprocess(blankToUndefined, z.string().default(DEFAULT_KNOWLEDGE_DIR)),
    ARTICLES_DIR: z.preprocess(blankToUndefined, z.string().default(DEFAULT_ARTICLES_DIR)),
    CLINIC_NAME: optionalText,
    CLINIC_PHONE: optionalText,
    CLINIC_EMAIL: orNone(z.string().trim().email("must be an email address such as hello@clinic.example")),
    CLINIC_BOOKING_URL: orNone(
      z
        .string()
        .trim()
        .regex(/^https?:\/\/\S+$/i, "must be an http or https URL such as https://clinic.example/book")
        .url("must be an absolute URL such as https://clinic.example/book"),
    ),
    CLINIC_HOURS: orNone(z.string().trim()),
    ANSWER_THRESHOLD: fraction,
    CLARIFY_THRESHOLD: fraction,
    WIDGET_ALLOWED_ORIGINS: optionalText.transform(parseOrigins),
    MicrosoftAppId: optionalText,
    MicrosoftAppPassword: optionalText,
    MicrosoftAppType: z.preprocess(
      blankToUndefined,
      z
        .enum(["MultiTenant", "SingleTenant", "UserAssignedMSI"], {
          message: "must be MultiTenant, SingleTenant or UserAssignedMSI",
        })
        .optional(),
    ),
    MicrosoftAppTenantId: optionalText,
    TEAMS_ENABLED: z.preprocess(
      blankToUndefined,
      z
        .enum(["true", "false", "1", "0"], { message: "must be true or false" })
        .default("true")
        .transform((v) => v === "true" || v === "1"),
    ),
    TEAMS_ANONYMOUS: flag,
    TEAMS_SERVICE_URL_HOSTS: optionalText.transform(parseHosts),
    TWILIO_AUTH_TOKEN: optionalText,
    SMS_DEV_MODE: flag,
    SMS_HASH_SECRET: z.preprocess(
      blankToUndefined,
      z
        .string()
        .min(
          MIN_SECRET_LENGTH,
          `must be at least ${MIN_SECRET_LENGTH} characters: generate one with \`openssl rand -hex 32\``,
        )
        .optional(),
    ),
    SMS_OPT_OUT_FILE: z.preprocess(blankToUndefined, z.string().default("data/sms-opt-outs.json")),
    RATE_LIMIT_PER_MINUTE: z.preprocess(
      blankToUndefined,
      z.coerce
        .number({ message: "must be a whole number of requests" })
        .int("must be a whole number")
        .min(0, "must be 0 (off) or more")
        .default(30),
    ),
    RATE_LIMIT_PER_IP_PER_MINUTE: z.preprocess(
      blankToUndefined,
      z.coerce
        .number({ message: "must be a whole number of requests" })
        .int("must be a whole number")
        .min(0, "must be 0 (off) or more")
        .default(300),
    ),
    TRUST_PROXY: optionalText.transform(parseTrustProxy),
    REDIS_URL: optionalUrl("redis://localhost:6379"),
    LOW_CONFIDENCE: fraction,
    UNANSWERED_LOG: z.preprocess(blankToUndefined, z.string().default("data/unanswered.jsonl")),
    FEEDBACK_LOG: z.preprocess(blankToUndefined, z.string().default("data/feedback.jsonl")),
    DAILY_COUNTS_FILE: z.preprocess(blankToUndefined, z.string().default("data/daily-counts.json")),
    STUDIO_PASSWORD: z.preprocess(blankToUndefined, z.string().optional()),
    STUDIO_DATA_DIR: z.preprocess(blankToUndefined, z.string().default("data/studio")),
    STUDIO_GIT_COMMITS: z.preprocess(
      blankToUndefined,
      z
        .enum(["true", "false", "1", "0"], { message: "must be true or false" })
        .default("true")
        .transform((v) => v === "true" || v === "1"),
    ),
  })
  .superRefine((env, ctx) => {
    const { ANSWER_THRESHOLD: answer, CLARIFY_THRESHOLD: clarify } = env;
    if (answer !== undefined && clarify !== undefined && clarify > answer) {
      ctx.addIssue({
        code: "custom",
        path: ["CLARIFY_THRESHOLD"],
        message: "must not exceed ANSWER_THRESHOLD",
      });
    }
    if (env.NODE_ENV === "production") {
      for (const key of ["CLINIC_NAME", "CLINIC_PHONE"] as const) {
        if (env[key] === undefined) {
          ctx.addIssue({
            code: "custom",
            path: [key],
            message:
              "is required in production: urgent and handoff replies give the clinic's real contact details, never the demo ones",
          });
        }
      }
    }
    const weakness =
      env.STUDIO_PASSWORD === undefined ? undefined : studioPasswordWeakness(env.STUDIO_PASSWORD);
    if (env.NODE_ENV === "production" && weakness) {
      ctx.addIssue({
        code: "custom",
        path: ["STUDIO_PASSWORD"],
        message: `is too weak for production (${weakness}): use a long passphrase, or unset it to turn the studio off`,
      });
    }
    if (env.NODE_ENV === "production" && env.TEAMS_ENABLED && !env.MicrosoftAppId && !env.TEAMS_ANONYMOUS) {
      ctx.addIssue({
        code: "custom",
        path: ["MicrosoftAppId"],
        message:
          "is required in production while Teams is on: set the Azure Bot's MicrosoftAppId and its credentials, " +
          "or TEAMS_ENABLED=false if the clinic does not use Teams (TEAMS_ANONYMOUS=true runs it unauthenticated, for a local demo only)",
      });
    }
    if (
      env.NODE_ENV === "production" &&
      env.TWILIO_AUTH_TOKEN !== undefined &&
      env.SMS_HASH_SECRET === undefined
    ) {
      ctx.addIssue({
        code: "custom",
        path: ["SMS_HASH_SECRET"],
        message:
          "is required in production with SMS on: phone numbers are hashed with it (HMAC) in logs and state; " +
          "generate one with `openssl rand -hex 32`, keep it secret and never change it (opt-outs are keyed by it)",
      });
    }
    if (env.NODE_ENV === "production" && env.SMS_DEV_MODE) {
      ctx.addIssue({
        code: "custom",
        path: ["SMS_DEV_MODE"],
        message: "must not be true in production: it turns off Twilio signature checks",
      });
    }
  });

/**
 * Parses the environment once into a frozen config.
 * @throws ConfigError naming every invalid variable and what it expects.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Readonly<Config> {
  const parsed = ENV_SCHEMA.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`Invalid environment configuration:\n${lines.join("\n")}\nSee .env.example.`);
  }
  const e = parsed.data;
  return deepFreeze({
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ""),
    knowledgeDir: resolvePackDir(e.KNOWLEDGE_DIR),
    articlesDir: e.ARTICLES_DIR,
    clinic: {
      name: e.CLINIC_NAME,
      phone: e.CLINIC_PHONE,
      email: e.CLINIC_EMAIL,
      bookingUrl: e.CLINIC_BOOKING_URL,
      hours: e.CLINIC_HOURS,
    },
    thresholds: { answer: e.ANSWER_THRESHOLD, clarify: e.CLARIFY_THRESHOLD },
    widget: { allowedOrigins: e.WIDGET_ALLOWED_ORIGINS, allowLocalhost: e.NODE_ENV !== "production" },
    teams: {
      enabled: e.TEAMS_ENABLED,
      anonymousOptOut: e.TEAMS_ANONYMOUS,
      serviceUrlHosts: e.TEAMS_SERVICE_URL_HOSTS,
      appId: e.MicrosoftAppId,
      appPassword: e.MicrosoftAppPassword,
      appType: e.MicrosoftAppType,
      tenantId: e.MicrosoftAppTenantId,
    },
    sms: {
      twilioAuthToken: e.TWILIO_AUTH_TOKEN,
      devMode: e.SMS_DEV_MODE,
      hashSecret: e.SMS_HASH_SECRET ?? DEVELOPMENT_SMS_HASH_SECRET,
      hashSecretIsDevelopmentKey: e.SMS_HASH_SECRET === undefined,
      optOutFile: e.SMS_OPT_OUT_FILE,
    },
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    rateLimitPerIpPerMinute: e.RATE_LIMIT_PER_IP_PER_MINUTE,
    trustProxy: e.TRUST_PROXY,
    redisUrl: e.REDIS_URL,
    learning: {
      lowConfidence: e.LOW_CONFIDENCE ?? 0.6,
      unansweredLog: e.UNANSWERED_LOG,
      feedbackLog: e.FEEDBACK_LOG,
      dailyCounts: e.DAILY_COUNTS_FILE,
    },
    studio: { password: e.STUDIO_PASSWORD, dataDir: e.STUDIO_DATA_DIR, gitCommits: e.STUDIO_GIT_COMMITS },
  });
}

const COMMON_PASSWORDS = new Set(["password", "changeme", "letmein", "admin", "studio", "qwerty", "welcome"]);

/** Why a studio password is too weak for production, or undefined: "only 8 characters". */
export function studioPasswordWeakness(password: string): string | undefined {
  if (password.length < MIN_STUDIO_PASSWORD_LENGTH)
    return `only ${password.length} characters, at least ${MIN_STUDIO_PASSWORD_LENGTH} needed`;
  const stripped = password.toLowerCase().replace(/[^a-z]/g, "");
  if (COMMON_PASSWORDS.has(stripped)) return "a common password with digits or symbols added";
  if (new Set(password).size < 6) return "too few different characters";
  return undefined;
}

// "https://a.example, https://b.example/" => ["https://a.example", "https://b.example"]
function parseOrigins(list: string | undefined, ctx: z.RefinementCtx): string[] {
  const origins: string[] = [];
  for (const item of (list ?? "").split(",").map((s) => s.trim())) {
    if (item === "" || item === "*") {
      if (item === "*") origins.push(item);
      continue;
    }
    if (!URL.canParse(item) || !/^https?:$/.test(new URL(item).protocol)) {
      ctx.addIssue({
        code: "custom",
        message: `"${item}" is not an origin; expected a comma-separated list such as https://clinic.example,https://www.clinic.example (or * for any)`,
      });
      continue;
    }
    origins.push(new URL(item).origin);
  }
  return origins;
}

const HOST = /^(?:\*\.)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

// "*.bots.example.com, relay.example.com" => ["*.bots.example.com", "relay.example.com"]
function parseHosts(list: string | undefined, ctx: z.RefinementCtx): string[] {
  const hosts: string[] = [];
  for (const item of (list ?? "").split(",").map((s) => s.trim().toLowerCase())) {
    if (item === "") continue;
    if (!HOST.test(item)) {
      ctx.addIssue({
        code: "custom",
        message: `"${item}" is not a host name; expected names such as relay.example.com or *.example.com (https is implied)`,
      });
      continue;
    }
    hosts.push(item);
  }
  return hosts;
}

const PROXY_KEYWORDS = new Set(["loopback", "linklocal", "uniquelocal"]);

// "1" => 1, "loopback, 10.0.0.0/8" => ["loopback", "10.0.0.0/8"]; "true" is refused.
function parseTrustProxy(value: string | undefined, ctx: z.RefinementCtx): false | number | string[] {
  if (value === undefined || value === "false" || value === "0") return false;
  if (value === "true") {
    ctx.addIssue({
      code: "custom",
      message:
        '"true" would trust any X-Forwarded-For, letting clients pick their address; give the number of proxies in front (1) or their addresses (loopback,10.0.0.0/8)',
    });
    return false;
  }
  if (/^\d+$/.test(value)) return Number(value);
  const items = value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  for (const item of items) {
    const [address = "", prefix] = item.split("/");
    const validPrefix = prefix === undefined || /^\d{1,3}$/.test(prefix);
    if (!PROXY_KEYWORDS.has(item) && !(isIP(address) && validPrefix)) {
      ctx.addIssue({
        code: "custom",
        message: `"${item}" is not a proxy address; expected a hop count such as 1, or addresses and subnets such as loopback,10.0.0.0/8`,
      });
    }
  }
  return items;
}

function deepFreeze<T extends object>(value: T): Readonly<T> {
  for (const child of Object.values(value)) {
    if (child !== null && typeof child === "object" && !Object.isFrozen(child)) deepFreeze(child);
  }
  return Object.freeze(value);
}
