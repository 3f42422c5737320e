import type { KnowledgeBase, Topic } from "../knowledge/types.ts";
import type { LanguageReplies } from "../lang/language.ts";
import type { Alternative, Citation, Conflict, Reply } from "../reply.ts";
import type { ClinicInfo } from "./types.ts";

const MAX_SUGGESTIONS = 3;

/** "{clinic}" → the clinic's name: the clinic's details come from configuration. */
export function fillClinic(template: string, clinic: ClinicInfo, extra: Record<string, string> = {}): string {
  const values: Record<string, string> = {
    clinic: clinic.name,
    phone: clinic.phone,
    email: clinic.email ?? "the clinic's email",
    booking: clinic.bookingUrl ?? "the clinic's website",
    hours: clinic.hours ?? "during opening hours",
    ...extra,
  };
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

export function emptyReply(kind: Reply["kind"], text: string, confidence: number): Reply {
  return {
    kind,
    topic: null,
    text,
    confidence,
    citations: [],
    conflicts: [],
    suggestions: [],
    alternatives: [],
  };
}

/** One citation per article, in the order the answer's claims first use it. */
export function citationsFor(topic: Topic, kb: KnowledgeBase): Citation[] {
  const seen = new Map<string, Citation>();
  for (const claim of topic.claims) {
    for (const s of claim.support) {
      const source = kb.sources.get(s.source);
      if (source && !seen.has(s.source))
        seen.set(s.source, { source: s.source, title: source.title, quote: s.quote });
    }
  }
  return [...seen.values()];
}

export function conflictsFor(topic: Topic, kb: KnowledgeBase): Conflict[] {
  return topic.conflicts.map((c) => ({
    summary: c.summary,
    positions: c.positions.map((p) => ({
      source: p.source,
      title: kb.sources.get(p.source)?.title ?? p.source,
      claim: p.claim,
      quote: p.quote,
    })),
  }));
}

/** Follow-up questions: the topic's related ones first, never one this conversation already covered. */
export function suggestionsFor(
  kb: KnowledgeBase,
  preferred: readonly string[],
  covered: readonly string[],
): string[] {
  const skip = new Set(covered);
  const out: string[] = [];
  for (const id of [...preferred, ...kb.pack.starterTopics]) {
    const topic = kb.topicById.get(id);
    if (!topic || skip.has(id) || out.includes(topic.question)) continue;
    out.push(topic.question);
    if (out.length === MAX_SUGGESTIONS) break;
  }
  return out;
}

/** "botox, age" → "Botox and age"-style lists: "a", "a and b", "a, b and c". */
export function listWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} and ${words.at(-1)}`;
}

export interface AnswerOptions {
  clinic: ClinicInfo;
  replies: LanguageReplies;
  /** Key words of the message the topic does not cover: said first, plainly. */
  missing?: readonly string[];
  /** The safety line to end with, when someone reports a symptom of their own. */
  caution?: string;
}

export function answerReply(
  kb: KnowledgeBase,
  topic: Topic,
  confidence: number,
  covered: readonly string[],
  options: AnswerOptions,
): Reply {
  const ownWords = kb.pack.citations === "own-words";
  let text = topic.answer;
  if (options.missing?.length) {
    const template = ownWords ? options.replies.partialOwnWords : options.replies.partialArticles;
    const { question } = topic;
    text = `${fillClinic(template, options.clinic, { missing: listWords(options.missing), question })}: ${text}`;
  }
  if (options.caution) text = `${text}\n\n${options.caution}`;
  const citations: Citation[] = ownWords
    ? [
        {
          source: "own-words",
          title: fillClinic(options.replies.ownWordsCitation, options.clinic),
          quote: "",
        },
      ]
    : citationsFor(topic, kb);
  return {
    kind: "answer",
    topic: topic.id,
    text,
    confidence,
    citations,
    conflicts: conflictsFor(topic, kb),
    suggestions: suggestionsFor(kb, topic.related, [...covered, topic.id]),
    alternatives: [],
  };
}

/** The prompt as text; the choices and the way out as fields, so each channel lists them its own way. */
export function clarifyReply(kb: KnowledgeBase, alternatives: Alternative[], confidence: number): Reply {
  const { prompt, noneOfThese } = kb.conversation.clarify;
  return {
    ...emptyReply("clarify", prompt, confidence),
    suggestions: [...alternatives.map((a) => a.question), noneOfThese],
    alternatives,
    noneOfThese,
  };
}
