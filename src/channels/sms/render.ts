import type { Citation, Conflict, Reply, ReplyExtras } from "../../reply.ts";
import { countSegments, toGsm7Friendly } from "./segments.ts";

/** Source titles longer than this are shortened at a word boundary. */
export const MAX_TITLE_CHARS = 40;
/** At most this many numbered choices are offered ("Reply 1: …"). */
export const MAX_CHOICES = 3;

export interface SmsRenderOptions {
  /** Parts the reply should fit in; follow-up suggestions are added only when they still fit. */
  maxSegments: number;
  /** A line put before everything else (the first-contact disclosure). */
  preface?: string;
}

export interface SmsRendering {
  /** Plain GSM-7-friendly text, before paging. */
  text: string;
  /** What a reply of "1", "2"… stands for, in order; empty when no numbered choices were offered. */
  choices: string[];
}

/** "**Yes**, see [this](https://x)" => "Yes, see this (https://x)": SMS shows markdown literally. */
export function stripMarkdown(text: string): string {
  return text
    .replace(/\[([^\]]+)\]\((\S+?)\)/g, "$1 ($2)")
    .replace(/(\*\*|__)(.+?)\1/g, "$2")
    .replace(/(^|\W)[*_](\S(?:.*?\S)?)[*_](?=\W|$)/g, "$1$2")
    .replace(/`([^`]+)`/g, "$1")
    .replace(/^#{1,6}\s+/gm, "")
    .replace(/^\s*[*+]\s+/gm, "- ")
    .replace(/[ \t]+/g, " ")
    .replace(/\n{2,}/g, "\n")
    .trim();
}

/** "Microneedling before and after 1 treatment: See Real Results" => "Microneedling before and after 1..." */
export function shortenTitle(title: string, max = MAX_TITLE_CHARS): string {
  const plain = (title.split(" | ")[0] ?? title).trim();
  if (plain.length <= max) return plain;
  const room = plain.slice(0, max - 3);
  const lastSpace = room.lastIndexOf(" ");
  return (lastSpace > max / 2 ? room.slice(0, lastSpace) : room).replace(/[\s,:;-]+$/, "") + "...";
}

/** Citations => "Sources: [1] Title [2] Title", one number per article. */
export function renderSources(citations: Citation[]): string {
  const titles = [...new Map(citations.map((c) => [c.source, c.title])).values()];
  if (titles.length === 0) return "";
  return "Sources: " + titles.map((title, i) => `[${i + 1}] ${shortenTitle(title)}`).join(" ");
}

function asClause(claim: string): string {
  const trimmed = claim.trim().replace(/[.!;]+$/, "");
  // Lower-case a leading capital unless the word is an acronym ("PRP").
  return /^[A-Z][a-z]/.test(trimmed) ? trimmed[0]!.toLowerCase() + trimmed.slice(1) : trimmed;
}

/** One disagreement in one sentence: "Articles differ: one says 30-45 days, another several months." */
export function renderConflict(conflict: Conflict): string {
  const claims = conflict.positions.map((p) => asClause(p.claim)).filter((c) => c !== "");
  if (claims.length < 2) return `Articles differ: ${asClause(conflict.summary)}.`;
  const [first, ...others] = claims;
  return `Articles differ: one says ${first}, ${others.map((c) => `another ${c}`).join(", ")}.`;
}

/** ["Does it hurt?", "Cost?"] => "Reply 1: Does it hurt?\n2: Cost?" */
export function renderChoices(choices: string[]): string {
  return choices
    .map((choice, i) => `${i === 0 ? "Reply " : ""}${i + 1}: ${stripMarkdown(choice)}`)
    .join("\n");
}

function join(parts: string[]): string {
  return toGsm7Friendly(parts.filter((p) => p !== "").join("\n"));
}

/**
 * Turns a reply into SMS text: the short answer (or the text), a one-sentence disagreement, numbered
 * sources, then numbered choices: always for a clarify, for suggestions only if they fit the budget.
 */
export function renderSmsReply(reply: Reply, extras: ReplyExtras, options: SmsRenderOptions): SmsRendering {
  const parts = [options.preface ?? ""];
  if (reply.kind === "answer") {
    parts.push(stripMarkdown(extras.short?.trim() || reply.text));
    const [firstConflict] = reply.conflicts;
    if (firstConflict) parts.push(renderConflict(firstConflict));
    parts.push(renderSources(reply.citations));
  } else {
    parts.push(stripMarkdown(reply.text));
  }

  if (reply.kind === "clarify") {
    const choices = reply.alternatives.slice(0, MAX_CHOICES).map((a) => a.question);
    return { text: join([...parts, renderChoices(choices)]), choices };
  }
  // Urgent and handoff replies carry contact details only; nothing should compete with them.
  if (reply.kind === "urgent" || reply.kind === "handoff") return { text: join(parts), choices: [] };

  const base = join(parts);
  const suggestions = reply.suggestions.slice(0, MAX_CHOICES);
  for (let count = suggestions.length; count > 0; count--) {
    const choices = suggestions.slice(0, count);
    const text = join([...parts, renderChoices(choices)]);
    if (countSegments(text).segments <= options.maxSegments) return { text, choices };
  }
  return { text: base, choices: [] };
}
