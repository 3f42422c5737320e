import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
let words: ReadonlySet<string> | undefined;

/** ~275,000 English words: a real word the knowledge base lacks ("weather") is unknown, not a typo. */
export function englishWords(): ReadonlySet<string> {
  words ??= new Set(require("an-array-of-english-words") as string[]);
  return words;
}
