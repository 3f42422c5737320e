import { existsSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseDocument } from "yaml";
import type { KnowledgeIssue } from "../../knowledge/index.ts";
import type { StudioContext } from "./context.ts";
import { STUDIO_DEFAULTS } from "./defaults.ts";
import { asList, asText, fieldProblems } from "./form-values.ts";
import { topicPath } from "./pack-paths.ts";
import { type FileWrite, saveFiles } from "./save.ts";
import { patchYaml } from "./yaml-patch.ts";

/** What the author accepted: claims for topics, and a conflict or agreement for each disagreement. */
export interface PublishRequest {
  text: string;
  sourceId: string;
  claims: Array<{ topic: string; statement: string; quote: string }>;
  records: Array<{
    topic: string;
    kind: "conflict" | "agreement";
    summary: string;
    /** The new article's position: its claim and quote. */
    statement: string;
    quote: string;
    /** The existing articles it disagrees with, each one's position. */
    against: Array<{ source: string; claim: string; quote: string }>;
  }>;
}

export type PublishResult =
  | { ok: true; message: string; change: string }
  | { ok: false; status: number; message: string; issues: string[] };

export function readPublishRequest(body: Record<string, unknown>): PublishRequest {
  const rec = (v: unknown) => (typeof v === "object" && v !== null ? (v as Record<string, unknown>) : {});
  return {
    text: typeof body.text === "string" ? body.text.replace(/\r\n?/g, "\n") : "",
    sourceId: asText(body.sourceId),
    claims: asList(body.claims)
      .map(rec)
      .map((c) => ({ topic: asText(c.topic), statement: asText(c.statement), quote: asText(c.quote) })),
    records: asList(body.records)
      .map(rec)
      .map((r) => ({
        topic: asText(r.topic),
        kind: r.kind === "agreement" ? ("agreement" as const) : ("conflict" as const),
        summary: asText(r.summary),
        statement: asText(r.statement),
        quote: asText(r.quote),
        against: asList(r.against)
          .map(rec)
          .map((a) => ({ source: asText(a.source), claim: asText(a.claim), quote: asText(a.quote) })),
      })),
  };
}

const format = (issue: KnowledgeIssue) => `${issue.file}:${issue.line}:${issue.column}: ${issue.message}`;
const refuse = (status: number, message: string, issues: string[] = []): PublishResult => ({
  ok: false,
  status,
  message,
  issues,
});

/**
 * Adds the article to the sources folder and sources.yaml, its accepted claims to their topics and the
 * recorded conflicts and agreements; refused while any figure of it still disagrees unrecorded.
 */
