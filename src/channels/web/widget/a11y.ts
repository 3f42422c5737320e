import type { BotMessage } from "./types.ts";

/** Must match the full-screen media query in styles.ts. */
export const FULL_SCREEN_QUERY = "(max-width: 480px), (max-height: 560px)";

/** Full screen, the panel covers the page: Tab cycles inside it instead of reaching hidden page links. */
export function trapFocus(event: KeyboardEvent, panel: HTMLElement): void {
  const focusable = Array.from(
    panel.querySelectorAll<HTMLElement>("button, input, a[href], [tabindex='0']"),
  ).filter((node) => node.offsetParent !== null);
  const first = focusable[0];
  const last = focusable[focusable.length - 1];
  const active = (panel.getRootNode() as ShadowRoot).activeElement;
  if (event.shiftKey && active === first) {
    event.preventDefault();
    last?.focus();
  } else if (!event.shiftKey && active === last) {
    event.preventDefault();
    first?.focus();
  }
}

/** Writes `text` into a live region; emptied first so that a repeated message is read again. */
export function announce(region: HTMLElement, text: string): void {
  region.textContent = "";
  setTimeout(() => {
    region.textContent = text;
  }, 60);
}

/** What a screen reader hears for a bot message: its text, then whether sources disagree. */
export function spokenSummary(message: BotMessage): string {
  const { reply } = message;
  const parts = [reply.text];
  if (reply.conflicts.length > 0) parts.push("Note: the articles disagree on this.");
  if (reply.citations.length > 0) parts.push(`${reply.citations.length} sources.`);
  if (reply.suggestions.length > 0 || reply.alternatives.length > 0)
    parts.push("Suggested questions follow.");
  return parts.join(" ");
}
