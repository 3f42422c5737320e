import type { ServerResponse } from "node:http";
import type { ConversationStore, Engine } from "../../dialog/types.ts";
import { ConfigError } from "../../errors.ts";
import { SmsBot } from "./bot.ts";
import { createSmsResponder, type SmsLogger } from "./respond.ts";
import {
  createMemoryOptOutStore,
  createMemorySeenMessages,
  createMemorySmsSessionStore,
  E164,
  hashPhoneNumber,
  type OptOutStore,
  type SeenMessages,
  type SmsSessionStore,
} from "./state.ts";
import { TwilioAdapter, type TwilioParams } from "./twilio-adapter.ts";
import { renderTwiml } from "./twiml.ts";
import { isValidTwilioSignature, recordSignatureFailure, type SmsRequest, signedUrl } from "./verify.ts";

/** Twilio webhooks are small; anything bigger is not one. */
const MAX_BODY_BYTES = 64 * 1024;
/** Default reply budget: 2 parts (306 GSM-7 characters or 134 UCS-2 units). */
export const DEFAULT_SMS_MAX_LENGTH = 320;
/** Parts in a concatenated GSM-7 message are 153 septets each. */
const GSM7_MULTI_PART = 153;

export interface SmsConfig {
  /** Twilio auth token: the HMAC key of X-Twilio-Signature. Required unless `devMode`. */
  authToken?: string;
  /** Public base URL Twilio calls ("https://bot.example.com"), when a proxy changes host or scheme. */
  publicUrl?: string;
  /** Allows running without a token, signature checks off (local curl only). */
  devMode: boolean;
  /** Reply budget in GSM-7 characters, rounded down to whole parts of 153: 320 => 2 parts. Default 320. */
  maxLength?: number;
  /** HMAC key for phone numbers (SMS_HASH_SECRET): keep it secret, and never change it (opt-outs are keyed by it). */
  phoneHashKey: string;
}

export interface SmsRouteDeps {
  engine: Engine;
  store: ConversationStore;
  config: SmsConfig;
  logger?: SmsLogger;
  /** Opt-outs; in memory unless given (use a shared store with several instances). */
  optOuts?: OptOutStore;
  /** MORE pages, numbered choices, disclosure; in memory with a TTL unless given. */
  sessions?: SmsSessionStore;
  /** MessageSids already answered (replays get nothing); in memory for 24 hours unless given. */
  seenMessages?: SeenMessages;
  now?: () => number;
  /**
   * Rate limit per sender, asked after the signature check with the hashed number ("sms-<hex>"). A refused
   * text gets an empty TwiML response (no reply, no Twilio retry) and a warning in the log.
   */
  allowTurn?: (sender: string) => { allowed: boolean };
}

/** Used when no logger is given: warnings and errors to stderr as JSON lines, nothing else. */
const STDERR_LOGGER: SmsLogger = {
  info: () => {},
  warn: (fields, message) => console.warn(JSON.stringify({ level: "warn", message, ...fields })),
  error: (fields, message) => console.error(JSON.stringify({ level: "error", message, ...fields })),
};

export type SmsRoute = (req: SmsRequest, res: ServerResponse) => Promise<void>;

/** 320 => 2, 160 => 1, 459 => 3. */
export function maxSegmentsFor(maxLength: number): number {
  return Math.max(1, Math.floor(maxLength / GSM7_MULTI_PART));
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.statusCode = status;
  res.setHeader("Content-Type", `${type}; charset=utf-8`);
  res.setHeader("Cache-Control", "no-store");
  res.end(body);
}

function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  send(res, status, "application/json", JSON.stringify({ error: { code, message } }));
}

function fromSearchParams(search: URLSearchParams): TwilioParams {
  const params: TwilioParams = {};
  for (const [key, value] of search) {
    const existing = params[key];
    params[key] =
      existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  return params;
}

type ParamsResult =
  | { ok: true; params: TwilioParams }
  | { ok: false; status: number; code: string; message: string };

async function readRaw(req: SmsRequest): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf-8");
}

/** The webhook's form parameters, whether express.urlencoded already parsed them or not. */
async function readParams(req: SmsRequest): Promise<ParamsResult> {
  const body = req.body;
  if (typeof body === "string" || Buffer.isBuffer(body)) {
    return { ok: true, params: fromSearchParams(new URLSearchParams(body.toString())) };
  }
  if (body !== null && typeof body === "object" && Object.keys(body).length > 0) {
    const params: TwilioParams = {};
    for (const [key, value] of Object.entries(body)) {
      params[key] = Array.isArray(value) ? value.map(String) : String(value);
    }
    return { ok: true, params };
  }
  const type = req.headers["content-type"] ?? "";
  if (!type.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
    const message =
      "Expected a form-encoded Twilio webhook (Content-Type: application/x-www-form-urlencoded).";
    return { ok: false, status: 415, code: "unsupported_media_type", message };
  }
  if (req.readableEnded) return { ok: true, params: {} }; // a body parser already consumed an empty body
  const raw = await readRaw(req);
  if (raw === undefined) {
    return {
      ok: false,
      status: 413,
      code: "payload_too_large",
      message: "The request body is larger than a Twilio webhook can be.",
    };
  }
  return { ok: true, params: fromSearchParams(new URLSearchParams(raw)) };
}

