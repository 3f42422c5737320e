import type { ConversationFile, PackFile, SourcesFile, TopicFile, VocabularyFile } from "./schema.ts";
import type { ConversationRules, Pack, PackChecks, Source, Topic, Vocabulary } from "./types.ts";

/** Limits for packs that set none: the shipped pack's own. */
export const DEFAULT_CHECKS: Readonly<PackChecks> = Object.freeze({
  minPhrasings: 10,
  maxAnswerWords: 90,
  maxShortChars: 280,
});

export function toPack(raw: PackFile): Pack {
  const c = raw.copy;
  const contact = raw.demo_contact;
  return {
    name: raw.name.trim(),
    language: raw.language.trim(),
    citations: raw.citations,
    subjects: raw.subjects.map((s) => ({ id: s.id, label: (s.label ?? s.id).trim(), names: [...s.names] })),
    requiredTopics: [...(raw.required_topics ?? [])],
    starterTopics: [...(raw.starter_topics ?? [])],
    comparisonTopics: [...(raw.comparison_topics ?? [])],
    symptomTopics: [...(raw.symptom_topics ?? [])],
    checks: {
      minPhrasings: raw.checks?.min_phrasings ?? DEFAULT_CHECKS.minPhrasings,
      maxAnswerWords: raw.checks?.max_answer_words ?? DEFAULT_CHECKS.maxAnswerWords,
      maxShortChars: raw.checks?.max_short_chars ?? DEFAULT_CHECKS.maxShortChars,
    },
    copy: {
      assistantName: c.assistant_name.trim(),
      subjectLine: c.subject_line.trim(),
      welcome: c.welcome.trim(),
      disclosure: c.disclosure.trim(),
      smsHelp: c.sms_help.trim(),
      smsPrompt: c.sms_prompt.trim(),
      examples: c.examples.map((e) => e.trim()),
      widget: {
        title: c.widget.title.trim(),
        greeting: c.widget.greeting.trim(),
        starters: c.widget.starters.map((s) => s.trim()),
      },
      demoPage: {
        title: c.demo_page.title.trim(),
        eyebrow: c.demo_page.eyebrow.trim(),
        heading: c.demo_page.heading.trim(),
        lead: c.demo_page.lead.trim(),
        cards: c.demo_page.cards.map((card) => ({ title: card.title.trim(), text: card.text.trim() })),
      },
      emergencyNumbers: (c.emergency_numbers ?? []).map((n) => n.trim()),
      ...(c.privacy ? { privacy: { title: c.privacy.title.trim(), body: c.privacy.body.trim() } } : {}),
      ...(c.terms ? { terms: { title: c.terms.title.trim(), body: c.terms.body.trim() } } : {}),
    },
    demoContact: {
      name: contact.name.trim(),
      phone: contact.phone.trim(),
      ...(contact.email ? { email: contact.email.trim() } : {}),
      ...(contact.booking_url ? { bookingUrl: contact.booking_url.trim() } : {}),
      ...(contact.hours ? { hours: contact.hours.trim() } : {}),
    },
  };
}

// snake_case file shapes → the camelCase model of types.ts. Called only once every file has validated.

export function toSources(file: SourcesFile): ReadonlyMap<string, Source> {
  return new Map(
    file.sources.map((source) => [source.id, { id: source.id, title: source.title, file: source.file }]),
  );
}

/** "First sentence. Second one." (limit 20) → "First sentence.": whole sentences that fit, else cut at a word. */
export function shortFrom(answer: string, limit: number): string {
  const text = answer.replace(/\s+/g, " ").trim();
  if ([...text].length <= limit) return text;
  let out = "";
  for (const sentence of text.match(/[^.!?]+[.!?]+(\s|$)/g) ?? []) {
    if ([...(out + sentence)].length > limit) break;
    out += sentence;
  }
  if (out.trim()) return out.trim();
  const head = [...text].slice(0, limit - 1).join("");
  return `${head.slice(0, Math.max(head.lastIndexOf(" "), limit / 2)).trimEnd()}…`;
}

export function toTopic(raw: TopicFile, file: string, checks: PackChecks = DEFAULT_CHECKS): Topic {
  const answer = raw.answer.trim();
  const topic: Topic = {
    id: raw.id,
    question: raw.question.trim(),
    phrasings: (raw.phrasings ?? []).map((phrasing) => phrasing.trim()).filter(Boolean),
    answer,
    short: raw.short?.trim() || shortFrom(answer, checks.maxShortChars),
    claims: (raw.claims ?? []).map((claim) => ({
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
      ...(intent.frames ? { frames: true } : {}),
    })),
    handoff: { phrasings: raw.handoff.phrasings, reply: raw.handoff.reply },
    urgent: {
      reply: raw.urgent.reply,
      ...(raw.urgent.caution ? { caution: raw.urgent.caution.trim() } : {}),
      ...(raw.urgent.closing ? { closing: raw.urgent.closing.trim() } : {}),
      redFlags: raw.urgent.red_flags,
      symptoms: raw.urgent.symptoms,
      severity: raw.urgent.severity,
      afterEffects: raw.urgent.after_effects ?? [],
    },
    fallback: {
      reply: raw.fallback.reply,
      outOfScopeReply: raw.fallback.out_of_scope_reply,
      ...(raw.fallback.none_of_these_reply
        ? { noneOfTheseReply: raw.fallback.none_of_these_reply.trim() }
        : {}),
      ...(raw.fallback.other_language ? { otherLanguage: { ...raw.fallback.other_language } } : {}),
    },
    clarify: { prompt: raw.clarify.prompt, noneOfThese: raw.clarify.none_of_these },
  };
}
