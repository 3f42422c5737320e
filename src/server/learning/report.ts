import type { FeedbackEntry } from "./learning.ts";
import { UNLIKE_PHRASINGS, type UnansweredEntry } from "./unanswered-log.ts";

/** A line of a JSON-lines log that could not be used, by 1-based line number. */
export interface SkippedLine {
  line: number;
  reason: string;
}

export interface ParsedLog<T> {
  entries: T[];
  skipped: SkippedLine[];
}

const UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

/** "7d" => 604800000, "24h", "30m"; undefined for anything else. */
export function parseSince(text: string): number | undefined {
  const match = /^(\d+)([dhm])$/.exec(text.trim());
  return match ? Number(match[1]) * UNITS[match[2]!]! : undefined;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Each non-blank line through `read`, which returns the entry or why it is unusable. */
export function parseJsonLines<T>(
  text: string,
  read: (value: Record<string, unknown>) => T | string,
): ParsedLog<T> {
  const entries: T[] = [];
  const skipped: SkippedLine[] = [];
  text.split("\n").forEach((raw, index) => {
    if (raw.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      skipped.push({ line: index + 1, reason: "not valid JSON" });
      return;
    }
    const entry = isRecord(value) ? read(value) : "not a JSON object";
    if (typeof entry === "string") skipped.push({ line: index + 1, reason: entry });
    else entries.push(entry);
  });
  return { entries, skipped };
}

const validTime = (value: unknown) => typeof value === "string" && !Number.isNaN(Date.parse(value));

export function readUnanswered(value: Record<string, unknown>): UnansweredEntry | string {
  const { time, channel, kind, topic, confidence, text, reason } = value;
  if (!validTime(time)) return 'no valid "time"';
  if (typeof text !== "string") return 'no "text"';
  if (typeof kind !== "string") return 'no "kind"';
  return {
    time: time as string,
    channel: typeof channel === "string" ? channel : "unknown",
    kind: kind as UnansweredEntry["kind"],
    topic: typeof topic === "string" ? topic : null,
    confidence: typeof confidence === "number" ? confidence : 0,
    text,
    ...(reason === UNLIKE_PHRASINGS ? { reason } : {}),
  };
}

export function readFeedback(value: Record<string, unknown>): FeedbackEntry | string {
  const { time, channel, topic, confidence, helpful } = value;
  if (!validTime(time)) return 'no valid "time"';
  if (typeof helpful !== "boolean") return 'no "helpful" true or false';
  return {
    time: time as string,
    channel: typeof channel === "string" ? channel : "unknown",
    topic: typeof topic === "string" ? topic : null,
    confidence: typeof confidence === "number" ? confidence : null,
    helpful,
  };
}

export interface Cluster {
  count: number;
  /** The most frequent wording. */
  example: string;
  /** Distinct wordings, most frequent first. */
  messages: Array<{ text: string; count: number }>;
  kinds: Record<string, number>;
  channels: Record<string, number>;
}

/** Two questions are "the same" when their stems overlap this much (Jaccard). */
export const SIMILARITY = 0.5;

// {"price","fee"} vs {"price","charge"} => 1/3
function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared += 1;
  return shared / (a.size + b.size - shared);
}

const bump = (counts: Record<string, number>, key: string, by = 1) => {
  counts[key] = (counts[key] ?? 0) + by;
};

/**
 * Groups similar questions: identical stem sets first, then each group (most frequent first) joins the
 * cluster whose seed it overlaps most, if by at least SIMILARITY. Questions with no content words
 * group by their lowercased text. Biggest cluster first.
 */
export function clusterQuestions(
  entries: readonly UnansweredEntry[],
  stemsOf: (text: string) => string[],
): Cluster[] {
  const groups = new Map<string, { stems: Set<string>; entries: UnansweredEntry[] }>();
  for (const entry of entries) {
    const stems = new Set(stemsOf(entry.text));
    const key = stems.size > 0 ? [...stems].sort().join(" ") : `text:${entry.text.trim().toLowerCase()}`;
    const group = groups.get(key) ?? { stems, entries: [] };
    group.entries.push(entry);
    groups.set(key, group);
  }
  const seeds: Array<{ stems: Set<string>; entries: UnansweredEntry[] }> = [];
  for (const group of [...groups.values()].sort((a, b) => b.entries.length - a.entries.length)) {
    let best: (typeof seeds)[number] | undefined;
    let bestScore = SIMILARITY;
    if (group.stems.size > 0) {
      for (const seed of seeds) {
        const score = seed.stems.size > 0 ? jaccard(seed.stems, group.stems) : 0;
        if (score >= bestScore) [best, bestScore] = [seed, score];
      }
    }
    if (best) best.entries.push(...group.entries);
    else seeds.push({ stems: group.stems, entries: [...group.entries] });
  }
  return seeds
    .map(({ entries: members }) => {
      const texts: Record<string, number> = {};
      const kinds: Record<string, number> = {};
      const channels: Record<string, number> = {};
      for (const e of members) {
        bump(texts, e.text.trim());
        bump(kinds, e.kind !== "answer" ? e.kind : e.reason ? "unlike phrasings" : "low-confidence");
        bump(channels, e.channel);
      }
      const messages = Object.entries(texts)
        .map(([text, count]) => ({ text, count }))
        .sort((a, b) => b.count - a.count || a.text.localeCompare(b.text));
      return { count: members.length, example: messages[0]!.text, messages, kinds, channels };
    })
    .sort((a, b) => b.count - a.count || a.example.localeCompare(b.example));
}

export interface UnhelpfulAnswer {
  topic: string;
  down: number;
  up: number;
  /** down / (down + up), in [0, 1]. */
  share: number;
}

/** Topics with at least one thumbs down, most thumbs down first, then the highest share. */
export function unhelpfulAnswers(entries: readonly FeedbackEntry[]): UnhelpfulAnswer[] {
  const byTopic = new Map<string, { down: number; up: number }>();
  for (const entry of entries) {
    const topic = entry.topic ?? "(unknown answer)";
    const counts = byTopic.get(topic) ?? { down: 0, up: 0 };
    if (entry.helpful) counts.up += 1;
    else counts.down += 1;
    byTopic.set(topic, counts);
  }
  return [...byTopic.entries()]
    .filter(([, c]) => c.down > 0)
    .map(([topic, c]) => ({ topic, ...c, share: c.down / (c.down + c.up) }))
    .sort((a, b) => b.down - a.down || b.share - a.share || a.topic.localeCompare(b.topic));
}
