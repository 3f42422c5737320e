import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import type { AssistantProfile } from "../../dialog/types.ts";
import { DEFAULTS_PLACEHOLDER, type WidgetDefaults } from "./widget/server-defaults.ts";
import type { WidgetBundle } from "./widget-bundle.ts";

/** The running pack's widget copy, as widget.js carries it. */
export function widgetDefaultsFor(profile: AssistantProfile): WidgetDefaults {
  const { widget, assistantName } = profile.copy;
  return {
    title: widget.title,
    greeting: widget.greeting,
    starters: [...widget.starters],
    assistantName,
    language: profile.language,
  };
}

// The minifier may print the placeholder with any quote style: "__X__", '__X__' or `__X__`.
const PLACEHOLDER_LITERAL = new RegExp(`(["'\`])${DEFAULTS_PLACEHOLDER}\\1`);

/**
 * The bundle with `defaults` in place of its placeholder literal, re-gzipped with its own ETag.
 * @throws Error when the bundle has no placeholder (the widget's server-defaults.ts changed).
 */
export function withWidgetDefaults(bundle: WidgetBundle, defaults: WidgetDefaults): WidgetBundle {
  if (!PLACEHOLDER_LITERAL.test(bundle.code)) {
    throw new Error(
      `widget.js has no ${DEFAULTS_PLACEHOLDER} literal to replace: keep it in widget/server-defaults.ts`,
    );
  }
  // A function replacement, so "$&" and friends in the pack's copy are not patterns.
  const code = bundle.code.replace(PLACEHOLDER_LITERAL, () => JSON.stringify(defaults));
  return {
    code,
    gzipped: gzipSync(code, { level: 9 }),
    etag: `"${createHash("sha256").update(code).digest("base64url").slice(0, 16)}"`,
  };
}
