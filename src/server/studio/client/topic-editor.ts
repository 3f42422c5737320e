/// <reference lib="dom.iterable" />
import { debounce, el, get, post } from "./api.ts";

interface FieldIssue {
  severity: "error" | "warning";
  message: string;
  field: string | null;
  file: string;
  line: number;
  column: number;
}

/** How long typing must pause before the form is checked. */
const PAUSE_MS = 400;

/** Gives every row's fields their place: pattern "claims.{c}.support.{s}.quote" → name, id, data-field. */
function renumber(form: HTMLFormElement): void {
  for (const node of form.querySelectorAll<HTMLElement>(
    "[data-pattern], [data-field-pattern], [data-pattern-for]",
  )) {
    const indices: Record<string, number> = {};
    let row = node.closest<HTMLElement>("[data-row]");
    while (row) {
      const list = row.parentElement?.closest<HTMLElement>("[data-list]");
      if (!list?.dataset.key) break;
      indices[list.dataset.key] = [...list.children].filter((c) => c.hasAttribute("data-row")).indexOf(row);
      row = list.closest<HTMLElement>("[data-row]");
    }
    const fill = (pattern: string) => pattern.replace(/\{(\w)\}/g, (_, k: string) => String(indices[k] ?? 0));
    if (node.dataset.fieldPattern) node.dataset.field = fill(node.dataset.fieldPattern);
    if (node.dataset.patternFor)
      node.setAttribute("for", `f-${fill(node.dataset.patternFor).replace(/[^a-z0-9]+/gi, "-")}`);
    if (node.dataset.pattern) {
      const path = fill(node.dataset.pattern);
      const id = `f-${path.replace(/[^a-z0-9]+/gi, "-")}`;
      node.id = id;
      node.setAttribute(
        "name",
        path
          .split(".")
          .map((p, i) => (i === 0 ? p : `[${p}]`))
          .join(""),
      );
      node.setAttribute("aria-describedby", `${id}-msgs`);
      const msgs = node.parentElement?.querySelector(".msgs");
      if (msgs) msgs.id = `${id}-msgs`;
    }
  }
  form.querySelectorAll<HTMLElement>("fieldset.claim").forEach((claim, i) => {
    const legend = claim.querySelector("legend");
    if (legend) legend.textContent = `Claim ${i + 1}`;
  });
}

/** Places each issue beside its field, or the nearest enclosing one, or in the list at the top. */
function showIssues(form: HTMLFormElement, issues: FieldIssue[], blocking: number): void {
  for (const list of form.querySelectorAll(".msgs")) list.replaceChildren();
  for (const f of form.querySelectorAll(".field.invalid")) f.classList.remove("invalid");
  const general = form.querySelector<HTMLElement>("[data-general]")!;
  for (const issue of issues) {
    let field = issue.field?.startsWith("phrasings.") ? "phrasings" : issue.field;
    let box: HTMLElement | null = null;
    while (field && !box) {
      box = form.querySelector<HTMLElement>(`[data-field="${CSS.escape(field)}"]`);
      field = field.includes(".") ? field.slice(0, field.lastIndexOf(".")) : null;
    }
    const item = el(
      "li",
      box || issue.line === 0
        ? issue.message
        : `${issue.file}:${issue.line}:${issue.column}: ${issue.message}`,
      issue.severity,
    );
    if (issue.field?.startsWith("phrasings."))
      item.textContent = `Phrasing ${Number(issue.field.split(".")[1]) + 1}: ${issue.message}`;
    (box?.querySelector(".msgs") ?? general).append(item);
    if (box && issue.severity === "error") box.classList.add("invalid");
  }
  const status = form.querySelector<HTMLElement>("[data-status]")!;
  const warnings = issues.filter((i) => i.severity === "warning").length;
  status.textContent = blocking
    ? `${blocking} problem${blocking === 1 ? "" : "s"} to fix before saving`
    : `All checks pass${warnings ? ` (${warnings} warning${warnings === 1 ? "" : "s"})` : ""}`;
  status.className = `status ${blocking ? "error" : "ok"}`;
}

/** Shows the quote's article in the side panel with the quoted words marked, or the closest sentence. */
async function showArticle(form: HTMLFormElement, quote: HTMLTextAreaElement): Promise<void> {
  const row = quote.closest("[data-row]");
  const source = row?.querySelector<HTMLSelectElement>("select")?.value ?? "";
  const panel = document.querySelector<HTMLElement>("[data-article-text]")!;
  const status = document.querySelector<HTMLElement>("[data-article-status]")!;
  const res = await get<{
    title: string;
    text: string;
    found: boolean;
    spans: Array<{ start: number; end: number }>;
    closest?: { start: number; end: number };
  }>(`/studio/api/quote?source=${encodeURIComponent(source)}&quote=${encodeURIComponent(quote.value)}`);
  const box = quote.closest<HTMLElement>(".field");
  if (!res.ok) {
    status.textContent = res.body.message ?? "Could not load the article.";
    return;
  }
  const { text, spans, found, closest } = res.body;
  box?.classList.toggle("valid-quote", found);
  status.textContent = found
    ? `Found in “${res.body.title}”: the quoted words are marked.`
    : `Not found in “${res.body.title}”.${closest ? " The closest sentence is marked in blue: copy the words exactly from it." : ""}`;
  const marks = found
    ? spans.map((s) => ({ ...s, className: "" }))
    : closest
      ? [{ ...closest, className: "closest" }]
      : [];
  const parts: Node[] = [];
  let at = 0;
  for (const m of marks) {
    parts.push(document.createTextNode(text.slice(at, m.start)));
    const mark = el("mark", text.slice(m.start, m.end), m.className);
    parts.push(mark);
    at = m.end;
  }
  parts.push(document.createTextNode(text.slice(at)));
  panel.replaceChildren(...parts);
  panel.querySelector("mark")?.scrollIntoView({ block: "center" });
  void form;
}

