import type { Router } from "express";
import { sessionOf } from "../auth.ts";
import type { StudioContext } from "../context.ts";
import { STUDIO_DEFAULTS } from "../defaults.ts";
import { html } from "../html.ts";
import { analyzeArticle } from "../intake.ts";
import { publishArticle, readPublishRequest } from "../intake-publish.ts";
import { layout } from "../layout.ts";
import { formContext } from "./topic-edit.ts";

export function mountIntake(router: Router, ctx: StudioContext): void {
  router.get("/intake", (req, res) => {
    const session = sessionOf(req);
    const form = formContext(ctx);
    const body = html`<h1>Article intake</h1>
    <p class="lead">Paste or upload a new article. The studio splits it into sentences, proposes the topics each one touches and the claims it supports, and flags every figure that disagrees with what the pack's articles already say, so you record a conflict or an agreement before publishing.</p>
    <form class="intake-form" data-intake-form>
      <p><label for="article-file">Upload a text file</label>
      <input id="article-file" type="file" accept=".txt,text/plain" data-article-file></p>
      <p><label for="article-text">Article text (first line: its exact title)</label>
      <textarea id="article-text" name="text" rows="14" data-max-bytes="${STUDIO_DEFAULTS.maxArticleBytes}" required></textarea></p>
      <p class="actions"><button type="submit">Analyse the article</button></p>
    </form>
    <div data-intake-output aria-live="polite"></div>
    <template data-topics>${form.topicIds.join(" ")}</template>`;
    res
      .type("html")
      .send(layout({ title: "Article intake", active: "intake", session, packName: form.packName, body }));
  });
  router.post("/api/intake/analyze", (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const text = typeof body.text === "string" ? body.text : "";
    if (Buffer.byteLength(text) > STUDIO_DEFAULTS.maxArticleBytes) {
      res.status(413).json({
        error: "too_large",
        message: `The article must be at most ${STUDIO_DEFAULTS.maxArticleBytes / 1024} KB.`,
      });
      return;
    }
    const state = ctx.workspace.state();
    if (!state.result.ok) {
      res.status(409).json({
        error: "invalid_pack",
        message: "The pack does not validate: fix it before adding an article.",
      });
      return;
    }
    if (!text.trim()) {
      res.status(400).json({
        error: "empty",
        message: "Paste the article first: its title on the first line, then the text.",
      });
      return;
    }
    res.json(analyzeArticle(ctx, state.result.kb, text));
  });
  router.post("/api/intake/publish", (req, res) => {
    const result = publishArticle(
      ctx,
      sessionOf(req).who,
      readPublishRequest((req.body ?? {}) as Record<string, unknown>),
    );
    res.status(result.ok ? 200 : result.status).json(result);
  });
}
