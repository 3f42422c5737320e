import type { Engine } from "../dialog/types.ts";

/** An Engine that always delegates to the current one; `swap` replaces it in one assignment. */
export interface EngineHolder extends Engine {
  readonly current: Engine;
  swap(next: Engine): void;
}

/**
 * Every channel gets the holder, never a concrete engine, so a hot reload reaches them all at once.
 * A turn reads `current` once, so it runs wholly on the old engine or wholly on the new one.
 */
export function createEngineHolder(initial: Engine): EngineHolder {
  let current = initial;
  return {
    get current() {
      return current;
    },
    get knowledgeVersion() {
      return current.knowledgeVersion;
    },
    get profile() {
      return current.profile;
    },
    handleTurn: (input) => current.handleTurn(input),
    swap(next) {
      current = next;
    },
  };
}
