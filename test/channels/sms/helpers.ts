import type { AddressInfo } from "node:net";
import express, { type NextFunction, type Request, type Response } from "express";
import twilio from "twilio";
import { expect } from "vitest";
import { createSmsRoute, type SmsConfig, type SmsLogger } from "../../../src/channels/sms/index.ts";
import type { ConversationContext, ConversationStore, Engine, TurnInput } from "../../../src/dialog/types.ts";
import type { Reply, ReplyExtras } from "../../../src/reply.ts";
import { shippedProfile } from "../../support/shipped.ts";

export const AUTH_TOKEN = "test-auth-token-0123456789abcdef";
export const PHONE = "+15551234567";

export function makeReply(overrides: Partial<Reply> = {}): Reply {
  return {
    kind: "answer",
    topic: "results-duration",
    text: "Results usually last one to five years, depending on age and skin care.",
    confidence: 0.9,
    citations: [
      {
        source: "a1",
        title: "How long do microneedling results last?",
        quote: "results can last",
      },
    ],
    conflicts: [],
    suggestions: [],
    alternatives: [],
    ...overrides,
  };
}

/** The clinic every fake SMS engine speaks for. */
export const SMS_CLINIC = { name: "Glow Clinic", phone: "+1 555 000 1111" };

export interface FakeEngine extends Engine {
  inputs: TurnInput[];
}

/** An engine that answers with `respond(text)`, recording every input. */
export function fakeEngine(
  respond: (text: string) => { reply: Reply; extras?: ReplyExtras } = () => ({ reply: makeReply() }),
): FakeEngine {
  const inputs: TurnInput[] = [];
  return {
    inputs,
    knowledgeVersion: "test",
    get profile() {
      return shippedProfile(SMS_CLINIC);
    },
    handleTurn(input) {
      inputs.push(input);
      const { reply, extras } = respond(input.text);
      const turns = (input.context?.turns ?? 0) + 1;
      const context: ConversationContext = {
        recentTopics: reply.topic ? [reply.topic] : [],
        coveredTopics: reply.topic ? [reply.topic] : [],
        pendingClarify: null,
        turns,
        updatedAt: input.now ?? Date.now(),
      };
      return { reply, context, extras: extras ?? {} };
    },
  };
}

export function memoryStore(): ConversationStore & { map: Map<string, ConversationContext> } {
  const map = new Map<string, ConversationContext>();
  return {
    map,
    get: async (id) => map.get(id),
    set: async (id, context) => {
      map.set(id, context);
    },
  };
}

export interface LogLine {
  level: string;
  fields: Record<string, unknown>;
  message: string;
}

export function recordingLogger(): SmsLogger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const log = (level: string) => (fields: Record<string, unknown>, message: string) => {
    lines.push({ level, fields, message });
  };
  return { lines, info: log("info"), warn: log("warn"), error: log("error") };
}

export interface TestServer {
  url: string;
  engine: FakeEngine;
  logger: ReturnType<typeof recordingLogger>;
  /** Errors that reached Express's error handler: a test fails if any did. */
  unhandled: unknown[];
  /** Posts `params` signed the way Twilio signs them (for `signUrl`, default: the request URL). */
  post(
    params: Record<string, string>,
    options?: { signUrl?: string; signature?: string | null },
  ): Promise<globalThis.Response>;
  /** Posts as PHONE and returns the text of the TwiML <Message>s ("" when the response is empty). */
  text(body: string, from?: string): Promise<string>;
  close(): Promise<void>;
}

/** The HMAC key phone numbers are hashed with in these tests. */
export const PHONE_HASH_KEY = "test-phone-hash-key-0123456789abcdef";

export const BASE_CONFIG: SmsConfig = {
  authToken: AUTH_TOKEN,
  devMode: false,
  phoneHashKey: PHONE_HASH_KEY,
};

const started: TestServer[] = [];

/** A real Express app on an ephemeral port: express.urlencoded (unless `rawBody`) + the SMS route. */
export async function startServer(
  options: { config?: Partial<SmsConfig>; engine?: FakeEngine; rawBody?: boolean; realEngine?: Engine } = {},
): Promise<TestServer> {
  const engine = options.engine ?? fakeEngine();
  const logger = recordingLogger();
  const unhandled: unknown[] = [];
  const app = express();
  if (!options.rawBody) app.use(express.urlencoded({ extended: false }));
  app.post(
    "/api/sms",
    createSmsRoute({
      engine: options.realEngine ?? engine,
      store: memoryStore(),
      config: { ...BASE_CONFIG, ...options.config },
      logger,
    }),
  );
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    unhandled.push(error);
    res.status(500).end();
  });
  const server = app.listen(0, "127.0.0.1");
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}/api/sms`;

  const post: TestServer["post"] = (params, postOptions = {}) => {
    const signature =
      postOptions.signature === undefined
        ? twilio.getExpectedTwilioSignature(AUTH_TOKEN, postOptions.signUrl ?? url, params)
        : postOptions.signature;
    const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded" };
    if (signature !== null) headers["X-Twilio-Signature"] = signature;
    return fetch(url, { method: "POST", headers, body: new URLSearchParams(params).toString() });
  };

  const testServer: TestServer = {
    url,
    engine,
    logger,
    unhandled,
    post,
    async text(body, from = PHONE) {
      const response = await post(inbound(body, from));
      if (response.status !== 200) throw new Error(`expected 200, got ${response.status}`);
      return messagesOf(await response.text()).join("\n---\n");
    },
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
  started.push(testServer);
  return testServer;
}

/**
 * For afterEach or afterAll: fails the test if an error reached a started server's error handler,
 * then closes every server started since the last call.
 */
export async function closeStartedServers(): Promise<void> {
  for (const server of started.splice(0)) {
    expect(server.unhandled).toEqual([]);
    await server.close();
  }
}

let sid = 0;
/** The parameters Twilio posts for an inbound SMS. */
export function inbound(body: string, from = PHONE): Record<string, string> {
  sid += 1;
  return {
    ToCountry: "US",
    SmsMessageSid: `SM${String(sid).padStart(32, "0")}`,
    NumMedia: "0",
    SmsSid: `SM${String(sid).padStart(32, "0")}`,
    SmsStatus: "received",
    Body: body,
    To: "+15557654321",
    NumSegments: "1",
    MessageSid: `SM${String(sid).padStart(32, "0")}`,
    AccountSid: "AC00000000000000000000000000000000",
    From: from,
    ApiVersion: "2010-04-01",
  };
}

const XML_ENTITIES: Record<string, string> = {
  "&amp;": "&",
  "&lt;": "<",
  "&gt;": ">",
  "&quot;": '"',
  "&apos;": "'",
};

/** The unescaped texts of each <Message> in a TwiML document. */
export function messagesOf(twiml: string): string[] {
  return [...twiml.matchAll(/<Message>([\s\S]*?)<\/Message>/g)].map((m) =>
    m[1]!.replace(/&(amp|lt|gt|quot|apos);/g, (entity) => XML_ENTITIES[entity]!),
  );
}
