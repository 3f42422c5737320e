import type { PackChecks } from "../../../knowledge/index.ts";
import type { FieldIssue } from "../field-issues.ts";
import { html, type SafeHtml } from "../html.ts";
import { fieldLabel, type TopicValue } from "../topic-form.ts";

export interface TopicViewOptions {
  /** undefined for a new topic: the id is then a field. */
  id: string | undefined;
  value: Partial<TopicValue>;
  /** textHash of the file the form was opened on ("" for a new one). */
  base: string;
  csrf: string;
  sources: Array<{ id: string; title: string }>;
  topicIds: string[];
  checks: PackChecks;
  citations: "articles" | "own-words";
  issues: FieldIssue[];
  /** The review group a new topic was drafted from, dismissed once it is saved. */
  fromGroup?: string;
}

const idOf = (field: string) => `f-${field.replace(/[^a-z0-9]+/gi, "-")}`;

/** "phrasings.3" and "claims.0.answer_sentence.1" show beside their one-per-line box; others beside themselves. */
const shownAt = (field: string | null) =>
  field?.startsWith("phrasings.")
    ? "phrasings"
    : (field?.replace(/(\.answer_sentence)\.\d+$/, "$1") ?? field);

/** Every field path the form renders for `v`, so issues elsewhere go to the list at the top. */
function renderedFields(v: Partial<TopicValue>, isNew: boolean): Set<string> {
  const out = new Set(["question", "phrasings", "answer", "short", "related", "min_confidence"]);
  if (isNew) out.add("id");
  (v.claims ?? []).forEach((c, i) => {
    out.add(`claims.${i}.statement`);
    out.add(`claims.${i}.answer_sentence`);
    c.support.forEach((_, j) => {
      out.add(`claims.${i}.support.${j}.source`);
      out.add(`claims.${i}.support.${j}.quote`);
    });
  });
  (v.conflicts ?? []).forEach((c, k) => {
    out.add(`conflicts.${k}.summary`);
    c.positions.forEach((_, p) => {
      for (const f of ["source", "claim", "quote"]) out.add(`conflicts.${k}.positions.${p}.${f}`);
    });
  });
  (v.agreements ?? []).forEach((_, a) => {
    out.add(`agreements.${a}.summary`);
    out.add(`agreements.${a}.sources`);
  });
  return out;
}

/** The validator's messages already known for `field`, shown beside it (the script refreshes them). */
function messages(field: string, issues: FieldIssue[]): SafeHtml {
  const mine = issues.filter((issue) => shownAt(issue.field) === field);
  return html`<ul class="msgs" id="${idOf(field)}-msgs" aria-live="polite">${mine.map(
    (issue) => html`<li class="${issue.severity}">${issue.message}</li>`,
  )}</ul>`;
}

interface FieldOptions {
  pattern: string;
  label: string;
  value: string;
  kind: "input" | "textarea" | "select";
  rows?: number;
  options?: Array<{ value: string; label: string }>;
  extra?: SafeHtml | string;
  attrs?: SafeHtml;
}

/** One labelled field; `pattern` ("claims.{c}.statement") gives its name and data-field once numbered. */
function field(o: FieldOptions, indices: Record<string, number>, issues: FieldIssue[]): SafeHtml {
  const path = o.pattern.replace(/\{(\w)\}/g, (_, k: string) => String(indices[k] ?? "__"));
  const name = path
    .split(".")
    .map((part, i) => (i === 0 ? part : `[${part}]`))
    .join("");
  const id = idOf(path);
  const control =
    o.kind === "textarea"
      ? html`<textarea id="${id}" name="${name}" rows="${o.rows ?? 3}" data-pattern="${o.pattern}" aria-describedby="${id}-msgs" ${o.attrs ?? ""}>${o.value}</textarea>`
      : o.kind === "select"
        ? html`<select id="${id}" name="${name}" data-pattern="${o.pattern}" aria-describedby="${id}-msgs">${(
            o.options ?? []
          ).map(
            (opt) =>
              html`<option value="${opt.value}" ${opt.value === o.value ? html`selected` : ""}>${opt.label}</option>`,
          )}</select>`
        : html`<input id="${id}" name="${name}" value="${o.value}" data-pattern="${o.pattern}" aria-describedby="${id}-msgs" ${o.attrs ?? ""}>`;
  return html`<div class="field" data-field-pattern="${o.pattern}" data-field="${path}">
    <label for="${id}" data-pattern-for="${o.pattern}">${o.label}</label>${o.extra ?? ""}
    ${control}
    ${messages(path, issues)}
  </div>`;
}

type Claim = NonNullable<TopicValue["claims"]>[number];
type Conflict = NonNullable<TopicValue["conflicts"]>[number];
type Agreement = NonNullable<TopicValue["agreements"]>[number];

