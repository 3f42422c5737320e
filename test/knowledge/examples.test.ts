import { describe, expect, it } from "vitest";
import { examplesFrom, foldOf, foldsOf, transitionKey, withoutFold } from "../../src/knowledge/examples.ts";
import type { FollowUpCounts } from "../../src/knowledge/types.ts";
import { baseFiles, issuesOf, onlyIssue, parse, withFile } from "./helpers.ts";

const line = (turns: string[], expect: string[]) => JSON.stringify({ id: "x", turns, expect });
const TOPICS = new Set(["session-interval", "results-onset"]);

describe("examples from a labelled set", () => {
  it("learns each conversation's first turn labelled with one topic, a handoff or urgent", () => {
    const text = [
      line(["how often do i go back"], ["session-interval"]),
      line(["when do i see a change", "and after two?"], ["results-onset", "results-onset"]),
      line(["can someone call me"], ["handoff"]),
      line(["my face is swollen and hot"], ["urgent"]),
    ].join("\n");
    expect(examplesFrom(text, TOPICS)).toEqual({
      examples: [
        { label: "session-interval", text: "how often do i go back" },
        { label: "results-onset", text: "when do i see a change" },
        { label: "handoff", text: "can someone call me" },
        { label: "urgent", text: "my face is swollen and hot" },
      ],
      conversations: ["when do i see a change\nand after two?"],
      transitions: new Map([
        [
          transitionKey("results-onset", "results-onset"),
          [0, 1, 2, 3, 4].map((k) => (k === foldOf("when do i see a change") ? 1 : 0)),
        ],
      ]),
      issues: [],
    });
  });

  it("leaves off-topic, smalltalk and either-or messages to the fit and the guards", () => {
    const text = [
      line(["weather tomorrow?"], ["fallback"]),
      line(["hi"], ["smalltalk"]),
      line(["how long?"], ["session-interval|results-onset"]),
    ].join("\n");
    expect(examplesFrom(text, TOPICS)).toEqual({
      examples: [],
      conversations: [],
      transitions: new Map(),
      issues: [],
    });
  });

  it("names the line of an unreadable message and of a label that is no topic, and keeps the rest", () => {
    const text = [
      line(["how often do i go back"], ["session-interval"]),
      "{not json",
      line(["a", "b"], ["results-onset"]),
      line(["does it hurt"], ["pain"]),
    ].join("\n");
    const { examples, issues } = examplesFrom(text, TOPICS);
    expect(examples).toHaveLength(1);
    expect(issues.map((i) => [i.severity, i.line, i.code])).toEqual([
      ["warning", 2, "labelled-line"],
      ["warning", 3, "labelled-line"],
      ["warning", 4, "unknown-label"],
    ]);
    expect(issues[2]!.message).toMatch(/dev\.jsonl:4: 'pain' is not a topic id/);
  });

  it("counts each step from one topic to the next in the conversation's fold; other labels break the chain", () => {
    const first = "how often do i go back";
    const text = [
      line(
        [first, "and when will i see it", "ok thanks", "and how often again"],
        ["session-interval", "results-onset", "smalltalk", "session-interval"],
      ),
      line(
        [first, "how soon?", "and again?"],
        ["session-interval", "results-onset|session-interval", "results-onset"],
      ),
    ].join("\n");
    const only = (n: number) => [0, 1, 2, 3, 4].map((k) => (k === foldOf(first) ? n : 0));
    expect(examplesFrom(text, TOPICS).transitions).toEqual(
      new Map([[transitionKey("session-interval", "results-onset"), only(1)]]),
    );
  });

  it("learns a later turn that moved to another topic, with the first turns of the conversations it stands in", () => {
    const moved = "and how soon will i see a change";
    const text = [
      line(["how often do i go back", moved], ["session-interval", "results-onset"]),
      line(
        ["gap between sessions?", "And how soon will I see a change"],
        ["session-interval", "results-onset"],
      ),
      line(["when do i see a change", "and after two?"], ["results-onset", "results-onset"]),
      line(["hi", "ok bye"], ["smalltalk", "smalltalk"]),
    ].join("\n");
    const later = examplesFrom(text, TOPICS).examples.filter((e) => e.within);
    expect(later).toEqual([
      { label: "results-onset", text: moved, within: ["how often do i go back", "gap between sessions?"] },
    ]);
    // Kept out of its own text's fold and of each conversation's, so no fold is scored on what it taught.
    for (const fold of foldsOf(later[0]!))
      expect(withoutFold({ examples: later } as never, fold).examples).toEqual([]);
    expect(new Set(foldsOf(later[0]!))).toEqual(
      new Set([moved, "how often do i go back", "gap between sessions?"].map((t) => foldOf(t))),
    );
  });

  it("puts one wording in one fold whatever its case and spacing, and drops only that fold", () => {
    expect(foldOf("How often do I go back")).toBe(foldOf("  how often   do i go BACK "));
    const texts = Array.from({ length: 50 }, (_, i) => `message number ${i}`);
    const folds = new Set(texts.map((t) => foldOf(t)));
    expect(folds.size).toBe(5);
    const kb = { examples: texts.map((text) => ({ label: "results-onset", text })) } as never;
    const kept = withoutFold(kb, 2).examples;
    expect(kept.every((e) => foldOf(e.text) !== 2)).toBe(true);
    expect(kept.length).toBe(texts.filter((t) => foldOf(t) !== 2).length);
  });
});

