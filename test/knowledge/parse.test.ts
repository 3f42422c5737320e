import { describe, expect, it } from "vitest";
import { parseKnowledge } from "../../src/knowledge/parse.ts";
import { SPEC_TOPIC_IDS } from "../support/spec.ts";
import {
  ARTICLES,
  baseFiles,
  CONVERSATION_YAML,
  columnOf,
  conflictsYaml,
  INTERVAL_YAML,
  issuesOf,
  lineOf,
  ONSET_YAML,
  onlyIssue,
  PACK_YAML,
  parse,
  VOCABULARY_YAML,
  withConflicts,
  withFile,
} from "./helpers.ts";

const INTERVAL = "topics/session-interval.yaml";

describe("parseKnowledge on a valid knowledge base", () => {
  it("builds the camelCase model from the snake_case files", () => {
    const result = parse(baseFiles(), { articles: ARTICLES });
    expect(issuesOf(result)).toEqual([]);
    if (!result.ok) throw new Error("expected ok");
    const { kb } = result;
    expect([...kb.sources.keys()]).toEqual(["lasts", "how-soon"]);
    expect(kb.sources.get("lasts")?.title).toBe("Microneedling: How Long Does It Last?");
    const topic = kb.topicById.get("session-interval");
    expect(topic?.minConfidence).toBe(0.5);
    expect(topic?.file).toBe(INTERVAL);
    expect(topic?.answer).toBe(
      "Sessions are usually four to six weeks apart, which gives the skin time to heal.",
    );
    expect(topic?.agreements).toEqual([
      {
        summary: "Four to six weeks and about 45 days describe the same spacing.",
        sources: ["lasts", "how-soon"],
      },
    ]);
    expect(kb.topicById.get("results-onset")?.minConfidence).toBeUndefined();
    expect(kb.topicById.get("results-onset")?.conflicts).toEqual([]);
    expect(kb.vocabulary.outOfScope).toEqual(["botox"]);
    expect(kb.vocabulary.shorthand).toEqual({ u: "you" });
    expect(kb.conversation.urgent.redFlags).toEqual(["cant breathe"]);
    expect(kb.conversation.fallback.outOfScopeReply).toBe("We do not cover that.");
    expect(kb.conversation.clarify.noneOfThese).toBe("None of these");
    expect(kb.version).toMatch(/^[0-9a-f]{12}$/);
  });

  it("gives the same version for the same files and a new one when any file changes", () => {
    const a = parse(baseFiles());
    const b = parse([...baseFiles()].reverse());
    const c = parse(withFile("vocabulary.yaml", VOCABULARY_YAML.replace("face", "cheeks")));
    if (!a.ok || !b.ok || !c.ok) throw new Error("expected ok");
    expect(b.kb.version).toBe(a.kb.version);
    expect(c.kb.version).not.toBe(a.kb.version);
  });

  it("accepts empty vocabulary lists", () => {
    const vocabulary =
      "synonyms: {}\nmisspellings: {}\nshorthand: {}\nareas: []\nconcerns: []\nout_of_scope: []\n";
    expect(parse(withFile("vocabulary.yaml", vocabulary)).ok).toBe(true);
  });
});

describe("parseKnowledge reports file-level problems", () => {
  it("reports a YAML syntax error at its line", () => {
    const text = INTERVAL_YAML.replace(
      "short: Usually four to six weeks apart.",
      'short: "Usually four to six weeks apart.',
    );
    const issue = onlyIssue(parse(withFile(INTERVAL, text)), "yaml-syntax");
    expect(issue.file).toBe(INTERVAL);
    expect(issue.severity).toBe("error");
    expect(issue.message).toMatch(/YAML syntax error/);
    expect(issue.line).toBeGreaterThanOrEqual(lineOf(text, 'short: "Usually'));
  });

  it("reports a key written twice at the second one", () => {
    const text = `${INTERVAL_YAML}question: Again?\n`;
    const issue = onlyIssue(parse(withFile(INTERVAL, text)), "yaml-syntax");
    expect(issue.message).toMatch(/unique/);
    expect(issue.line).toBe(lineOf(text, "question: Again?"));
  });

  it("reports a missing vocabulary.yaml or conversation.yaml", () => {
    const result = parse(withFile("conversation.yaml", undefined, withFile("vocabulary.yaml", undefined)));
    const missing = issuesOf(result).filter((issue) => issue.code === "missing-file");
    expect(missing.map((issue) => issue.file).sort()).toEqual(["conversation.yaml", "vocabulary.yaml"]);
    expect(missing[0]!.message).toMatch(/is missing/);
  });

  it("collects every problem at once, across files", () => {
    const topic = INTERVAL_YAML.replace("question:", "questionz:").replace(
      "min_confidence: 0.5",
      "min_confidence: 2",
    );
    const conversation = CONVERSATION_YAML.replace("  none_of_these: None of these", "").replace(
      ", none_of_these: None of these",
      "",
    );
    const result = parse(withFile("conversation.yaml", conversation, withFile(INTERVAL, topic)));
    expect(result.ok).toBe(false);
    const codes = issuesOf(result).map((issue) => `${issue.file} ${issue.code}`);
    expect(codes).toEqual(
      expect.arrayContaining([
        `${INTERVAL} unknown-field`,
        `${INTERVAL} missing-field`,
        "conversation.yaml missing-field",
      ]),
    );
  });
});

