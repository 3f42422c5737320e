import { themeFor } from "./contrast.ts";
import { el, icon } from "./dom.ts";
import type { WidgetOptions } from "./options.ts";
import { WIDGET_CSS } from "./styles.ts";

/** The widget's fixed parts, built once inside a shadow root so the host page's CSS cannot reach them. */
export interface Shell {
  host: HTMLElement;
  root: HTMLElement;
  launcher: HTMLButtonElement;
  panel: HTMLElement;
  restart: HTMLButtonElement;
  close: HTMLButtonElement;
  banner: HTMLElement;
  log: HTMLElement;
  form: HTMLFormElement;
  input: HTMLInputElement;
  send: HTMLButtonElement;
}

export function buildShell(options: WidgetOptions, doc: Document): Shell {
  const host = el("div", { id: "faq-chat-widget" });
  const shadow = host.attachShadow({ mode: "open" });
  adoptStyles(shadow, doc);

  const theme = themeFor(options.color);
  // The host page may be in another language: screen readers speak the widget in the pack's.
  const root = el("div", { class: `root pos-${options.position}`, lang: options.language });
  for (const [name, value] of Object.entries({
    "--brand": theme.brand,
    "--on-brand": theme.onBrand,
    "--accent": theme.accent,
    "--tint": theme.tint,
  })) {
    root.style.setProperty(name, value);
  }

  const launcher = el(
    "button",
    {
      type: "button",
      class: "launcher",
      "aria-expanded": "false",
      "aria-controls": "lc-panel",
      "aria-label": `Open chat: ${options.title}`,
    },
    icon("chat", "icon i-open"),
    icon("down", "icon i-close"),
  );
  const restart = el(
    "button",
    { type: "button", class: "icon-btn", "aria-label": "Start a new conversation", title: "Start over" },
    icon("restart"),
  );
  const close = el(
    "button",
    { type: "button", class: "icon-btn", "aria-label": "Close chat", title: "Close" },
    icon("close"),
  );
  const header = el(
    "div",
    { class: "header" },
    el("div", { class: "avatar", "aria-hidden": "true" }, icon("sparkle")),
    el(
      "div",
      { class: "titles" },
      el("h2", { class: "title", id: "lc-title" }, options.title),
      el("p", { class: "subtitle" }, "Answers with sources, in seconds"),
    ),
    restart,
    close,
  );
  const banner = el(
    "p",
    { class: "banner", hidden: true },
    icon("offline"),
    "You're offline. Messages will need a retry once you reconnect.",
  );
  // The one live region: new messages, failures and countdown notes are read out politely, in order.
  const log = el("div", {
    class: "log",
    role: "log",
    "aria-live": "polite",
    "aria-label": "Conversation",
    tabindex: "0",
  });
  const input = el("input", {
    class: "input",
    id: "lc-input",
    type: "text",
    autocomplete: "off",
    enterkeyhint: "send",
    maxlength: "2000",
    placeholder: "Ask a question…",
  });
  const send = el("button", { type: "submit", class: "send", "aria-label": "Send" }, icon("send"));
  const form = el(
    "form",
    { class: "composer" },
    el("label", { class: "sr-only", for: "lc-input" }, "Your question"),
    input,
    send,
  );
  const note = el(
    "p",
    { class: "note" },
    "General information, not medical advice. In an emergency, call your local emergency number.",
  );
  const panel = el(
    "section",
    { class: "panel", id: "lc-panel", role: "dialog", "aria-labelledby": "lc-title" },
    header,
    banner,
    log,
    form,
    note,
  );
  root.append(panel, launcher);
  shadow.append(root);
  return {
    host,
    root,
    launcher,
    panel,
    restart,
    close,
    banner,
    log,
    form,
    input,
    send,
  };
}

// Constructed stylesheets are not blocked by a host page's CSP the way a <style> element can be.
function adoptStyles(shadow: ShadowRoot, doc: Document): void {
  const view = doc.defaultView;
  if (view && "adoptedStyleSheets" in shadow && "replaceSync" in view.CSSStyleSheet.prototype) {
    const sheet = new view.CSSStyleSheet();
    sheet.replaceSync(WIDGET_CSS);
    shadow.adoptedStyleSheets = [sheet];
    return;
  }
  shadow.append(el("style", {}, WIDGET_CSS));
}
