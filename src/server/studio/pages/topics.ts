import type { Request, Response, Router } from "express";
import { parseDocument } from "yaml";
import { sessionOf } from "../auth.ts";
import type { StudioContext } from "../context.ts";
import type { Dismissals } from "../dismissals.ts";
import { asText, linesOf } from "../form-values.ts";
import { html } from "../html.ts";
import { layout } from "../layout.ts";
import { askedPerTopic, lastDays, readLearningData, thumbsPerTopic } from "../logs.ts";
import { locateQuote } from "../quote-locate.ts";
import { saveFiles } from "../save.ts";
import { issuesOf, textHash } from "../workspace.ts";
import {
  currentIssues,
  draftTopic,
  formContext,
  readTopic,
  sendDraftCheck,
  wantsJson,
} from "./topic-edit.ts";
import { renderTopicForm } from "./topic-view.ts";

/** Days of questions the topic list counts as "asked". */
const ASKED_DAYS = 30;

function topicList(ctx: StudioContext, req: Request, res: Response) {
  const session = sessionOf(req);
  const form = formContext(ctx);
  const issues = issuesOf(form.state.result);
  const data = readLearningData(ctx.config, ctx.learning);
  const asked = askedPerTopic(data.daily, lastDays(ASKED_DAYS));
  const thumbs = thumbsPerTopic(data.feedback);
  const q = asText(req.query.q).toLowerCase();
  const rows = form.state.files
    .filter((file) => file.path.startsWith("topics/"))
    .map((file) => {
      const doc = parseDocument(file.text);
      const value = (doc.errors.length ? {} : (doc.toJS() ?? {})) as Record<string, unknown>;
      const id = file.path.replace(/^topics\/|\.ya?ml$/g, "");
      const mine = issues.filter((i) => i.file === file.path);
      const list = (key: string) => (Array.isArray(value[key]) ? (value[key] as unknown[]).length : 0);
      return {
        id,
        broken: doc.errors.length > 0,
        question: typeof value.question === "string" ? value.question : "(this file is not valid YAML)",
        phrasings: list("phrasings"),
        claims: list("claims"),
        conflicts: list("conflicts"),
        errors: mine.filter((i) => i.severity === "error").length,
        warnings: mine.filter((i) => i.severity === "warning").length,
        asked: asked.get(id) ?? 0,
        thumbs: thumbs.get(id) ?? { up: 0, down: 0 },
      };
    })
    .filter((row) => q === "" || row.id.includes(q) || row.question.toLowerCase().includes(q));
  const elsewhere = issues.filter((i) => i.severity === "error" && !i.file.startsWith("topics/"));
  const body = html`<h1>Topics</h1>
  <p class="lead">Every question the bot answers. Open one to edit it; the checks run as you type.</p>
  ${
    elsewhere.length
      ? html`<div class="notice error" role="alert"><p>Other files of the pack have problems: the bot keeps serving the last good version until they are fixed.</p><ul>${elsewhere.map(
          (i) =>
            html`<li>${i.file}:${i.line}:${i.column}: ${i.message} ${i.file.endsWith(".yaml") ? html`<a href="/studio/files?path=${encodeURIComponent(i.file)}">Fix in the file editor</a>` : ""}</li>`,
        )}</ul></div>`
      : ""
  }
  <form class="search" method="get" action="/studio/topics" role="search">
    <label for="topic-search">Search topics</label>
    <input id="topic-search" name="q" type="search" value="${q}" data-filter="topic-rows" placeholder="a word of the question or the topic id">
    <button type="submit" class="secondary">Search</button>
    <a class="button" href="/studio/topics/new">New topic</a>
  </form>
  <div class="table-wrap"><table class="topics" id="topic-rows">
    <caption>${rows.length} topics · asked = answers in the last ${ASKED_DAYS} days · votes = visitors' helpful / not helpful</caption>
    <thead><tr><th scope="col">Topic</th><th scope="col">Phrasings</th><th scope="col">Claims</th><th scope="col">Conflicts</th><th scope="col">Checks</th><th scope="col">Asked</th><th scope="col">Votes</th></tr></thead>
    <tbody>${rows.map(
      (r) => html`<tr data-search="${`${r.id} ${r.question}`.toLowerCase()}">
        <th scope="row"><a href="${r.broken ? `/studio/files?path=${encodeURIComponent(`topics/${r.id}.yaml`)}` : `/studio/topics/${r.id}`}">${r.question}</a><span class="id">${r.id}</span></th>
        <td>${r.phrasings}</td><td>${r.claims}</td><td>${r.conflicts}</td>
        <td>${r.errors ? html`<span class="badge error">${r.errors} error${r.errors > 1 ? "s" : ""}</span> ` : ""}${r.warnings ? html`<span class="badge warning">${r.warnings} warning${r.warnings > 1 ? "s" : ""}</span>` : ""}${r.errors + r.warnings === 0 ? html`<span class="badge ok">OK</span>` : ""}</td>
        <td>${r.asked}</td><td>${r.thumbs.up} helpful · ${r.thumbs.down} not</td>
      </tr>`,
    )}</tbody>
  </table></div>`;
  res
    .type("html")
    .send(layout({ title: "Topics", active: "topics", session, packName: form.packName, body }));
}

