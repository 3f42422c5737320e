import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Document, isPair, isScalar, isSeq, visit } from "yaml";
import { DEFAULT_KNOWLEDGE_DIR, resolvePackDir } from "../config.ts";
import { createEngine } from "../dialog/engine.ts";
import {
  FOLLOW_UP_EASINGS,
  fitConversationSetting,
  fitFollowUps,
  NEXT_TOPIC_WEIGHTS,
} from "../dialog/follow-up-fit.ts";
import { STAY_MARGIN, totalsOf } from "../dialog/guards/follow-up.ts";
import type { Thresholds } from "../dialog/guards/guard.ts";
import { createTriage } from "../dialog/triage.ts";
import type { LabelledConversation } from "../knowledge/examples.ts";
import { CROSS_VALIDATION, foldOf, withoutFold } from "../knowledge/examples.ts";
import { loadKnowledge } from "../knowledge/load.ts";
import { CALIBRATION_PATH } from "../knowledge/parse.ts";
import type { KnowledgeBase, PackCalibration } from "../knowledge/types.ts";
import { loadLanguage } from "../lang/language.ts";
import type { Analysis } from "../matching/analyze.ts";
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
import type { LinearModel } from "../matching/linear-model.ts";
import { scoreEvidence } from "../matching/rank.ts";
import type { CliIo } from "./bootstrap.ts";
import { commandArgs } from "./bootstrap.ts";
import { readLabelledSet } from "./eval.ts";

/** Off-topic dev messages weigh this much of the answerable ones when the threshold is chosen. */
const DEV_OFF_TOPIC_SHARE = 0.5;
const CV_FOLDS = 5;
/** Kinds the guards decide that the fit also reads by meaning. */
const BY_MEANING = ["urgent", "handoff"] as const;

const USAGE = "usage: cli fit [PACK] [--dev FILE] [--dry-run] [--follow-ups-only]";
const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)}%` : "n/a");

/**
 * `cli fit [PACK]`: fits the pack's calibration (ranker, acceptor, thresholds) on its dev set (PACK/dev.jsonl,
 * first turns; "fallback" marks off-topic) or, without one, by folds over its phrasings, prints an honest
 * cross-validated estimate, and writes PACK/calibration.yaml, which the engine loads.
 */
export async function runFit(argv: string[], io: CliIo): Promise<number> {
  const args = commandArgs(
    argv,
    { usage: USAGE, valued: ["dev"], switches: ["dry-run", "follow-ups-only"] },
    io,
  );
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
    if (flags.has("follow-ups-only")) {
      // New conversations in the dev set, the calibration kept: only the follow-up table is refitted.
      if (!kb.calibration) {
        io.err(`fit: --follow-ups-only needs a fitted ${join(dir, CALIBRATION_PATH)}; run cli fit first`);
        return 1;
      }
      const calibration = fitConversations(kb.calibration, kb, read.items, io);
      if (!flags.has("dry-run")) writeCalibration(dir, calibration, io);
      return 0;
    }
    const messages = read.items.map((item) => ({ text: item.turns[0]!, expect: item.expect[0]!.split("|") }));
    // Each message's evidence comes from an index built without its fold of the pack's examples, so the
    // calibration learns how far to trust matching on wording it has not seen.
    const points = new Map(BY_MEANING.map((kind) => [kind, [] as KindPoint[]]));
    const samples = Array.from({ length: CROSS_VALIDATION.folds }, (_, k) => {
      const foldKb = withoutFold(kb, k);
      const lexicon = buildLexicon(foldKb, language);
      const index = buildEvidenceIndex(foldKb, lexicon, backgroundOf(foldKb, language));
      const triage = createTriage(
        kb.conversation.urgent,
        language,
        lexicon.subjectTokens,
        language.vectors(),
        { areas: kb.vocabulary.areas, frequencies: lexicon.frequencies },
      );
      const fold = messages.filter((m) => foldOf(m.text) === k);
      for (const m of fold) {
        const analysis = index.analyze(m.text);
        const topic = topicNearness(index.gather(analysis));
        const read = triage(analysis);
        for (const kind of BY_MEANING)
          points.get(kind)!.push({
            nearness: index.kindNearness(analysis, kind),
            topic,
            member: m.expect.includes(kind),
            ...(kind === "urgent" ? { decided: read.level === "urgent" || !read.ownReport } : {}),
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
      const open = list.filter((p) => !p.decided);
      const members = open.filter((p) => p.member);
      const left = open.length < list.length ? ` the patterns leave open` : "";
      io.out(
        `${kind} by meaning: nearness ≥ ${fitted.nearness}, lead ≥ ${fitted.lead}: of the ${members.length} ${kind} dev messages${left}, it catches ${members.filter(fires).length}, with ${open.filter((p) => !p.member && fires(p)).length} false alarms in ${open.length - members.length} others (out of fold)`,
      );
    }
    const fitted = report.calibration;
    const model = (m: LinearModel) => ({ ...m, features: [...m.features], weights: [...m.weights] });
    // Last: what the conversations did after each topic, read by engines with the calibration just fitted.
    report.calibration = fitConversations(
      { ...fitted, ranker: model(fitted.ranker), acceptor: model(fitted.acceptor) },
      kb,
      read.items,
      io,
    );
  } else {
    io.out(`no dev set at ${devPath}: fitting by folds over the pack's own phrasings`);
    report = fitByFolds(kb, language, background, { source: `fitted by folds over the phrasings of ${dir}` });
  }
  const { calibration, training } = report;
  io.out(
    `fitted: answer threshold ${calibration.thresholds.answer}, clarify ${calibration.thresholds.clarify}; ` +
      `on the fitting samples: right ${pct(training.right, training.answerable)}, ranked first ${pct(training.top1, training.answerable)}, off-topic declined ${pct(training.declined, training.offTopic)}`,
  );
  if (!flags.has("dry-run")) writeCalibration(dir, calibration, io);
  return 0;
}

