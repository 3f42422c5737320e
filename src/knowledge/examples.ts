import type { KnowledgeBase, KnowledgeIssue } from "./types.ts";

// The pack's labelled messages (dev.jsonl): real wording, each with what it should get. Matching learns
// from their first turns beside the phrasings; `cli fit` fits the calibration on them; `cli eval` on them
// is cross-validated, each message answered by an engine that never saw it.

export const EXAMPLES_PATH = "dev.jsonl";

/** One line of a labelled set: a conversation's turns and, per turn, what it should get ("a|b": either). */
export interface LabelledConversation {
  id: string;
  turns: string[];
  expect: string[];
  /** plain, indirect, offtopic, urgent, … (blind sets say which). */
  category?: string;
}

/** A message matching learns from: its label is a topic id, "handoff" or "urgent". */
export interface Example {
  label: string;
  text: string;
  /**
   * A later turn that moved to this topic: the first turns of the conversations it stands in. It stays
   * out of their folds as well as its own; matching learns it only if it reads alone (`standsAlone`).
   */
  within?: readonly string[];
}

/** The folds an example must stay out of: its own text's, and those of the conversations it stands in. */
export function foldsOf(example: Example, folds: number = CROSS_VALIDATION.folds): number[] {
  return [example.text, ...(example.within ?? [])].map((t) => foldOf(t, folds));
}

/** Labels that are not topics and that matching can learn from. */
const LEARNED_KINDS = new Set(["handoff", "urgent"]);
/** Labels left to other mechanisms: off-topic to the acceptor's fit, the rest to smalltalk and clarify. */
const OTHER_KINDS = new Set(["fallback", "smalltalk", "clarify"]);

/** Parses a labelled set: one {"id","turns","expect"} per line; each problem names `name` and the line. */
export function parseLabelledLines(
  text: string,
  name: string,
): {
  items: Array<LabelledConversation & { line: number }>;
  problems: Array<{ line: number; message: string }>;
} {
  const items: Array<LabelledConversation & { line: number }> = [];
  const problems: Array<{ line: number; message: string }> = [];
  text.split("\n").forEach((raw, i) => {
    if (!raw.trim()) return;
    const line = i + 1;
    let o: LabelledConversation;
    try {
      o = JSON.parse(raw) as LabelledConversation;
    } catch (error) {
      problems.push({ line, message: `${name}:${line}: not JSON (${(error as Error).message})` });
      return;
    }
    const texts = (a: unknown) => Array.isArray(a) && a.length > 0 && a.every((x) => typeof x === "string");
    if (!texts(o.turns) || !texts(o.expect) || o.turns.length !== o.expect.length)
      problems.push({
        line,
        message: `${name}:${line}: "turns" and "expect" must be non-empty lists of text of the same length`,
      });
    else items.push({ ...o, line });
  });
  return { items, problems };
}

/** The key two spellings of one message share: what cross-validation uses to keep a message from its own fold. */
export const exampleKey = (text: string) => text.trim().replace(/\s+/g, " ").toLowerCase();

/**
 * The examples in a labelled set: each conversation's first turn with exactly one label that is a topic
 * of the pack, "handoff" or "urgent", and the later turns that moved to another topic. Unreadable lines and labels naming no topic are warnings with their line; urgent, smalltalk and either-or labels are scored by `cli eval` but not learned.
 */
export function examplesFrom(
  text: string,
  topicIds: ReadonlySet<string>,
): {
  examples: Example[];
  conversations: string[];
  transitions: Map<string, number[]>;
  issues: KnowledgeIssue[];
} {
  const issue = (
    line: number,
    code: string,
    message: string,
    severity: "error" | "warning",
  ): KnowledgeIssue => ({
    severity,
    code,
    file: EXAMPLES_PATH,
    line,
    column: 1,
    message,
  });
  const { items, problems } = parseLabelledLines(text, EXAMPLES_PATH);
  // Tuning data never stops the bot: an unreadable line is skipped, and said so.
  const issues = problems.map((p) =>
    issue(p.line, "labelled-line", `${p.message}; the line is skipped until it is fixed`, "warning"),
  );
  const examples: Example[] = [];
  const conversations = items
    .filter((item) => item.turns.length > 1)
    .map((item) => conversationKey(item.turns));
  for (const item of items) {
    const label = item.expect[0]!.trim();
    const first = item.turns[0]!.trim();
    if (!first || label.includes("|") || OTHER_KINDS.has(label)) continue;
    if (topicIds.has(label) || LEARNED_KINDS.has(label)) examples.push({ label, text: first });
    else
      issues.push(
        issue(
          item.line,
          "unknown-label",
          `${EXAMPLES_PATH}:${item.line}: '${label}' is not a topic id of this pack (nor fallback, handoff, urgent, smalltalk or clarify): the message is not learned from until it is`,
          "warning",
        ),
      );
  }
  examples.push(...laterTurnsOf(items, topicIds));
  return { examples, conversations, transitions: transitionsOf(items, topicIds), issues };
}

