import type { Request, Response, Router } from "express";
import { sessionOf } from "../auth.ts";
import type { StudioContext } from "../context.ts";
import type { Dismissals } from "../dismissals.ts";
import { asText } from "../form-values.ts";
import { html, type SafeHtml } from "../html.ts";
import { layout, refusedPage } from "../layout.ts";
import { readLearningData } from "../logs.ts";
import { addPhrasings } from "../phrasing.ts";
import { buildReviewQueue, type ReviewGroup } from "../review-queue.ts";
import { formContext } from "./topic-edit.ts";
import { textsOf } from "./try.ts";

const tally = (counts: Record<string, number>) =>
  Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} ${n}`)
    .join(" · ");

function groupCard(group: ReviewGroup, topicIds: string[], csrf: string, label: string): SafeHtml {
  const target = group.nearest?.topic ?? group.answered ?? topicIds[0] ?? "";
  const keys = group.keys.join("|");
  const newTopic = `/studio/topics/new?question=${encodeURIComponent(group.example)}&phrasings=${encodeURIComponent(group.messages.map((m) => m.text).join("\n"))}&from_group=${encodeURIComponent(keys)}`;
  return html`<article class="group" aria-labelledby="g-${group.id}">
    <h3 id="g-${group.id}"><span class="count">${group.count}×</span> “${group.example}”</h3>
    <p class="meta">${label}: ${group.answered ? html`answered with <strong>${group.answered}</strong> · ` : ""}nearest topic now: ${
      group.nearest
        ? html`<strong>${group.nearest.topic}</strong> (${group.nearest.confidence.toFixed(2)})`
        : "none"
    } · ${tally(group.kinds)} · ${tally(group.channels)}</p>
    <form method="post" action="/studio/review/act" class="group-form" data-group-form>
      <input type="hidden" name="_csrf" value="${csrf}">
      <input type="hidden" name="keys" value="${keys}">
      <fieldset><legend>Wordings to add</legend>
      ${group.messages
        .slice(0, 8)
        .map(
          (m, i) =>
            html`<label class="wording"><input type="checkbox" name="text" value="${m.text}" ${i === 0 ? html`checked` : ""}> “${m.text}”${m.count > 1 ? ` ×${m.count}` : ""}</label>`,
        )}</fieldset>
      <div class="inline">
        <label for="t-${group.id}">Topic</label>
        <select id="t-${group.id}" name="topic">${topicIds.map((id) => html`<option value="${id}" ${id === target ? html`selected` : ""}>${id}</option>`)}</select>
        <button type="button" class="secondary" data-preview>Preview on the dev set</button>
        <button type="submit" name="action" value="phrasing">Add as phrasing</button>
        <a class="button secondary" href="${newTopic}">New topic draft</a>
        <button type="submit" name="action" value="dismiss" class="secondary danger">Dismiss</button>
      </div>
      <div data-preview-result aria-live="polite"></div>
    </form>
  </article>`;
}

function reviewPage(ctx: StudioContext, dismissals: Dismissals, req: Request, res: Response) {
  const session = sessionOf(req);
  const form = formContext(ctx);
  const state = form.state;
  const notice = asText(req.query.done);
  if (!state.result.ok) {
    const body = html`<h1>Review</h1><p class="notice error" role="alert">The pack does not validate, so the queue cannot be matched against it. Fix it first (see <a href="/studio/topics">Topics</a>).</p>`;
    res
      .type("html")
      .send(layout({ title: "Review", active: "review", session, packName: form.packName, body }));
    return;
  }
  const queue = buildReviewQueue(
    ctx,
    state.result.kb,
    readLearningData(ctx.config, ctx.learning),
    dismissals,
  );
  const body = html`<h1>Review queue</h1>
  <p class="lead">What visitors asked that the bot handled badly. Make each group a phrasing of the right topic, a new topic, or dismiss it: it will not come back.</p>
  <section aria-labelledby="unanswered-h">
    <h2 id="unanswered-h">Unanswered questions (${queue.unanswered.length} groups)</h2>
    ${queue.unanswered.length ? queue.unanswered.map((g) => groupCard(g, form.topicIds, session.csrf, "Unanswered")) : html`<p>Nothing waiting.</p>`}
  </section>
  <section aria-labelledby="unlike-h">
    <h2 id="unlike-h">Confident answers to messages unlike any phrasing (${queue.unlike.length} groups)</h2>
    <p class="hint">The bot answered these confidently, but with words none of the topic's phrasings use: check the answer was right.</p>
    ${queue.unlike.length ? queue.unlike.map((g) => groupCard(g, form.topicIds, session.csrf, "Answered")) : html`<p>Nothing waiting.</p>`}
  </section>
  <section aria-labelledby="unhelpful-h">
    <h2 id="unhelpful-h">Answers marked unhelpful</h2>
    ${
      queue.unhelpful.length
        ? html`<div class="table-wrap"><table><thead><tr><th scope="col">Topic</th><th scope="col">Not helpful</th><th scope="col">Helpful</th><th scope="col">Share unhelpful</th></tr></thead><tbody>${queue.unhelpful.map(
            (row) =>
              html`<tr><th scope="row"><a href="/studio/topics/${row.topic}">${row.topic}</a></th><td>${row.down}</td><td>${row.up}</td><td>${Math.round(row.share * 100)}%</td></tr>`,
          )}</tbody></table></div>`
        : html`<p>No answer has been marked unhelpful.</p>`
    }
  </section>`;
  res.type("html").send(
    layout({
      title: "Review",
      active: "review",
      session,
      packName: form.packName,
      body,
      ...(notice ? { notice: { kind: "ok" as const, text: notice } } : {}),
    }),
  );
}

export function mountReview(router: Router, ctx: StudioContext, dismissals: Dismissals): void {
  router.get("/review", (req, res) => reviewPage(ctx, dismissals, req, res));
  router.post("/review/act", (req, res) => {
    const session = sessionOf(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const keys = asText(body.keys).split("|").filter(Boolean);
    const back = (text: string, status = 303) =>
      res.redirect(status, `/studio/review?done=${encodeURIComponent(text)}`);
    if (asText(body.action) === "dismiss") {
      dismissals.add(keys, { time: new Date().toISOString(), who: session.who, outcome: "dismissed" });
      ctx.logger.info({ who: session.who, groups: keys.length }, "studio dismissed a review group");
      back("Dismissed: this group will not come back.");
      return;
    }
    const result = addPhrasings(ctx, dismissals, session.who, {
      topic: asText(body.topic),
      messages: textsOf(body.text),
      groupKeys: keys,
    });
    if (!result.ok) {
      res
        .status(result.status)
        .type("html")
        .send(
          refusedPage({
            title: "Not added",
            active: "review",
            session,
            message: result.message,
            issues: result.issues ?? [],
            back: { href: "/studio/review", label: "Back to the review queue" },
          }),
        );
      return;
    }
    back(result.message);
  });
}