export function publishArticle(ctx: StudioContext, who: string, request: PublishRequest): PublishResult {
  const { text, sourceId } = request;
  if (Buffer.byteLength(text) > STUDIO_DEFAULTS.maxArticleBytes)
    return refuse(
      413,
      `The article is ${Math.round(Buffer.byteLength(text) / 1024)} KB; the studio takes articles of at most ${STUDIO_DEFAULTS.maxArticleBytes / 1024} KB.`,
    );
  const title = (text.split("\n", 1)[0] ?? "").trim();
  if (!title) return refuse(400, "The article's first line must be its title.");
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(sourceId))
    return refuse(400, "The article id must be lower-case words joined by '-', like 'clinic-guide'.");
  const problems = fieldProblems({ claims: request.claims, records: request.records });
  if (problems.length)
    return refuse(
      422,
      "Not published: markup or an over-long field.",
      problems.map((p) => p.message),
    );
  if (request.claims.length === 0)
    return refuse(400, "Choose at least one sentence as a claim of a topic before publishing.");

  const state = ctx.workspace.state();
  const sourcesText = ctx.workspace.read("sources.yaml") ?? "sources: []\n";
  const sources = (parseDocument(sourcesText).toJS() ?? { sources: [] }) as {
    sources: Array<{ id: string; title: string; file: string }>;
  };
  if (sources.sources.some((s) => s.id === sourceId))
    return refuse(409, `An article '${sourceId}' is already in sources.yaml: choose another id.`);
  const file = `${sourceId}.txt`;
  const articlePath = join(ctx.workspace.articlesDir, file);
  if (existsSync(articlePath) && readFileSync(articlePath, "utf8") !== text)
    return refuse(409, `The sources folder already has a different ${file}: choose another id.`);

  const changes = new Map<string, string>();
  const sourcesNext = patchYaml(sourcesText, {
    ...sources,
    sources: [...sources.sources, { id: sourceId, title, file }],
  });
  if (!sourcesNext) return refuse(422, "sources.yaml is not valid YAML: fix it in the file editor first.");
  changes.set("sources.yaml", sourcesNext);

  const topics = new Map<string, Record<string, unknown>>();
  const topicValue = (id: string) => {
    const path = topicPath(id);
    const current = path ? ctx.workspace.read(path) : undefined;
    if (!path || current === undefined) return undefined;
    if (!topics.has(id))
      topics.set(id, structuredClone(parseDocument(current).toJS() as Record<string, unknown>));
    return topics.get(id);
  };
  const push = (value: Record<string, unknown>, key: string, item: unknown) => {
    value[key] = [...((value[key] as unknown[]) ?? []), item];
  };
  for (const claim of request.claims) {
    const value = topicValue(claim.topic);
    if (!value) return refuse(404, `There is no topic '${claim.topic}' in this pack.`);
    push(value, "claims", {
      statement: claim.statement,
      support: [{ source: sourceId, quote: claim.quote }],
    });
  }
  for (const record of request.records) {
    const value = topicValue(record.topic);
    if (!value) return refuse(404, `There is no topic '${record.topic}' in this pack.`);
    if (!record.summary) return refuse(400, `Write a summary for the ${record.kind} in '${record.topic}'.`);
    const others = [...new Map(record.against.map((a) => [a.source, a])).values()];
    if (others.length === 0)
      return refuse(400, `Name the articles the ${record.kind} in '${record.topic}' is with.`);
    if (record.kind === "agreement")
      push(value, "agreements", {
        summary: record.summary,
        sources: [...others.map((a) => a.source), sourceId],
      });
    else
      push(value, "conflicts", {
        summary: record.summary,
        positions: [...others, { source: sourceId, claim: record.statement, quote: record.quote }],
      });
  }
  for (const [id, value] of topics) {
    const path = topicPath(id)!;
    const next = patchYaml(ctx.workspace.read(path)!, value);
    if (!next) return refuse(422, `${path} is not valid YAML: fix it in the file editor first.`);
    changes.set(path, next);
  }

  const articles = new Map(state.articles);
  articles.set(file, text);
  const checked = ctx.workspace.check(changes, { ...state, articles });
  const unrecorded = checked.ownIssues.filter(
    (i) => i.code === "unrecorded-disagreement" && i.message.includes(`'${sourceId}'`),
  );
  if (checked.blocking.length || unrecorded.length) {
    return refuse(
      422,
      unrecorded.length
        ? "Not published: some figures of this article disagree with the pack and have neither a conflict nor an agreement recorded."
        : "Not published: the pack would not validate.",
      [...checked.blocking, ...unrecorded].map(format),
    );
  }
  const existed = existsSync(articlePath);
  writeFileSync(articlePath, text);
  const writes: FileWrite[] = [...changes].map(([path, t]) => ({ path, text: t }));
  const result = saveFiles(ctx, {
    who,
    action: "publish article",
    summary: `Publish article ${sourceId} (${request.claims.length} claims, ${request.records.length} conflicts or agreements)`,
    writes,
    articles,
  });
  if (!result.ok) {
    if (!existed) unlinkSync(articlePath);
    return refuse(result.status, result.message, result.issues.map(format));
  }
  return {
    ok: true,
    message: `Published '${sourceId}': ${request.claims.length} claims added. The bot cites it now.`,
    change: result.entry.id,
  };
}
