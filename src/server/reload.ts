import { type FSWatcher, watch } from "node:fs";
import { join } from "node:path";
import type { Logger } from "pino";
import type { Config } from "../config.ts";
import { createEngine, type ExplainingEngine } from "../dialog/engine.ts";
import type { ClinicInfo } from "../dialog/types.ts";
import { loadKnowledge } from "../knowledge/load.ts";
import type { KnowledgeBase, KnowledgeIssue } from "../knowledge/types.ts";
import { packCalibration } from "../matching/fit.ts";
import type { IndexSnapshot } from "../matching/index.ts";
import { recordStems, rememberStems } from "../matching/natural.ts";
import type { EngineHolder } from "./engine-holder.ts";
import { indexCacheKey, readIndexCache, writeIndexCache } from "./index-cache.ts";
import type { PrefetchedIndexCache } from "./index-cache-file.ts";

export type BuildResult =
  | {
      ok: true;
      engine: ExplainingEngine;
      kb: KnowledgeBase;
      warnings: KnowledgeIssue[];
      /** Writes what this build could not read from the index cache (once; nothing when it read it all).
       * Left to the caller, so the write comes after the engine serves, not in the time to ready. */
      saveCache: () => Error | undefined;
    }
  | { ok: false; issues: KnowledgeIssue[] };

/**
 * Loads `config.knowledgeDir` and builds a complete engine from it, or returns the validator's issues.
 * A valid pack, and the costly part of its index, are cached by content hash (server/index-cache), so
 * a start after the first reads them instead of parsing and rebuilding.
 */
function thresholdsOf(config: Readonly<Config>): { answer?: number; clarify?: number } {
  const thresholds: { answer?: number; clarify?: number } = {};
  if (config.thresholds.answer !== undefined) thresholds.answer = config.thresholds.answer;
  if (config.thresholds.clarify !== undefined) thresholds.clarify = config.thresholds.clarify;
  return thresholds;
}

/** An engine over another knowledge base with the same settings and no cache: for cross-validation. */
export const engineFor = (config: Readonly<Config>) => (kb: KnowledgeBase) =>
  createEngine(kb, { clinic: clinicSettings(config), thresholds: thresholdsOf(config) });

/** `prefetched`: the index cache file as a start read it while loading (used when it is this key's). */
export function buildEngine(
  config: Readonly<Config>,
  contextTtlMs?: number,
  prefetched?: PrefetchedIndexCache,
): BuildResult {
  const key = indexCacheKey(config.knowledgeDir, config.articlesDir);
  const cached = readIndexCache(config.knowledgeDir, key, undefined, prefetched);
  let knowledge = cached.knowledge;
  if (!knowledge) {
    const loaded = loadKnowledge(config.knowledgeDir, { articlesDir: config.articlesDir });
    if (!loaded.ok) return { ok: false, issues: loaded.issues };
    knowledge = { kb: loaded.kb, warnings: loaded.warnings };
  }
  const { kb, warnings } = knowledge;
  const thresholds = thresholdsOf(config);
  const known = cached.analyses.size;
  const derived = !packCalibration(kb).calibration;
  const snapshot: IndexSnapshot = { ...cached.snapshot };
  const build = () =>
    createEngine(kb, {
      clinic: clinicSettings(config),
      thresholds,
      ...(contextTtlMs !== undefined ? { contextTtlMs } : {}),
      analyses: cached.analyses,
      snapshot,
      ...(derived && cached.calibration ? { calibration: cached.calibration } : {}),
    });
  if (cached.stems) rememberStems(cached.stems);
  // Only the build's own stemming is recorded: nothing a visitor wrote reaches the cache.
  const { result: engine, stems } = cached.stems
    ? { result: build(), stems: cached.stems }
    : recordStems(build);
  const missed =
    !cached.knowledge ||
    cached.analyses.size > known ||
    snapshot.semantic !== cached.snapshot?.semantic ||
    snapshot.state !== cached.snapshot?.state ||
    !cached.stems ||
    (derived && !cached.calibration);
  let saved = !missed;
  const saveCache = () => {
    if (saved) return undefined;
    saved = true;
    return writeIndexCache(config.knowledgeDir, key, {
      knowledge,
      analyses: cached.analyses,
      stems,
      snapshot,
      ...(derived ? { calibration: engine.index.calibration } : {}),
    });
  };
  return { ok: true, engine, kb, warnings, saveCache };
}

