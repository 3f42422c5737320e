import { createContext } from "../../../src/dialog/context.ts";
import { createTurn } from "../../../src/dialog/engine.ts";
import type { Guard, GuardOutcome } from "../../../src/dialog/guards/guard.ts";
import type { ConversationContext } from "../../../src/dialog/types.ts";
import { shippedEngine } from "../../support/shipped.ts";

const engine = shippedEngine();

/** Runs one guard alone on `text`, in a fresh context unless given one. */
export function runGuard(
  guard: Guard,
  text: string,
  context: Partial<ConversationContext> = {},
): GuardOutcome | undefined {
  return guard.run(createTurn(engine.env, text, { ...createContext(0), ...context }));
}

export const env = engine.env;
