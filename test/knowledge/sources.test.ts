import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { KnowledgeFile } from "../../src/knowledge/parse.ts";
import { normalizeText, quoteOccursIn } from "../../src/knowledge/quote-match.ts";
import { buildQuoteRecord, QUOTE_RECORD_PATH } from "../../src/knowledge/quote-record.ts";
import {
  ARTICLES,
  baseFiles,
  conflictsYaml,
  INTERVAL_YAML,
  issuesOf,
  lineOf,
  ONSET_YAML,
  onlyIssue,
  parse,
  SOURCES_YAML,
  withConflicts,
  withFile,
} from "./helpers.ts";

const ONSET = "topics/results-onset.yaml";

function withQuote(quote: string): string {
  return ONSET_YAML.replace('"as soon as one week after treatment"', JSON.stringify(quote));
}

describe("quotes are checked against the articles", () => {
  it("accepts quotes that differ only in quote marks, dashes, spacing and case", () => {
    const text = INTERVAL_YAML.replace(
      '"schedule each session approximately every 45 days"',
      '"This treatment\'s primary purpose is to give you firm skin without pain, discomfort, or downtime."',
    );
    expect(issuesOf(parse(withFile("topics/session-interval.yaml", text), { articles: ARTICLES }))).toEqual(
      [],
    );
    expect(
      quoteOccursIn(
        "BOOK  your “microneedling” sessions four—to six",
        normalizeText('book your "microneedling" sessions four-to six'),
      ),
    ).toBe(true);
  });

  it("reports a quote that is not in its article at the quote's own line and column", () => {
    const text = withQuote("as soon as two weeks after treatment");
    const issue = onlyIssue(parse(withFile(ONSET, text), { articles: ARTICLES }), "quote-not-found");
    expect(issue).toMatchObject({
      severity: "error",
      file: ONSET,
      line: lineOf(text, "two weeks"),
      column: 16,
    });
    expect(issue.message).toBe(
      `quote not found in article 'how-soon': "as soon as two weeks after treatment". Copy the words exactly from the article (use '...' to skip words)`,
    );
  });

  it("reports a conflict position's quote that is not in its article", () => {
    const text = withConflicts(
      conflictsYaml("Spacing", [
        { source: "lasts", claim: "every 45 days", quote: "approximately every 45 days" },
        { source: "how-soon", claim: "four to six weeks", quote: "five to six weeks apart" },
      ]),
    );
    const issue = onlyIssue(
      parse(withFile("topics/session-interval.yaml", text), { articles: ARTICLES }),
      "quote-not-found",
    );
    expect(issue.line).toBe(lineOf(text, "five to six weeks apart"));
  });

  it("lets '...' and '…' skip words, but only in the article's order", () => {
    const inOrder = withQuote("You can book ... sessions four to six weeks apart … one week after treatment");
    expect(issuesOf(parse(withFile(ONSET, inOrder), { articles: ARTICLES }))).toEqual([]);
    const reversed = withQuote("one week after treatment ... You can book your microneedling sessions");
    expect(onlyIssue(parse(withFile(ONSET, reversed), { articles: ARTICLES }), "quote-not-found").line).toBe(
      lineOf(reversed, "one week after treatment ..."),
    );
  });

  it("reports a title that is not the article's first line, and an article file that is missing", () => {
    const sources = SOURCES_YAML.replace(
      "title: How Soon Will You See Results?",
      "title: How soon will you see results",
    ).replace("file: lasts.txt", "file: lost.txt");
    const result = parse(withFile("sources.yaml", sources), { articles: ARTICLES });
    const title = onlyIssue(result, "source-title-mismatch");
    expect(title.line).toBe(lineOf(sources, "title: How soon"));
    expect(title.column).toBe(12);
    expect(title.message).toBe(
      `title of source 'how-soon' is "How soon will you see results" but its article's first line is "How Soon Will You See Results?": copy the first line exactly`,
    );
    const missing = onlyIssue(result, "source-file-missing");
    expect(missing.line).toBe(lineOf(sources, "lost.txt"));
    expect(missing.message).toMatch(/article file 'lost.txt' of source 'lasts' is not in the sources folder/);
  });

  it("refuses every quote when neither the articles nor a verified-quote record is there", () => {
    const result = parse(baseFiles(), { articles: undefined, articlesDir: "/srv/articles" });
    expect(result.ok).toBe(false);
    const issue = onlyIssue(result, "quotes-unverified");
    expect(issue.file).toBe("sources.yaml");
    expect(issue.message).toMatch(
      /the articles folder '\/srv\/articles' cannot be read and the pack has no verified-quotes.yaml; run `npm run --silent cli -- validate --sources DIR`/,
    );
  });

  it("finds any passage of an article, however its typography is varied", () => {
    const article = ARTICLES.get("lasts.txt")!;
    const normalized = normalizeText(article);
    const words = article.split(/\s+/).filter(Boolean);
    fc.assert(
      fc.property(
        fc.nat(words.length - 1),
        fc.integer({ min: 1, max: 12 }),
        fc.boolean(),
        (start, length, shout) => {
          const passage = words
            .slice(start, start + length)
            .join("  ")
            .replace(/'/g, "’");
          expect(quoteOccursIn(shout ? passage.toUpperCase() : passage, normalized)).toBe(true);
        },
      ),
    );
  });

  it("normalises idempotently", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(normalizeText(normalizeText(text))).toBe(normalizeText(text));
      }),
    );
  });
});