function supportRow(o: TopicViewOptions, s: Claim["support"][number], idx: Record<string, number>) {
  const sources = o.sources.map((src) => ({ value: src.id, label: `${src.id}: ${src.title}` }));
  return html`<div class="row support" data-row>
    ${field({ pattern: "claims.{c}.support.{s}.source", label: "Article", value: s.source, kind: "select", options: sources }, idx, o.issues)}
    ${field({ pattern: "claims.{c}.support.{s}.quote", label: "Quote, copied word for word", value: s.quote, kind: "textarea", rows: 2, attrs: html`data-quote` }, idx, o.issues)}
    <button type="button" class="secondary small" data-remove>Remove this quote</button>
  </div>`;
}

function claimRow(o: TopicViewOptions, claim: Claim, c: number | undefined) {
  const idx: Record<string, number> = c === undefined ? {} : { c };
  const support = claim.support.length > 0 ? claim.support : [{ source: o.sources[0]?.id ?? "", quote: "" }];
  return html`<fieldset class="row claim" data-row>
    <legend data-legend="Claim {c}">Claim ${c === undefined ? "" : c + 1}</legend>
    ${field({ pattern: "claims.{c}.statement", label: "What the answer states", value: claim.statement, kind: "textarea", rows: 2 }, idx, o.issues)}
    ${field({ pattern: "claims.{c}.answer_sentence", label: "The answer's sentence it backs, if worded differently (one per line)", value: [claim.answer_sentence ?? []].flat().join("\n"), kind: "textarea", rows: 1 }, idx, o.issues)}
    <div class="list-wrap"><div data-list="support" data-key="s">
      ${support.map((s, i) => supportRow(o, s, { ...idx, s: i }))}
    </div><button type="button" class="secondary small" data-add="support">Add a quote</button></div>
    <button type="button" class="secondary small danger" data-remove>Remove this claim</button>
  </fieldset>`;
}

function positionRow(o: TopicViewOptions, p: Conflict["positions"][number], idx: Record<string, number>) {
  const sources = o.sources.map((src) => ({ value: src.id, label: `${src.id}: ${src.title}` }));
  return html`<div class="row position" data-row>
    ${field({ pattern: "conflicts.{k}.positions.{p}.source", label: "Article", value: p.source, kind: "select", options: sources }, idx, o.issues)}
    ${field({ pattern: "conflicts.{k}.positions.{p}.claim", label: "What this article says", value: p.claim, kind: "input" }, idx, o.issues)}
    ${field({ pattern: "conflicts.{k}.positions.{p}.quote", label: "Quote, copied word for word", value: p.quote, kind: "textarea", rows: 2, attrs: html`data-quote` }, idx, o.issues)}
    <button type="button" class="secondary small" data-remove>Remove this position</button>
  </div>`;
}

function conflictRow(o: TopicViewOptions, conflict: Conflict, k: number | undefined) {
  const idx: Record<string, number> = k === undefined ? {} : { k };
  const positions =
    conflict.positions.length > 0
      ? conflict.positions
      : [{ source: o.sources[0]?.id ?? "", claim: "", quote: "" }];
  return html`<fieldset class="row conflict" data-row>
    <legend>Conflict</legend>
    ${field({ pattern: "conflicts.{k}.summary", label: "What the articles disagree about", value: conflict.summary, kind: "textarea", rows: 2 }, idx, o.issues)}
    <div class="list-wrap"><div data-list="positions" data-key="p">
      ${positions.map((p, i) => positionRow(o, p, { ...idx, p: i }))}
    </div><button type="button" class="secondary small" data-add="position">Add a position</button></div>
    <button type="button" class="secondary small danger" data-remove>Remove this conflict</button>
  </fieldset>`;
}

function agreementRow(o: TopicViewOptions, a: Agreement, i: number | undefined) {
  const idx: Record<string, number> = i === undefined ? {} : { a: i };
  return html`<fieldset class="row agreement" data-row>
    <legend>Agreement</legend>
    ${field({ pattern: "agreements.{a}.summary", label: "Why the figures agree", value: a.summary, kind: "textarea", rows: 2 }, idx, o.issues)}
    ${field({ pattern: "agreements.{a}.sources", label: "Articles (ids, separated by commas)", value: a.sources.join(", "), kind: "input" }, idx, o.issues)}
    <button type="button" class="secondary small danger" data-remove>Remove this agreement</button>
  </fieldset>`;
}

