/** What the server tells the widget about the running pack when it serves widget.js. */
export interface WidgetDefaults {
  title: string;
  greeting: string;
  starters: string[];
  /** How the assistant's messages are labelled for screen readers (the pack's assistant_name). */
  assistantName: string;
  /** BCP 47 language the pack answers in: the widget's `lang`. */
  language: string;
}

/** The string literal the server swaps for the defaults' JSON; left as is in a bundle built for a CDN. */
export const DEFAULTS_PLACEHOLDER = "__FAQ_WIDGET_DEFAULTS__";

// A property read, not a constant: the minifier must not fold the placeholder away.
const injected: { value: unknown } = { value: "__FAQ_WIDGET_DEFAULTS__" };

const isText = (value: unknown): value is string => typeof value === "string" && value.trim() !== "";

/** The injected defaults, each field checked; {} when the bundle was served without them. */
export function serverDefaults(): Partial<WidgetDefaults> {
  const raw = injected.value;
  if (typeof raw !== "object" || raw === null) return {};
  const given = raw as Record<string, unknown>;
  const out: Partial<WidgetDefaults> = {};
  if (isText(given.title)) out.title = given.title;
  if (isText(given.greeting)) out.greeting = given.greeting;
  if (isText(given.assistantName)) out.assistantName = given.assistantName;
  if (isText(given.language)) out.language = given.language;
  if (Array.isArray(given.starters)) out.starters = given.starters.filter(isText);
  return out;
}
