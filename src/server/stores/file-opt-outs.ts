import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { Low } from "lowdb";
import { JSONFile } from "lowdb/node";
import type { OptOutStore } from "../../channels/sms/state.ts";
import { ConfigError } from "../../errors.ts";

/** The file's shape: each opted-out number's hash, with when it texted STOP. */
interface OptOutData {
  optedOut: Record<string, string>;
}

/**
 * SMS opt-outs in a JSON file (lowdb: each change written whole to a temporary file, then renamed over
 * the old one), so a STOP outlives restarts on a single machine without Redis. One process per file:
 * several instances share opt-outs through Redis instead.
 * @throws ConfigError when the file exists but is not an opt-out list: it must never be silently reset.
 */
export async function createFileOptOutStore(
  path: string,
  now: () => Date = () => new Date(),
): Promise<OptOutStore> {
  mkdirSync(dirname(path), { recursive: true });
  const db = new Low<OptOutData>(new JSONFile<OptOutData>(path), { optedOut: {} });
  try {
    await db.read();
  } catch (error) {
    throw new ConfigError(
      `SMS_OPT_OUT_FILE ${path} cannot be read as an opt-out list (${error instanceof Error ? error.message : String(error)}): ` +
        "restore it from a backup; it records who texted STOP, so it is never reset automatically",
      { cause: error },
    );
  }
  if (typeof db.data?.optedOut !== "object" || db.data.optedOut === null || Array.isArray(db.data.optedOut)) {
    throw new ConfigError(
      `SMS_OPT_OUT_FILE ${path} is not an opt-out list ({"optedOut": {…}}): restore it from a backup`,
    );
  }
  return {
    has: async (userId) => Object.hasOwn(db.data.optedOut, userId),
    add: async (userId) => {
      db.data.optedOut[userId] = now().toISOString();
      await db.write();
    },
    delete: async (userId) => {
      if (!Object.hasOwn(db.data.optedOut, userId)) return;
      delete db.data.optedOut[userId];
      await db.write();
    },
  };
}
