import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Why a review group left the queue: dismissed, or turned into a phrasing or a topic. */
export interface Dismissal {
  time: string;
  who: string;
  outcome: string;
}

export interface Dismissals {
  /** Messages whose stem key ("hurt numb") is here never come back to the queue. */
  has(key: string): boolean;
  add(keys: readonly string[], dismissal: Dismissal): void;
}

/** Dismissed groups by the stem keys of their messages, kept in `dataDir/dismissed.json`. */
export function createDismissals(dataDir: string): Dismissals {
  const file = join(dataDir, "dismissed.json");
  let keys: Record<string, Dismissal> = {};
  if (existsSync(file)) keys = JSON.parse(readFileSync(file, "utf8")) as Record<string, Dismissal>;
  return {
    has: (key) => Object.hasOwn(keys, key),
    add(newKeys, dismissal) {
      for (const key of newKeys) keys[key] = dismissal;
      mkdirSync(dataDir, { recursive: true });
      writeFileSync(`${file}.tmp`, JSON.stringify(keys, null, 1));
      renameSync(`${file}.tmp`, file);
    },
  };
}
