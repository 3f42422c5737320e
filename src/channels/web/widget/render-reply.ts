import type { Reply } from "../../../reply.ts";
import { el, icon } from "./dom.ts";
import { renderFeedback } from "./feedback.ts";
import { callableNumbers, linkNumbers, renderContact } from "./render-contact.ts";
import { renderMeta } from "./render-meta.ts";
import { numberSources, renderConflicts, renderSources } from "./render-sources.ts";
import type { BotMessage } from "./types.ts";

export interface ReplyActions {
  /** Sends `question` as if the visitor had typed it (suggestion chips, clarify choices). */
  ask(question: string): void;
  /** Records a thumbs up (true) or down on this answer; resolves true once recorded. */
  rate?(helpful: boolean): Promise<boolean>;
}

const KIND_CLASS: Record<string, string> = { urgent: "urgent", handoff: "handoff", fallback: "fallback" };

/** A clarify's choices, once: its alternatives, then the engine's way out ("None of these"). */
export function clarifyChoices(reply: Reply): string[] {
  const questions = reply.alternatives.map((a) => a.question);
  return reply.noneOfThese ? [...questions, reply.noneOfThese] : questions;
}

/**
 * One bot message under its speaker label: text (numbers to call as links), disagreement callout,
 * numbered sources, contact card, then its choices or follow-up chips.
 */
export function renderBotMessage(message: BotMessage, actions: ReplyActions, speaker: string): HTMLElement {
  const { reply } = message;
  const bubble = el("div", { class: `bubble ${KIND_CLASS[reply.kind] ?? ""}` });
  if (reply.kind === "urgent") {
    bubble.append(el("p", { class: "alert-title" }, icon("alert"), "Please act now"));
  }
  const contactShown = message.contact && (reply.kind === "handoff" || reply.kind === "urgent");
  const numbers = contactShown ? callableNumbers(message.contact) : [];
  const promptId = `${message.id}-prompt`;
  reply.text.split(/\n{2,}/).forEach((paragraph, i) => {
    const id = i === 0 ? promptId : undefined;
    bubble.append(el("p", { class: "text", dir: "auto", id }, ...linkNumbers(paragraph, numbers)));
  });
  const sources = numberSources(reply.citations, reply.conflicts);
  if (reply.conflicts.length > 0) bubble.append(renderConflicts(reply.conflicts, sources, message.id));
  if (sources.size > 0) bubble.append(renderSources(sources, message.id));
  if (contactShown) bubble.append(renderContact(message.contact!, { urgent: reply.kind === "urgent" }));

  let chips: HTMLElement | null = null;
  if (reply.kind === "clarify") {
    chips = renderChips(clarifyChoices(reply), actions, { labelledBy: promptId, answered: message.answered });
  } else if (reply.kind !== "urgent" && reply.suggestions.length > 0) {
    chips = renderChips(reply.suggestions, actions, { label: "You could also ask" });
  }
  const feedback =
    reply.kind === "answer" && reply.topic && actions.rate ? renderFeedback(message, actions.rate) : null;
  return el(
    "div",
    { class: "msg bot", "data-kind": reply.kind },
    renderMeta(speaker, message.at),
    bubble,
    feedback,
    chips,
  );
}

export interface ChipsOptions {
  /** A visible label above the chips, also the group's name. */
  label?: string;
  /** The id of the text that names the group instead (a clarify's prompt). */
  labelledBy?: string;
  /** Set once the visitor moved on: the chips stay as a record, disabled, the one they sent marked. */
  answered?: string;
}

/** Buttons that ask their question; a clarify's are answered once, then kept disabled. */
export function renderChips(questions: string[], actions: ReplyActions, options: ChipsOptions): HTMLElement {
  const group = el("div", {
    class: "chips",
    role: "group",
    "aria-label": options.label,
    "aria-labelledby": options.labelledBy,
  });
  if (options.label) group.append(el("p", { class: "chips-label", "aria-hidden": "true" }, options.label));
  for (const question of questions) {
    const settled = options.answered !== undefined;
    const chip = el(
      "button",
      {
        type: "button",
        class: "chip",
        disabled: settled,
        "aria-pressed": settled ? String(question === options.answered) : undefined,
      },
      question,
    );
    chip.addEventListener("click", () => actions.ask(question));
    group.append(chip);
  }
  return group;
}
