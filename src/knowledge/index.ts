export { lintConflicts } from "./conflict-lint.ts";
export { type LoadOptions, loadKnowledge, readArticles, readKnowledgeFiles } from "./load.ts";
export { contentHash, type KnowledgeFile, type ParseOptions, parseKnowledge } from "./parse.ts";
export { type Dimension, extractQuantities, type Quantity, rangesAgree } from "./quantities.ts";
export { normalizeText, quoteOccursIn } from "./quote-match.ts";
export type * from "./types.ts";
