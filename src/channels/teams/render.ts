import type { Activity, CardAction, Entity, SuggestedActions } from "botbuilder";
import type { AssistantProfile } from "../../dialog/types.ts";
import type { Citation, Reply } from "../../reply.ts";
import {
  ADAPTIVE_CARD_CONTENT_TYPE,
  adaptiveCard,
  type CardElement,
  callAction,
  conflictContainer,
  handoffContainer,
  openUrlAction,
  questionAction,
  subtleHeading,
  urgentContainer,
} from "./cards.ts";
import { escapeTeamsText } from "./escape.ts";

/**
 * Where tappable questions go: suggested actions (1:1 chats only) or Adaptive Card buttons
 * (group chats and channels, where Teams does not show suggested actions).
 */
export type ButtonPlacement = "suggested" | "card";

export interface TeamsRenderOptions {
  /** The pack's copy and the clinic's details. */
  profile: AssistantProfile;
  buttons: ButtonPlacement;
}

/** Teams shows at most three suggested actions in a row. */
export const MAX_SUGGESTIONS = 3;
export const MAX_CLARIFY_CHOICES = 5;
export const CITATION_NAME_MAX = 80;
export const CITATION_ABSTRACT_MAX = 160;
/** The clarify way out when the engine names none; sent back through the engine like any typed message. */
export const NONE_OF_THESE = "None of these";

/** Shortens to `max` characters (code points), at a word boundary when one is near: "a long title…". */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text.trim());
  if (chars.length <= max) return chars.join("");
  const cut = chars.slice(0, max - 1).join("");
  const space = cut.lastIndexOf(" ");
  const head = space >= max * 0.6 ? cut.slice(0, space) : cut;
  return `${head.replace(/[\s,;:.-]+$/u, "")}…`;
}

/** "Results last months. " + 2 citations → "Results last months. [1] [2]" */
export function withCitationMarkers(text: string, count: number): string {
  if (count === 0) return text;
  const markers = Array.from({ length: count }, (_, i) => `[${i + 1}]`).join(" ");
  return `${text.trimEnd()} ${markers}`;
}

/**
 * The schema.org Message entity Teams turns into citation pills for the [n] markers.
 * No `additionalType: ["AIGeneratedContent"]`: answers are curated, not generated.
 */
export function citationEntity(citations: readonly Citation[]): Entity {
  return {
    type: "https://schema.org/Message",
    "@type": "Message",
    "@context": "https://schema.org",
    "@id": "",
    citation: citations.map((citation, i) => ({
      "@type": "Claim",
      position: i + 1,
      appearance: {
        "@type": "DigitalDocument",
        name: truncate(citation.title, CITATION_NAME_MAX),
        abstract: truncate(citation.quote, CITATION_ABSTRACT_MAX),
      },
    })),
  };
}

function imBack(question: string): CardAction {
  return { type: "imBack", title: question, value: question };
}

// `to` is optional on the wire (botbuilder's MessageFactory omits it too) but required in the type.
const suggestedActions = (actions: CardAction[]): SuggestedActions => ({ actions }) as SuggestedActions;

/** The alternatives, then the engine's own label for the way out (it recognises exactly that text). */
function clarifyChoices(reply: Reply): string[] {
  const questions = reply.alternatives.slice(0, MAX_CLARIFY_CHOICES).map((alt) => alt.question);
  return [...questions, reply.noneOfThese ?? NONE_OF_THESE];
}

/** Plain text readable without cards: the answer, its markers, and what any card adds; escaped for markdown. */
function replyText(reply: Reply, choices: readonly string[]): string {
  let text = withCitationMarkers(escapeTeamsText(reply.text), reply.citations.length);
  if (reply.conflicts.length > 0) {
    const summaries = reply.conflicts.map((conflict) => escapeTeamsText(conflict.summary)).join(" ");
    text += `\n\nThe articles disagree: ${summaries}`;
  }
  if (choices.length > 0) text += `\n\n${choices.map((choice) => `- ${escapeTeamsText(choice)}`).join("\n")}`;
  return text;
}