describe("a pack's dev.jsonl", () => {
  it("becomes the knowledge base's examples", () => {
    const result = parse(withFile("dev.jsonl", `${line(["gap between sessions?"], ["session-interval"])}\n`));
    expect(issuesOf(result)).toEqual([]);
    expect(result.ok && result.kb.examples).toEqual([
      { label: "session-interval", text: "gap between sessions?" },
    ]);
  });

  it("loads the pack despite an unreadable line, naming the file and the line it skips", () => {
    const result = parse(withFile("dev.jsonl", `${line(["ok"], ["session-interval"])}\n[1,2\n`));
    expect(result.ok && result.kb.examples).toHaveLength(1);
    const issue = onlyIssue(result, "labelled-line");
    expect([issue.severity, issue.file, issue.line]).toEqual(["warning", "dev.jsonl", 2]);
    expect(issue.message).toMatch(/skipped/);
  });

  it("has no examples without one", () => {
    const result = parse(baseFiles());
    expect(result.ok && result.kb.examples).toEqual([]);
  });
});

describe("a knowledge base without a fold", () => {
  it("drops that fold's counts from the fitted follow-up table and keeps the others", () => {
    const followUps: FollowUpCounts[] = [
      {
        after: "at-home",
        asked: "safety",
        stays: [1, 2, 0, 0, 3],
        moves: [0, 1, 0, 0, 0],
        elsewhere: { cost: [0, 4, 1, 0, 0] },
      },
    ];
    const kb = { examples: [], calibration: { followUps } } as never;
    const kept = withoutFold(kb, 1) as { calibration: { followUps: typeof followUps } };
    expect(kept.calibration.followUps).toEqual([
      {
        after: "at-home",
        asked: "safety",
        stays: [1, 0, 0, 0, 3],
        moves: [0, 0, 0, 0, 0],
        elsewhere: { cost: [0, 0, 1, 0, 0] },
      },
    ]);
    expect(followUps[0]!.stays).toEqual([1, 2, 0, 0, 3]);
  });

  it("drops that fold's steps from the conversations' topic transitions", () => {
    const key = transitionKey("cost", "pain");
    const kb = { examples: [], transitions: new Map([[key, [2, 1, 0, 0, 4]]]) } as never;
    const kept = withoutFold(kb, 0) as unknown as { transitions: Map<string, number[]> };
    expect(kept.transitions.get(key)).toEqual([0, 1, 0, 0, 4]);
  });
});
