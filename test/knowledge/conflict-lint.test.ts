import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { readArticles, readKnowledgeFiles } from "../../src/knowledge/load.ts";
import { parseKnowledge } from "../../src/knowledge/parse.ts";
import type { KnowledgeIssue, LoadResult } from "../../src/knowledge/types.ts";
import { ARTICLES, conflictsYaml, issuesOf, lineOf, parse, SOURCES_YAML, withFile } from "./helpers.ts";

// A third, made-up article that disagrees with the others: results last two years.
const FOREVER_SOURCES = `${SOURCES_YAML}  - id: forever
    title: Microneedling Lasts Forever
    file: forever.txt
`;
const FOREVER_ARTICLE = "Microneedling Lasts Forever\n\nOne session and your results will last two years.\n";
const ARTICLES_PLUS = new Map([...ARTICLES, ["forever.txt", FOREVER_ARTICLE]]);

function durationTopic(extra: { claims?: string; conflicts?: string; agreements?: string }): string {
  return `id: results-duration
question: How long do the results last?
phrasings: [how long do results last, are results permanent, does it last, how long does it last, results last how long, is it permanent, do results fade, how long will it last, when do results wear off, permanent results]
answer: Results fade over time.
short: Results fade over time.
claims:
  - statement: Results last 30 to 45 days.
    support:
      - source: lasts
        quote: "results to last between 30 and 45 days"
${extra.claims ?? ""}${extra.conflicts ?? ""}${extra.agreements ?? ""}`;
}

const TWO_YEARS = `  - statement: Results last two years.
    support:
      - source: forever
        quote: "your results will last two years"
`;

function lint(topic: string): LoadResult {
  const files = withFile("sources.yaml", FOREVER_SOURCES, withFile("topics/results-duration.yaml", topic));
  return parse(files, { articles: ARTICLES_PLUS });
}

function disagreements(result: LoadResult): KnowledgeIssue[] {
  return issuesOf(result).filter((issue) => issue.code === "unrecorded-disagreement");
}

describe("the conflict lint", () => {
  it("warns about a planted article whose results last two years, at its claim, naming both figures", () => {
    // 30–45 days and 730 days cannot both be how long the same results last, and the topic records
    // neither a conflict nor an agreement between 'lasts' and 'forever': a reader would get two
    // contradictory figures with no warning, so the validator must ask for a conflicts entry.
    const topic = durationTopic({ claims: TWO_YEARS });
    const result = lint(topic);
    expect(result.ok).toBe(true);
    const [warning, ...rest] = disagreements(result);
    expect(rest).toEqual([]);
    expect(warning).toMatchObject({
      severity: "warning",
      file: "topics/results-duration.yaml",
      line: lineOf(topic, "your results will last two years"),
    });
    expect(warning!.message).toBe(
      "sources 'lasts' and 'forever' give different figures in topic 'results-duration': " +
        'lasts says "30 and 45 days" (30–45 days); forever says "two years" (730 days). ' +
        "Record a conflicts entry with both positions, or an agreements entry naming both if they describe the same thing",
    );
  });

  it("is silenced by a conflicts entry naming both sources", () => {
    const conflicts = conflictsYaml("How long results last", [
      { source: "lasts", claim: "30 to 45 days.", quote: "between 30 and 45 days" },
      { source: "forever", claim: "Two years.", quote: "last two years" },
    ]);
    expect(disagreements(lint(durationTopic({ claims: TWO_YEARS, conflicts })))).toEqual([]);
  });

  it("is not silenced by a conflict that names only one of the two", () => {
    const conflicts = conflictsYaml("Something else", [
      { source: "lasts", claim: "30 to 45 days.", quote: "between 30 and 45 days" },
      { source: "how-soon", claim: "Four to six weeks.", quote: "four to six weeks apart" },
    ]);
    // lasts and how-soon are reconciled; forever is not, against either of them.
    const found = disagreements(lint(durationTopic({ claims: TWO_YEARS, conflicts })));
    expect(found.map((issue) => issue.message.slice(0, 35))).toEqual([
      "sources 'lasts' and 'forever' give ",
      "sources 'forever' and 'how-soon' gi",
    ]);
  });

  it("stays quiet when '4-6 weeks' meets 'four to six weeks', and when 'every 45 days' meets '6 weeks'", () => {
    // Same span written two ways; and 45 days is within 10% of 42 days (6 weeks): no real disagreement.
    const sources = SOURCES_YAML.replace(
      "file: lasts.txt",
      "file: lasts.txt\n  - id: weeks\n    title: Weeks\n    file: weeks.txt",
    );
    const articles = new Map([
      ...ARTICLES,
      ["weeks.txt", "Weeks\n\nWait 4-6 weeks between sessions. Leave 6 weeks.\n"],
    ]);
    const topic = `id: session-interval
question: How far apart should sessions be?
phrasings: [a1, a2, a3, a4, a5, a6, a7, a8, a9, a10]
answer: Four to six weeks.
short: Four to six weeks.
claims:
  - statement: Four to six weeks apart.
    support:
      - source: how-soon
        quote: "four to six weeks apart"
      - source: weeks
        quote: "Wait 4-6 weeks between sessions"
  - statement: About six weeks.
    support:
      - source: lasts
        quote: "approximately every 45 days"
      - source: weeks
        quote: "Leave 6 weeks"
`;
    const result = parse(withFile("sources.yaml", sources, withFile("topics/session-interval.yaml", topic)), {
      articles,
    });
    expect(issuesOf(result)).toEqual([]);
  });

  it("never compares figures of different kinds, or a source with itself", () => {
    const topic = durationTopic({
      claims: `  - statement: Sessions take 30 minutes and three sessions are usual; results can show in a week.
    support:
      - source: how-soon
        quote: "as soon as one week after treatment"
      - source: lasts
        quote: "approximately every 45 days"
`,
    });
    // lasts gives 30–45 days and 45 days, how-soon 7 days: only that pair is a real disagreement.
    const found = disagreements(lint(topic));
    expect(found.map((issue) => issue.message.slice(0, 40))).toEqual([
      "sources 'lasts' and 'how-soon' give diff",
    ]);
  });
});

