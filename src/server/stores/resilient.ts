import type { Storage, StoreItems } from "botbuilder";
import type { Logger } from "pino";
import type { ConversationStore } from "../../dialog/types.ts";
import { createFailSoft } from "./warn-throttle.ts";

/**
 * A store that never fails a turn: a failed read answers without context, a failed write is
 * logged and dropped. The user gets an answer either way; only the follow-up memory is lost.
 */
export function resilientContextStore(store: ConversationStore, logger: Logger): ConversationStore {
  const soft = createFailSoft(logger);
  return {
    get: (conversationId) =>
      soft.read(
        () => store.get(conversationId),
        "conversation store read failed: answering without context",
        undefined,
      ),
    set: (conversationId, context) =>
      soft.write(
        () => store.set(conversationId, context),
        "conversation store write failed: context not kept",
      ),
  };
}

/** The same for botbuilder's Storage (Teams state): read failure → no state, write failure → warning. */
export function resilientStorage(storage: Storage, logger: Logger): Storage {
  const soft = createFailSoft(logger, { channel: "teams" });
  return {
    read: (keys) =>
      soft.read<StoreItems>(
        () => storage.read(keys),
        "teams state read failed: answering without context",
        {},
      ),
    write: (changes) =>
      soft.write(() => storage.write(changes), "teams state write failed: context not kept"),
    delete: (keys) => soft.write(() => storage.delete(keys), "teams state delete failed"),
  };
}