describe("parseKnowledge reports shape problems with the field name", () => {
  it("reports an unknown field with its name, line and column", () => {
    const text = INTERVAL_YAML.replace("related:", "relatd:");
    const issue = onlyIssue(parse(withFile(INTERVAL, text)), "unknown-field");
    expect(issue.message).toMatch(/unknown field 'relatd'/);
    expect(issue.line).toBe(lineOf(text, "relatd:"));
    expect(issue.column).toBe(1);
  });

  it("reports an unknown field inside a claim at that key", () => {
    const text = INTERVAL_YAML.replace('        quote: "schedule', '        qoute: "schedule');
    const result = parse(withFile(INTERVAL, text));
    const unknown = onlyIssue(result, "unknown-field");
    expect(unknown.message).toMatch(/'qoute' in claims\[0\]\.support\[1\]/);
    expect(unknown.line).toBe(lineOf(text, "qoute:"));
    expect(unknown.column).toBe(columnOf(text, "qoute:"));
    const missing = onlyIssue(result, "missing-field");
    expect(missing.message).toMatch(/missing field 'quote' in claims\[0\]\.support\[1\]/);
    expect(missing.line).toBe(lineOf(text, "- source: lasts"));
  });

  it("reports a missing required field at the map that lacks it", () => {
    const text = INTERVAL_YAML.replace("question: How far apart should sessions be?\n", "");
    const issue = onlyIssue(parse(withFile(INTERVAL, text)), "missing-field");
    expect(issue.message).toMatch(/missing field 'question'/);
    expect(issue.line).toBe(1);
  });

  it("reports a wrong type with what was expected", () => {
    const text = ONSET_YAML.replace(/phrasings:\n( {2}- .*\n)+/, "phrasings: when will i see results\n");
    const issue = onlyIssue(parse(withFile("topics/results-onset.yaml", text)), "wrong-type");
    expect(issue.message).toMatch(/phrasings should be a list, but it is a string/);
    expect(issue.line).toBe(lineOf(text, "phrasings:"));
    expect(issue.column).toBe(columnOf(text, "when will i see results"));
  });

  it("reads a pleasantry that frames a message, and reports one not said as true or false at its line", () => {
    const framing = CONVERSATION_YAML.replace("  - id: greeting\n", "  - id: greeting\n    frames: true\n");
    const read = parse(withFile("conversation.yaml", framing), { articles: ARTICLES });
    if (!read.ok) throw new Error("expected ok");
    expect(read.kb.conversation.smalltalk[0]).toMatchObject({ id: "greeting", frames: true });
    const wrongly = framing.replace("frames: true", "frames: sometimes");
    const issue = onlyIssue(parse(withFile("conversation.yaml", wrongly)), "wrong-type");
    expect(issue.message).toMatch(/frames should be/);
    expect(issue.line).toBe(lineOf(wrongly, "frames:"));
  });

  it("reports a missing conversation key and a vocabulary map given as a list", () => {
    const conversation = CONVERSATION_YAML.replace(', out_of_scope_reply: "We do not cover that."', "");
    const vocabulary = VOCABULARY_YAML.replace("shorthand:\n  u: you", "shorthand: [u]");
    const result = parse(
      withFile("conversation.yaml", conversation, withFile("vocabulary.yaml", vocabulary)),
    );
    const missing = onlyIssue(result, "missing-field");
    expect(missing.message).toMatch(/missing field 'out_of_scope_reply' in fallback/);
    expect(missing.line).toBe(lineOf(conversation, "fallback:"));
    const wrong = onlyIssue(result, "wrong-type");
    expect(wrong.file).toBe("vocabulary.yaml");
    expect(wrong.message).toMatch(/shorthand should be a map/);
  });
});