/** Only a web page becomes the booking button; anything else in the setting gives no button. */
function webUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : undefined;
  } catch {
    return undefined; // not a URL: no button rather than a broken one
  }
}

/**
 * What a person can do now. Urgent: call the clinic or emergency services, nothing else.
 * Handoff: call the clinic or open its booking page.
 */
function contactActions(reply: Reply, profile: AssistantProfile): CardElement[] {
  const { clinic } = profile;
  if (reply.kind === "urgent") {
    return [
      callAction(`Call ${clinic.name}`, clinic.phone),
      ...profile.copy.emergencyNumbers.map((n) => callAction(`Emergency: call ${n}`, n)),
    ];
  }
  if (reply.kind !== "handoff") return [];
  const booking = webUrl(clinic.bookingUrl);
  return [
    callAction(`Call ${clinic.phone}`, clinic.phone),
    ...(booking ? [openUrlAction("Book an appointment", booking)] : []),
  ];
}

function cardAttachment(body: CardElement[], actions: CardElement[]): Partial<Activity>["attachments"] {
  if (body.length === 0 && actions.length === 0) return undefined;
  return [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: adaptiveCard(body, actions) }];
}

/** One reply → one Teams message activity: text always, plus citations, card and buttons as needed. */
export function renderReply(reply: Reply, options: TeamsRenderOptions): Partial<Activity> {
  const body: CardElement[] = [];
  const actions: CardElement[] = [];
  let suggested: CardAction[] = [];

  if (reply.kind === "urgent") body.push(urgentContainer());
  if (reply.kind === "handoff") body.push(handoffContainer(options.profile.clinic.name));
  if (reply.conflicts.length > 0) body.push(conflictContainer(reply.conflicts));
  actions.push(...contactActions(reply, options.profile));

  const choices = reply.kind === "clarify" ? clarifyChoices(reply) : [];
  if (choices.length > 0) {
    body.push(subtleHeading("Choose one:"));
    actions.push(...choices.map((choice) => questionAction(choice, choice)));
  } else if (reply.kind !== "urgent") {
    const suggestions = reply.suggestions.slice(0, MAX_SUGGESTIONS);
    if (suggestions.length > 0 && options.buttons === "suggested") {
      suggested = suggestions.map(imBack);
    } else if (suggestions.length > 0) {
      body.push(subtleHeading("Related questions"));
      actions.push(...suggestions.map((question) => questionAction(question, question)));
    }
  }

  const activity: Partial<Activity> = { type: "message", text: replyText(reply, choices) };
  const attachments = cardAttachment(body, actions);
  if (attachments) activity.attachments = attachments;
  if (suggested.length > 0) activity.suggestedActions = suggestedActions(suggested);
  if (reply.citations.length > 0) activity.entities = [citationEntity(reply.citations)];
  if (reply.kind === "answer") activity.channelData = { feedbackLoopEnabled: true };
  return activity;
}

/** The greeting when the bot joins a conversation: purpose, disclosure, three example questions. */
export function renderWelcome(options: TeamsRenderOptions): Partial<Activity> {
  const { welcome, disclosure, examples } = options.profile.copy;
  const list = examples.map((q) => `- ${escapeTeamsText(q)}`).join("\n");
  const text = `${escapeTeamsText(welcome)}\n\n${escapeTeamsText(disclosure)}\n\nYou could ask:\n${list}`;
  const activity: Partial<Activity> = { type: "message", text };
  if (options.buttons === "suggested") {
    activity.suggestedActions = suggestedActions(examples.map(imBack));
  } else {
    activity.attachments = cardAttachment(
      [subtleHeading("Try one:")],
      examples.map((q) => questionAction(q, q)),
    );
  }
  return activity;
}
