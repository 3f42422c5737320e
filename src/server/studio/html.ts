import { escapeHtml } from "../../channels/web/demo-page.ts";

/** Markup that is already safe: only `html` and `raw` make one. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

// One escaper for every page the server writes: the demo page's.
export { escapeHtml };

type Interpolation = SafeHtml | string | number | boolean | null | undefined | readonly Interpolation[];

function render(value: Interpolation): string {
  if (value === null || value === undefined || value === false) return "";
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join("");
  return escapeHtml(String(value));
}

/** A template whose every interpolation is escaped unless it is SafeHtml: html`<p>${userText}</p>`. */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1]!;
  });
  return new SafeHtml(out);
}

/** Trusted markup built by the studio itself (an SVG chart), never user text. */
export const raw = (markup: string) => new SafeHtml(markup);

/** JSON for a `<script type="application/json">` block: `<` escaped so no text can close the tag. */
export const jsonScript = (value: unknown) =>
  raw(
    JSON.stringify(value)
      .replace(/</g, "\\u003c")
      .replace(/\u2028|\u2029/g, ""),
  );
