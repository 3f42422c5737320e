import type { Analysis } from "./analyze.ts";

/** One label's score from one matcher, in [0, 1], higher is better. */
export interface LabelScore {
  label: string;
  score: number;
  /** The phrasing that matched best, where the matcher knows it. */
  phrasing?: string;
}

/** A way of scoring labels for an analysed message. Labels: topic ids, "smalltalk:<id>", "handoff". */
export interface Matcher {
  readonly name: string;
  /** Scores for `labels` when given (a shortlist), else the best labels the message touches; best first. */
  match(query: Analysis, labels?: readonly string[]): LabelScore[];
}

/** A labelled phrasing the matchers learn from. */
export interface TrainingExample {
  label: string;
  text: string;
  features: string[];
  tokens: string[];
}
