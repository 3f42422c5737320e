import { DEFAULT_BRAND } from "./contrast.ts";
import { serverDefaults } from "./server-defaults.ts";

export interface WidgetOptions {
  title: string;
  color: string;
  position: "left" | "right";
  greeting: string;
  /** Base URL of the bot server: the chat API is `${api}/api/chat`. */
  api: string;
  /** Questions offered under the greeting. */
  starters: string[];
  /** The assistant's name: the speaker label of its messages. */
  assistantName: string;
  /** The language the assistant answers in (the widget's `lang`). */
  language: string;
}

/** Used only when neither the script tag nor the server (the running pack) says otherwise. */
export const FALLBACK_OPTIONS = Object.freeze({
  title: "Ask us a question",
  greeting:
    "Hi! I answer common questions and show where each answer comes from. What would you like to know?",
  assistantName: "Assistant",
  language: "en",
  maxStarters: 4,
});

/**
 * The script tag's data- attributes, else the running pack's copy the server put in widget.js, else
 * FALLBACK_OPTIONS. The API defaults to the origin the script was loaded from.
 */
export function readOptions(script: HTMLScriptElement | null, pageUrl: string): WidgetOptions {
  const data = script?.dataset ?? {};
  const pack = serverDefaults();
  const scriptOrigin = script?.src ? new URL(script.src, pageUrl).origin : new URL(pageUrl).origin;
  const starters = data.suggestions
    ?.split("|")
    .map((s) => s.trim())
    .filter(Boolean);
  return {
    title: data.title?.trim() || pack.title || FALLBACK_OPTIONS.title,
    color: data.color?.trim() || DEFAULT_BRAND,
    position: data.position === "left" ? "left" : "right",
    greeting: data.greeting?.trim() || pack.greeting || FALLBACK_OPTIONS.greeting,
    api: (data.api?.trim() || scriptOrigin).replace(/\/+$/, ""),
    starters: (starters && starters.length > 0 ? starters : (pack.starters ?? [])).slice(
      0,
      FALLBACK_OPTIONS.maxStarters,
    ),
    assistantName: data.assistantName?.trim() || pack.assistantName || FALLBACK_OPTIONS.assistantName,
    language: data.lang?.trim() || pack.language || FALLBACK_OPTIONS.language,
  };
}
