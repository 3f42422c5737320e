import type { Citation, Conflict } from "../../../reply.ts";
import { el, icon } from "./dom.ts";

/** One numbered article: the number the list and the disagreement callout both use. */
interface NumberedSource {
  n: number;
  title: string;
  quote: string;
}

/**
 * Numbers every article a reply names: its citations in order, then any article only the
 * disagreement names (with that position's quote), so the callout's numbers always appear in the list.
 */
export function numberSources(citations: readonly Citation[], conflicts: readonly Conflict[]) {
  const bySource = new Map<string, NumberedSource>();
  const add = (source: string, title: string, quote: string) => {
    if (!bySource.has(source)) bySource.set(source, { n: bySource.size + 1, title, quote });
  };
  for (const c of citations) add(c.source, c.title, c.quote);
  for (const conflict of conflicts) for (const p of conflict.positions) add(p.source, p.title, p.quote);
  return bySource;
}

/** A button that shows or hides `revealed` beneath it: the quote, one click away. */
function disclosure(buttonClass: string, label: Array<Node | string>, id: string, revealed: HTMLElement) {
  revealed.id = id;
  revealed.hidden = true;
  const button = el(
    "button",
    { type: "button", class: buttonClass, "aria-expanded": "false", "aria-controls": id },
    ...label,
  );
  button.addEventListener("click", () => {
    const open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", String(open));
    revealed.hidden = !open;
  });
  return button;
}

const badge = (n: number) => el("span", { class: "source-n" }, `[${n}]`);

/** "Sources": each article's number and title in a compact list; its verbatim quote one click away. */
export function renderSources(sources: ReadonlyMap<string, NumberedSource>, messageId: string): HTMLElement {
  const list = el("ol", { class: "source-list" });
  for (const source of sources.values()) {
    const quote = el("blockquote", { class: "source-quote" }, `“${source.quote}”`);
    const toggle = disclosure(
      "source",
      [badge(source.n), el("span", { class: "source-title" }, source.title)],
      `${messageId}-quote-${source.n}`,
      quote,
    );
    list.append(el("li", {}, toggle, quote));
  }
  return el(
    "div",
    { class: "sources", role: "group", "aria-label": "Sources" },
    el("p", { class: "sources-label", "aria-hidden": "true" }, "Sources"),
    list,
  );
}

/** "Articles disagree": each position under its article's number and title, its own quote a click away. */
export function renderConflicts(
  conflicts: readonly Conflict[],
  sources: ReadonlyMap<string, NumberedSource>,
  messageId: string,
): HTMLElement {
  const box = el("div", { class: "conflict", role: "note", "aria-label": "Articles disagree" });
  box.append(el("p", { class: "conflict-title" }, icon("warning"), "Articles disagree"));
  conflicts.forEach((conflict, c) => {
    box.append(el("p", { class: "conflict-summary" }, conflict.summary));
    const list = el("ul", { class: "conflict-positions" });
    conflict.positions.forEach((position, p) => {
      const n = sources.get(position.source)?.n ?? 0;
      const quote = el("blockquote", { class: "source-quote" }, `“${position.quote}”`);
      const toggle = disclosure(
        "position",
        [
          el(
            "span",
            { class: "conflict-source" },
            badge(n),
            el("span", {}, position.title, el("span", { class: "sr-only" }, ":")),
          ),
          el("span", { class: "position-claim" }, position.claim),
        ],
        `${messageId}-position-${c + 1}-${p + 1}`,
        quote,
      );
      list.append(el("li", {}, toggle, quote));
    });
    box.append(list);
  });
  return box;
}
