import { el } from "./dom.ts";

const CLOCK = new Intl.DateTimeFormat(undefined, { hour: "numeric", minute: "2-digit" });

/**
 * Who said it, for screen readers, and when: a time shown on hover and focus (and to screen readers
 * always). Messages saved before times were kept have none.
 */
export function renderMeta(speaker: string, at: number | undefined): HTMLElement {
  const meta = el("p", { class: "meta" }, el("span", { class: "speaker" }, speaker));
  if (at !== undefined && Number.isFinite(at)) {
    const when = new Date(at);
    meta.append(el("time", { class: "time", datetime: when.toISOString() }, CLOCK.format(when)));
  }
  return meta;
}

/** "Sending in 42 s…": the visible countdown of a message held back by a rate limit. */
export function countdownText(retryAt: number, now = Date.now()): string {
  const seconds = Math.max(0, Math.ceil((retryAt - now) / 1000));
  return seconds > 0 ? `Sending in ${seconds} s…` : "Sending…";
}
