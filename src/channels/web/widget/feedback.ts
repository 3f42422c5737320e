import { el, icon } from "./dom.ts";
import type { BotMessage } from "./types.ts";

export interface FeedbackBody {
  conversationId: string;
  topic: string;
  confidence: number;
  helpful: boolean;
}

/** POSTs one vote to `${api}/api/feedback`; true once the server has recorded it. Never throws. */
export async function postFeedback(api: string, body: FeedbackBody): Promise<boolean> {
  try {
    const response = await fetch(`${api}/api/feedback`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
      credentials: "omit",
      keepalive: true,
    });
    return response.ok;
  } catch {
    return false; // offline or server down: the buttons stay, with a note to try again
  }
}

const THANKS = "Thanks for the feedback";

/**
 * Thumbs up and down under an answer: one vote per answer, then "Thanks for the feedback".
 * `rate` resolves true once the vote is recorded.
 */
export function renderFeedback(
  message: BotMessage,
  rate: (helpful: boolean) => Promise<boolean>,
): HTMLElement {
  const row = el("div", { class: "feedback", role: "group", "aria-label": "Was this answer helpful?" });
  if (message.feedback) {
    row.append(el("p", { class: "feedback-thanks" }, THANKS));
    return row;
  }
  // No live regions of its own: the conversation log (role=log) reads out what changes inside it.
  const note = el("span", { class: "feedback-note" });
  const up = el("button", { type: "button", class: "vote", "aria-label": "Helpful" }, icon("thumbUp"));
  const down = el(
    "button",
    { type: "button", class: "vote", "aria-label": "Not helpful" },
    icon("thumbDown"),
  );
  const vote = async (helpful: boolean) => {
    if (up.disabled) return;
    up.disabled = down.disabled = true;
    note.textContent = "";
    if (await rate(helpful)) {
      const thanks = el("p", { class: "feedback-thanks", tabindex: "-1" }, THANKS);
      row.replaceChildren(thanks);
      thanks.focus({ preventScroll: true }); // the pressed button is gone; keep keyboard focus here
      return;
    }
    up.disabled = down.disabled = false;
    note.textContent = "Not sent. Please try again.";
  };
  up.addEventListener("click", () => void vote(true));
  down.addEventListener("click", () => void vote(false));
  row.append(el("span", { class: "feedback-label", "aria-hidden": "true" }, "Helpful?"), up, down, note);
  return row;
}
