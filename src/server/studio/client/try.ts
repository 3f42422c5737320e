/// <reference lib="dom.iterable" />
import type { DevSetPreview } from "../phrasing.ts";
import { el, post } from "./api.ts";

interface Reply {
  kind: string;
  topic: string | null;
  text: string;
  confidence: number;
  citations: Array<{ title: string; quote: string }>;
  conflicts: Array<{ summary: string }>;
  suggestions: string[];
  alternatives: Array<{ topic: string; question: string }>;
}

type Trace = Record<string, unknown>;

const fmt = (n: unknown) =>
  typeof n === "number" ? (Number.isInteger(n) ? String(n) : n.toFixed(3)) : String(n);

/** An object as "key: value, …" (nested ones in parentheses): words the page can wrap, unlike JSON. */
const fmtObject = (value: object): string =>
  Object.entries(value)
    .filter(([, v]) => v !== undefined && v !== null && v !== "")
    .map(([k, v]) => `${k}: ${typeof v === "object" ? `(${fmtObject(v)})` : fmt(v)}`)
    .join(", ");

/** A list of name → value, for whatever an object holds (the trace changes as matching evolves). */
function describe(value: Record<string, unknown>, skip: string[] = []): HTMLElement {
  const dl = el("dl");
  for (const [key, v] of Object.entries(value)) {
    if (skip.includes(key) || v === undefined || v === null || v === "") continue;
    if (Array.isArray(v) && v.length === 0) continue;
    dl.append(el("dt", key));
    const text = Array.isArray(v)
      ? v
          .map((x) =>
            typeof x === "object" && x !== null
              ? Object.values(x)
                  .filter((part) => typeof part !== "object") // a candidate's components are in its table
                  .map(fmt)
                  .join(" → ")
              : fmt(x),
          )
          .join(", ")
      : typeof v === "object"
        ? fmtObject(v)
        : fmt(v);
    dl.append(el("dd", text));
  }
  return dl;
}

/** Candidates with every component's score as a column, whatever the components are called. */
function candidatesTable(candidates: Array<Record<string, unknown>>): HTMLElement {
  const components = [
    ...new Set(candidates.flatMap((c) => Object.keys((c.components as Record<string, number>) ?? {}))),
  ];
  const table = el("table");
  table.append(el("caption", "Candidates, best first, with each component's score"));
  const head = el("tr");
  for (const h of ["candidate", "confidence", ...components, "closest phrasing"]) {
    const th = el("th", h);
    th.scope = "col";
    head.append(th);
  }
  const thead = el("thead");
  thead.append(head);
  table.append(thead);
  const body = el("tbody");
  for (const c of candidates.slice(0, 8)) {
    const row = el("tr");
    const th = el("th", String(c.label ?? c.topic ?? ""));
    th.scope = "row";
    row.append(th, el("td", fmt(c.confidence)));
    for (const k of components)
      row.append(el("td", fmt((c.components as Record<string, number>)?.[k] ?? "")));
    row.append(el("td", String(c.phrasing ?? "")));
    body.append(row);
  }
  table.append(body);
  const wrap = el("div", undefined, "table-wrap");
  wrap.append(table);
  return wrap;
}

function renderTurn(out: HTMLElement, text: string, reply: Reply, trace: Trace): void {
  const you = el("div", undefined, "bubble you");
  you.append(el("strong", "Visitor: "), document.createTextNode(text));
  const bot = el("div", undefined, "bubble bot");
  bot.dataset.kind = reply.kind;
  bot.append(
    el(
      "p",
      `${reply.kind}${reply.topic ? ` · ${reply.topic}` : ""} · confidence ${reply.confidence.toFixed(2)}`,
      "meta",
    ),
  );
  bot.append(el("p", reply.text));
  for (const alt of reply.alternatives) bot.append(el("p", `• ${alt.question}`));
  for (const c of reply.citations) bot.append(el("p", `[${c.title}] “${c.quote}”`, "hint"));
  for (const c of reply.conflicts) bot.append(el("p", `Articles disagree: ${c.summary}`, "hint"));
  const details = el("details", undefined, "trace");
  details.append(el("summary", "Why this reply"));
  const decided = trace.decidedBy ?? trace.guard ?? trace.reason;
  if (decided)
    details.append(
      el("p", `Decided by: ${typeof decided === "object" ? JSON.stringify(decided) : String(decided)}`),
    );
  const analysis = (trace.analysis ?? {}) as Record<string, unknown>;
  details.append(el("h3", "How the message was read"), describe(analysis, ["features"]));
  const candidates = (trace.candidates ?? []) as Array<Record<string, unknown>>;
  if (candidates.length) details.append(el("h3", "Candidates"), candidatesTable(candidates));
  const rest = Object.fromEntries(
    Object.entries(trace).filter(([k]) => !["analysis", "candidates", "decidedBy"].includes(k)),
  );
  if (Object.keys(rest).length) details.append(el("h3", "More (neighbours, guards…)"), describe(rest));
  bot.append(details);
  out.append(you, bot);
}