/** The topic editor: every field, the validator's messages beside each, the article panel. */
export function renderTopicForm(o: TopicViewOptions): SafeHtml {
  const v = o.value;
  const action = o.id ? `/studio/topics/${o.id}` : "/studio/topics/new";
  const fields = renderedFields(o.value, o.id === undefined);
  const issuesWithoutField = o.issues.filter((issue) => !fields.has(shownAt(issue.field) ?? ""));
  const phrasings = v.phrasings ?? [];
  const related = new Set(v.related ?? []);
  return html`<div class="editor">
  <form method="post" action="${action}" class="topic-form" data-topic-form data-check="${o.id ? `/studio/api/topics/${o.id}/check` : "/studio/api/topics/new/check"}" novalidate>
    <input type="hidden" name="_csrf" value="${o.csrf}">
    <input type="hidden" name="base" value="${o.base}">
    ${o.fromGroup ? html`<input type="hidden" name="from_group" value="${o.fromGroup}">` : ""}
    <div class="status" role="status" aria-live="polite" tabindex="-1" data-status>${
      o.issues.some((i) => i.severity === "error")
        ? `${o.issues.filter((i) => i.severity === "error").length} problem(s) to fix before saving`
        : "All checks pass"
    }</div>
    <ul class="msgs general" data-general aria-live="polite">${issuesWithoutField.map(
      (issue) =>
        html`<li class="${issue.severity}">${issue.field ? `${fieldLabel(issue.field)}: ` : issue.line === 0 ? "" : `${issue.file}:${issue.line}:${issue.column}: `}${issue.message}</li>`,
    )}</ul>
    ${o.id ? "" : field({ pattern: "id", label: "Topic id (lower-case words joined by '-', also the file name)", value: v.id ?? "", kind: "input", attrs: html`required pattern="[a-z0-9]+(-[a-z0-9]+)*"` }, {}, o.issues)}
    ${field({ pattern: "question", label: "Question", value: v.question ?? "", kind: "input" }, {}, o.issues)}
    ${field(
      {
        pattern: "phrasings",
        label: `Phrasings: ways people ask it, one per line (${phrasings.length}; this pack asks for ${o.checks.minPhrasings})`,
        value: phrasings.join("\n"),
        kind: "textarea",
        rows: 8,
      },
      {},
      o.issues,
    )}
    ${field({ pattern: "answer", label: `Answer (at most ${o.checks.maxAnswerWords} words)`, value: v.answer ?? "", kind: "textarea", rows: 6, attrs: html`data-max-words="${o.checks.maxAnswerWords}"` }, {}, o.issues)}
    ${field({ pattern: "short", label: `Short answer for SMS (at most ${o.checks.maxShortChars} characters)`, value: v.short ?? "", kind: "textarea", rows: 3, attrs: html`data-max-chars="${o.checks.maxShortChars}"` }, {}, o.issues)}
    <section aria-labelledby="claims-h">
      <h2 id="claims-h">Claims and their quotes</h2>
      ${o.citations === "own-words" ? html`<p class="hint">This pack answers in the clinic's own words: claims are optional.</p>` : ""}
      <div class="list-wrap"><div data-list="claims" data-key="c">${(v.claims ?? []).map((c, i) => claimRow(o, c, i))}</div>
      <button type="button" class="secondary" data-add="claim">Add a claim</button></div>
    </section>
    <section aria-labelledby="conflicts-h">
      <h2 id="conflicts-h">Where the articles disagree</h2>
      <div class="list-wrap"><div data-list="conflicts" data-key="k">${(v.conflicts ?? []).map((c, i) => conflictRow(o, c, i))}</div>
      <button type="button" class="secondary" data-add="conflict">Add a conflict</button></div>
      <div class="list-wrap"><div data-list="agreements" data-key="a">${(v.agreements ?? []).map((a, i) => agreementRow(o, a, i))}</div>
      <button type="button" class="secondary" data-add="agreement">Add an agreement</button></div>
    </section>
    <fieldset class="related" data-field="related">
      <legend>Related topics (suggested next)</legend>
      <div class="checks">${o.topicIds
        .filter((id) => id !== o.id)
        .map(
          (id) =>
            html`<label><input type="checkbox" name="related" value="${id}" ${related.has(id) ? html`checked` : ""}> ${id}</label>`,
        )}</div>
      ${messages("related", o.issues)}
    </fieldset>
    ${field({ pattern: "min_confidence", label: "Minimum confidence for this topic (optional, 0 to 1)", value: v.min_confidence === undefined ? "" : String(v.min_confidence), kind: "input", attrs: html`inputmode="decimal"` }, {}, o.issues)}
    <p class="actions"><button type="submit">${o.id ? "Save topic" : "Create topic"}</button></p>
  </form>
  <aside class="article-panel" aria-labelledby="article-h">
    <h2 id="article-h">Article</h2>
    <p class="hint" data-article-status aria-live="polite">Click in a quote to see its article here, with the quoted words marked.</p>
    <div class="article-text" data-article-text tabindex="0" aria-label="Article text"></div>
  </aside>
  <template data-template="claim">${claimRow(o, { statement: "", support: [] }, undefined)}</template>
  <template data-template="support">${supportRow(o, { source: o.sources[0]?.id ?? "", quote: "" }, {})}</template>
  <template data-template="conflict">${conflictRow(o, { summary: "", positions: [] }, undefined)}</template>
  <template data-template="position">${positionRow(o, { source: o.sources[0]?.id ?? "", claim: "", quote: "" }, {})}</template>
  <template data-template="agreement">${agreementRow(o, { summary: "", sources: [] }, undefined)}</template>
</div>`;
}
