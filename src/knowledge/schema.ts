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
    // The answer sentence(s) this claim backs, where the words differ too much to trace them on their own.
    answer_sentence: z.union([text, textList]).optional(),
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
    phrasings: textList.optional(),
    answer: text,
    short: text.optional(),
    claims: z.array(CLAIM).optional(),
    conflicts: z.array(CONFLICT).optional(),
    agreements: z.array(AGREEMENT).optional(),
    related: textList.optional(),
    min_confidence: z.number().optional(),
  })
  .strict();

export const VOCABULARY_FILE = z
  .object({
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
    smalltalk: z.array(
      z.object({ id: text, phrasings: textList, reply: text, frames: z.boolean().optional() }).strict(),
    ),
    handoff: PHRASED_REPLY,
    urgent: z
      .object({
        reply: text,
        caution: text.optional(),
        closing: text.optional(),
        red_flags: textList,
        symptoms: textList,
        severity: textList,
        after_effects: textList.optional(),
      })
      .strict(),
    fallback: z
      .object({
        reply: text,
        out_of_scope_reply: text,
        none_of_these_reply: text.optional(),
        other_language: z.record(text).optional(),
      })
      .strict(),
    clarify: z.object({ prompt: text, none_of_these: text }).strict(),
  })
  .strict();

const SUBJECT = z.object({ id: text, label: text.optional(), names: textList }).strict();

const CARD = z.object({ title: text, text }).strict();

const PAGE = z.object({ title: text, body: text }).strict();

const COPY = z
  .object({
    assistant_name: text,
    subject_line: text,
    welcome: text,
    disclosure: text,
    sms_help: text,
    sms_prompt: text,
    examples: textList,
    widget: z.object({ title: text, greeting: text, starters: textList }).strict(),
    demo_page: z
      .object({ title: text, eyebrow: text, heading: text, lead: text, cards: z.array(CARD) })
      .strict(),
    emergency_numbers: textList.optional(),
    privacy: PAGE.optional(),
    terms: PAGE.optional(),
  })
  .strict();

const CONTACT = z
  .object({
    name: text,
    phone: text,
    email: text.optional(),
    booking_url: text.optional(),
    hours: text.optional(),
  })
  .strict();

export const PACK_FILE = z
  .object({
    name: text,
    language: text,
    citations: z.enum(["articles", "own-words"]),
    subjects: z.array(SUBJECT),
    required_topics: textList.optional(),
    starter_topics: textList.optional(),
    comparison_topics: textList.optional(),
    symptom_topics: textList.optional(),
    checks: z
      .object({
        min_phrasings: z.number().int().min(1).optional(),
        max_answer_words: z.number().int().min(1).optional(),
        max_short_chars: z.number().int().min(1).optional(),
      })
      .strict()
      .optional(),
    copy: COPY,
    demo_contact: CONTACT,
  })
  .strict();

const LINEAR_MODEL = z
  .object({ features: textList, weights: z.array(z.number()), bias: z.number() })
  .strict()
  .refine((m) => m.features.length === m.weights.length, "features and weights must have the same length");

/** A kind the guards decide (urgent, handoff) read by meaning: how near, and how far ahead of any topic. */
const BY_MEANING = z.object({ nearness: z.number().min(0).max(1), lead: z.number().min(-1).max(1) }).strict();

/** How the pack's labelled conversations went on after `after` when a follow-up read alone as `asked`. */
const FOLLOW_UP_COUNTS = z
  .object({
    after: text,
    asked: text,
    /** Per cross-validation fold: follow-ups labelled with the last topic, and with the one read alone. */
    stays: z.array(z.number().int().min(0)),
    moves: z.array(z.number().int().min(0)),
    /** Per fold, follow-ups labelled with a third topic, by topic ("how often?" after hair loss: intervals). */
    elsewhere: z.record(z.array(z.number().int().min(0))).optional(),
  })
  .strict();

/** calibration.yaml, written by `cli fit`: how the pack turns evidence into a confidence. */
export const CALIBRATION_FILE = z
  .object({
    source: text,
    thresholds: z
      .object({
        answer: z.number().min(0).max(1),
        clarify: z.number().min(0).max(1),
        followUpEasing: z.number().min(0).max(0.5).optional(),
        nextTopicWeight: z.number().min(0).max(4).optional(),
      })
      .strict(),
    ranker: LINEAR_MODEL,
    acceptor: LINEAR_MODEL,
    urgent: BY_MEANING.optional(),
    handoff: BY_MEANING.optional(),
    followUps: z.array(FOLLOW_UP_COUNTS).optional(),
  })
  .strict();

/** off-topic.yaml: questions this pack should decline, added to the language's general background. */
export const OFF_TOPIC_FILE = z.object({ examples: textList }).strict();

export type PackFile = z.infer<typeof PACK_FILE>;
export type CalibrationFile = z.infer<typeof CALIBRATION_FILE>;
export type SourcesFile = z.infer<typeof SOURCES_FILE>;
export type TopicFile = z.infer<typeof TOPIC_FILE>;
export type VocabularyFile = z.infer<typeof VOCABULARY_FILE>;
export type ConversationFile = z.infer<typeof CONVERSATION_FILE>;
