import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "yaml";
import { DEFAULT_KNOWLEDGE_DIR, resolvePackDir } from "../config.ts";
import { CROSS_VALIDATION, foldOf, withoutFold } from "../knowledge/examples.ts";
import { loadKnowledge } from "../knowledge/load.ts";
import { CALIBRATION_PATH } from "../knowledge/parse.ts";
import { loadLanguage } from "../lang/language.ts";
import { backgroundOf, buildEvidenceIndex, topicNearness } from "../matching/evidence.ts";
import {
  type FitReport,
  fitByFolds,
  fitKindNearness,
  fitSamples,
  type KindPoint,
  labelMatches,
  samplesFrom,
} from "../matching/fit.ts";
import { buildLexicon } from "../matching/lexicon.ts";
import { scoreEvidence } from "../matching/rank.ts";
import type { CliIo } from "./bootstrap.ts";
import { commandArgs } from "./bootstrap.ts";
import { readLabelledSet } from "./eval.ts";

/** Off-topic dev messages weigh this much of the answerable ones when the threshold is chosen. */
const DEV_OFF_TOPIC_SHARE = 0.5;
const CV_FOLDS = 5;
/** Kinds the guards decide that the fit also reads by meaning. */
const BY_MEANING = ["urgent", "handoff"] as const;

const USAGE = "usage: cli fit [PACK] [--dev FILE] [--dry-run]";
const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)}%` : "n/a");

/**
 * `cli fit [PACK]`: fits the pack's calibration (ranker, acceptor, thresholds) on its dev set (PACK/dev.jsonl,
 * first turns; "fallback" marks off-topic) or, without one, by folds over its phrasings, prints an honest
 * cross-validated estimate, and writes PACK/calibration.yaml, which the engine loads.
 */
export async function runFit(argv: string[], io: CliIo): Promise<number> {
  const args = commandArgs(argv, { usage: USAGE, valued: ["dev"], switches: ["dry-run"] }, io);
  if (typeof args === "number") return args;
  const { flags, positional } = args;
  if (positional.length > 1) {
    io.err(USAGE);
    return 2;
  }
  const dir = resolvePackDir(positional[0] ?? (process.env.KNOWLEDGE_DIR || DEFAULT_KNOWLEDGE_DIR));
  const loaded = loadKnowledge(dir);
  if (!loaded.ok) {
    io.err(`fit: the pack in ${dir} has errors; run cli validate first:`);
    for (const i of loaded.issues.filter((x) => x.severity === "error").slice(0, 10))
      io.err(`${i.file}:${i.line}:${i.column}: ${i.message}`);
    return 1;
  }
  const kb = loaded.kb;
  const language = loadLanguage(kb.pack.language);
  const background = backgroundOf(kb, language);
  const devFlag = flags.get("dev");
  const devPath = typeof devFlag === "string" ? devFlag : join(dir, "dev.jsonl");
  let report: FitReport;
  if (existsSync(devPath)) {
    const read = readLabelledSet(devPath);
    for (const p of read.problems) io.err(p);
    if (read.problems.length) return 1;
    const messages = read.items.map((item) => ({ text: item.turns[0]!, expect: item.expect[0]!.split("|") }));
    // Each message's evidence comes from an index built without its fold of the pack's examples, so the
    // calibration learns how far to trust matching on wording it has not seen.
    const points = new Map(BY_MEANING.map((kind) => [kind, [] as KindPoint[]]));
    const samples = Array.from({ length: CROSS_VALIDATION.folds }, (_, k) => {
      const foldKb = withoutFold(kb, k);
      const index = buildEvidenceIndex(
        foldKb,
        buildLexicon(foldKb, language),
        backgroundOf(foldKb, language),
      );
      const fold = messages.filter((m) => foldOf(m.text) === k);
      for (const m of fold) {
        const analysis = index.analyze(m.text);
        const topic = topicNearness(index.gather(analysis));
        for (const kind of BY_MEANING)
          points.get(kind)!.push({
            nearness: index.kindNearness(analysis, kind),
            topic,
            member: m.expect.includes(kind),
          });
      }
      return samplesFrom(index, fold);
    }).flat();
    const source = `fitted on ${devPath} (${samples.length} first turns)`;
    // Honest figure first: each fold scored by a calibration fitted without it.
    let answerable = 0;
    let right = 0;
    let offTopic = 0;
    let declined = 0;
    for (let k = 0; k < CV_FOLDS; k++) {
      const fold = fitSamples(
        samples.filter((_, i) => i % CV_FOLDS !== k),
        "cv",
        { offTopicShare: DEV_OFF_TOPIC_SHARE },
      ).calibration;
      samples.forEach((s, i) => {
        if (i % CV_FOLDS !== k) return;
        const top = scoreEvidence(s.evidence, fold)[0];
        const answered = !!top && top.confidence >= fold.thresholds.answer;
        if (s.expect) {
          answerable++;
          if (answered && labelMatches(top!.label, s.expect)) right++;
        } else {
          offTopic++;
          if (!answered) declined++;
        }
      });
    }
    io.out(
      `${CV_FOLDS}-fold cross-validation on the dev set: answerable right ${pct(right, answerable)} (${right}/${answerable}), off-topic declined ${pct(declined, offTopic)} (${declined}/${offTopic})`,
    );
    report = fitSamples(samples, source, { offTopicShare: DEV_OFF_TOPIC_SHARE });
    for (const kind of BY_MEANING) {
      const list = points.get(kind)!;
      const fitted = fitKindNearness(list);
      if (!fitted) {
        io.out(`${kind} by meaning: off (no setting catches a ${kind} dev message without false alarms)`);
        continue;
      }
      report.calibration[kind] = fitted;
      const fires = (p: KindPoint) => p.nearness >= fitted.nearness && p.nearness - p.topic >= fitted.lead;
      const members = list.filter((p) => p.member);
      io.out(
        `${kind} by meaning: nearness ≥ ${fitted.nearness}, lead ≥ ${fitted.lead}: alone it catches ${members.filter(fires).length} of ${members.length} ${kind} dev messages, with ${list.filter((p) => !p.member && fires(p)).length} false alarms in ${list.length - members.length} others (out of fold)`,
      );
    }
  } else {
    io.out(`no dev set at ${devPath}: fitting by folds over the pack's own phrasings`);
    report = fitByFolds(kb, language, background, { source: `fitted by folds over the phrasings of ${dir}` });
  }
  const { calibration, training } = report;
  io.out(
    `fitted: answer threshold ${calibration.thresholds.answer}, clarify ${calibration.thresholds.clarify}; ` +
      `on the fitting samples: right ${pct(training.right, training.answerable)}, ranked first ${pct(training.top1, training.answerable)}, off-topic declined ${pct(training.declined, training.offTopic)}`,
  );
  if (flags.has("dry-run")) return 0;
  const path = join(dir, CALIBRATION_PATH);
  const header =
    "# Written by `npm run --silent cli -- fit`: how this pack turns matching evidence into a confidence.\n" +
    "# Refit after changing phrasings or the dev set; do not edit by hand.\n";
  writeFileSync(path, header + stringify(calibration, { lineWidth: 0 }));
  io.out(`wrote ${path}`);
  return 0;
}
