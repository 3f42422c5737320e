import { diffLines } from "diff";
import type { Request, Response, Router } from "express";
import { sessionOf } from "../auth.ts";
import type { StudioContext } from "../context.ts";
import { STUDIO_DEFAULTS } from "../defaults.ts";
import { asText } from "../form-values.ts";
import type { HistoryEntry } from "../history.ts";
import { html, type SafeHtml } from "../html.ts";
import { layout, refusedPage } from "../layout.ts";
import { saveFiles } from "../save.ts";
import { formContext } from "./topic-edit.ts";

/** Changed lines with three lines of context around each change; "…" where unchanged lines are skipped. */
function renderDiff(before: string, after: string): SafeHtml {
  const lines: Array<{ kind: "same" | "add" | "del"; text: string }> = [];
  for (const part of diffLines(before, after)) {
    const kind = part.added ? "add" : part.removed ? "del" : "same";
    for (const text of part.value.replace(/\n$/, "").split("\n")) lines.push({ kind, text });
  }
  const near = new Set<number>();
  lines.forEach((line, i) => {
    if (line.kind !== "same") for (let j = i - 3; j <= i + 3; j++) near.add(j);
  });
  const rows: SafeHtml[] = [];
  let skipped = false;
  lines.forEach((line, i) => {
    if (!near.has(i)) {
      if (!skipped) rows.push(html`<tr class="skip"><td colspan="2">…</td></tr>`);
      skipped = true;
      return;
    }
    skipped = false;
    const sign = line.kind === "add" ? "+" : line.kind === "del" ? "−" : " ";
    const label = line.kind === "add" ? "added" : line.kind === "del" ? "removed" : "unchanged";
    rows.push(
      html`<tr class="${line.kind}"><td class="sign" aria-label="${label}">${sign}</td><td><code>${line.text}</code></td></tr>`,
    );
  });
  return html`<div class="table-wrap"><table class="diff"><tbody>${rows}</tbody></table></div>`;
}

function entryPage(ctx: StudioContext, req: Request, res: Response, entry: HistoryEntry) {
  const session = sessionOf(req);
  const form = formContext(ctx);
  const body = html`<h1>${entry.summary}</h1>
  <p class="meta">${entry.action} by <strong>${entry.who}</strong> on <time datetime="${entry.time}">${entry.time.replace("T", " ").slice(0, 19)} UTC</time>${entry.commit ? html` · commit <code>${entry.commit.slice(0, 10)}</code>` : ""}</p>
  ${entry.files.map(
    (
      file,
    ) => html`<section aria-label="${file.path}"><h2><code>${file.path}</code>${file.before === null ? " (created)" : file.after === null ? " (deleted)" : ""}</h2>
      ${renderDiff(ctx.history.text(file.before) ?? "", ctx.history.text(file.after) ?? "")}</section>`,
  )}
  <form method="post" action="/studio/history/${entry.id}/rollback">
    <input type="hidden" name="_csrf" value="${session.csrf}">
    <p class="actions"><button type="submit" class="danger">Roll back this change</button>
    <span class="hint">Puts these files back as they were before it. The rollback is itself kept in the history.</span></p>
  </form>`;
  res
    .type("html")
    .send(layout({ title: entry.summary, active: "history", session, packName: form.packName, body }));
}

export function mountHistory(router: Router, ctx: StudioContext): void {
  router.get("/history", (req, res) => {
    const session = sessionOf(req);
    const form = formContext(ctx);
    const file = asText(req.query.file);
    const entries = ctx.history
      .list(STUDIO_DEFAULTS.historyEntries)
      .filter((e) => !file || e.files.some((f) => f.path === file));
    const notice = asText(req.query.done);
    const body = html`<h1>History${file ? html` of <code>${file}</code>` : ""}</h1>
    <p class="lead">Every change made in the studio, newest first: who, when and what. Open one to see the difference and roll it back. ${ctx.history.mode === "git" ? "Each is also a git commit." : ""}</p>
    ${
      entries.length
        ? html`<div class="table-wrap"><table><thead><tr><th scope="col">When (UTC)</th><th scope="col">Who</th><th scope="col">Change</th><th scope="col">Files</th></tr></thead><tbody>${entries.map(
            (e) =>
              html`<tr><td><time datetime="${e.time}">${e.time.replace("T", " ").slice(0, 19)}</time></td><td>${e.who}</td><td><a href="/studio/history/${e.id}">${e.summary}</a></td><td>${e.files.map((f) => f.path).join(", ")}</td></tr>`,
          )}</tbody></table></div>`
        : html`<p>No changes yet.</p>`
    }`;
    res.type("html").send(
      layout({
        title: "History",
        active: "history",
        session,
        packName: form.packName,
        body,
        ...(notice ? { notice: { kind: "ok" as const, text: notice } } : {}),
      }),
    );
  });
  router.get("/history/:id", (req, res) => {
    const entry = ctx.history.get(req.params.id);
    if (!entry) {
      res.status(404).json({ error: "not_found", message: "There is no such change in the history." });
      return;
    }
    entryPage(ctx, req, res, entry);
  });
  router.post("/history/:id/rollback", (req, res) => {
    const session = sessionOf(req);
    const entry = ctx.history.get(req.params.id);
    if (!entry) {
      res.status(404).json({ error: "not_found", message: "There is no such change in the history." });
      return;
    }
    const result = saveFiles(ctx, {
      who: session.who,
      action: "rollback",
      summary: `Roll back: ${entry.summary}`,
      writes: entry.files.map((f) => ({ path: f.path, text: ctx.history.text(f.before) })),
    });
    if (!result.ok) {
      res
        .status(result.status)
        .type("html")
        .send(
          refusedPage({
            title: "Not rolled back",
            active: "history",
            session,
            message: result.message,
            issues: result.issues,
            back: { href: `/studio/history/${entry.id}`, label: "Back" },
          }),
        );
      return;
    }
    res.redirect(303, `/studio/history?done=${encodeURIComponent(`Rolled back: ${entry.summary}`)}`);
  });
}
