import type { Router } from "express";
import { REPLY_KINDS } from "../../../reply.ts";
import { sessionOf } from "../auth.ts";
import { horizontalBars, PALETTE, stackedColumns } from "../charts.ts";
import type { StudioContext } from "../context.ts";
import { STUDIO_DEFAULTS } from "../defaults.ts";
import type { Dismissals } from "../dismissals.ts";
import { html } from "../html.ts";
import { layout } from "../layout.ts";
import { lastDays, readLearningData, thumbsPerTopic } from "../logs.ts";
import { buildReviewQueue } from "../review-queue.ts";
import { formContext } from "./topic-edit.ts";

export function mountDashboard(router: Router, ctx: StudioContext, dismissals: Dismissals): void {
  router.get("/dashboard", (req, res) => {
    const session = sessionOf(req);
    const form = formContext(ctx);
    const data = readLearningData(ctx.config, ctx.learning);
    const days = lastDays(STUDIO_DEFAULTS.dashboardDays);
    const channels = [...new Set(days.flatMap((d) => Object.keys(data.daily[d]?.channels ?? {})))].sort();
    const perDay = days.map((day) => ({
      label: day,
      values: Object.fromEntries(
        channels.map((c) => [
          c,
          Object.values(data.daily[day]?.channels[c] ?? {}).reduce((a, b) => a + b, 0),
        ]),
      ),
    }));
    const kinds = new Map<string, number>();
    for (const day of days)
      for (const byKind of Object.values(data.daily[day]?.channels ?? {}))
        for (const [kind, n] of Object.entries(byKind)) kinds.set(kind, (kinds.get(kind) ?? 0) + n);
    const total = [...kinds.values()].reduce((a, b) => a + b, 0);
    const rates = REPLY_KINDS.map((kind) => {
      const n = kinds.get(kind) ?? 0;
      return {
        label: kind,
        value: total ? n / total : 0,
        text: total ? `${Math.round((100 * n) / total)}% (${n})` : "0",
      };
    });
    const thumbs = [...thumbsPerTopic(data.feedback)]
      .sort((a, b) => b[1].down + b[1].up - (a[1].down + a[1].up))
      .slice(0, 12);
    const top = form.state.result.ok
      ? buildReviewQueue(ctx, form.state.result.kb, data, dismissals).unanswered.slice(0, 5)
      : [];
    const body = html`<h1>Dashboard</h1>
    <p class="lead">The last ${STUDIO_DEFAULTS.dashboardDays} days, from the server's logs and daily counts (${total} messages).</p>
    <div class="cards">
      <section class="card" aria-labelledby="d-days"><h2 id="d-days">Questions per day, by channel</h2>
        ${total ? stackedColumns("per-day", "Questions per day by channel", perDay, channels) : html`<p>No messages counted yet.</p>`}
        <details><summary>Table</summary><div class="table-wrap"><table><thead><tr><th scope="col">Day</th>${channels.map((c) => html`<th scope="col">${c}</th>`)}</tr></thead><tbody>${perDay.map(
          (d) =>
            html`<tr><th scope="row">${d.label}</th>${channels.map((c) => html`<td>${d.values[c] ?? 0}</td>`)}</tr>`,
        )}</tbody></table></div></details>
      </section>
      <section class="card" aria-labelledby="d-rates"><h2 id="d-rates">How the bot replied</h2>
        ${horizontalBars("rates", "Share of replies by kind", rates)}
      </section>
      <section class="card" aria-labelledby="d-top"><h2 id="d-top">Top unanswered groups</h2>
        ${top.length ? html`<ol>${top.map((g) => html`<li><strong>${g.count}×</strong> “${g.example}”${g.nearest ? html` · nearest: ${g.nearest.topic}` : ""}</li>`)}</ol><p><a href="/studio/review">Open the review queue</a></p>` : html`<p>Nothing unanswered.</p>`}
      </section>
      <section class="card" aria-labelledby="d-thumbs"><h2 id="d-thumbs">Votes per topic</h2>
        ${
          thumbs.length
            ? html`${horizontalBars(
                "up",
                "Helpful votes per topic",
                thumbs.map(([t, c]) => ({ label: t, value: c.up, text: `${c.up} helpful` })),
                PALETTE[2],
              )}
            ${horizontalBars(
              "down",
              "Not helpful votes per topic",
              thumbs.map(([t, c]) => ({ label: t, value: c.down, text: `${c.down} not helpful` })),
              PALETTE[1],
            )}`
            : html`<p>No votes yet.</p>`
        }
      </section>
    </div>`;
    res
      .type("html")
      .send(layout({ title: "Dashboard", active: "dashboard", session, packName: form.packName, body }));
  });
}
