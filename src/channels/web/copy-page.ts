import type { AssistantProfile } from "../../dialog/types.ts";
import type { CopyPage } from "../../knowledge/types.ts";
import { escapeHtml } from "./demo-page.ts";

/** The pages served from the pack's copy, by path: the Teams app package links both. */
export const COPY_PAGES = ["privacy", "terms"] as const;
export type CopyPageName = (typeof COPY_PAGES)[number];

/** The pack's page, or undefined when the pack has none (the route then answers 404). */
export function copyPageOf(profile: AssistantProfile, name: CopyPageName): CopyPage | undefined {
  return profile.copy[name];
}

/** "First.\n\nSecond" => <p>First.</p><p>Second</p>: paragraphs are separated by blank lines. */
export function renderCopyPage(profile: AssistantProfile, page: CopyPage): string {
  const paragraphs = page.body
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, " ").trim())
    .filter(Boolean)
    .map((p) => `<p>${escapeHtml(p)}</p>`)
    .join("\n");
  const clinic = escapeHtml(profile.clinic.name);
  return `<!doctype html>
<html lang="${escapeHtml(profile.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)} · ${clinic}</title>
<style>${PAGE_CSS}</style>
</head>
<body>
<main>
<p class="clinic"><a href="/">${clinic}</a></p>
<h1>${escapeHtml(page.title)}</h1>
${paragraphs}
</main>
</body>
</html>`;
}

const PAGE_CSS = `
body{margin:0;font:17px/1.65 ui-sans-serif,system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2933;background:#fbf8f4}
main{max-width:40em;margin:0 auto;padding:48px 24px 72px}
.clinic{margin:0 0 8px;font-weight:600}
.clinic a{color:#0f766e;text-decoration:none}
h1{font-family:Georgia,"Times New Roman",serif;font-weight:400;font-size:34px;line-height:1.2;margin:0 0 24px}
p{margin:0 0 16px}
`;
