import { describe, expect, it } from "vitest";
import {
  countSegments,
  detectEncoding,
  renderConflict,
  renderSmsReply,
  renderSources,
  shortenTitle,
  stripMarkdown,
} from "../../../src/channels/sms/index.ts";
import type { Conflict } from "../../../src/reply.ts";
import { makeReply } from "./helpers.ts";

const CONFLICT: Conflict = {
  summary: "How soon results appear",
  positions: [
    { source: "a", title: "A", claim: "30–45 days", quote: "q" },
    { source: "b", title: "B", claim: "Several months to a year.", quote: "q" },
  ],
};

describe("renderSmsReply", () => {
  it("uses the short answer, then numbered sources, in plain GSM-7 text", () => {
    const reply = makeReply({
      text: "A **long** answer the short form replaces.",
      citations: [
        { source: "s1", title: "How long do microneedling results last?", quote: "q" },
        { source: "s2", title: "Microneedling before and after 1 treatment: See Real Results", quote: "q" },
        { source: "s1", title: "How long do microneedling results last?", quote: "another quote" },
      ],
    });
    const { text, choices } = renderSmsReply(reply, { short: "Results last 1–5 years." }, { maxSegments: 2 });
    expect(text).toBe(
      "Results last 1-5 years.\nSources: [1] How long do microneedling results last? [2] Microneedling before and after 1...",
    );
    expect(choices).toEqual([]);
    expect(detectEncoding(text)).toBe("GSM-7");
  });

  it("falls back to the text, without markdown, when there is no short answer", () => {
    const reply = makeReply({ text: "Results **last** years. See [this](https://x.test).", citations: [] });
    expect(renderSmsReply(reply, {}, { maxSegments: 2 }).text).toBe(
      "Results last years. See this (https://x.test).",
    );
  });

  it("states a disagreement in one sentence", () => {
    const reply = makeReply({ conflicts: [CONFLICT], citations: [] });
    const { text } = renderSmsReply(reply, { short: "Most see changes within weeks." }, { maxSegments: 2 });
    expect(text).toBe(
      "Most see changes within weeks.\nArticles differ: one says 30-45 days, another says several months to a year.",
    );
  });

  it("adds follow-up suggestions only while they fit the budget, unless the answer is paged anyway", () => {
    const suggestions = ["How many sessions will I need?", "Does it hurt?", "What aftercare is needed?"];
    const roomy = renderSmsReply(
      makeReply({ suggestions }),
      { short: "Results last 1-5 years." },
      { maxSegments: 2 },
    );
    expect(roomy.choices).toEqual(suggestions);
    expect(roomy.text).toMatch(
      /\nReply 1: How many sessions will I need\?\n2: Does it hurt\?\n3: What aftercare is needed\?$/,
    );

    const tight = renderSmsReply(
      makeReply({ suggestions }),
      { short: "Results last 1-5 years." },
      { maxSegments: 1 },
    );
    expect(countSegments(tight.text).segments).toBe(1);
    expect(tight.choices.length).toBeLessThan(3);
    expect(tight.text.includes("Reply 1:")).toBe(tight.choices.length > 0);

    // Exactly full: another line would add a page just for the follow-ups.
    const short = "x ".repeat(120).trim();
    const full = renderSmsReply(makeReply({ suggestions }), { short }, { maxSegments: 2 });
    expect(countSegments(full.text).segments).toBe(2);
    expect(full.choices).toEqual([]);
    expect(full.text).not.toContain("Reply 1");

    // Over the budget already: MORE pages it, and the follow-ups close the last page.
    const paged = renderSmsReply(makeReply({ suggestions }), { short: "x ".repeat(170) }, { maxSegments: 2 });
    expect(paged.choices).toEqual(suggestions);
    expect(paged.text).toMatch(
      /\nReply 1: How many sessions will I need\?\n2: Does it hurt\?\n3: What aftercare is needed\?$/,
    );
  });

  it("names the first source in one short line for a paged first page, beside the full list", () => {
    const reply = makeReply({
      citations: [
        { source: "a1", title: "Microneedling before and after 1 treatment: See Real Results", quote: "q" },
        { source: "a2", title: "Another article", quote: "q" },
      ],
    });
    const { firstPageSource, sources, text } = renderSmsReply(reply, { short: "Yes." }, { maxSegments: 2 });
    expect(firstPageSource).toBe("Source: [1] Microneedling before and...");
    expect(sources).toBe("Sources: [1] Microneedling before and after 1... [2] Another article");
    expect(text).toContain(sources!);
    const none = renderSmsReply(makeReply({ citations: [] }), { short: "Yes." }, { maxSegments: 2 });
    expect(none.firstPageSource).toBeUndefined();
  });

  it("always lists clarify alternatives as numbered choices", () => {
    const reply = makeReply({
      kind: "clarify",
      topic: null,
      text: "Do you mean one of these?",
      citations: [],
      alternatives: [
        { topic: "results-onset", question: "How soon will I see results?" },
        { topic: "results-duration", question: "How long do the results last?" },
      ],
    });
    const { text, choices } = renderSmsReply(reply, {}, { maxSegments: 2 });
    expect(text).toBe(
      "Do you mean one of these?\nReply 1: How soon will I see results?\n2: How long do the results last?",
    );
    expect(choices).toEqual(["How soon will I see results?", "How long do the results last?"]);
  });

  it("numbers a clarify's choices and its way out from the reply's fields, once", () => {
    const reply = makeReply({
      kind: "clarify",
      topic: null,
      text: "Did you mean one of these?",
      citations: [],
      alternatives: [
        { topic: "results-onset", question: "How soon will I see results?" },
        { topic: "results-duration", question: "How long do the results last?" },
      ],
      noneOfThese: "None of these",
    });
    const rendered = renderSmsReply(reply, {}, { maxSegments: 2 });
    expect(rendered.choices).toEqual([
      "How soon will I see results?",
      "How long do the results last?",
      "None of these",
    ]);
    expect(rendered.text.match(/How soon will I see results\?/g)).toHaveLength(1);
    expect(rendered.text).toMatch(/^Did you mean one of these\?\n/);
  });

  it("adds no second disagreement sentence when the short answer already states it", () => {
    const reply = makeReply({ conflicts: [CONFLICT], citations: [] });
    const short = "Not permanent. Articles differ: some say weeks, others a year.";
    expect(renderSmsReply(reply, { short }, { maxSegments: 2 }).text).toBe(short);
  });

  it("shortens source titles further when that makes the reply fit", () => {
    const citations = [
      "What Is Microneedling And How Long Do The Effects Of It Last",
      "How long do microneedling results last?",
      "Microneedling: How Long Does It Last?",
      "How Soon Will You See Results From Microneedling?",
    ].map((title, i) => ({ source: `s${i}`, title, quote: "q" }));
    const short = "Results usually last months to a year; sunscreen and maintenance help. ".repeat(2).trim();
    const { text } = renderSmsReply(makeReply({ citations }), { short }, { maxSegments: 2 });
    expect(countSegments(text).segments).toBe(2);
    expect(text).toContain("[4] How Soon Will You See...");
  });

  it("keeps urgent and handoff replies to their text: no sources, no suggestions", () => {
    for (const kind of ["urgent", "handoff"] as const) {
      const reply = makeReply({
        kind,
        topic: null,
        text: "Call +1 555 000 1111 now.",
        suggestions: ["Does it hurt?"],
      });
      expect(renderSmsReply(reply, {}, { maxSegments: 2 })).toEqual({
        text: "Call +1 555 000 1111 now.",
        choices: [],
      });
    }
  });

  it("puts the preface first", () => {
    const reply = makeReply({
      kind: "fallback",
      topic: null,
      text: "I can only answer microneedling questions.",
      citations: [],
    });
    expect(
      renderSmsReply(reply, {}, { maxSegments: 2, preface: "Automated assistant, not a clinician." }).text,
    ).toBe("Automated assistant, not a clinician.\nI can only answer microneedling questions.");
  });

  it("keeps a reply GSM-7 even when the answer has typographic quotes and dashes", () => {
    const reply = makeReply({ citations: [] });
    const { text } = renderSmsReply(reply, { short: "It’s “usually” 3–5 sessions…" }, { maxSegments: 2 });
    expect(text).toBe(`It's "usually" 3-5 sessions...`);
    expect(detectEncoding(text)).toBe("GSM-7");
  });
});

