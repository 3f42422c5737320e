import { html, type SafeHtml } from "./html.ts";

export interface PageSession {
  who: string;
  csrf: string;
}

export interface PageOptions {
  title: string;
  /** The nav entry to mark as current ("topics"); none on sign-in. */
  active?: string;
  session?: PageSession;
  /** The pack's name, shown beside the studio's. */
  packName?: string;
  body: SafeHtml;
  /** A message at the top of the page: saved, refused, rolled back. */
  notice?: { kind: "ok" | "error"; text: string };
}

const NAV = [
  { id: "topics", href: "/studio/topics", label: "Topics" },
  { id: "try", href: "/studio/try", label: "Try it" },
  { id: "review", href: "/studio/review", label: "Review" },
  { id: "intake", href: "/studio/intake", label: "Article intake" },
  { id: "dashboard", href: "/studio/dashboard", label: "Dashboard" },
  { id: "history", href: "/studio/history", label: "History" },
] as const;

/** The page around every studio view: skip link, navigation, sign-out, notices, the script. */
export function layout(options: PageOptions): string {
  const { session, active } = options;
  const nav = session
    ? html`<nav aria-label="Studio">
        <ul>
          ${NAV.map(
            (item) =>
              html`<li><a href="${item.href}" ${item.id === active ? html`aria-current="page"` : ""}>${item.label}</a></li>`,
          )}
        </ul>
        <form method="post" action="/studio/sign-out" class="sign-out">
          <input type="hidden" name="_csrf" value="${session.csrf}">
          <span class="who">Signed in as ${session.who}</span>
          <button type="submit" class="secondary">Sign out</button>
        </form>
      </nav>`
    : "";
  const notice = options.notice
    ? html`<p class="notice ${options.notice.kind}" role="${options.notice.kind === "error" ? "alert" : "status"}">${options.notice.text}</p>`
    : "";
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
${session ? html`<meta name="csrf-token" content="${session.csrf}">` : ""}
<title>${options.title} · Knowledge studio</title>
<link rel="stylesheet" href="/studio/assets/studio.css">
<script src="/studio/assets/studio.js" defer></script>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="top">
  <p class="brand">Knowledge studio${options.packName ? html` <span class="pack">· ${options.packName}</span>` : ""}</p>
  ${nav}
</header>
<main id="main" tabindex="-1">
${notice}
${options.body}
</main>
</body>
</html>`.value;
}

/** The page for a change the studio refused: the reason, every issue at its file and line, a way back. */
export function refusedPage(options: {
  title: string;
  active: string;
  session: PageSession;
  message: string;
  issues: ReadonlyArray<{ file: string; line: number; column: number; message: string }>;
  back: { href: string; label: string };
}): string {
  return layout({
    title: options.title,
    active: options.active,
    session: options.session,
    notice: { kind: "error", text: options.message },
    body: html`<h1>${options.title}</h1><ul>${options.issues.map((i) => html`<li>${i.file}:${i.line}:${i.column}: ${i.message}</li>`)}</ul><p><a href="${options.back.href}">${options.back.label}</a></p>`,
  });
}
