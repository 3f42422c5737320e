/// <reference lib="dom.iterable" />
import { el, post } from "./api.ts";

interface Finding {
  topic: string;
  kind: "agrees" | "disagrees";
  figure: string;
  agreesWith: Array<{ source: string; figure: string }>;
  disagreesWith: Array<{ source: string; figure: string; quote: string; claim: string }>;
}
interface Proposal {
  index: number;
  text: string;
  quote: string;
  quantities: Array<{ text: string; dimension: string }>;
  topics: Array<{ id: string; question: string; confidence: number }>;
  findings: Finding[];
}
interface Analysis {
  title: string;
  sentences: Proposal[];
  suggestedId: string;
}

function labelled(
  label: string,
  control: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement,
  id: string,
): HTMLElement {
  const wrap = el("div", undefined, "field");
  const l = el("label", label);
  l.htmlFor = id;
  control.id = id;
  wrap.append(l, control);
  return wrap;
}

function proposalCard(p: Proposal): HTMLElement {
  const flagged = p.findings.some((f) => f.kind === "disagrees");
  const card = el("article", undefined, `proposal${flagged ? " flagged" : ""}`);
  card.dataset.index = String(p.index);
  card.append(el("h3", `Sentence ${p.index + 1}`), el("p", p.text));
  if (p.quantities.length)
    card.append(
      el("p", `Figures: ${p.quantities.map((q) => `${q.text} (${q.dimension})`).join(", ")}`, "meta"),
    );
  for (const topic of p.topics) {
    const row = el("fieldset", undefined, "claim-proposal");
    row.dataset.topic = topic.id;
    row.append(el("legend", `Topic ${topic.id} (${topic.confidence.toFixed(2)}): ${topic.question}`));
    const use = el("input");
    use.type = "checkbox";
    use.dataset.use = "";
    use.id = `use-${p.index}-${topic.id}`;
    const useLabel = el("label", `Add as a claim of ${topic.id}`);
    useLabel.htmlFor = use.id;
    useLabel.prepend(use);
    const statement = el("textarea");
    statement.value = p.text;
    statement.rows = 2;
    statement.dataset.statement = "";
    const quote = el("textarea");
    quote.value = p.quote;
    quote.rows = 2;
    quote.dataset.quote = "";
    row.append(
      useLabel,
      labelled("Claim statement", statement, `st-${p.index}-${topic.id}`),
      labelled("Quote (verbatim)", quote, `q-${p.index}-${topic.id}`),
    );
    for (const [i, f] of p.findings.filter((x) => x.topic === topic.id).entries()) {
      const line = el("div", undefined, `finding-box ${f.kind}`);
      line.dataset.finding = JSON.stringify(f);
      const said = (list: Array<{ source: string; figure: string }>) =>
        list.map((t) => `${t.source} says “${t.figure}”`).join("; ");
      if (f.agreesWith.length)
        line.append(el("p", `✓ Agrees: “${f.figure}”; ${said(f.agreesWith)}.`, "finding agrees"));
      if (f.kind === "disagrees") {
        const theirs = said(f.disagreesWith);
        line.append(el("p", `⚠ Disagrees: “${f.figure}”; ${theirs}.`, "finding disagrees"));
        const choice = el("fieldset");
        choice.append(
          el("legend", `Record this disagreement with ${f.disagreesWith.map((d) => d.source).join(", ")}`),
        );
        for (const kind of ["conflict", "agreement"]) {
          const radio = el("input");
          radio.type = "radio";
          radio.name = `rec-${p.index}-${topic.id}-${i}`;
          radio.value = kind;
          radio.id = `${radio.name}-${kind}`;
          const l = el(
            "label",
            kind === "conflict"
              ? "A conflict (the articles really disagree)"
              : "An agreement (the figures describe the same thing)",
          );
          l.htmlFor = radio.id;
          l.prepend(radio);
          choice.append(l);
        }
        const summary = el("input");
        summary.dataset.summary = "";
        summary.value = `${theirs}; the new article says “${f.figure}”`;
        choice.append(labelled("Summary", summary, `sum-${p.index}-${topic.id}-${i}`));
        line.append(choice);
      }
      row.append(line);
    }
    card.append(row);
  }
  if (!p.topics.length) card.append(el("p", "No topic of the pack is close to this sentence.", "hint"));
  return card;
}