function showForm(
  ctx: StudioContext,
  req: Request,
  res: Response,
  id: string | undefined,
  status = 200,
  notice?: { kind: "ok" | "error"; text: string },
  draft?: ReturnType<typeof draftTopic>,
) {
  const session = sessionOf(req);
  const form = formContext(ctx);
  let value = draft?.value;
  let base = draft?.base ?? "";
  let issues = draft?.issues ?? [];
  if (!draft && id) {
    const topic = readTopic(ctx, id);
    if (!topic) return notFound(res, session, form.packName);
    if (topic.broken) {
      res.redirect(303, `/studio/files?path=${encodeURIComponent(topic.path)}`);
      return;
    }
    value = topic.value as typeof value;
    base = textHash(topic.text);
    issues = currentIssues(ctx, topic.path, topic.text);
  }
  if (!value) {
    // A new topic, perhaps drafted from a review group: its example as the question, its wordings as phrasings.
    const question = asText(req.query.question);
    value = { id: "", question, phrasings: linesOf(req.query.phrasings), answer: "", claims: [] };
  }
  const fromGroup =
    asText(req.query.from_group) || asText((req.body as Record<string, unknown> | undefined)?.from_group);
  const title = id ? `Edit: ${value.question ?? id}` : "New topic";
  const body = html`<h1>${title}</h1>
    ${id ? html`<p class="meta">File <code>topics/${id}.yaml</code> · <a href="/studio/try?text=${encodeURIComponent(value.question ?? "")}">Try its question</a> · <a href="/studio/history?file=${encodeURIComponent(`topics/${id}.yaml`)}">History</a></p>` : ""}
    ${renderTopicForm({ id, value, base, csrf: session.csrf, sources: form.sources, topicIds: form.topicIds, checks: form.checks, citations: form.citations, issues, ...(fromGroup ? { fromGroup } : {}) })}`;
  res
    .status(status)
    .type("html")
    .send(
      layout({
        title,
        active: "topics",
        session,
        packName: form.packName,
        body,
        ...(notice ? { notice } : {}),
      }),
    );
}

function notFound(res: Response, session: ReturnType<typeof sessionOf>, packName: string) {
  res
    .status(404)
    .type("html")
    .send(
      layout({
        title: "Not found",
        session,
        packName,
        body: html`<h1>No such topic</h1><p><a href="/studio/topics">Back to the topics</a></p>`,
      }),
    );
}

