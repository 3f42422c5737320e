import type { Logger } from "pino";
import type { Config } from "../../config.ts";
import { createEngine, type ExplainingEngine } from "../../dialog/engine.ts";
import type { Engine } from "../../dialog/types.ts";
import type { KnowledgeBase } from "../../knowledge/index.ts";
import type { MatchingIndex } from "../../matching/index.ts";
import type { Learning } from "../learning/index.ts";
import { clinicSettings } from "../reload.ts";
import type { DevSetRunner } from "./dev-set-runner.ts";
import type { History } from "./history.ts";
import type { SaveDeps } from "./save.ts";
import type { Workspace } from "./workspace.ts";

/** Everything a studio page needs, built once by createStudio. */
export interface StudioContext extends SaveDeps {
  config: Readonly<Config>;
  logger: Logger;
  workspace: Workspace;
  history: History;
  learning: Learning | undefined;
  /** The engine serving the channels (through hot reloads). */
  served: Engine;
  /** An engine that explains, for the knowledge base `kb`: the served one when it is that version. */
  explainer(kb: KnowledgeBase): ExplainingEngine;
  /** The matching index of `kb` (cached per version): how the bot reads a message. */
  matching(kb: KnowledgeBase): MatchingIndex;
  /** Runs dev sets off the serving thread (dev-set previews). */
  devSets: DevSetRunner;
}

/** The served engine's explaining core: the holder's current engine when it can explain. */
export function servedExplainer(engine: Engine): ExplainingEngine | undefined {
  const inner = (engine as { current?: Engine }).current ?? engine;
  return typeof (inner as Partial<ExplainingEngine>).explain === "function"
    ? (inner as ExplainingEngine)
    : undefined;
}

/** Engines and indexes for a knowledge base version, built once and kept for the last few versions. */
export function createEngineCache(config: Readonly<Config>, served: Engine) {
  const engines = new Map<string, ExplainingEngine>();
  const keep = <T>(map: Map<string, T>, key: string, make: () => T): T => {
    let value = map.get(key);
    if (!value) {
      value = make();
      map.set(key, value);
      if (map.size > 3) map.delete(map.keys().next().value!);
    }
    return value;
  };
  const engineFor = (kb: KnowledgeBase) => {
    const thresholds: { answer?: number; clarify?: number } = {};
    if (config.thresholds.answer !== undefined) thresholds.answer = config.thresholds.answer;
    if (config.thresholds.clarify !== undefined) thresholds.clarify = config.thresholds.clarify;
    return createEngine(kb, { clinic: clinicSettings(config), thresholds });
  };
  return {
    explainer(kb: KnowledgeBase): ExplainingEngine {
      const live = servedExplainer(served);
      if (live && live.knowledgeVersion === kb.version) return live;
      return keep(engines, kb.version, () => engineFor(kb));
    },
    // The engine's own index: matching needs the pack's calibration and language, which the engine resolves.
    matching(kb: KnowledgeBase) {
      const live = servedExplainer(served);
      if (live && live.knowledgeVersion === kb.version) return live.index;
      return keep(engines, kb.version, () => engineFor(kb)).index;
    },
  };
}