describe("without the articles, quotes are checked against the pack's verified-quote record", () => {
  const verified = parse(baseFiles());
  if (!verified.ok) throw new Error("base files did not load");
  const record = buildQuoteRecord(verified.kb, ARTICLES);
  const withoutArticles = (files: KnowledgeFile[]) =>
    parse(withFile(QUOTE_RECORD_PATH, record, files), { articles: undefined });

  it("loads a pack whose every quote and title the record vouches for", () => {
    expect(issuesOf(withoutArticles(baseFiles()))).toEqual([]);
  });

  it("refuses a quote changed since the record was written, at the quote's line", () => {
    const text = withQuote("as soon as two days after treatment");
    const issue = onlyIssue(withoutArticles(withFile(ONSET, text)), "quote-unverified");
    expect([issue.file, issue.line]).toEqual([ONSET, lineOf(text, "two days")]);
    expect(issue.message).toMatch(
      /quote not verified: it is not in verified-quotes.yaml for article 'how-soon'/,
    );
  });

  it("refuses a source whose title changed since the record was written", () => {
    const sources = SOURCES_YAML.replace("How Soon Will You See Results?", "Results In Two Days");
    const result = withoutArticles(withFile("sources.yaml", sources));
    expect(onlyIssue(result, "source-unverified").message).toMatch(
      /source 'how-soon' has another title there/,
    );
  });

  it("refuses a quote whose recorded article hash is not the recorded article's", () => {
    const tampered = record.replace(
      /(quote: as soon as one week after treatment\n\s+sha256: )[0-9a-f]{64}/,
      `$1${"f".repeat(64)}`,
    );
    expect(tampered).not.toBe(record);
    const result = parse(withFile(QUOTE_RECORD_PATH, tampered), { articles: undefined });
    expect(onlyIssue(result, "quote-unverified").file).toBe(ONSET);
  });

  it("refuses a record that is not one, naming the field", () => {
    const result = parse(withFile(QUOTE_RECORD_PATH, "articles: []\nquotes: nope\n"), {
      articles: undefined,
    });
    expect(result.ok).toBe(false);
    expect(issuesOf(result).map((issue) => [issue.code, issue.file])).toEqual([
      ["wrong-type", QUOTE_RECORD_PATH],
    ]);
  });
});