export function enhanceTry(root: HTMLElement): void {
  const form = root.querySelector<HTMLFormElement>("[data-try-form]")!;
  const input = form.querySelector<HTMLInputElement>("input")!;
  const out = root.querySelector<HTMLElement>("[data-try-output]")!;
  const fix = root.querySelector<HTMLElement>("[data-fix]")!;
  const fixForm = root.querySelector<HTMLFormElement>("[data-fix-form]")!;
  const fixResult = root.querySelector<HTMLElement>("[data-fix-result]")!;
  let last = "";
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    const res = await post<{ reply: Reply; trace: Trace }>("/studio/api/try", { text });
    if (!res.ok) {
      out.append(el("p", res.body.message ?? "No reply.", "notice error"));
      return;
    }
    last = text;
    renderTurn(out, text, res.body.reply, res.body.trace);
    fix.hidden = false;
    fixResult.replaceChildren();
    const select = fixForm.querySelector("select")!;
    if (res.body.reply.topic) select.value = res.body.reply.topic;
    input.value = "";
    input.focus();
  });
  root.querySelector("[data-try-reset]")!.addEventListener("click", async () => {
    await post("/studio/api/try", { text: "", reset: true });
    out.replaceChildren(el("p", "New conversation.", "hint"));
    fix.hidden = true;
  });
  root.querySelector("[data-fix-preview]")!.addEventListener("click", async () => {
    const topic = fixForm.querySelector("select")!.value;
    fixResult.replaceChildren(el("p", "Running the dev set…", "hint"));
    fixResult.replaceChildren(await previewElement(topic, [last]));
  });
  fixForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    const topic = fixForm.querySelector("select")!.value;
    const res = await post<{ message: string }>("/studio/api/phrasing", { topic, text: last });
    fixResult.replaceChildren(
      el("p", res.body.message ?? (res.ok ? "Added." : "Not added."), `notice ${res.ok ? "ok" : "error"}`),
    );
  });
}

// The server's own shape: a type-only import, erased from the browser bundle.
type Preview = DevSetPreview;

const share = (v: unknown) =>
  Array.isArray(v) && v[1] ? `${((100 * v[0]) / v[1]).toFixed(1)}% (${v[0]}/${v[1]})` : "n/a";

/** The effect of adding `texts` as phrasings of `topic` on the pack's dev set, before anything is saved. */
export async function previewElement(topic: string, texts: string[]): Promise<HTMLElement> {
  const res = await post<Preview>("/studio/api/phrasing/preview", { topic, text: texts });
  const box = el("div", undefined, "preview");
  if (!res.ok) {
    box.append(el("p", res.body.message ?? "No preview.", "notice error"));
    return box;
  }
  const p = res.body;
  for (const issue of p.issues)
    box.append(el("p", `${issue.file}:${issue.line}:${issue.column}: ${issue.message}`, "notice error"));
  if (!p.hasDevSet) {
    box.append(
      el(
        "p",
        "This pack has no dev set (dev.jsonl), so there is nothing to preview: the validator's checks still run when you save.",
        "hint",
      ),
    );
    return box;
  }
  for (const problem of p.problems) box.append(el("p", problem, "hint"));
  if (p.before && p.after) {
    const table = el("table");
    table.append(el("caption", `Dev set with the phrasing added to ${topic}`));
    const head = el("tr");
    for (const h of ["measure", "now", "after"]) head.append(el("th", h));
    table.append(head);
    for (const [key, label] of [
      ["inScope", "right topic"],
      ["outOfScope", "off-topic declined"],
      ["urgent", "urgent caught"],
      ["followUps", "follow-ups right"],
    ] as const) {
      const row = el("tr");
      row.append(el("th", label), el("td", share(p.before[key])), el("td", share(p.after[key])));
      table.append(row);
    }
    box.append(table);
    const fixed = p.changed.filter((c) => c.fixed).length;
    box.append(el("p", `${fixed} dev-set turn(s) fixed, ${p.changed.length - fixed} broken.`));
    const list = el("ul");
    for (const c of p.changed.slice(0, 20))
      list.append(
        el(
          "li",
          `${c.fixed ? "fixed" : "broken"}: “${c.text}” expected ${c.expected.join("|")}, ${c.before} → ${c.after}`,
        ),
      );
    box.append(list);
  }
  return box;
}
