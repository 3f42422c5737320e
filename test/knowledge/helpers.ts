import type { KnowledgeFile, ParseOptions } from "../../src/knowledge/parse.ts";
import { parseKnowledge } from "../../src/knowledge/parse.ts";
import type { KnowledgeIssue, LoadResult } from "../../src/knowledge/types.ts";

// A small valid knowledge base, written as staff would, for tests to break one thing at a time.

export const SOURCES_YAML = `sources:
  - id: lasts
    title: "Microneedling: How Long Does It Last?"
    file: lasts.txt
  - id: how-soon
    title: How Soon Will You See Results?
    file: how-soon.txt
`;

export const ARTICLES: ReadonlyMap<string, string> = new Map([
  [
    "lasts.txt",
    "Microneedling: How Long Does It Last?\n\nYour doctor will schedule each session approximately every 45 days. " +
      "You can generally expect Microneedling results to last between 30 and 45 days after the first procedure.\n" +
      "This treatment’s primary purpose is to give you firm skin without pain, discomfort, or downtime.\n",
  ],
  [
    "how-soon.txt",
    "How Soon Will You See Results?\n\nYou can book your microneedling sessions four to six weeks apart for a safe " +
      "healing period in between sessions. Many people begin seeing results as soon as one week after treatment.\n",
  ],
]);

export const PACK_YAML = `name: Test pack
language: en
citations: articles
subjects:
  - id: microneedling
    names: [microneedling, micro needling, derma roller]
copy:
  assistant_name: Test assistant
  subject_line: microneedling
  welcome: Hi! I answer questions for {clinic}.
  disclosure: I'm an automated assistant.
  sms_help: "{clinic}: automated FAQ assistant. Call {phone}."
  sms_prompt: Send a question.
  examples: [Does it hurt?]
  widget: { title: Ask us, greeting: Hi!, starters: [Does it hurt?] }
  demo_page: { title: Test, eyebrow: Test, heading: Test, lead: Test, cards: [] }
demo_contact:
  name: Test Clinic
  phone: "+1 555 0100"
`;

export const VOCABULARY_YAML = `synonyms:
  pain: [hurt, sore]
misspellings:
  microneedling: [microneedeling]
shorthand:
  u: you
areas: [face, neck]
concerns: [acne scars]
out_of_scope: [botox]
`;

export const CONVERSATION_YAML = `smalltalk:
  - id: greeting
    phrasings: [hi, hello]
    reply: Hello!
handoff: { phrasings: [talk to a person], reply: Call us. }
urgent: { reply: "Call your provider now.", red_flags: [cant breathe], symptoms: [bleeding], severity: [wont stop] }
fallback: { reply: "Sorry, I do not know.", out_of_scope_reply: "We do not cover that." }
clarify: { prompt: "Did you mean:", none_of_these: None of these }
`;

export const INTERVAL_YAML = `id: session-interval
question: How far apart should sessions be?
phrasings:
  - how far apart are sessions
  - how often can i get microneedling
  - time between sessions
  - how many weeks between treatments
  - how soon can i go again
  - gap between microneedling sessions
  - session spacing
  - when is my next session
  - how long to wait between sessions
  - can i do it every week
answer: >-
  Sessions are usually four to six weeks apart, which gives the skin time to heal.
short: Usually four to six weeks apart.
claims:
  - statement: Sessions are spaced four to six weeks apart.
    support:
      - source: how-soon
        quote: "book your microneedling sessions four to six weeks apart"
      - source: lasts
        quote: "schedule each session approximately every 45 days"
agreements:
  - summary: Four to six weeks and about 45 days describe the same spacing.
    sources: [lasts, how-soon]
related: [results-onset]
min_confidence: 0.5
`;

export const ONSET_YAML = `id: results-onset
question: How soon will I see results?
phrasings:
  - when will i see results
  - how soon does it work
  - how long until results
  - when do results show
  - how fast are results
  - results timeline
  - how quickly will i notice a difference
  - when will my skin look better
  - how long before it works
  - first results when
answer: Many people see first results about a week after treatment.
short: About a week after treatment.
claims:
  - statement: First results can show about a week after treatment.
    support:
      - source: how-soon
        quote: "as soon as one week after treatment"
related: [session-interval]
`;

/** One side of a recorded disagreement, as a topic's `conflicts` entry lists it. */
export interface Position {
  source: string;
  claim: string;
  quote: string;
}

/** A `conflicts:` block with one entry: "Spacing", [{ source: "lasts", … }] → "conflicts:\n  - summary: Spacing…". */
export function conflictsYaml(summary: string, positions: readonly Position[]): string {
  const items = positions.map(
    ({ source, claim, quote }) =>
      `      - source: ${source}\n        claim: ${claim}\n        quote: "${quote}"\n`,
  );
  return `conflicts:\n  - summary: ${summary}\n    positions:\n${items.join("")}`;
}

/** `topic` (the session-interval file unless given) with `conflicts` just before its agreements. */
export function withConflicts(conflicts: string, topic = INTERVAL_YAML): string {
  return topic.replace("agreements:", `${conflicts}agreements:`);
}

export function baseFiles(): KnowledgeFile[] {
  return [
    { path: "pack.yaml", text: PACK_YAML },
    { path: "sources.yaml", text: SOURCES_YAML },
    { path: "vocabulary.yaml", text: VOCABULARY_YAML },
    { path: "conversation.yaml", text: CONVERSATION_YAML },
    { path: "topics/session-interval.yaml", text: INTERVAL_YAML },
    { path: "topics/results-onset.yaml", text: ONSET_YAML },
  ];
}

/** The base files with `path` replaced by (or added as) `text`; `undefined` removes it. */
export function withFile(path: string, text: string | undefined, files = baseFiles()): KnowledgeFile[] {
  const rest = files.filter((file) => file.path !== path);
  return text === undefined ? rest : [...rest, { path, text }];
}

/** Parses with no required topics unless the test asks for them, quotes checked against ARTICLES. */
export function parse(files: KnowledgeFile[], options: ParseOptions = {}): LoadResult {
  return parseKnowledge(files, { requiredTopics: [], articles: ARTICLES, ...options });
}

export function issuesOf(result: LoadResult): KnowledgeIssue[] {
  return result.ok ? result.warnings : result.issues;
}

/** The one issue with `code`; fails the test with the full list when there is not exactly one. */
export function onlyIssue(result: LoadResult, code: string): KnowledgeIssue {
  const found = issuesOf(result).filter((issue) => issue.code === code);
  if (found.length !== 1) {
    throw new Error(
      `expected one '${code}' issue, got ${found.length}: ${JSON.stringify(issuesOf(result), null, 2)}`,
    );
  }
  return found[0]!;
}

/** 1-based line of the first line of `text` containing `needle` (the `nth` one, from 1). */
export function lineOf(text: string, needle: string, nth = 1): number {
  let seen = 0;
  const lines = text.split("\n");
  for (const [i, line] of lines.entries()) {
    if (line.includes(needle) && ++seen === nth) return i + 1;
  }
  throw new Error(`'${needle}' not found in text`);
}

/** 1-based column where `needle` starts on its line. */
export function columnOf(text: string, needle: string): number {
  const line = text.split("\n")[lineOf(text, needle) - 1]!;
  return line.indexOf(needle) + 1;
}