/**
 * The later turns that moved to another topic of the pack ("ok and how much?"), each once per label with
 * the first turns of every conversation it stands in: real wording for that topic, asked mid-conversation.
 */
function laterTurnsOf(items: readonly LabelledConversation[], topicIds: ReadonlySet<string>): Example[] {
  const byKey = new Map<string, { label: string; text: string; within: Set<string> }>();
  for (const item of items)
    for (let i = 1; i < item.turns.length; i++) {
      const label = item.expect[i]!.trim();
      const text = item.turns[i]!.trim();
      if (!text || !topicIds.has(label) || label === item.expect[i - 1]!.trim()) continue;
      const key = `${label}\n${exampleKey(text)}`;
      const known = byKey.get(key) ?? { label, text, within: new Set<string>() };
      known.within.add(item.turns[0]!);
      byKey.set(key, known);
    }
  return [...byKey.values()].map(({ label, text, within }) => ({ label, text, within: [...within] }));
}

/** The key of a step from one topic to the next in the pack's conversations. */
export const transitionKey = (after: string, next: string) => `${after}\n${next}`;

/**
 * How often the labelled conversations went from one topic to the next (staying counts), per
 * cross-validation fold of the conversation: what a follow-up's reading alone leans on. Turns labelled
 * with anything but one topic of the pack break the chain.
 */
function transitionsOf(
  items: readonly LabelledConversation[],
  topicIds: ReadonlySet<string>,
): Map<string, number[]> {
  const counts = new Map<string, number[]>();
  for (const item of items) {
    const fold = foldOf(item.turns[0]!);
    for (let i = 1; i < item.expect.length; i++) {
      const after = item.expect[i - 1]!.trim();
      const next = item.expect[i]!.trim();
      if (!topicIds.has(after) || !topicIds.has(next)) continue;
      const key = transitionKey(after, next);
      const row = counts.get(key) ?? Array<number>(CROSS_VALIDATION.folds).fill(0);
      row[fold]!++;
      counts.set(key, row);
    }
  }
  return counts;
}

/** One key per conversation, whatever its case and spacing: how cross-validation knows the dev set's own. */
export const conversationKey = (turns: readonly string[]) => turns.map(exampleKey).join("\n");

/** Cross-validating a pack on its own examples: each fold answered by an engine built without it. */
export const CROSS_VALIDATION = Object.freeze({ folds: 5 });

/** A message's fold: a hash of its normalised text, so one wording always falls in the same fold. */
export function foldOf(text: string, folds: number = CROSS_VALIDATION.folds): number {
  let h = 0x811c9dc5;
  for (const ch of exampleKey(text)) h = Math.imul(h ^ ch.codePointAt(0)!, 0x01000193);
  return (h >>> 0) % folds;
}

/** The knowledge base without the examples of one fold, and without what its conversations taught the fit. */
export function withoutFold(
  kb: KnowledgeBase,
  fold: number,
  folds: number = CROSS_VALIDATION.folds,
): KnowledgeBase {
  const { calibration, transitions } = kb;
  const followUps = calibration?.followUps?.map((c) => ({
    ...c,
    stays: c.stays.map((n, k) => (k === fold ? 0 : n)),
    moves: c.moves.map((n, k) => (k === fold ? 0 : n)),
    ...(c.elsewhere
      ? {
          elsewhere: Object.fromEntries(
            Object.entries(c.elsewhere).map(([to, counts]) => [
              to,
              counts.map((n, k) => (k === fold ? 0 : n)),
            ]),
          ),
        }
      : {}),
  }));
  return {
    ...kb,
    examples: kb.examples.filter((e) => !foldsOf(e, folds).includes(fold)),
    ...(transitions
      ? {
          transitions: new Map(
            [...transitions].map(([key, row]) => [key, row.map((n, k) => (k === fold ? 0 : n))]),
          ),
        }
      : {}),
    ...(calibration && followUps ? { calibration: { ...calibration, followUps } } : {}),
  };
}
