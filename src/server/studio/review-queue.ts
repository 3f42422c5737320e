import { parseDocument } from "yaml";
import type { Engine } from "../../dialog/types.ts";
import { type KnowledgeBase, normalizeText, readKnowledgeFiles } from "../../knowledge/index.ts";
import { type Language, loadLanguage } from "../../lang/language.ts";
import {
  clusterQuestions,
  type UnansweredEntry,
  type UnhelpfulAnswer,
  unhelpfulAnswers,
} from "../learning/index.ts";
import type { StudioContext } from "./context.ts";
import { STUDIO_DEFAULTS } from "./defaults.ts";
import type { Dismissals } from "./dismissals.ts";
import type { LearningData } from "./logs.ts";
import { textHash } from "./workspace.ts";

/** Similar messages the bot handled badly, grouped as `cli unanswered` groups them. */
export interface ReviewGroup {
  id: string;
  count: number;
  example: string;
  messages: Array<{ text: string; count: number }>;
  kinds: Record<string, number>;
  channels: Record<string, number>;
  /** Stem keys of every message in the group: dismissing stores these. */
  keys: string[];
  /** What the bot thinks the example is closest to now. */
  nearest: { topic: string; confidence: number } | null;
  /** For confident answers unlike any phrasing: the topic that was answered. */
  answered?: string;
}

export interface ReviewQueue {
  unanswered: ReviewGroup[];
  unlike: ReviewGroup[];
  unhelpful: UnhelpfulAnswer[];
}

/** How the bot groups a message: its stems without question words, or its text when it has none. */
export function stemKeyer(ctx: StudioContext, kb: KnowledgeBase) {
  const index = ctx.matching(kb);
  const QUESTION_WORDS = index.lexicon.language.questionWords;
  return (text: string) => {
    const stems = [
      ...new Set(index.analyze(text).features.filter((f) => !f.includes("_") && !QUESTION_WORDS.has(f))),
    ];
    return stems.length > 0 ? stems.sort().join(" ") : `text:${text.trim().toLowerCase()}`;
  };
}

export function buildReviewQueue(
  ctx: StudioContext,
  kb: KnowledgeBase,
  data: LearningData,
  dismissals: Dismissals,
): ReviewQueue {
  const keyOf = stemKeyer(ctx, kb);
  const index = ctx.matching(kb);
  const QUESTION_WORDS = index.lexicon.language.questionWords;
  const stemsOf = (text: string) =>
    index.analyze(text).features.filter((f) => !f.includes("_") && !QUESTION_WORDS.has(f));
  const engine = ctx.explainer(kb);
  const open = data.unanswered.filter((entry) => !dismissals.has(keyOf(entry.text)));
  const group = (entries: UnansweredEntry[]): ReviewGroup[] =>
    clusterQuestions(entries, stemsOf)
      .slice(0, STUDIO_DEFAULTS.reviewGroups)
      .map((cluster) => {
        const keys = [...new Set(cluster.messages.map((m) => keyOf(m.text)))];
        const top = engine
          .explain({ text: cluster.example })
          .trace.candidates.find((c) => kb.topicById.has(c.label));
        const answered = mostCommon(entries.filter((e) => keys.includes(keyOf(e.text))).map((e) => e.topic));
        return {
          ...cluster,
          id: textHash(keys.join("|")),
          keys,
          nearest: top ? { topic: top.label, confidence: top.confidence } : null,
          ...(answered ? { answered } : {}),
        };
      });
  return {
    unanswered: group(open.filter((e) => !e.reason)),
    unlike: group(open.filter((e) => e.reason)).map(({ nearest, ...rest }) => ({ ...rest, nearest })),
    unhelpful: unhelpfulAnswers(data.feedback),
  };
}

function mostCommon(values: Array<string | null>): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/** A message's words that say what it is about, by the served pack's language. */
const contentWordsIn = (language: Language) => (text: string) =>
  new Set(
    (normalizeText(text).match(/[\p{L}\p{N}']+/gu) ?? []).filter(
      (w) => !language.stopwords.has(w) && !language.questionWords.has(w),
    ),
  );

/**
 * For the learning loop: is `text` unlike every phrasing of `topic`? Content words shared with the
 * closest phrasing below STUDIO_DEFAULTS.unlikePhrasingOverlap (Jaccard). Word sets are rebuilt only
 * when the served knowledge version changes, so a turn pays a few set lookups.
 */
export function createUnlikeCheck(packDir: string, served: Engine) {
  let cache: { version: string; topics: Map<string, Array<Set<string>>> } | undefined;
  let contentWords = contentWordsIn(loadLanguage(served.profile.language));
  const load = () => {
    contentWords = contentWordsIn(loadLanguage(served.profile.language));
    const topics = new Map<string, Array<Set<string>>>();
    for (const file of readKnowledgeFiles(packDir)) {
      if (!file.path.startsWith("topics/")) continue;
      const value = parseDocument(file.text).toJS() as {
        id?: unknown;
        question?: unknown;
        phrasings?: unknown;
      } | null;
      if (typeof value?.id !== "string") continue;
      const texts = [value.question, ...(Array.isArray(value.phrasings) ? value.phrasings : [])].filter(
        (t) => typeof t === "string",
      );
      topics.set(
        value.id,
        texts.map((t) => contentWords(t as string)),
      );
    }
    return topics;
  };
  return (text: string, topic: string): boolean => {
    if (cache?.version !== served.knowledgeVersion)
      cache = { version: served.knowledgeVersion, topics: load() };
    const phrasings = cache.topics.get(topic);
    const words = contentWords(text);
    if (!phrasings || words.size === 0) return false;
    let best = 0;
    for (const phrasing of phrasings) {
      let shared = 0;
      for (const word of words) if (phrasing.has(word)) shared++;
      best = Math.max(best, shared / (words.size + phrasing.size - shared));
    }
    return best < STUDIO_DEFAULTS.unlikePhrasingOverlap;
  };
}
