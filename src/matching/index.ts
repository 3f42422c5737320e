export type { Analysis } from "./analyze.ts";
export type { Calibration, ComponentScores } from "./calibration.ts";
export { ACCEPT_FEATURES, RANK_FEATURES } from "./calibration.ts";
export type { IndexSnapshot } from "./evidence.ts";
export { subjectToken } from "./lexicon.ts";
export type { LabelScore, Matcher } from "./matcher.ts";
export type { Candidate, MatchingIndex, MatchOptions, MatchResult } from "./rank.ts";
export { buildMatchingIndex } from "./rank.ts";
export type { SemanticSnapshot } from "./semantic-matcher.ts";
