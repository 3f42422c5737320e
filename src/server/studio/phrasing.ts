import { existsSync, readFileSync } from "node:fs";
import { parseDocument } from "yaml";
import { type EvalSummary, parseLabelledSet, type ScoredTurn, summarize } from "../../dialog/labelled-set.ts";
import type { KnowledgeIssue } from "../../knowledge/index.ts";
import type { StudioContext } from "./context.ts";
import type { DevSetJob } from "./dev-set-runner.ts";
import type { Dismissals } from "./dismissals.ts";
import { fieldProblems } from "./form-values.ts";
import { topicPath } from "./pack-paths.ts";
import { saveFiles } from "./save.ts";
import { devSetPath, issuesOf, textHash } from "./workspace.ts";
import { patchYaml } from "./yaml-patch.ts";

/** A message added as a phrasing of a topic: the file it writes, or why it cannot. */
export type PhrasingDraft =
  | { ok: true; path: string; text: string; before: string }
  | { ok: false; status: 400 | 404 | 422; message: string; issues?: KnowledgeIssue[] };

export function draftPhrasing(ctx: StudioContext, topic: string, messages: readonly string[]): PhrasingDraft {
  const path = topicPath(topic);
  const before = path ? ctx.workspace.read(path) : undefined;
  if (!path || before === undefined)
    return { ok: false, status: 404, message: `There is no topic '${topic}' in this pack.` };
  const phrasings = [...new Set(messages.map((m) => m.replace(/\s+/g, " ").trim()).filter(Boolean))];
  if (phrasings.length === 0)
    return { ok: false, status: 400, message: "The message is empty: there is nothing to add." };
  const problems = fieldProblems({ message: phrasings });
  if (problems.length)
    return { ok: false, status: 400, message: problems[0]!.message.replace(/^message\.\d+/, "The message") };
  const doc = parseDocument(before);
  if (doc.errors.length)
    return { ok: false, status: 422, message: `${path} is not valid YAML: fix it in the file editor first.` };
  const value = doc.toJS() as { phrasings?: string[] };
  const text = patchYaml(before, { ...value, phrasings: [...(value.phrasings ?? []), ...phrasings] });
  if (text === undefined) return { ok: false, status: 422, message: `${path} could not be updated.` };
  return { ok: true, path, text, before };
}

let lastRun: { key: string; outcomes: ScoredTurn[] } | undefined;

export interface DevSetPreview {
  /** False when the pack has no dev.jsonl: the preview is the validator's word only. */
  hasDevSet: boolean;
  problems: string[];
  before?: EvalSummary;
  after?: EvalSummary;
  /** Labelled turns whose verdict the change flips. */
  changed: Array<{
    id: string;
    turn: number;
    text: string;
    expected: string[];
    before: string;
    after: string;
    fixed: boolean;
  }>;
  issues: KnowledgeIssue[];
}

const verdict = (reply: { kind: string; topic: string | null }) =>
  reply.kind === "answer" ? `answer: ${reply.topic}` : reply.kind;

/**
 * Scores the pack's dev set with and without `changes` (path → text): what a save would fix and break.
 * The runs take seconds, so they happen in the studio's dev-set worker, never on the serving thread.
 */
export async function previewOnDevSet(
  ctx: StudioContext,
  changes: ReadonlyMap<string, string>,
): Promise<DevSetPreview> {
  const state = ctx.workspace.state();
  const checked = ctx.workspace.check(changes, state);
  const issues = checked.blocking;
  const file = devSetPath(ctx.workspace.packDir);
  if (!existsSync(file)) return { hasDevSet: false, problems: [], changed: [], issues };
  const devText = readFileSync(file, "utf8");
  const { problems } = parseLabelledSet(devText, "dev.jsonl");
  const cannot = (problem: string, found = issues) => ({
    hasDevSet: true,
    problems: [...problems, problem],
    changed: [],
    issues: found,
  });
  if (!state.result.ok || !checked.result.ok)
    return cannot(
      "The pack does not validate, so the dev set cannot be run.",
      issues.length ? issues : issuesOf(state.result),
    );
  const { answer, clarify } = ctx.config.thresholds;
  const job = (files: ReadonlyArray<{ path: string; text: string }>): DevSetJob => ({
    files: files.map((f) => [f.path, f.text]),
    articles: [...state.articles],
    devText,
    thresholds: {
      ...(answer !== undefined ? { answer } : {}),
      ...(clarify !== undefined ? { clarify } : {}),
    },
  });
  const key = `${state.result.kb.version}:${textHash(devText)}`;
  // The "now" side is the same until the pack or the dev set changes: run it once per version.
  if (lastRun?.key !== key) {
    const now = await ctx.devSets.run(job(state.files));
    if (!now.ok) return cannot(now.message);
    lastRun = { key, outcomes: now.outcomes };
  }
  const before = lastRun.outcomes;
  const draft = state.files.filter((f) => !changes.has(f.path));
  for (const [path, text] of changes) draft.push({ path, text });
  const ran = await ctx.devSets.run(job(draft));
  if (!ran.ok) return cannot(ran.message);
  const after = ran.outcomes;
  const changed = after
    .map((outcome, i) => ({ outcome, old: before[i]! }))
    .filter(({ outcome, old }) => outcome.ok !== old.ok)
    .map(({ outcome, old }) => ({
      id: outcome.id,
      turn: outcome.turn,
      text: outcome.text,
      expected: outcome.expected,
      before: verdict(old.reply),
      after: verdict(outcome.reply),
      fixed: outcome.ok,
    }));
  return { hasDevSet: true, problems, before: summarize(before), after: summarize(after), changed, issues };
}

/** Adds `messages` as phrasings of `topic` and saves (validated, logged, reloaded); a review group's keys are dismissed. */
export function addPhrasings(
  ctx: StudioContext,
  dismissals: Dismissals,
  who: string,
  request: { topic: string; messages: readonly string[]; groupKeys?: readonly string[] },
): { ok: true; message: string } | { ok: false; status: number; message: string; issues?: KnowledgeIssue[] } {
  const draft = draftPhrasing(ctx, request.topic, request.messages);
  if (!draft.ok) return draft;
  const result = saveFiles(ctx, {
    who,
    action: "add phrasing",
    summary: `Add ${request.messages.length === 1 ? "a phrasing" : `${request.messages.length} phrasings`} to ${request.topic}`,
    writes: [{ path: draft.path, text: draft.text }],
  });
  if (!result.ok) return { ok: false, status: result.status, message: result.message, issues: result.issues };
  if (request.groupKeys?.length) {
    dismissals.add(request.groupKeys, {
      time: result.entry.time,
      who,
      outcome: `phrasing of ${request.topic}`,
    });
  }
  return { ok: true, message: `Added as a phrasing of ${request.topic}. The bot is answering with it now.` };
}
