import type { Request, Response } from "express";
import { parseDocument } from "yaml";
import type { StudioContext } from "../context.ts";
import { type FieldIssue, placeIssues, problemIssues } from "../field-issues.ts";
import { asText, fieldProblems } from "../form-values.ts";
import { topicPath } from "../pack-paths.ts";
import { fieldLabel, type TopicValue, topicFromForm } from "../topic-form.ts";
import { issuesOf, textHash } from "../workspace.ts";
import { patchYaml } from "../yaml-patch.ts";

/** A topic form turned into the file it would write, and everything wrong with it. */
export interface TopicDraft {
  id: string;
  path: string;
  value: TopicValue;
  /** The file's new text; undefined when the form cannot become one (bad id, unreadable file). */
  text: string | undefined;
  base: string;
  issues: FieldIssue[];
  /** Errors that stop a save. */
  blocking: number;
}

/** Reads topic `id` as its form edits it; `broken` when the file does not parse as YAML. */
export function readTopic(ctx: StudioContext, id: string) {
  const path = topicPath(id);
  const text = path ? ctx.workspace.read(path) : undefined;
  if (!path || text === undefined) return undefined;
  const doc = parseDocument(text);
  const value = (doc.errors.length === 0 ? doc.toJS() : {}) as Partial<TopicValue>;
  return { path, text, value: value ?? {}, broken: doc.errors.length > 0 };
}

/** The submitted form applied to topic `id` (undefined: a new topic, its id a field), validated in the whole pack. */
export function draftTopic(
  ctx: StudioContext,
  id: string | undefined,
  body: Record<string, unknown>,
): TopicDraft {
  const isNew = id === undefined;
  const topicId = id ?? asText(body.id);
  const base = asText(body.base);
  const path = topicPath(topicId) ?? "";
  const existing = id ? readTopic(ctx, id) : undefined;
  const value = topicFromForm(body, existing?.value ?? {}, topicId);
  const early: FieldIssue[] = problemIssues(fieldProblems(value, fieldLabel), path);
  if (!path) {
    early.push(
      ...problemIssues(
        [
          {
            field: "id",
            code: "markup",
            message: "The topic id must be lower-case words joined by '-', like 'gift-vouchers'.",
          },
        ],
        path,
      ),
    );
  } else if (isNew && ctx.workspace.read(path) !== undefined) {
    early.push(
      ...problemIssues(
        [
          {
            field: "id",
            code: "markup",
            message: `A topic '${topicId}' already exists: choose another id, or edit that topic.`,
          },
        ],
        path,
      ),
    );
  }
  if (existing?.broken) {
    early.push(
      ...problemIssues(
        [
          {
            field: "question",
            code: "markup",
            message: `${path} is not valid YAML any more (edited by hand?): fix it in the file editor first.`,
          },
        ],
        path,
      ),
    );
  }
  const onDisk = path ? ctx.workspace.read(path) : undefined;
  if (!isNew && base !== "" && onDisk !== undefined && textHash(onDisk) !== base) {
    early.push({
      severity: "error",
      code: "changed-on-disk",
      message: `${path} was changed by someone else (or on disk) since you opened it. Your edits are still in the form: copy what you need, reload to see the current version, then apply your change again.`,
      field: null,
      file: path,
      line: 0,
      column: 0,
    });
  }
  if (early.length > 0 || !path)
    return { id: topicId, path, value, text: undefined, base, issues: early, blocking: early.length };
  const text = patchYaml(existing?.text ?? `id: ${topicId}\n`, value);
  if (text === undefined) {
    const issue = problemIssues(
      [
        {
          field: "question",
          code: "markup",
          message: "The file could not be updated: fix it in the file editor first.",
        },
      ],
      path,
    );
    return { id: topicId, path, value, text, base, issues: issue, blocking: 1 };
  }
  const checked = ctx.workspace.check(new Map([[path, text]]));
  const elsewhere = checked.blocking.filter((issue) => issue.file !== path);
  const issues = [...placeIssues(checked.ownIssues, path, text), ...placeIssues(elsewhere, path, text)];
  return { id: topicId, path, value, text, base, issues, blocking: checked.blocking.length };
}

export const wantsJson = (req: Request) => (req.headers.accept ?? "").includes("application/json");

/** Pack-wide facts the form needs: articles to cite, topics to relate, the manifest's limits. */
export function formContext(ctx: StudioContext) {
  const state = ctx.workspace.state();
  const doc = (path: string) => {
    const file = state.files.find((f) => f.path === path);
    return file ? (parseDocument(file.text).toJS() as Record<string, unknown> | null) : null;
  };
  const sources = (
    (doc("sources.yaml")?.sources as Array<{ id: string; title: string }> | undefined) ?? []
  ).map((s) => ({
    id: String(s.id),
    title: String(s.title),
  }));
  const pack = doc("pack.yaml") ?? {};
  const checks = (pack.checks ?? {}) as Record<string, number>;
  const topicIds = state.files
    .filter((f) => f.path.startsWith("topics/"))
    .map((f) => f.path.replace(/^topics\/|\.ya?ml$/g, ""));
  return {
    state,
    sources,
    topicIds,
    packName: typeof pack.name === "string" ? pack.name : "Knowledge pack",
    citations: (pack.citations === "own-words" ? "own-words" : "articles") as "articles" | "own-words",
    checks: {
      minPhrasings: checks.min_phrasings ?? 10,
      maxAnswerWords: checks.max_answer_words ?? 90,
      maxShortChars: checks.max_short_chars ?? 280,
    },
  };
}

export function sendDraftCheck(res: Response, draft: TopicDraft): void {
  res.json({ ok: draft.blocking === 0, issues: draft.issues, blocking: draft.blocking });
}

/** Issues of the pack as on disk, for one file, placed on fields (the form's first view). */
export function currentIssues(ctx: StudioContext, path: string, text: string): FieldIssue[] {
  const issues = issuesOf(ctx.workspace.state().result).filter((issue) => issue.file === path);
  return placeIssues(issues, path, text);
}

export { textHash };
