import { extractQuantities, formatQuantity, type Quantity, rangesAgree } from "./quantities.ts";
import type { TopicFile } from "./schema.ts";
import type { KnowledgeIssue } from "./types.ts";
import type { YamlFile, YamlPath } from "./yaml-file.ts";

/** A figure one source gives in a topic, and where it is written. */
interface Figure {
  source: string;
  quantity: Quantity;
  path: YamlPath;
}

/** Figures each source states in a topic: from its quotes, its conflict positions, and claims it alone supports. */
function collectFigures(topic: TopicFile): Figure[] {
  const figures: Figure[] = [];
  const add = (source: string, text: string, path: YamlPath) => {
    for (const quantity of extractQuantities(text)) figures.push({ source, quantity, path });
  };
  (topic.claims ?? []).forEach((claim, c) => {
    const support = claim.support ?? [];
    support.forEach((item, s) => {
      add(item.source, item.quote, ["claims", c, "support", s, "quote"]);
    });
    // A statement speaks for its sources only when there is exactly one of them.
    const sources = new Set(support.map((item) => item.source));
    const [only] = sources;
    if (sources.size === 1 && only !== undefined) add(only, claim.statement, ["claims", c, "statement"]);
  });
  (topic.conflicts ?? []).forEach((conflict, c) => {
    conflict.positions.forEach((position, p) => {
      add(position.source, position.quote, ["conflicts", c, "positions", p, "quote"]);
      add(position.source, position.claim, ["conflicts", c, "positions", p, "claim"]);
    });
  });
  return figures;
}

/** Pairs of sources a topic already reconciles: "a|b" for every two sources named in one conflict or agreement. */
function recordedPairs(topic: TopicFile): Set<string> {
  const pairs = new Set<string>();
  const record = (sources: string[]) => {
    for (const a of sources) for (const b of sources) if (a !== b) pairs.add(`${a}|${b}`);
  };
  for (const conflict of topic.conflicts ?? []) record(conflict.positions.map((position) => position.source));
  for (const agreement of topic.agreements ?? []) record(agreement.sources);
  return pairs;
}

/**
 * Warns where two sources give figures of the same kind (days, minutes, sessions) in one topic that
 * cannot describe the same thing, and the topic records neither a conflict nor an agreement naming
 * both. Conservative: a pair is flagged only when none of one source's figures of that kind agrees
 * with any of the other's, within 10%.
 */
export function lintConflicts(topic: TopicFile, file: YamlFile): KnowledgeIssue[] {
  const figures = collectFigures(topic);
  const recorded = recordedPairs(topic);
  const sources = [...new Set(figures.map((figure) => figure.source))];
  const issues: KnowledgeIssue[] = [];
  for (const [i, a] of sources.entries()) {
    for (const b of sources.slice(i + 1)) {
      if (recorded.has(`${a}|${b}`)) continue;
      for (const dimension of ["days", "minutes", "sessions"] as const) {
        const ofA = figures.filter(
          (figure) => figure.source === a && figure.quantity.dimension === dimension,
        );
        const ofB = figures.filter(
          (figure) => figure.source === b && figure.quantity.dimension === dimension,
        );
        if (ofA.length === 0 || ofB.length === 0) continue;
        const agree = ofA.some((x) => ofB.some((y) => rangesAgree(x.quantity, y.quantity)));
        if (agree) continue;
        const at = ofB[0]!;
        issues.push(
          file.issue(
            "unrecorded-disagreement",
            at.path,
            `sources '${a}' and '${b}' give different figures in topic '${topic.id}': ${a} says ${listFigures(ofA)}; ` +
              `${b} says ${listFigures(ofB)}. Record a conflicts entry with both positions, or an agreements entry ` +
              "naming both if they describe the same thing",
            "warning",
          ),
        );
      }
    }
  }
  return issues;
}

/** One entry per distinct span: "30 and 45 days" and "30 to 45 days" are the same figure. */
function listFigures(figures: Figure[]): string {
  const bySpan = new Map<string, Figure>();
  for (const figure of figures) {
    const span = `${figure.quantity.min}-${figure.quantity.max}`;
    if (!bySpan.has(span)) bySpan.set(span, figure);
  }
  return [...bySpan.values()].map((figure) => formatQuantity(figure.quantity)).join(", ");
}