describe("parseKnowledge reports topic problems at their line", () => {
  it("reports a duplicate topic id with both lines", () => {
    const copy = INTERVAL_YAML.replace("id: session-interval", "id: session-interval\n# a copy");
    const result = parse(withFile("topics/session-interval-copy.yaml", copy));
    const duplicate = onlyIssue(result, "duplicate-topic-id");
    expect(duplicate.file).toBe(INTERVAL);
    expect(duplicate.line).toBe(1);
    expect(duplicate.message).toBe(
      "duplicate topic id 'session-interval': also defined at topics/session-interval-copy.yaml:1:5; give each topic its own id",
    );
    expect(onlyIssue(result, "id-file-mismatch").file).toBe("topics/session-interval-copy.yaml");
  });

  it("reports an id that does not match its file name or is not kebab-case", () => {
    const text = INTERVAL_YAML.replace("id: session-interval", "id: Session_Interval");
    const result = parse(withFile(INTERVAL, text));
    expect(onlyIssue(result, "id-not-kebab-case")).toMatchObject({ line: 1, column: 5 });
    expect(onlyIssue(result, "id-file-mismatch").message).toMatch(
      /does not match its file name 'session-interval'/,
    );
  });

  it("reports an unknown source id in a claim and in a conflict", () => {
    const conflict = conflictsYaml("Spacing", [
      { source: "lasts", claim: "every 45 days", quote: "every 45 days" },
      { source: "how-son", claim: "four to six weeks", quote: "four to six weeks apart" },
    ]);
    const text = withConflicts(
      conflict,
      INTERVAL_YAML.replace("      - source: lasts\n        quote", "      - source: lastz\n        quote"),
    );
    const result = parse(withFile(INTERVAL, text));
    const unknown = issuesOf(result).filter((issue) => issue.code === "unknown-source");
    expect(unknown.map((issue) => [issue.line, issue.column])).toEqual([
      [lineOf(text, "source: lastz"), columnOf(text, "lastz")],
      [lineOf(text, "source: how-son"), columnOf(text, "how-son")],
    ]);
    expect(unknown[0]!.message).toBe(
      "unknown source id 'lastz': use one of the ids in sources.yaml (lasts, how-soon)",
    );
  });

  it("reports an unknown related topic at the item", () => {
    const text = INTERVAL_YAML.replace("related: [results-onset]", "related: [results-onset, maintenance]");
    const issue = onlyIssue(parse(withFile(INTERVAL, text)), "unknown-related-topic");
    expect(issue.message).toMatch(/related topic 'maintenance' does not exist/);
    expect(issue.line).toBe(lineOf(text, "related:"));
    expect(issue.column).toBe(columnOf(text, "maintenance]"));
  });

  it("reports a claim without support", () => {
    const text = ONSET_YAML.replace(
      "claims:\n",
      "claims:\n  - statement: It works.\n  - statement: It works fast.\n    support: []\n",
    );
    const result = parse(withFile("topics/results-onset.yaml", text));
    const noSupport = issuesOf(result).filter((issue) => issue.code === "claim-without-support");
    expect(noSupport.map((issue) => issue.line)).toEqual([
      lineOf(text, "It works."),
      lineOf(text, "It works fast."),
    ]);
    expect(noSupport[0]!.message).toMatch(/this claim has no support: add a `support` item/);
  });

  it("reports a support item without a quote", () => {
    const text = ONSET_YAML.replace(
      "claims:\n",
      "claims:\n  - statement: It works fast.\n    support:\n      - source: lasts\n",
    );
    const noQuote = onlyIssue(parse(withFile("topics/results-onset.yaml", text)), "missing-field");
    expect(noQuote.message).toBe("missing field 'quote' in claims[0].support[0]: add it");
    expect(noQuote.line).toBe(lineOf(text, "- source: lasts"));
  });

  it("reports an empty quote", () => {
    const text = ONSET_YAML.replace('quote: "as soon as one week after treatment"', 'quote: ""');
    const issue = onlyIssue(parse(withFile("topics/results-onset.yaml", text)), "empty-quote");
    expect(issue.line).toBe(lineOf(text, 'quote: ""'));
  });

  it("reports an answer with no claims", () => {
    const text = ONSET_YAML.replace(/claims:\n(?: {2,}.*\n)+/, "claims: []\n");
    const issue = onlyIssue(parse(withFile("topics/results-onset.yaml", text)), "answer-without-claims");
    expect(issue.line).toBe(lineOf(text, "claims: []"));
    expect(issue.message).toMatch(/no claims/);
  });

  it("warns, saying how many phrasings there are, when fewer than the pack's minimum", () => {
    const text = ONSET_YAML.replace(/( {2}- how fast are results\n)( {2}- .*\n)+/, "$1");
    const result = parse(withFile("topics/results-onset.yaml", text));
    expect(result.ok).toBe(true);
    const issue = onlyIssue(result, "too-few-phrasings");
    expect(issue.severity).toBe("warning");
    expect(issue.message).toBe(
      "phrasings has 5 entries, fewer than the 10 this pack asks for: add 5 more ways people ask this question, so the bot recognises more wordings",
    );
    expect(issue.line).toBe(lineOf(text, "  - when will i see results"));
  });

  it("accepts a topic with only its question (one question per answer), with a warning", () => {
    const text = ONSET_YAML.replace(/phrasings:\n( {2}- .*\n)+/, "phrasings: []\n");
    const result = parse(withFile("topics/results-onset.yaml", text));
    expect(result.ok).toBe(true);
    const issue = onlyIssue(result, "too-few-phrasings");
    expect(issue.message).toMatch(/phrasings has 0 entries/);
    expect(issue.line).toBe(lineOf(text, "phrasings: []"));
  });

  it("warns about an answer over 90 words and a short over 280 characters with count and limit", () => {
    const answer = Array.from({ length: 91 }, (_, i) => `word${i}`).join(" ");
    const short = "x".repeat(281);
    const text = ONSET_YAML.replace(
      "answer: Many people see first results about a week after treatment.",
      `answer: ${answer}`,
    ).replace("short: About a week after treatment.", `short: ${short}`);
    const result = parse(withFile("topics/results-onset.yaml", text));
    const long = onlyIssue(result, "answer-too-long");
    expect(long.severity).toBe("warning");
    expect(long.message).toMatch(/answer has 91 words, over this pack's limit of 90/);
    expect(long.line).toBe(lineOf(text, "answer:"));
    const longShort = onlyIssue(result, "short-too-long");
    expect(longShort.message).toMatch(/short has 281 characters, over this pack's limit of 280/);
    expect(longShort.line).toBe(lineOf(text, "short:"));
  });

  it("reports a quote over 40 words, not counting '...'", () => {
    const words = Array.from({ length: 41 }, () => "word").join(" ");
    const text = ONSET_YAML.replace('"as soon as one week after treatment"', `"${words}"`);
    const issue = onlyIssue(parse(withFile("topics/results-onset.yaml", text)), "quote-too-long");
    expect(issue.message).toMatch(/quote has 41 words, over the limit of 40/);
    expect(issue.line).toBe(lineOf(text, "word word"));
    const elided = ONSET_YAML.replace(
      '"as soon as one week after treatment"',
      `"${"word ".repeat(20)}... ${"word ".repeat(20)}"`,
    );
    const issues = issuesOf(parse(withFile("topics/results-onset.yaml", elided)));
    expect(issues.filter((issue) => issue.code === "quote-too-long")).toEqual([]);
  });

  it("warns about a phrasing repeated within a topic and among topics, pointing at the first", () => {
    const text = ONSET_YAML.replace(
      "  - first results when\n",
      "  - first results when\n  - When will I see results?\n  - Time between sessions\n",
    );
    const result = parse(withFile("topics/results-onset.yaml", text));
    expect(result.ok).toBe(true);
    const duplicates = issuesOf(result).filter((issue) => issue.code === "duplicate-phrasing");
    // Topics are read in file-name order, so results-onset's copy comes first and session-interval's repeats it.
    expect(duplicates.map((issue) => [issue.severity, issue.file, issue.line])).toEqual([
      ["warning", "topics/results-onset.yaml", lineOf(text, "When will I see results?")],
      ["warning", INTERVAL, lineOf(INTERVAL_YAML, "time between sessions")],
    ]);
    expect(duplicates[0]!.message).toMatch(/repeats one in this topic \(topics\/results-onset\.yaml:4:5\)/);
    expect(duplicates[1]!.message).toBe(
      `phrasing "time between sessions" repeats one in topic 'results-onset' (topics/results-onset.yaml:${lineOf(text, "Time between sessions")}:5): remove it or reword it`,
    );
  });

  it("reports min_confidence outside 0 to 1", () => {
    const text = INTERVAL_YAML.replace("min_confidence: 0.5", "min_confidence: 1.5");
    const issue = onlyIssue(parse(withFile(INTERVAL, text)), "min-confidence-out-of-range");
    expect(issue.message).toMatch(/min_confidence is 1.5, outside 0 to 1/);
    expect(issue.line).toBe(lineOf(text, "min_confidence"));
    expect(issue.column).toBe(17);
  });

  it("reports a conflict with fewer than two positions", () => {
    const text = withConflicts(
      conflictsYaml("Spacing", [{ source: "lasts", claim: "every 45 days", quote: "every 45 days" }]),
    );
    const issue = onlyIssue(parse(withFile(INTERVAL, text)), "conflict-too-few-positions");
    expect(issue.message).toMatch(/this conflict has 1 position\(s\)/);
    expect(issue.line).toBe(lineOf(text, "- summary: Spacing"));
  });

  it("reports each topic the manifest requires that has no file, pointing at the manifest's line", () => {
    const manifest = `${PACK_YAML}required_topics: [${SPEC_TOPIC_IDS.join(", ")}]\n`;
    const result = parseKnowledge(withFile("pack.yaml", manifest));
    const missing = issuesOf(result).filter((issue) => issue.code === "missing-required-topic");
    expect(missing).toHaveLength(SPEC_TOPIC_IDS.length - 2);
    expect(missing.find((issue) => issue.file === "topics/pain.yaml")?.message).toBe(
      `required topic 'pain' is missing (pack.yaml:${lineOf(manifest, "required_topics")}:${columnOf(manifest, "pain")} requires it): create topics/pain.yaml`,
    );
  });

  it("reports starter and comparison topics that do not exist, and names shared by two subjects", () => {
    const manifest = PACK_YAML.replace(
      "subjects:\n",
      "starter_topics: [results-onset, nope]\ncomparison_topics: [gone]\nsubjects:\n  - id: peels\n    names: [peel, derma roller]\n",
    );
    const result = parse(withFile("pack.yaml", manifest));
    expect(issuesOf(result).map((issue) => [issue.code, issue.line])).toEqual(
      expect.arrayContaining([
        ["unknown-topic", lineOf(manifest, "starter_topics")],
        ["unknown-topic", lineOf(manifest, "comparison_topics")],
        ["ambiguous-subject-name", lineOf(manifest, "names: [micro")],
      ]),
    );
  });

  it("reports an emergency number that is not a phone number and an empty privacy page, at their lines", () => {
    const manifest = PACK_YAML.replace(
      "  demo_page:",
      '  emergency_numbers: ["911", "call us"]\n  privacy: { title: Privacy, body: "" }\n  demo_page:',
    );
    const result = parse(withFile("pack.yaml", manifest));
    const number = onlyIssue(result, "not-a-phone-number");
    expect(number.message).toBe(
      "emergency number 'call us' is not a phone number: write it as dialled, digits with an optional +, spaces, brackets or -",
    );
    expect(number.line).toBe(lineOf(manifest, "emergency_numbers"));
    const empty = onlyIssue(result, "empty-copy");
    expect(empty.message).toBe(
      "copy.privacy.body is empty: write it, or remove copy.privacy (then /privacy is not served)",
    );
    expect(empty.line).toBe(lineOf(manifest, "privacy:"));
  });

  it("accepts emergency numbers written as dialled, and privacy and terms pages", () => {
    const manifest = PACK_YAML.replace(
      "  demo_page:",
      '  emergency_numbers: ["112", "+44 (0)20 7946-0000"]\n  privacy: { title: Privacy, body: "We keep little." }\n  terms: { title: Terms, body: "General information." }\n  demo_page:',
    );
    const result = parse(withFile("pack.yaml", manifest));
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.kb.pack.copy.emergencyNumbers).toEqual(["112", "+44 (0)20 7946-0000"]);
      expect(result.kb.pack.copy.privacy).toEqual({ title: "Privacy", body: "We keep little." });
    }
  });
});

describe("calibration.yaml's follow-up counts", () => {
  const calibration = (asked: string) => `ranker: { features: [bayes], weights: [1], bias: 0 }
acceptor: { features: [rank], weights: [1], bias: 0 }
thresholds: { answer: 0.4, clarify: 0.3 }
source: test
followUps:
  - after: session-interval
    asked: ${asked}
    stays: [ 1, 0, 0, 0, 2 ]
    moves: [ 0, 0, 0, 0, 0 ]
`;
  it("load with the pack", () => {
    const result = parse(withFile("calibration.yaml", calibration("results-onset")));
    expect(result.ok && result.kb.calibration?.followUps?.[0]?.stays).toEqual([1, 0, 0, 0, 2]);
  });
  it("warn, naming the line, when they name a topic the pack does not have", () => {
    const text = calibration("pain");
    const issue = onlyIssue(parse(withFile("calibration.yaml", text)), "follow-up-unknown-topic");
    expect(issue).toMatchObject({ severity: "warning", line: lineOf(text, "pain") });
    expect(issue.message).toMatch(/'pain' is not a topic of this pack.*cli fit --follow-ups-only/);
  });
});