function saveTopic(
  ctx: StudioContext,
  dismissals: Dismissals,
  req: Request,
  res: Response,
  id: string | undefined,
) {
  const session = sessionOf(req);
  const body = (req.body ?? {}) as Record<string, unknown>;
  const draft = draftTopic(ctx, id, body);
  const refuse = (status: number, message: string) => {
    if (wantsJson(req)) res.status(status).json({ ok: false, message, issues: draft.issues });
    else showForm(ctx, req, res, id, status, { kind: "error", text: message }, draft);
  };
  const changed = draft.issues.find((issue) => issue.code === "changed-on-disk");
  if (changed) {
    refuse(409, changed.message);
    return;
  }
  if (draft.blocking > 0 || draft.text === undefined) {
    refuse(
      422,
      `Not saved: ${draft.blocking} problem${draft.blocking === 1 ? "" : "s"} to fix first. Nothing was written.`,
    );
    return;
  }
  const result = saveFiles(ctx, {
    who: session.who,
    action: id ? "edit topic" : "create topic",
    summary: `${id ? "Edit" : "Create"} topic ${draft.id}`,
    writes: [{ path: draft.path, text: draft.text, base: draft.base }],
  });
  if (!result.ok) {
    refuse(result.status, result.message);
    return;
  }
  const fromGroup = asText(body.from_group);
  if (fromGroup)
    dismissals.add(fromGroup.split("|"), {
      time: result.entry.time,
      who: session.who,
      outcome: `topic ${draft.id} created`,
    });
  const message = result.reloaded
    ? "Saved. The bot is answering with the change now."
    : "Saved. (The bot's answers did not change, or another file still needs fixing.)";
  if (wantsJson(req))
    res.json({ ok: true, message, base: textHash(draft.text), change: result.entry.id, id: draft.id });
  else res.redirect(303, `/studio/topics/${draft.id}?saved=1`);
}

export function mountTopics(router: Router, ctx: StudioContext, dismissals: Dismissals): void {
  router.get("/topics", (req, res) => topicList(ctx, req, res));
  router.get("/topics/new", (req, res) => showForm(ctx, req, res, undefined));
  router.post("/topics/new", (req, res) => saveTopic(ctx, dismissals, req, res, undefined));
  router.get("/topics/:id", (req, res) =>
    showForm(
      ctx,
      req,
      res,
      req.params.id,
      200,
      req.query.saved ? { kind: "ok", text: "Saved. The bot is answering with the change now." } : undefined,
    ),
  );
  router.post("/topics/:id", (req, res) => saveTopic(ctx, dismissals, req, res, req.params.id));
  router.post("/api/topics/new/check", (req, res) =>
    sendDraftCheck(res, draftTopic(ctx, undefined, req.body ?? {})),
  );
  router.post("/api/topics/:id/check", (req, res) => {
    if (!readTopic(ctx, req.params.id)) {
      res.status(404).json({ error: "not_found", message: "There is no such topic in this pack." });
      return;
    }
    sendDraftCheck(res, draftTopic(ctx, req.params.id, req.body ?? {}));
  });
  router.get("/api/quote", (req, res) => {
    const form = formContext(ctx);
    const source = form.sources.find((s) => s.id === asText(req.query.source));
    const file =
      source &&
      parseSourceFile(form.state.files.find((f) => f.path === "sources.yaml")?.text ?? "", source.id);
    const article = file ? form.state.articles.get(file) : undefined;
    if (!source || article === undefined) {
      res.status(404).json({ error: "not_found", message: "That article is not in the sources folder." });
      return;
    }
    res.json({
      source: source.id,
      title: source.title,
      text: article,
      ...locateQuote(asText(req.query.quote), article),
    });
  });
}

function parseSourceFile(text: string, id: string): string | undefined {
  const sources =
    (parseDocument(text).toJS() as { sources?: Array<{ id: string; file: string }> } | null)?.sources ?? [];
  return sources.find((s) => s.id === id)?.file;
}
