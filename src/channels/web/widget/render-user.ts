import { FAILURE_TEXT } from "./api.ts";
import { el } from "./dom.ts";
import type { UserMessage } from "./types.ts";

/** The visitor's message; when it failed, the reason and a Retry button beneath it. */
export function renderUserMessage(
  message: UserMessage,
  onRetry: (message: UserMessage) => void,
): HTMLElement {
  const node = el(
    "div",
    { class: `msg user ${message.status}` },
    el("div", { class: "bubble" }, message.text),
  );
  if (message.status === "failed") {
    const retry = el("button", { type: "button", class: "retry" }, "Retry");
    retry.addEventListener("click", () => onRetry(message));
    node.append(
      el("div", { class: "send-error" }, el("span", {}, FAILURE_TEXT[message.failure ?? "network"]), retry),
    );
  }
  return node;
}

/** Three bouncing dots, read out as "The assistant is typing". */
export function renderTyping(): HTMLElement {
  return el(
    "div",
    { class: "msg bot typing" },
    el(
      "div",
      { class: "bubble" },
      el("span", { class: "dot" }),
      el("span", { class: "dot" }),
      el("span", { class: "dot" }),
      el("span", { class: "sr-only" }, "The assistant is typing"),
    ),
  );
}