/** A failed index-cache write costs only speed: said once per write, never thrown. */
export function cacheWarning(logger: Logger, error: Error | undefined): void {
  if (error)
    logger.warn(
      { err: error.message },
      "could not write the index cache (node_modules/.cache/faq-index): every start rebuilds the index",
    );
}

/** The clinic settings that are set: unset ones fall back to the pack's demo contact. */
export function clinicSettings(config: Readonly<Config>): Partial<ClinicInfo> {
  const settings: Partial<ClinicInfo> = {};
  for (const [key, value] of Object.entries(config.clinic) as Array<[keyof ClinicInfo, string | undefined]>)
    if (value !== undefined) settings[key] = value;
  return settings;
}

// { file: "kb/topics/pain.yaml", line: 3, column: 7, message: "…" } => "kb/topics/pain.yaml:3:7: …"
export const formatIssue = (issue: KnowledgeIssue) =>
  `${issue.file}:${issue.line}:${issue.column}: ${issue.message}`;

export interface KnowledgeReloaderOptions {
  holder: EngineHolder;
  build: () => BuildResult;
  logger: Logger;
  /** Folder to watch; no watching when omitted (SIGHUP and `reload()` still work). */
  watchDir?: string;
  /** Editors write a file in several steps; wait this long after the last change. Default 100 ms. */
  debounceMs?: number;
}

export interface KnowledgeReloader {
  /** Builds a new engine and swaps it in; on invalid knowledge keeps the current one. → swapped? */
  reload(reason: string): boolean;
  close(): void;
}

/**
 * Hot reload: the new engine is built completely before one assignment makes it current, so no
 * request sees a half-loaded knowledge base, and an invalid edit leaves the last good one serving.
 */
export function createKnowledgeReloader(options: KnowledgeReloaderOptions): KnowledgeReloader {
  const { holder, build, logger, debounceMs = 100 } = options;
  const watchers: FSWatcher[] = [];
  let timer: NodeJS.Timeout | undefined;

  function reload(reason: string): boolean {
    const started = performance.now();
    const previous = holder.knowledgeVersion;
    let result: BuildResult;
    try {
      result = build();
    } catch (error) {
      logger.error(
        { err: error, reason, knowledgeVersion: previous },
        "knowledge reload failed unexpectedly",
      );
      return false;
    }
    if (!result.ok) {
      logger.error(
        { reason, knowledgeVersion: previous, issues: result.issues.map(formatIssue) },
        `knowledge reload rejected (${result.issues.length} issues), still serving ${previous}: ` +
          result.issues.map(formatIssue).join("; "),
      );
      return false;
    }
    for (const warning of result.warnings) logger.warn({ issue: formatIssue(warning) }, warning.message);
    const ms = Math.round(performance.now() - started);
    if (result.engine.knowledgeVersion === previous) {
      logger.info({ reason, knowledgeVersion: previous, ms }, "knowledge unchanged");
      return false;
    }
    holder.swap(result.engine);
    cacheWarning(logger, result.saveCache());
    logger.info(
      { reason, knowledgeVersion: result.engine.knowledgeVersion, previous, ms },
      "knowledge reloaded",
    );
    return true;
  }

  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => reload("file change"), debounceMs);
    timer.unref();
  };

  if (options.watchDir !== undefined) {
    // Two plain watches: recursive fs.watch is not dependable on every platform Node supports.
    for (const dir of [options.watchDir, join(options.watchDir, "topics")]) {
      try {
        const watcher = watch(dir, schedule);
        watcher.on("error", (error) => logger.warn({ err: error, dir }, "knowledge watch stopped"));
        watcher.unref();
        watchers.push(watcher);
      } catch (error) {
        logger.warn({ err: error, dir }, "cannot watch the knowledge folder; reload with SIGHUP instead");
      }
    }
  }

  return {
    reload,
    close() {
      clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
    },
  };
}
