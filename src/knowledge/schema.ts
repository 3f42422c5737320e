import { z } from "zod";

// Shapes of the YAML files as clinic staff write them (snake_case keys). Only shape and types live
// here; counts, lengths and cross-references are checked in check-topics.ts with clearer messages.

const text = z.string();
const textList = z.array(z.string());

export const SOURCES_FILE = z
  .object({
    sources: z.array(z.object({ id: text, title: text, file: text }).strict()),
  })
  .strict();

const SUPPORT = z.object({ source: text, quote: text }).strict();

const CLAIM = z
  .object({
    statement: text,
    // Optional in the shape so that an empty or missing list gets its own "claim without support" message.
    support: z.array(SUPPORT).optional(),
  })
  .strict();

const POSITION = z.object({ source: text, claim: text, quote: text }).strict();

const CONFLICT = z.object({ summary: text, positions: z.array(POSITION) }).strict();

const AGREEMENT = z.object({ summary: text, sources: textList }).strict();

export const TOPIC_FILE = z
  .object({
    id: text,
    question: text,
    phrasings: textList,
    answer: text,
    short: text,
    claims: z.array(CLAIM),
    conflicts: z.array(CONFLICT).optional(),
    agreements: z.array(AGREEMENT).optional(),
    related: textList.optional(),
    min_confidence: z.number().optional(),
  })
  .strict();

export const VOCABULARY_FILE = z
  .object({
    treatment: textList,
    synonyms: z.record(textList),
    misspellings: z.record(textList),
    shorthand: z.record(text),
    areas: textList,
    concerns: textList,
    out_of_scope: textList,
  })
  .strict();

const PHRASED_REPLY = z.object({ phrasings: textList, reply: text }).strict();

export const CONVERSATION_FILE = z
  .object({
    smalltalk: z.array(z.object({ id: text, phrasings: textList, reply: text }).strict()),
    handoff: PHRASED_REPLY,
    urgent: z.object({ reply: text, red_flags: textList, symptoms: textList, severity: textList }).strict(),
    fallback: z.object({ reply: text, out_of_scope_reply: text }).strict(),
    clarify: z.object({ prompt: text, none_of_these: text }).strict(),
  })
  .strict();

export type SourcesFile = z.infer<typeof SOURCES_FILE>;
export type TopicFile = z.infer<typeof TOPIC_FILE>;
export type VocabularyFile = z.infer<typeof VOCABULARY_FILE>;
export type ConversationFile = z.infer<typeof CONVERSATION_FILE>;
