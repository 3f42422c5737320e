/** Must match the full-screen media query in styles.ts. */
export const FULL_SCREEN_QUERY = "(max-width: 480px), (max-height: 560px)";

/** Full screen, the panel covers the page: Tab cycles inside it instead of reaching hidden page links. */
export function trapFocus(event: KeyboardEvent, panel: HTMLElement): void {
  const focusable = Array.from(
    panel.querySelectorAll<HTMLElement>("button:not([disabled]), input, a[href], [tabindex='0']"),
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