const SHIPPED_DURATION = "knowledge/microneedling/topics/results-duration.yaml";

describe("the conflict lint on the shipped knowledge base", () => {
  it.skipIf(!existsSync(SHIPPED_DURATION))("finds a planted two-year claim in results-duration", () => {
    const files = readKnowledgeFiles("knowledge/microneedling");
    const articles = new Map([...readArticles("../shared/sources"), ["forever.txt", FOREVER_ARTICLE]]);
    const sources = files.find((file) => file.path === "sources.yaml")!;
    const planted = files.map((file) => {
      if (file.path === "sources.yaml") {
        return {
          ...file,
          text: `${sources.text.trimEnd()}\n  - id: forever\n    title: Microneedling Lasts Forever\n    file: forever.txt\n`,
        };
      }
      if (file.path !== "topics/results-duration.yaml") return file;
      const text = readFileSync(SHIPPED_DURATION, "utf8").replace(/^claims:\n/m, `claims:\n${TWO_YEARS}`);
      return { ...file, text };
    });
    const found = disagreements(parseKnowledge(planted, { articles }));
    expect(found.length).toBeGreaterThan(0);
    expect(
      found.every(
        (issue) => issue.file === "topics/results-duration.yaml" && issue.message.includes("forever"),
      ),
    ).toBe(true);
  });
});

describe("the conflict lint on the shipped results-duration topic", () => {
  it.skipIf(!existsSync(SHIPPED_DURATION))(
    "asks for the records that the topic does keep, once they are removed",
    () => {
      // The articles truly disagree on how long results last: 'lasts' says 30 to 45 days, 'effects'
      // four to six weeks, 'results-last' several months to a year. The topic records that conflict;
      // without it, a reader would get incompatible figures, so the lint must warn.
      const files = readKnowledgeFiles("knowledge/microneedling").map((file) => {
        if (file.path !== "topics/results-duration.yaml") return file;
        const doc = parseDocument(file.text);
        doc.delete("conflicts");
        doc.delete("agreements");
        return { ...file, text: doc.toString() };
      });
      const found = disagreements(parseKnowledge(files, { articles: readArticles("../shared/sources") }));
      expect(found.length).toBeGreaterThan(0);
      expect(found.every((issue) => issue.file === "topics/results-duration.yaml")).toBe(true);
      expect(found.some((issue) => issue.message.includes("several months to a year"))).toBe(true);
    },
  );
});
