import type { ConversationFile, SourcesFile, TopicFile, VocabularyFile } from "./schema.ts";
import type { ConversationRules, Source, Topic, Vocabulary } from "./types.ts";

// snake_case file shapes → the camelCase model of types.ts. Called only once every file has validated.

export function toSources(file: SourcesFile): ReadonlyMap<string, Source> {
  return new Map(
    file.sources.map((source) => [source.id, { id: source.id, title: source.title, file: source.file }]),
  );
}

export function toTopic(raw: TopicFile, file: string): Topic {
  const topic: Topic = {
    id: raw.id,
    question: raw.question.trim(),
    phrasings: raw.phrasings.map((phrasing) => phrasing.trim()),
    answer: raw.answer.trim(),
    short: raw.short.trim(),
    claims: raw.claims.map((claim) => ({
      statement: claim.statement.trim(),
      support: (claim.support ?? []).map((item) => ({ source: item.source, quote: item.quote.trim() })),
    })),
    conflicts: (raw.conflicts ?? []).map((conflict) => ({
      summary: conflict.summary.trim(),
      positions: conflict.positions.map((position) => ({
        source: position.source,
        claim: position.claim.trim(),
        quote: position.quote.trim(),
      })),
    })),
    agreements: (raw.agreements ?? []).map((agreement) => ({
      summary: agreement.summary.trim(),
      sources: [...agreement.sources],
    })),
    related: [...(raw.related ?? [])],
    file,
  };
  if (raw.min_confidence !== undefined) topic.minConfidence = raw.min_confidence;
  return topic;
}

export function toVocabulary(raw: VocabularyFile): Vocabulary {
  return {
    treatment: raw.treatment,
    synonyms: raw.synonyms,
    misspellings: raw.misspellings,
    shorthand: raw.shorthand,
    areas: raw.areas,
    concerns: raw.concerns,
    outOfScope: raw.out_of_scope,
  };
}

export function toConversation(raw: ConversationFile): ConversationRules {
  return {
    smalltalk: raw.smalltalk.map((intent) => ({
      id: intent.id,
      phrasings: intent.phrasings,
      reply: intent.reply,
    })),
    handoff: { phrasings: raw.handoff.phrasings, reply: raw.handoff.reply },
    urgent: {
      reply: raw.urgent.reply,
      redFlags: raw.urgent.red_flags,
      symptoms: raw.urgent.symptoms,
      severity: raw.urgent.severity,
    },
    fallback: { reply: raw.fallback.reply, outOfScopeReply: raw.fallback.out_of_scope_reply },
    clarify: { prompt: raw.clarify.prompt, noneOfThese: raw.clarify.none_of_these },
  };
}
