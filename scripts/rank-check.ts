import { readLabelledSet } from "../src/cli/eval.ts";
import { loadKnowledge } from "../src/knowledge/load.ts";
import { buildMatchingIndex } from "../src/matching/index.ts";

const r = loadKnowledge("knowledge/microneedling", {});
if (!r.ok) throw 0;
const idx = buildMatchingIndex(r.kb);
const { items } = readLabelledSet(process.argv[2]!);
let n = 0,
  top1 = 0,
  top3 = 0;
const misses: string[] = [];
for (const it of items) {
  const exp = it.expect[0]!.split("|").filter((l) => r.kb.topicById.has(l));
  if (!exp.length) continue;
  n++;
  const m = idx.match(it.turns[0]!);
  const labels = m.candidates.map((c) => c.label);
  if (exp.includes(labels[0]!)) top1++;
  else misses.push(`${it.turns[0]} | exp ${exp} got ${labels.slice(0, 3)} | ${m.analysis.tokens.join(" ")}`);
  if (labels.slice(0, 3).some((l) => exp.includes(l))) top3++;
}
console.log(`top1 ${top1}/${n} = ${((100 * top1) / n).toFixed(1)}%  top3 ${((100 * top3) / n).toFixed(1)}%`);
if (process.argv[3]) console.log(misses.join("\n"));
