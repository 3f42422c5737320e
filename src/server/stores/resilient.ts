import type { Storage, StoreItems } from "botbuilder";
import type { Logger } from "pino";
import type { ConversationStore } from "../../dialog/types.ts";
import { createWarnOnce } from "./warn-throttle.ts";

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * A store that never fails a turn: a failed read answers without context, a failed write is
 * logged and dropped. The user gets an answer either way; only the follow-up memory is lost.
 */
export function resilientContextStore(store: ConversationStore, logger: Logger): ConversationStore {
  const warn = createWarnOnce(logger, 5_000);
  return {
    async get(conversationId) {
      try {
        return await store.get(conversationId);
      } catch (error) {
        warn({ err: reason(error) }, "conversation store read failed: answering without context");
        return undefined;
      }
    },
    async set(conversationId, context) {
      try {
        await store.set(conversationId, context);
      } catch (error) {
        warn({ err: reason(error) }, "conversation store write failed: context not kept");
      }
    },
  };
}

/** The same for botbuilder's Storage (Teams state): read failure → no state, write failure → warning. */
export function resilientStorage(storage: Storage, logger: Logger): Storage {
  const warn = createWarnOnce(logger, 5_000);
  return {
    async read(keys): Promise<StoreItems> {
      try {
        return await storage.read(keys);
      } catch (error) {
        warn({ err: reason(error), channel: "teams" }, "teams state read failed: answering without context");
        return {};
      }
    },
    async write(changes) {
      try {
        await storage.write(changes);
      } catch (error) {
        warn({ err: reason(error), channel: "teams" }, "teams state write failed: context not kept");
      }
    },
    async delete(keys) {
      try {
        await storage.delete(keys);
      } catch (error) {
        warn({ err: reason(error), channel: "teams" }, "teams state delete failed");
      }
    },
  };
}
