import type { Citation, Conflict } from "../../../reply.ts";
import { el, icon } from "./dom.ts";
import { renderFeedback } from "./feedback.ts";
import { renderContact } from "./render-contact.ts";
import type { BotMessage } from "./types.ts";

export interface ReplyActions {
  /** Sends `question` as if the visitor had typed it (suggestion chips, clarify choices). */
  ask(question: string): void;
  /** Records a thumbs up (true) or down on this answer; resolves true once recorded. */
  rate?(helpful: boolean): Promise<boolean>;
}

const KIND_CLASS: Record<string, string> = { urgent: "urgent", handoff: "handoff", fallback: "fallback" };

/** One bot message: text, conflict callout, numbered sources, contact card and follow-up chips. */
export function renderBotMessage(message: BotMessage, actions: ReplyActions): HTMLElement {
  const { reply } = message;
  const bubble = el("div", { class: `bubble ${KIND_CLASS[reply.kind] ?? ""}` });
  if (reply.kind === "urgent") {
    bubble.append(el("p", { class: "alert-title" }, icon("alert"), "Please act now"));
  }
  for (const paragraph of reply.text.split(/\n{2,}/)) bubble.append(el("p", { class: "text" }, paragraph));
  if (reply.conflicts.length > 0) bubble.append(renderConflicts(reply.conflicts));
  if (reply.citations.length > 0) bubble.append(renderCitations(reply.citations, message.id));
  if (message.contact && (reply.kind === "handoff" || reply.kind === "urgent")) {
    bubble.append(renderContact(message.contact));
  }
  // A clarify offers its alternatives first, then any other way out the engine suggests ("none of these").
  const questions =
    reply.kind === "clarify"
      ? [...new Set([...reply.alternatives.map((a) => a.question), ...reply.suggestions])]
      : reply.suggestions;
  const chips =
    questions.length > 0
      ? renderChips(reply.kind === "clarify" ? "Did you mean" : "You could also ask", questions, actions)
      : null;
  const feedback =
    reply.kind === "answer" && reply.topic && actions.rate ? renderFeedback(message, actions.rate) : null;
  return el("div", { class: "msg bot", "data-kind": reply.kind }, bubble, feedback, chips);
}

export function renderChips(label: string, questions: string[], actions: ReplyActions): HTMLElement {
  const group = el("div", { class: "chips", role: "group", "aria-label": label });
  group.append(el("p", { class: "chips-label", "aria-hidden": "true" }, label));
  for (const question of questions) {
    const chip = el("button", { type: "button", class: "chip" }, question);
    chip.addEventListener("click", () => actions.ask(question));
    group.append(chip);
  }
  return group;
}

function renderConflicts(conflicts: Conflict[]): HTMLElement {
  const box = el("div", { class: "conflict", role: "note", "aria-label": "Articles disagree" });
  box.append(el("p", { class: "conflict-title" }, icon("warning"), "Articles disagree"));
  for (const conflict of conflicts) {
    box.append(el("p", { class: "conflict-summary" }, conflict.summary));
    const list = el("ul", { class: "conflict-positions" });
    for (const position of conflict.positions) {
      list.append(
        el(
          "li",
          {},
          el("span", { class: "conflict-source" }, position.title),
          el("span", {}, position.claim),
        ),
      );
    }
    box.append(list);
  }
  return box;
}

// [1] [2] buttons, each opening the article's title and the verbatim quote beneath.
function renderCitations(citations: Citation[], messageId: string): HTMLElement {
  const row = el("div", { class: "sources-row" }, el("span", { class: "sources-label" }, "Sources"));
  const details = el("div", { class: "sources-details" });
  citations.forEach((citation, index) => {
    const n = index + 1;
    const id = `${messageId}-source-${n}`;
    const panel = el(
      "div",
      { class: "source", id, role: "region", "aria-label": `Source ${n}`, hidden: true },
      el("p", { class: "source-title" }, el("span", { class: "source-n" }, `[${n}]`), citation.title),
      el("blockquote", { class: "source-quote" }, `“${citation.quote}”`),
    );
    const button = el(
      "button",
      {
        type: "button",
        class: "cite",
        "aria-expanded": "false",
        "aria-controls": id,
        "aria-label": `Source [${n}]: ${citation.title}`,
      },
      `[${n}]`,
    );
    button.addEventListener("click", () => {
      const open = button.getAttribute("aria-expanded") !== "true";
      button.setAttribute("aria-expanded", String(open));
      panel.hidden = !open;
    });
    row.append(button);
    details.append(panel);
  });
  return el("div", { class: "sources" }, row, details);
}
