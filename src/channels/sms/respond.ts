import type { ConversationStore, Engine } from "../../dialog/types.ts";
import { classifyKeyword } from "./keywords.ts";
import { renderSmsReply } from "./render.ts";
import { countSegments, fitToSegments, toGsm7Friendly } from "./segments.ts";
import type { OptOutStore, SmsSession, SmsSessionStore } from "./state.ts";

export const DISCLOSURE = "Automated assistant, not a clinician.";
export const MORE_PROMPT = "Reply MORE for the rest";
/** Questions are cut to this many characters before matching: longer texts only add noise. */
export const MAX_QUESTION_CHARS = 500;

/** Logs carry hashed numbers and reply metadata only, never message text. */
export interface SmsLogger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export interface SmsResponderDeps {
  engine: Engine;
  store: ConversationStore;
  optOuts: OptOutStore;
  sessions: SmsSessionStore;
  maxSegments: number;
  logger?: SmsLogger;
  now?: () => number;
}

/** One inbound text from one (hashed) number; `null` means send nothing at all. */
export type SmsResponder = (userId: string, text: string) => Promise<string | null>;

const EMPTY_SESSION: SmsSession = { rest: null, choices: [], disclosed: false };

/** "word word word …" (900 chars) => its first ≤ 500 characters, cut after a whole word. */
export function truncateQuestion(text: string, max = MAX_QUESTION_CHARS): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max);
  const lastSpace = head.lastIndexOf(" ");
  return lastSpace > max / 2 ? head.slice(0, lastSpace) : head;
}

/**
 * The SMS conversation rules around the engine: opt-out/opt-in/HELP keywords, MORE paging, numbered
 * choices, first-contact disclosure and the segment budget. Everything else is the engine's job.
 */
export function createSmsResponder(deps: SmsResponderDeps): SmsResponder {
  const now = deps.now ?? Date.now;
  // The pack's copy is read per message: a hot reload changes it.
  const copy = () => deps.engine.profile.copy;
  const helpText = () =>
    toGsm7Friendly(`${copy().smsHelp} Msg & data rates may apply. Reply STOP to opt out.`);
  const optInText = () =>
    toGsm7Friendly(
      `You're opted back in to ${deps.engine.profile.clinic.name} texts. ${copy().smsPrompt} Reply STOP to opt out.`,
    );

  /**
   * Pages `text` into the budget and remembers what is left for MORE, and the choices "1", "2"… stand
   * for until a reply offers others. A first page cut before its sources keeps `keep` (one source).
   */
  async function send(
    userId: string,
    text: string,
    choices: string[],
    source?: { keep: string; full: string },
  ): Promise<string> {
    let { head, rest } = fitToSegments(text, deps.maxSegments, MORE_PROMPT);
    if (rest !== "" && source && !head.includes(source.full)) {
      ({ head, rest } = fitToSegments(text, deps.maxSegments, MORE_PROMPT, source.keep));
    }
    await deps.sessions.set(userId, { rest: rest || null, choices, disclosed: true });
    const { encoding, segments } = countSegments(head);
    deps.logger?.info({ user: userId, encoding, segments, paged: rest !== "" }, "sms reply");
    return head;
  }

  return async (userId, rawText) => {
    const text = rawText.trim();
    const keyword = classifyKeyword(text);
    if (keyword === "opt-out") {
      await deps.optOuts.add(userId);
      await deps.sessions.delete(userId);
      deps.logger?.info({ user: userId }, "sms opt-out");
      return null; // Twilio sends the carrier-mandated confirmation itself.
    }
    if (await deps.optOuts.has(userId)) {
      // Carriers require HELP to be answered whatever the number's opt-out status.
      if (keyword === "help") return helpText();
      if (keyword !== "opt-in") return null;
      await deps.optOuts.delete(userId);
      deps.logger?.info({ user: userId }, "sms opt-in");
      return optInText();
    }

    const session = (await deps.sessions.get(userId)) ?? EMPTY_SESSION;
    if (keyword === "help") return send(userId, helpText(), session.choices);
    const context = await deps.store.get(userId);
    const preface = !context && !session.disclosed ? DISCLOSURE : undefined;
    const withPreface = (body: string) => [preface, body].filter(Boolean).join("\n");
    if (keyword === "opt-in") return send(userId, withPreface(copy().smsPrompt), []);
    if (keyword === "more") {
      return send(
        userId,
        session.rest ?? withPreface("Nothing more to send. " + copy().smsPrompt),
        session.choices,
      );
    }
    if (text === "") return send(userId, withPreface(copy().smsPrompt), []);

    // "2" after numbered choices stands for the second choice, as a tapped button would.
    const picked = /^[1-9]$/.test(text) ? session.choices[Number(text) - 1] : undefined;
    const turn = deps.engine.handleTurn({
      text: picked ?? truncateQuestion(text),
      context: context ?? null,
      now: now(),
    });
    await deps.store.set(userId, turn.context);
    deps.logger?.info({ user: userId, kind: turn.reply.kind, topic: turn.reply.topic }, "sms turn");

    const rendering = renderSmsReply(turn.reply, turn.extras, { maxSegments: deps.maxSegments, preface });
    if (turn.reply.kind === "urgent") {
      // Safety text is never held back behind MORE, whatever it costs.
      await deps.sessions.set(userId, { rest: null, choices: [], disclosed: true });
      return rendering.text;
    }
    const { firstPageSource: keep, sources: full } = rendering;
    return send(userId, rendering.text, rendering.choices, keep && full ? { keep, full } : undefined);
  };
}
