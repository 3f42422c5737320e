import { loadConfig, resolvePackDir } from "../config.ts";
import type { ExplainingEngine } from "../dialog/engine.ts";
import type { KnowledgeBase } from "../knowledge/types.ts";
import { buildEngine, engineFor } from "../server/reload.ts";

export interface CliIo {
  out: (s: string) => void;
  err: (s: string) => void;
  /** The terminal's width in columns; undefined when output is not a terminal (no wrapping). */
  columns?: () => number | undefined;
}

/** Config + knowledge base + engine for a CLI command; undefined (after printing why) when it cannot start. */
export function startEngine(
  io: CliIo,
  options: { knowledgeDir?: string } = {},
):
  | { engine: ExplainingEngine; kb: KnowledgeBase; rebuild: (kb: KnowledgeBase) => ExplainingEngine }
  | undefined {
  const config = loadConfig();
  const knowledgeDir = options.knowledgeDir ? resolvePackDir(options.knowledgeDir) : config.knowledgeDir;
  const built = buildEngine({ ...config, knowledgeDir });
  if (!built.ok) {
    io.err("The knowledge base has errors, so the bot cannot start:");
    for (const i of built.issues) io.err(`${i.file}:${i.line}:${i.column}: ${i.severity}: ${i.message}`);
    return undefined;
  }
  // The index cache is written when the command is done, so it never holds back the answer.
  process.once("beforeExit", () => {
    const error = built.saveCache();
    if (error) io.err(`could not write the index cache (every start rebuilds the index): ${error.message}`);
  });
  return { engine: built.engine, kb: built.kb, rebuild: engineFor({ ...config, knowledgeDir }) };
}

/** "--json", "--since 7d" → flags and values; the rest are positional arguments. */
export function parseArgs(
  argv: string[],
  valued: readonly string[] = [],
): { flags: Map<string, string | true>; positional: string[] } {
  const flags = new Map<string, string | true>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.startsWith("--")) {
      const [name, inline] = arg.slice(2).split("=", 2) as [string, string | undefined];
      if (inline !== undefined) flags.set(name, inline);
      else if (valued.includes(name) && i + 1 < argv.length) flags.set(name, argv[++i]!);
      else flags.set(name, true);
    } else positional.push(arg);
  }
  return { flags, positional };
}

/**
 * A command's arguments, or the exit code when they are not for running it: `--help` prints the usage
 * (exit 0); a flag the command does not know is named, with the usage (exit 2), so `fit --hlep` never fits.
 */
export function commandArgs(
  argv: string[],
  options: { usage: string; valued?: readonly string[]; switches?: readonly string[] },
  io: CliIo,
): { flags: Map<string, string | true>; positional: string[] } | number {
  const parsed = parseArgs(argv, options.valued);
  if (parsed.flags.has("help") || parsed.flags.has("h") || argv.includes("-h")) {
    io.out(options.usage);
    return 0;
  }
  const known = new Set([...(options.valued ?? []), ...(options.switches ?? [])]);
  const unknown = [...parsed.flags.keys()].filter((f) => !known.has(f));
  if (unknown.length) {
    io.err(`${unknown.map((f) => `--${f}`).join(", ")}: not an option here\n${options.usage}`);
    return 2;
  }
  return parsed;
}