function counters(form: HTMLFormElement): void {
  for (const area of form.querySelectorAll<HTMLTextAreaElement>("[data-max-words], [data-max-chars]")) {
    const note = el("p", "", "hint");
    note.setAttribute("aria-live", "polite");
    area.after(note);
    const update = () => {
      if (area.dataset.maxWords) {
        const words = area.value.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
        note.textContent = `${words} of ${area.dataset.maxWords} words`;
      } else {
        note.textContent = `${[...area.value.trim()].length} of ${area.dataset.maxChars} characters`;
      }
    };
    area.addEventListener("input", update);
    update();
  }
}

export function enhanceTopicForm(form: HTMLFormElement): void {
  // A check answered after a save describes the form before it: such answers are dropped.
  let generation = 0;
  const check = async () => {
    const mine = generation;
    const res = await post<{ issues: FieldIssue[]; blocking: number }>(
      form.dataset.check!,
      new URLSearchParams(new FormData(form) as unknown as Record<string, string>),
    );
    if (mine !== generation) return;
    if (res.body.issues) showIssues(form, res.body.issues, res.body.blocking);
    else
      showIssues(
        form,
        [
          {
            severity: "error",
            message: res.body.message ?? "Could not check the form.",
            field: null,
            file: "",
            line: 0,
            column: 0,
          },
        ],
        1,
      );
  };
  const later = debounce(() => void check(), PAUSE_MS);
  const quoteLater = debounce(() => {
    const active = document.activeElement;
    if (active instanceof HTMLTextAreaElement && active.hasAttribute("data-quote"))
      void showArticle(form, active);
  }, PAUSE_MS);
  form.addEventListener("input", () => {
    later();
    quoteLater();
  });
  form.addEventListener("change", later);
  form.addEventListener("focusin", (event) => {
    if (event.target instanceof HTMLTextAreaElement && event.target.hasAttribute("data-quote"))
      void showArticle(form, event.target);
  });
  form.addEventListener("click", (event) => {
    const target = event.target as HTMLElement;
    const add = target.closest<HTMLElement>("[data-add]");
    if (add) {
      const template = document.querySelector<HTMLTemplateElement>(
        `template[data-template="${add.dataset.add}"]`,
      )!;
      const list = add.closest(".list-wrap")!.querySelector(":scope > [data-list]")!;
      const row = template.content.firstElementChild!.cloneNode(true) as HTMLElement;
      list.append(row);
      renumber(form);
      row.querySelector<HTMLElement>("textarea, input, select")?.focus();
      later();
    }
    const remove = target.closest<HTMLElement>("[data-remove]");
    if (remove) {
      const row = remove.closest("[data-row]")!;
      const next =
        row.nextElementSibling ?? row.parentElement?.closest(".list-wrap")?.querySelector("[data-add]");
      row.remove();
      renumber(form);
      (next?.querySelector?.("textarea, input, select") as HTMLElement | null)?.focus() ??
        (next as HTMLElement | null)?.focus();
      later();
    }
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    later.cancel();
    generation++;
    const button = form.querySelector<HTMLButtonElement>("button[type=submit]")!;
    button.disabled = true;
    const res = await post<{ ok: boolean; base?: string; id?: string; issues?: FieldIssue[] }>(
      form.action,
      new URLSearchParams(new FormData(form) as unknown as Record<string, string>),
    );
    button.disabled = false;
    const status = form.querySelector<HTMLElement>("[data-status]")!;
    if (res.ok && res.body.ok) {
      if (form.action.endsWith("/topics/new")) {
        window.location.assign(`/studio/topics/${res.body.id}?saved=1`);
        return;
      }
      form.querySelector<HTMLInputElement>('input[name="base"]')!.value = res.body.base ?? "";
      status.textContent = res.body.message ?? "Saved.";
      status.className = "status ok";
      return;
    }
    if (res.body.issues?.length)
      showIssues(form, res.body.issues, res.body.issues.filter((i) => i.severity === "error").length);
    status.textContent = res.body.message ?? "Not saved.";
    status.className = "status error";
    status.setAttribute("role", "alert");
    status.focus();
  });
  counters(form);
  renumber(form);
  void check();
}
