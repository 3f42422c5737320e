import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { AppenderLogger } from "./jsonl-appender.ts";

/** One day's messages: by channel and reply kind, and answers by topic. Counts only, never text. */
export interface DayCounts {
  /** channel → reply kind → messages ("web" → "answer" → 12). */
  channels: Record<string, Record<string, number>>;
  /** topic id → answers given with it. */
  topics: Record<string, number>;
}

/** "2026-11-20" → that UTC day's counts. */
export type DailyCounts = Record<string, DayCounts>;

export interface DailyCounter {
  record(turn: { channel: string; kind: string; topic: string | null; time: Date }): void;
  /** Every day counted so far, this process's unsaved counts included. */
  read(): DailyCounts;
  /** Writes the file now if anything changed (shutdown, tests). */
  flush(): void;
}

/** Counts reach the disk at most this often; a crash loses at most this much. */
const SAVE_EVERY_MS = 10_000;
/** Days kept in the file: a year of history is plenty for the dashboard. */
const KEEP_DAYS = 400;

/** Reads a counts file; a missing or unreadable one is an empty history (a warning says why). */
export function readDailyCounts(file: string, logger?: AppenderLogger): DailyCounts {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT")
      logger?.warn({ file, err: String(err) }, "could not read the daily counts; starting from zero");
    return {};
  }
  try {
    const parsed = JSON.parse(text) as unknown;
    return typeof parsed === "object" && parsed !== null ? (parsed as DailyCounts) : {};
  } catch (err) {
    logger?.warn({ file, err: String(err) }, "the daily counts file is not JSON; starting from zero");
    return {};
  }
}

/**
 * Per-day tallies kept in memory and saved to `file` (write to a temporary file, then rename) every
 * few seconds while they change: the dashboard's "questions per day" without logging every message.
 */
export function createDailyCounter(file: string, logger: AppenderLogger): DailyCounter {
  const days = readDailyCounts(file, logger);
  let dirty = false;
  let timer: NodeJS.Timeout | undefined;

  function save(): void {
    clearTimeout(timer);
    timer = undefined;
    if (!dirty) return;
    dirty = false;
    const keep = Object.keys(days).sort().slice(-KEEP_DAYS);
    for (const day of Object.keys(days)) if (!keep.includes(day)) delete days[day];
    try {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(`${file}.tmp`, JSON.stringify(days));
      renameSync(`${file}.tmp`, file);
    } catch (err) {
      logger.warn({ file, err: String(err) }, "could not save the daily counts");
    }
  }

  return {
    record({ channel, kind, topic, time }) {
      const day = time.toISOString().slice(0, 10);
      const counts = days[day] ?? { channels: {}, topics: {} };
      days[day] = counts;
      const byKind = counts.channels[channel] ?? {};
      counts.channels[channel] = byKind;
      byKind[kind] = (byKind[kind] ?? 0) + 1;
      if (kind === "answer" && topic) counts.topics[topic] = (counts.topics[topic] ?? 0) + 1;
      dirty = true;
      if (!timer) {
        timer = setTimeout(save, SAVE_EVERY_MS);
        timer.unref();
      }
    },
    read: () => structuredClone(days),
    flush: save,
  };
}