/** calibration.yaml's keys in the order a reader meets them; the follow-up counts one line each. */
const CALIBRATION_ORDER = ["ranker", "acceptor", "thresholds", "source", "urgent", "handoff", "followUps"];

function writeCalibration(dir: string, calibration: object, io: CliIo): void {
  const path = join(dir, CALIBRATION_PATH);
  const header =
    "# Written by `npm run --silent cli -- fit`: how this pack turns matching evidence into a confidence.\n" +
    "# Refit after changing phrasings or the dev set; do not edit by hand.\n";
  const entries = Object.entries(calibration);
  const rank = (key: string) => CALIBRATION_ORDER.indexOf(key) >>> 0;
  const doc = new Document(Object.fromEntries(entries.sort(([a], [b]) => rank(a) - rank(b))));
  // Per-fold counts on one line each: the stays, the moves and every third topic's.
  const counts = new Set(["stays", "moves"]);
  visit(doc, {
    Pair(_, pair, path) {
      const owner = path[path.length - 2];
      const third = isPair(owner) && isScalar(owner.key) && owner.key.value === "elsewhere";
      if (isScalar(pair.key) && isSeq(pair.value) && (third || counts.has(String(pair.key.value))))
        pair.value.flow = true;
    },
  });
  writeFileSync(path, header + doc.toString({ lineWidth: 0 }));
  io.out(`wrote ${path}`);
}

/** The follow-up easing and table: what the dev set's conversations did, read by engines with `calibration`. */
function fitConversations(
  calibration: PackCalibration,
  kb: KnowledgeBase,
  items: readonly LabelledConversation[],
  io: CliIo,
): PackCalibration {
  // Texts the fold engines share are analysed once for all of them.
  const analyses = new Map<string, Analysis>();
  const fitted = (
    name: string,
    values: readonly number[],
    thresholds: (value: number) => Partial<Thresholds>,
  ) => {
    const result = fitConversationSetting(
      { ...kb, calibration },
      items,
      (foldKb) => {
        const { index } = createEngine(foldKb, { analyses });
        return (value) => createEngine(foldKb, { analyses, index, thresholds: thresholds(value) });
      },
      CROSS_VALIDATION.folds,
      values,
    );
    io.out(
      result.value === undefined
        ? `${name}: the dev set has no conversations, so the engine's default stands`
        : `${name}: ${result.value} (later turns right, out of fold, of ${result.turns}: ${result.tried.map((t) => `${t.value} → ${t.right}`).join(", ")})`,
    );
    return result.value;
  };
  const easing = fitted("follow-up easing", FOLLOW_UP_EASINGS, (followUpEasing) => ({ followUpEasing }));
  const weight = fitted("next-topic weight", NEXT_TOPIC_WEIGHTS, (nextTopicWeight) => ({
    ...(easing === undefined ? {} : { followUpEasing: easing }),
    nextTopicWeight,
  }));
  const { followUpEasing: _, nextTopicWeight: __, ...thresholds } = calibration.thresholds;
  const withEasing = {
    ...calibration,
    thresholds: {
      ...thresholds,
      ...(easing === undefined ? {} : { followUpEasing: easing }),
      ...(weight === undefined ? {} : { nextTopicWeight: weight }),
    },
  };
  const followUps = fitFollowUps(
    { ...kb, calibration: withEasing },
    items,
    (foldKb) => createEngine(foldKb, { analyses }),
    CROSS_VALIDATION.folds,
  );
  const total = (key: "stays" | "moves") => followUps.reduce((sum, c) => sum + totalsOf(c)[key], 0);
  io.out(
    `follow-ups read alone as another topic: ${followUps.length} (last topic, topic read alone) pairs seen at least ${STAY_MARGIN} times (${total("stays")} stayed with the last topic, ${total("moves")} moved)`,
  );
  return { ...withEasing, followUps };
}
