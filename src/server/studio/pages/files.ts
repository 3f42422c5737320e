import type { Request, Response, Router } from "express";
import { parseDocument } from "yaml";
import { sessionOf } from "../auth.ts";
import type { StudioContext } from "../context.ts";
import { STUDIO_DEFAULTS } from "../defaults.ts";
import { asText, fieldProblems } from "../form-values.ts";
import { html } from "../html.ts";
import { layout } from "../layout.ts";
import { resolvePackPath } from "../pack-paths.ts";
import { saveFiles } from "../save.ts";
import { issuesOf, textHash } from "../workspace.ts";
import { formContext, wantsJson } from "./topic-edit.ts";

/** A pack file as text: how a file broken by hand (invalid YAML) is mended without leaving the studio. */
function showFile(
  ctx: StudioContext,
  req: Request,
  res: Response,
  path: string,
  status = 200,
  draft?: { text: string; base: string; message: string; issues: string[] },
) {
  const session = sessionOf(req);
  const form = formContext(ctx);
  const text = draft?.text ?? ctx.workspace.read(path) ?? "";
  const base = draft?.base ?? textHash(ctx.workspace.read(path) ?? "");
  const issues =
    draft?.issues ??
    issuesOf(form.state.result)
      .filter((i) => i.file === path)
      .map((i) => `${i.line}:${i.column}: ${i.message}`);
  const body = html`<h1>File <code>${path}</code></h1>
  <p class="lead">The file as text, for changes the forms do not cover or to mend a file edited by hand. It is saved only when the whole pack still validates.</p>
  ${issues.length ? html`<div class="notice error" role="alert"><p>Problems in this file:</p><ul>${issues.map((i) => html`<li>${i}</li>`)}</ul></div>` : ""}
  <form method="post" action="/studio/files" class="file-form">
    <input type="hidden" name="_csrf" value="${session.csrf}">
    <input type="hidden" name="path" value="${path}">
    <input type="hidden" name="base" value="${base}">
    <p><label for="file-text">Contents of ${path}</label>
    <textarea id="file-text" name="text" rows="30" spellcheck="false" class="code">${text}</textarea></p>
    <p class="actions"><button type="submit">Save file</button></p>
  </form>`;
  res
    .status(status)
    .type("html")
    .send(
      layout({
        title: path,
        active: "topics",
        session,
        packName: form.packName,
        body,
        ...(draft ? { notice: { kind: "error" as const, text: draft.message } } : {}),
      }),
    );
}

export function mountFiles(router: Router, ctx: StudioContext): void {
  router.get("/files", (req, res) => {
    const path = asText(req.query.path);
    if (!resolvePackPath(ctx.workspace.packDir, path) || ctx.workspace.read(path) === undefined) {
      res
        .status(404)
        .json({ error: "not_found", message: "The studio only opens the files of its knowledge pack." });
      return;
    }
    showFile(ctx, req, res, path);
  });
  router.post("/files", (req, res) => {
    const session = sessionOf(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const path = asText(body.path);
    const text = typeof body.text === "string" ? body.text.replace(/\r\n?/g, "\n") : "";
    const base = asText(body.base);
    if (!resolvePackPath(ctx.workspace.packDir, path) || !path.endsWith(".yaml")) {
      res
        .status(404)
        .json({ error: "not_found", message: "The studio only writes the files of its knowledge pack." });
      return;
    }
    const refuse = (status: number, message: string, issues: string[] = []) =>
      wantsJson(req)
        ? res.status(status).json({ ok: false, message, issues })
        : showFile(ctx, req, res, path, status, { text, base, message, issues });
    if (Buffer.byteLength(text) > STUDIO_DEFAULTS.maxFileBytes) {
      refuse(
        413,
        `The file is ${Math.round(Buffer.byteLength(text) / 1024)} KB; the studio saves files of at most ${STUDIO_DEFAULTS.maxFileBytes / 1024} KB. Nothing was written.`,
      );
      return;
    }
    const doc = parseDocument(text);
    const markup = doc.errors.length ? [] : fieldProblems(doc.toJS());
    if (markup.length) {
      refuse(
        422,
        "Not saved: markup found.",
        markup.map((p) => p.message),
      );
      return;
    }
    const result = saveFiles(ctx, {
      who: session.who,
      action: "edit file",
      summary: `Edit ${path} as text`,
      writes: [{ path, text, base }],
    });
    if (!result.ok) {
      refuse(
        result.status,
        result.message,
        result.issues.map((i) => `${i.file}:${i.line}:${i.column}: ${i.message}`),
      );
      return;
    }
    if (wantsJson(req)) res.json({ ok: true, message: "Saved.", base: textHash(text) });
    else
      res.redirect(
        303,
        path.startsWith("topics/")
          ? `/studio/topics/${path.replace(/^topics\/|\.yaml$/g, "")}?saved=1`
          : "/studio/topics",
      );
  });
}