function collect(out: HTMLElement, text: string, sourceId: string) {
  const claims: Array<{ topic: string; statement: string; quote: string }> = [];
  const records: unknown[] = [];
  const missing: string[] = [];
  for (const row of out.querySelectorAll<HTMLElement>(".claim-proposal")) {
    if (!row.querySelector<HTMLInputElement>("[data-use]")!.checked) continue;
    const topic = row.dataset.topic!;
    const statement = row.querySelector<HTMLTextAreaElement>("[data-statement]")!.value;
    const quote = row.querySelector<HTMLTextAreaElement>("[data-quote]")!.value;
    claims.push({ topic, statement, quote });
    for (const line of row.querySelectorAll<HTMLElement>(".finding-box.disagrees")) {
      const f = JSON.parse(line.dataset.finding!) as Finding;
      const kind = line.querySelector<HTMLInputElement>("input[type=radio]:checked")?.value;
      if (!kind) {
        missing.push(`${topic}: “${f.figure}”`);
        continue;
      }
      const summary = line.querySelector<HTMLInputElement>("[data-summary]")!.value;
      records.push({ topic, kind, summary, statement, quote, against: f.disagreesWith });
    }
  }
  return { body: { text, sourceId, claims, records }, missing };
}

export function enhanceIntake(form: HTMLFormElement): void {
  const out = document.querySelector<HTMLElement>("[data-intake-output]")!;
  const area = form.querySelector<HTMLTextAreaElement>("textarea")!;
  const file = form.querySelector<HTMLInputElement>("[data-article-file]")!;
  file.addEventListener("change", async () => {
    const chosen = file.files?.[0];
    if (!chosen) return;
    if (chosen.size > Number(area.dataset.maxBytes)) {
      out.replaceChildren(
        el(
          "p",
          `That file is ${Math.round(chosen.size / 1024)} KB; the studio takes articles of at most ${Number(area.dataset.maxBytes) / 1024} KB.`,
          "notice error",
        ),
      );
      return;
    }
    area.value = await chosen.text();
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const text = area.value;
    const res = await post<Analysis>("/studio/api/intake/analyze", { text });
    if (!res.ok) {
      out.replaceChildren(el("p", res.body.message ?? "Could not analyse the article.", "notice error"));
      return;
    }
    const a = res.body;
    const flagged = a.sentences.reduce(
      (n, s) => n + s.findings.filter((f) => f.kind === "disagrees").length,
      0,
    );
    const summary = el(
      "p",
      `“${a.title}”: ${a.sentences.length} sentences, ${flagged} disagreement${flagged === 1 ? "" : "s"} with the pack.`,
      `notice ${flagged ? "error" : "ok"}`,
    );
    summary.setAttribute("role", "status");
    const id = el("input");
    id.value = a.suggestedId;
    const publish = el("button", "Publish the article");
    publish.type = "button";
    const result = el("div");
    result.setAttribute("aria-live", "polite");
    publish.addEventListener("click", async () => {
      const { body, missing } = collect(out, text, id.value.trim());
      if (missing.length) {
        result.replaceChildren(
          el("p", `Record a conflict or an agreement first for: ${missing.join("; ")}.`, "notice error"),
        );
        return;
      }
      const r = await post<{ message: string; issues?: string[] }>("/studio/api/intake/publish", body);
      result.replaceChildren(el("p", r.body.message, `notice ${r.ok ? "ok" : "error"}`));
      const list = el("ul");
      for (const issue of r.body.issues ?? []) list.append(el("li", issue));
      result.append(list);
    });
    out.replaceChildren(
      summary,
      ...a.sentences.map(proposalCard),
      labelled("Article id in sources.yaml", id, "source-id"),
      publish,
      result,
    );
  });
}