describe("render helpers", () => {
  it("shortens long titles at a word boundary and drops site suffixes", () => {
    expect(shortenTitle("How Soon Will You See Results From Microneedling?")).toBe(
      "How Soon Will You See Results From...",
    );
    expect(shortenTitle("Microneedling | Cleveland Clinic")).toBe("Microneedling");
    expect(shortenTitle("Short title")).toBe("Short title");
  });

  it("numbers each article once", () => {
    expect(renderSources([])).toBe("");
    expect(
      renderSources([
        { source: "a", title: "A", quote: "1" },
        { source: "b", title: "B", quote: "2" },
        { source: "a", title: "A", quote: "3" },
      ]),
    ).toBe("Sources: [1] A [2] B");
  });

  it("uses the summary when a conflict has fewer than two claims, keeps acronyms and reporting verbs", () => {
    expect(renderConflict({ summary: "Timing varies.", positions: [] })).toBe(
      "Articles differ: timing varies.",
    );
    const three: Conflict = {
      summary: "s",
      positions: [
        { source: "a", title: "A", claim: "PRP helps", quote: "q" },
        { source: "b", title: "B", claim: "Presents it as useless.", quote: "q" },
        { source: "c", title: "C", claim: "Says it is unclear.", quote: "q" },
      ],
    };
    expect(renderConflict(three)).toBe(
      "Articles differ: one says PRP helps, another presents it as useless, another says it is unclear.",
    );
  });

  it("strips markdown emphasis, headings, code and bullets", () => {
    expect(stripMarkdown("# Title\n\n**Bold** and _it_ and `code`\n* item")).toBe(
      "Title\nBold and it and code\n- item",
    );
    expect(stripMarkdown("snake_case_word stays")).toBe("snake_case_word stays");
  });
});
