import { FAILURE_TEXT } from "./api.ts";
import { el } from "./dom.ts";
import { countdownText, renderMeta } from "./render-meta.ts";
import type { UserMessage } from "./types.ts";

export const USER_SPEAKER = "You said";

/**
 * The visitor's message. Failed: the reason and a Retry button beneath it. Waiting out a rate limit:
 * a countdown (hidden from screen readers, which hear one sentence instead) until it sends itself.
 */
export function renderUserMessage(
  message: UserMessage,
  onRetry: (message: UserMessage) => void,
): HTMLElement {
  const node = el(
    "div",
    { class: `msg user ${message.status}` },
    renderMeta(USER_SPEAKER, message.at),
    el("div", { class: "bubble", dir: "auto" }, message.text),
  );
  if (message.status === "failed") {
    const retry = el("button", { type: "button", class: "retry" }, "Retry");
    retry.addEventListener("click", () => onRetry(message));
    node.append(
      el("div", { class: "send-error" }, el("span", {}, FAILURE_TEXT[message.failure ?? "network"]), retry),
    );
  }
  if (message.status === "waiting" && message.retryAt !== undefined) {
    const seconds = Math.max(1, Math.ceil((message.retryAt - Date.now()) / 1000));
    node.append(
      el(
        "div",
        { class: "send-wait" },
        el("span", { class: "wait-reason", "aria-hidden": "true" }, FAILURE_TEXT["rate-limited"]),
        el("span", { class: "countdown", "aria-hidden": "true" }, countdownText(message.retryAt)),
        el(
          "span",
          { class: "sr-only" },
          `${FAILURE_TEXT["rate-limited"]} It will be sent by itself in ${seconds} seconds.`,
        ),
      ),
    );
  }
  return node;
}

/** Three bouncing dots, read out as "<assistant name> is typing". */
export function renderTyping(assistantName: string): HTMLElement {
  return el(
    "div",
    { class: "msg bot typing" },
    el(
      "div",
      { class: "bubble" },
      el("span", { class: "dot" }),
      el("span", { class: "dot" }),
      el("span", { class: "dot" }),
      el("span", { class: "sr-only" }, `${assistantName} is typing`),
    ),
  );
}
