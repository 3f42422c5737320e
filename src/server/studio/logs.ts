import { existsSync, readFileSync } from "node:fs";
import type { Config } from "../../config.ts";
import type { Learning } from "../learning/index.ts";
import {
  type DailyCounts,
  type FeedbackEntry,
  parseJsonLines,
  readDailyCounts,
  readFeedback,
  readUnanswered,
  type UnansweredEntry,
} from "../learning/index.ts";

/** What the learning loop has recorded: unanswered questions, votes, and messages per day. */
export interface LearningData {
  unanswered: UnansweredEntry[];
  feedback: FeedbackEntry[];
  daily: DailyCounts;
}

const readLog = <T>(file: string, read: (value: Record<string, unknown>) => T | string): T[] =>
  existsSync(file) ? parseJsonLines(readFileSync(file, "utf8"), read).entries : [];

/** The logs as the server writes them; this process's daily counts come live from `learning`. */
export function readLearningData(config: Readonly<Config>, learning: Learning | undefined): LearningData {
  const live = learning?.dailyCounts() ?? {};
  const daily = Object.keys(live).length > 0 ? live : readDailyCounts(config.learning.dailyCounts);
  return {
    unanswered: readLog(config.learning.unansweredLog, readUnanswered),
    feedback: readLog(config.learning.feedbackLog, readFeedback),
    daily,
  };
}

/** "2026-11-20" for `days` days ending today (UTC), oldest first. */
export function lastDays(days: number, now = new Date()): string[] {
  const out: string[] = [];
  for (let i = days - 1; i >= 0; i--)
    out.push(new Date(now.getTime() - i * 86_400_000).toISOString().slice(0, 10));
  return out;
}

/** Answers per topic over `days` days. */
export function askedPerTopic(daily: DailyCounts, days: string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const day of days)
    for (const [topic, n] of Object.entries(daily[day]?.topics ?? {}))
      out.set(topic, (out.get(topic) ?? 0) + n);
  return out;
}

/** Thumbs up and down per topic. */
export function thumbsPerTopic(
  feedback: readonly FeedbackEntry[],
): Map<string, { up: number; down: number }> {
  const out = new Map<string, { up: number; down: number }>();
  for (const vote of feedback) {
    if (!vote.topic) continue;
    const counts = out.get(vote.topic) ?? { up: 0, down: 0 };
    if (vote.helpful) counts.up++;
    else counts.down++;
    out.set(vote.topic, counts);
  }
  return out;
}
