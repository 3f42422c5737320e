import { DEFAULT_BRAND } from "./contrast.ts";

export interface WidgetOptions {
  title: string;
  color: string;
  position: "left" | "right";
  greeting: string;
  /** Base URL of the bot server: the chat API is `${api}/api/chat`. */
  api: string;
  /** Questions offered under the greeting. */
  starters: string[];
}

/** No starters unless the page names some (data-suggestions): the widget knows no pack of its own. */
export const DEFAULT_STARTERS: string[] = [];

/** Reads the script tag's data- attributes; the API defaults to the origin the script was loaded from. */
export function readOptions(script: HTMLScriptElement | null, pageUrl: string): WidgetOptions {
  const data = script?.dataset ?? {};
  const scriptOrigin = script?.src ? new URL(script.src, pageUrl).origin : new URL(pageUrl).origin;
  const starters = data.suggestions
    ?.split("|")
    .map((s) => s.trim())
    .filter(Boolean);
  return {
    title: data.title?.trim() || "Ask us a question",
    color: data.color?.trim() || DEFAULT_BRAND,
    position: data.position === "left" ? "left" : "right",
    greeting:
      data.greeting?.trim() ||
      "Hi! I answer common questions and show where each answer comes from. What would you like to know?",
    api: (data.api?.trim() || scriptOrigin).replace(/\/+$/, ""),
    starters: starters && starters.length > 0 ? starters.slice(0, 4) : DEFAULT_STARTERS,
  };
}
