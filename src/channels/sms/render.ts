import type { Citation, Conflict, Reply, ReplyExtras } from "../../reply.ts";
import { countSegments, toGsm7Friendly } from "./segments.ts";

/** Source titles longer than this are shortened at a word boundary. */
export const MAX_TITLE_CHARS = 40;
/** Tighter title length tried when the full-length source list would not fit the budget. */
const TIGHT_TITLE_CHARS = 28;
// A main text that already states the disagreement ("Articles differ: …") needs no second sentence.
const STATES_DISAGREEMENT = /\b(articles|sources) (differ|disagree)/i;
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
  /** When the text is paged, what page one keeps of its sources: "Source: [1] Title". */
  firstPageSource?: string;
  /** The full sources line, which makes `firstPageSource` needless on a page that already has it. */
  sources?: string;
}

/** "**Yes**, see [this](https://x)" => "Yes, see this (https://x)": SMS shows markdown literally. */
export function stripMarkdown(text: string): string {
  return text
    .replace(/<\/?[a-z!][^<>]*>/gi, "")
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

/** "What to expect before and after one treatment" => "What to expect before and after..." */
export function shortenTitle(title: string, max = MAX_TITLE_CHARS): string {
  const plain = (title.split(" | ")[0] ?? title).trim();
  if (plain.length <= max) return plain;
  const room = plain.slice(0, max - 3);
  const lastSpace = room.lastIndexOf(" ");
  return (lastSpace > max / 2 ? room.slice(0, lastSpace) : room).replace(/[\s,:;-]+$/, "") + "...";
}

/** Citations => "Sources: [1] Title [2] Title", one number per article. */
export function renderSources(citations: Citation[], maxTitle = MAX_TITLE_CHARS): string {
  const titles = [...new Map(citations.map((c) => [c.source, c.title])).values()];
  if (titles.length === 0) return "";
  return "Sources: " + titles.map((title, i) => `[${i + 1}] ${shortenTitle(title, maxTitle)}`).join(" ");
}

// Claims are often written as a predicate about the article ("Says…", "Lists…", "Presents it as…").
const REPORTING_VERB =
  /^(says|lists|presents|recommends|suggests|reports|claims|states|notes|describes|mentions|warns|advises|calls|puts|gives|adds|argues|finds|shows)\b/i;

function withoutFinalStop(text: string): string {
  return text.trim().replace(/[.!;]+$/, "");
}

function lowerFirst(text: string): string {
  // Lower-case a leading capital unless the word is an acronym ("PRP").
  return /^[A-Z][a-z]/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text;
}

/** "Says it heals in a day." => "says it heals in a day"; "30-45 days" => "says 30-45 days". */
function asReport(claim: string): string {
  const clause = lowerFirst(withoutFinalStop(claim));
  return REPORTING_VERB.test(clause) ? clause : `says ${clause}`;
}

/** One disagreement in one sentence: "Articles differ: one says 30-45 days, another says several months." */
export function renderConflict(conflict: Conflict): string {
  const claims = conflict.positions.map((p) => p.claim).filter((c) => c.trim() !== "");
  if (claims.length < 2) return `Articles differ: ${lowerFirst(withoutFinalStop(conflict.summary))}.`;
  const [first, ...others] = claims.map(asReport);
  return `Articles differ: one ${first}, ${others.map((c) => `another ${c}`).join(", ")}.`;
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
  const fits = (text: string) => countSegments(text).segments <= options.maxSegments;
  const parts = [options.preface ?? ""];
  const sourcing: Pick<SmsRendering, "firstPageSource" | "sources"> = {};
  if (reply.kind === "answer") {
    const main = stripMarkdown(extras.short?.trim() || reply.text);
    parts.push(main);
    const [firstConflict] = reply.conflicts;
    if (firstConflict && !STATES_DISAGREEMENT.test(main)) parts.push(renderConflict(firstConflict));
    const sources = renderSources(reply.citations);
    const tight = renderSources(reply.citations, TIGHT_TITLE_CHARS);
    const chosen = fits(join([...parts, sources])) || !fits(join([...parts, tight])) ? sources : tight;
    parts.push(chosen);
    const [first] = reply.citations;
    if (first) {
      sourcing.sources = toGsm7Friendly(chosen);
      sourcing.firstPageSource = toGsm7Friendly(
        `Source: [1] ${shortenTitle(first.title, TIGHT_TITLE_CHARS)}`,
      );
    }
  } else {
    parts.push(stripMarkdown(reply.text));
  }

  if (reply.kind === "clarify") {
    const questions = reply.alternatives.map((a) => a.question).slice(0, MAX_CHOICES - 1);
    const choices = reply.noneOfThese ? [...questions, reply.noneOfThese] : questions;
    return { text: join([...parts, renderChoices(choices)]), choices };
  }
  // Urgent and handoff replies carry contact details only; nothing should compete with them.
  if (reply.kind === "urgent" || reply.kind === "handoff") return { text: join(parts), choices: [] };

  const suggestions = reply.suggestions.slice(0, MAX_CHOICES);
  // Paged anyway: the follow-ups close the last page, and "1" picks one after MORE.
  if (!fits(join(parts)) && suggestions.length > 0) {
    return { text: join([...parts, renderChoices(suggestions)]), choices: suggestions, ...sourcing };
  }
  for (let count = suggestions.length; count > 0; count--) {
    const choices = suggestions.slice(0, count);
    const text = join([...parts, renderChoices(choices)]);
    if (fits(text)) return { text, choices, ...sourcing };
  }
  return { text: join(parts), choices: [], ...sourcing };
}