/**
 * The handler for POST /api/sms (Express-compatible; form body parsed here if no middleware did):
 * verify the Twilio signature → message activity → SmsBot → TwiML reply. Throws ConfigError when
 * there is no auth token outside development mode.
 */
export function createSmsRoute(deps: SmsRouteDeps): SmsRoute {
  const { config } = deps;
  const logger = deps.logger ?? STDERR_LOGGER;
  if (!config.authToken && !config.devMode) {
    throw new ConfigError(
      "The SMS route needs TWILIO_AUTH_TOKEN to verify that requests come from Twilio. " +
        "Set it to the auth token from the Twilio console, or enable development mode to run without checks.",
    );
  }
  if (!config.authToken)
    logger.warn({}, "sms signature verification is off (development mode, no auth token)");

  const key = config.phoneHashKey;
  const seenMessages = deps.seenMessages ?? createMemorySeenMessages();
  const adapter = new TwilioAdapter({ hashPhoneNumber: (phone) => hashPhoneNumber(phone, key) });
  const bot = new SmsBot(
    createSmsResponder({
      engine: deps.engine,
      store: deps.store,
      optOuts: deps.optOuts ?? createMemoryOptOutStore(),
      sessions: deps.sessions ?? createMemorySmsSessionStore(),
      maxSegments: maxSegmentsFor(config.maxLength ?? DEFAULT_SMS_MAX_LENGTH),
      logger,
      ...(deps.now ? { now: deps.now } : {}),
    }),
  );

  return async (req, res) => {
    try {
      const read = await readParams(req);
      if (!read.ok) {
        sendError(res, read.status, read.code, read.message);
        return;
      }
      const { params } = read;
      if (config.authToken) {
        const signature = req.headers["x-twilio-signature"];
        const url = signedUrl(req, config.publicUrl);
        if (
          !isValidTwilioSignature(
            config.authToken,
            typeof signature === "string" ? signature : undefined,
            url,
            params,
          )
        ) {
          recordSignatureFailure();
          logger.warn(
            { url, hasSignature: signature !== undefined },
            "sms request rejected: bad Twilio signature",
          );
          send(res, 403, "text/plain", "Invalid Twilio signature.");
          return;
        }
      }
      if (typeof params.From !== "string" || params.From === "") {
        sendError(
          res,
          400,
          "invalid_request",
          "The webhook has no From parameter; is this a Twilio messaging webhook?",
        );
        return;
      }
      // Twilio signs keys and values run together: "From=+1555…FromCityBOSTON" verifies like From + FromCity.
      if (!E164.test(params.From)) {
        sendError(
          res,
          400,
          "invalid_request",
          "From must be a phone number in E.164 form, such as +15551234567.",
        );
        return;
      }
      const sid = params.MessageSid;
      if (sid !== undefined && (typeof sid !== "string" || !/^[A-Za-z0-9]{2,64}$/.test(sid))) {
        sendError(
          res,
          400,
          "invalid_request",
          "MessageSid must be 2 to 64 letters and digits, as Twilio sends it.",
        );
        return;
      }
      if (sid === undefined && config.authToken) {
        sendError(
          res,
          400,
          "invalid_request",
          "The webhook has no MessageSid; is this a Twilio messaging webhook?",
        );
        return;
      }
      if (sid !== undefined && !(await seenMessages.firstSeen(sid))) {
        logger.warn({}, "sms webhook replayed (MessageSid already answered): answered with empty TwiML");
        send(res, 200, "text/xml", renderTwiml([]));
        return;
      }
      const sender = hashPhoneNumber(params.From, key);
      if (deps.allowTurn !== undefined && !deps.allowTurn(sender).allowed) {
        logger.warn({ user: sender }, "sms rate limit reached: answered with empty TwiML");
        send(res, 200, "text/xml", renderTwiml([]));
        return;
      }
      const twiml = await adapter.processWebhook(params, (context) => bot.run(context));
      send(res, 200, "text/xml", twiml);
    } catch (error) {
      // Log the failure without the request: it holds a phone number and message text.
      logger.error(
        {
          err:
            error instanceof Error
              ? { name: error.name, message: error.message, stack: error.stack }
              : String(error),
        },
        "sms turn failed",
      );
      if (!res.headersSent) send(res, 500, "text/plain", "Internal error.");
    }
  };
}
