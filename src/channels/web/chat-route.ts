import { randomUUID } from "node:crypto";
import type { RequestHandler } from "express";
import type { Logger } from "pino";
import type { ClinicInfo, ConversationStore, Engine } from "../../dialog/types.ts";
import type { Reply } from "../../reply.ts";
import { MAX_TEXT_LENGTH, parseChatRequest } from "./chat-request.ts";
import { sendJsonError } from "./json-error.ts";
import { sendJson } from "./send-json.ts";
import { logTurn } from "./turn-log.ts";

export interface ChatRouteDeps {
  engine: Engine;
  store: ConversationStore;
  logger: Logger;
}

/** How to reach the clinic, sent with handoff and urgent replies so the widget can show a contact card. */
export interface ChatContact extends ClinicInfo {
  /** Urgent replies only: the emergency numbers the reply's text names ("911"), for tel: links. */
  emergencyNumbers?: string[];
}

export interface ChatResponse {
  conversationId: string;
  reply: Reply;
  contact?: ChatContact;
  /** Set when the visitor's message was cut to MAX_TEXT_LENGTH characters before answering. */
  notice?: string;
}

// 2000 → "2,000" by hand: Intl's number formatter, loaded at import, would cost every start ~20 ms.
const grouped = (n: number) => String(n).replace(/\B(?=(\d{3})+$)/g, ",");
export const SHORTENED_NOTICE = `Your message was shortened to ${grouped(MAX_TEXT_LENGTH)} characters.`;

// Web conversations share the store with Teams and SMS, so their keys get a prefix.
const storeKey = (conversationId: string) => `web:${conversationId}`;

/** POST /api/chat: `{ conversationId?, text }` (already parsed JSON) → `{ conversationId, reply }`. */
export function createChatRoute(deps: ChatRouteDeps): RequestHandler {
  const { engine, store, logger } = deps;
  return async (req, res) => {
    const parsed = parseChatRequest(req.body);
    if (!parsed.ok) {
      sendJsonError(res, 400, "invalid_request", parsed.message);
      return;
    }
    const started = performance.now();
    const conversationId = parsed.request.conversationId ?? randomUUID();
    const context = await store.get(storeKey(conversationId));
    const turn = engine.handleTurn({ text: parsed.request.text, context: context ?? null });
    await store.set(storeKey(conversationId), turn.context);
    logTurn(logger, {
      channel: "web",
      conversationId,
      reply: turn.reply,
      latencyMs: performance.now() - started,
    });

    const body: ChatResponse = { conversationId, reply: turn.reply };
    if (turn.reply.kind === "handoff") body.contact = engine.profile.clinic;
    if (turn.reply.kind === "urgent") {
      body.contact = { ...engine.profile.clinic, emergencyNumbers: engine.profile.copy.emergencyNumbers };
    }
    if (parsed.request.shortened) body.notice = SHORTENED_NOTICE;
    sendJson(res, 200, body);
  };
}
