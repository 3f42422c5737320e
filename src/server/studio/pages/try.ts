import type { Request, Response, Router } from "express";
import { sessionOf } from "../auth.ts";
import { type StudioContext, servedExplainer } from "../context.ts";
import { STUDIO_DEFAULTS } from "../defaults.ts";
import type { Dismissals } from "../dismissals.ts";
import { asText } from "../form-values.ts";
import { html } from "../html.ts";
import { layout } from "../layout.ts";
import { addPhrasings, draftPhrasing, previewOnDevSet } from "../phrasing.ts";
import { formContext } from "./topic-edit.ts";

/** One message or several (a review group's chosen wordings). */
export const textsOf = (value: unknown) =>
  (Array.isArray(value) ? value : [value]).map(asText).filter(Boolean);

/** The engine the widget talks to, explaining itself; a fresh one from disk if the server's cannot. */
function liveEngine(ctx: StudioContext) {
  const served = servedExplainer(ctx.served);
  if (served) return served;
  const state = ctx.workspace.state();
  return state.result.ok ? ctx.explainer(state.result.kb) : undefined;
}

function tryPage(ctx: StudioContext, req: Request, res: Response) {
  const session = sessionOf(req);
  const form = formContext(ctx);
  const body = html`<h1>Try it</h1>
  <p class="lead">Ask as a visitor would. The reply is the one the website widget gives, and "Why this reply" shows how the bot read the message.</p>
  <div class="try" data-try>
    <form class="try-form" data-try-form>
      <label for="try-text">Message</label>
      <div class="inline"><input id="try-text" name="text" maxlength="${STUDIO_DEFAULTS.maxTryChars}" value="${asText(req.query.text)}" autocomplete="off" required>
      <button type="submit">Send</button>
      <button type="button" class="secondary" data-try-reset>New conversation</button></div>
    </form>
    <div class="try-output" data-try-output aria-live="polite"></div>
    <section class="fix" data-fix hidden aria-labelledby="fix-h">
      <h2 id="fix-h">Wrong answer?</h2>
      <form data-fix-form>
        <label for="fix-topic">This should have been topic</label>
        <div class="inline"><select id="fix-topic" name="topic">${form.topicIds.map((id) => html`<option value="${id}">${id}</option>`)}</select>
        <button type="button" class="secondary" data-fix-preview>Preview on the dev set</button>
        <button type="submit">Add the message as a phrasing</button></div>
      </form>
      <div data-fix-result aria-live="polite"></div>
    </section>
  </div>`;
  res.type("html").send(layout({ title: "Try it", active: "try", session, packName: form.packName, body }));
}

export function mountTry(router: Router, ctx: StudioContext, dismissals: Dismissals): void {
  router.get("/try", (req, res) => tryPage(ctx, req, res));
  router.post("/api/try", (req, res) => {
    const session = sessionOf(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (body.reset === true) session.tryContext = null;
    const text = typeof body.text === "string" ? body.text : "";
    if (text.length > STUDIO_DEFAULTS.maxTryChars) {
      res.status(413).json({
        error: "too_long",
        message: `A message may be at most ${STUDIO_DEFAULTS.maxTryChars} characters.`,
      });
      return;
    }
    if (text.trim() === "") {
      res.json({ reset: true });
      return;
    }
    const engine = liveEngine(ctx);
    if (!engine) {
      res.status(503).json({
        error: "no_engine",
        message: "The pack does not validate and no bot is running: fix the pack first.",
      });
      return;
    }
    const result = engine.explain({ text, context: session.tryContext });
    session.tryContext = result.context;
    res.json({ reply: result.reply, trace: result.trace, knowledgeVersion: engine.knowledgeVersion });
  });
  router.post("/api/phrasing/preview", async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const draft = draftPhrasing(ctx, asText(body.topic), textsOf(body.text));
    if (!draft.ok) {
      res.status(draft.status).json({ error: "invalid", message: draft.message });
      return;
    }
    res.json(await previewOnDevSet(ctx, new Map([[draft.path, draft.text]])));
  });
  router.post("/api/phrasing", (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const group = asText(body.from_group);
    const result = addPhrasings(ctx, dismissals, sessionOf(req).who, {
      topic: asText(body.topic),
      messages: textsOf(body.text),
      ...(group ? { groupKeys: group.split("|") } : {}),
    });
    if (!result.ok)
      res
        .status(result.status)
        .json({ error: "refused", message: result.message, issues: result.issues ?? [] });
    else res.json(result);
  });
}
