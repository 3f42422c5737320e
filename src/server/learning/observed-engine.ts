import type { Engine } from "../../dialog/types.ts";
import type { Reply } from "../../reply.ts";

export interface ObservedTurn {
  channel: string;
  /** The message, or after "None of these" the question the clarify was about. */
  text: string;
  reply: Reply;
  seconds: number;
}

/**
 * The engine as one channel sees it: every turn is passed to `observe` after it is answered, so the
 * channels stay translation-only. `observe` must not throw (the learning loop logs its own failures).
 */
export function observeEngine(
  engine: Engine,
  channel: string,
  observe: (turn: ObservedTurn) => void,
): Engine {
  return {
    get knowledgeVersion() {
      return engine.knowledgeVersion;
    },
    get profile() {
      return engine.profile;
    },
    handleTurn(input) {
      const started = performance.now();
      const result = engine.handleTurn(input);
      const seconds = (performance.now() - started) / 1000;
      // After "None of these", what went unanswered is the question the choices were offered for.
      observe({ channel, text: result.extras.unanswered ?? input.text, reply: result.reply, seconds });
      return result;
    },
  };
}
