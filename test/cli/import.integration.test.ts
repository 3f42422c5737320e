import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";

const FIXTURES = "test/fixtures/import";
const work = mkdtempSync(join(tmpdir(), "import-test-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function cli(args: string[], options: { input?: string; env?: Record<string, string> } = {}) {
  const run = spawnSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], {
    encoding: "utf8",
    timeout: 90_000,
    input: options.input ?? "",
    env: { ...process.env, ...options.env },
  });
  if (run.error) throw new Error(`cli ${args.join(" ")} did not finish: ${run.error.message}`);
  return run;
}

let packs = 0;
/** Imports a fixture into a fresh folder; returns the folder and the run. */
function importFixture(name: string, ...extra: string[]) {
  const out = join(work, `pack-${++packs}`);
  return { out, run: cli(["import", join(FIXTURES, name), "--out", out, ...extra]) };
}

const topicFile = (out: string, id: string) => readFileSync(join(out, "topics", `${id}.yaml`), "utf8");
const topic = (out: string, id: string) => parse(topicFile(out, id)) as Record<string, unknown>;
const topicIds = (out: string) =>
  readdirSync(join(out, "topics"))
    .map((f) => f.replace(/\.yaml$/, ""))
    .sort();

/** Replays one conversation through the pack in `out`, as `cli replay` does for any channel. */
function ask(out: string, ...turns: string[]) {
  const run = cli(["replay"], {
    input: `${JSON.stringify({ id: "t", turns })}\n`,
    env: { KNOWLEDGE_DIR: out },
  });
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout.trim()).replies as Array<{ kind: string; topic: string | null }>;
}

/** Every `file:line:column: error:` position the run printed. */
const positions = (stderr: string) =>
  [...stderr.matchAll(/^(.+?):(\d+):(\d+): error: /gm)].map((m) => `${m[2]}:${m[3]}`);

describe("cli import: QnA Maker TSV", () => {
  it("makes a pack that loads and answers, one topic per QnaId with every question as a phrasing", () => {
    const { out, run } = importFixture("qna-export.tsv", "--name", "Help centre");
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain("3 topics from 6 questions");
    expect(topicIds(out)).toEqual([
      "how-do-i-reset-my-password",
      "i-did-not-get-the-reset-email",
      "what-are-your-opening-hours",
    ]);
    const reset = topic(out, "how-do-i-reset-my-password");
    expect(reset.question).toBe("How do I reset my password?");
    expect(reset.phrasings).toEqual(["I forgot my password", "cant log in, pasword wrong"]);
    expect(reset.answer).toBe(
      "Open Settings, choose Account, then Reset password.\nA link arrives by email within five minutes.",
    );
    // The multi-turn prompt becomes a related topic; source and metadata stay with the topic as notes.
    expect(reset.related).toEqual(["i-did-not-get-the-reset-email"]);
    const text = topicFile(out, "how-do-i-reset-my-password");
    expect(text).toContain("# source: https://help.example.com/account");
    expect(text).toContain("# metadata: category=account, audience=customers");
    expect(topic(out, "i-did-not-get-the-reset-email").answer).toBe(
      'Check your spam folder first; the sender is "no-reply".\tIf it is not there, ask for a new link.',
    );
    expect((parse(readFileSync(join(out, "pack.yaml"), "utf8")) as { name: string }).name).toBe(
      "Help centre",
    );

    const validate = cli(["validate", "--dir", out]);
    expect(validate.status, validate.stdout).toBe(0);
    expect(validate.stdout).toContain("— 0 errors");
    const [reply] = ask(out, "I forgot my password");
    expect(reply).toMatchObject({ kind: "answer", topic: "how-do-i-reset-my-password" });
  }, 120_000);

  it("groups rows by answer when the export has no QnaId column", () => {
    const { out, run } = importFixture("qna-minimal.tsv");
    expect(run.status, run.stderr).toBe(0);
    expect(topicIds(out)).toEqual(["can-i-return-an-item", "do-you-ship-abroad"]);
    expect(topic(out, "do-you-ship-abroad").phrasings).toEqual(["international shipping?"]);
    expect(topicFile(out, "can-i-return-an-item")).toContain("# metadata: topic=returns");
  }, 60_000);

  it("reports every bad row at its line and column and writes nothing", () => {
    const { out, run } = importFixture("qna-bad.tsv");
    expect(run.status).toBe(1);
    expect(positions(run.stderr)).toEqual(["2:29", "3:1", "5:19", "6:50", "7:51", "8:1"]);
    expect(run.stderr).toContain("the answer is empty");
    expect(run.stderr).toContain("the question is empty");
    expect(run.stderr).toContain("id '2' has a different answer on line 4");
    expect(run.stderr).toContain("9 fields but the header has 8");
    expect(run.stderr).toContain("Prompts is not a JSON list");
    expect(run.stderr).toContain("points at QnaId 9");
    expect(run.stderr).toContain("nothing was written");
    expect(existsSync(out)).toBe(false);
  }, 60_000);

  it("refuses a file whose header is not a QnA Maker export's", () => {
    const { run } = importFixture("qna-wrong-header.tsv");
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      /qna-wrong-header\.tsv:1:1: error: the first line should be the header Question/,
    );
  }, 60_000);
});

describe("cli import: CSV", () => {
  it("reads RFC 4180 quoting and a header, and joins rows that share an answer", () => {
    const { out, run } = importFixture("faq.csv");
    expect(run.status, run.stderr).toBe(0);
    expect(topicIds(out)).toEqual([
      "can-i-change-my-delivery-address",
      "do-you-deliver-on-saturdays-too",
      "how-much-is-a-standard-delivery",
    ]);
    expect(topic(out, "how-much-is-a-standard-delivery")).toMatchObject({
      question: "How much is a standard delivery?",
      phrasings: ["what does shipping cost"],
      answer: "Standard delivery is $4.90, free over $50.",
    });
    expect(topic(out, "do-you-deliver-on-saturdays-too").answer).toBe(
      "Yes: Saturday deliveries arrive before noon.\nSunday deliveries are not available.",
    );
    expect(topic(out, "can-i-change-my-delivery-address").answer).toBe(
      'Yes, until the parcel is "out for delivery".',
    );
  }, 60_000);

  it("takes a first row that names no column as a question", () => {
    const { out, run } = importFixture("faq-no-header.csv");
    expect(run.status, run.stderr).toBe(0);
    expect(topicIds(out)).toEqual(["do-you-price-match", "is-there-a-student-discount"]);
  }, 60_000);

  it("reports a wrong header at its cells", () => {
    const { out, run } = importFixture("faq-bad.csv");
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("faq-bad.csv:1:1: error: the header has no 'answer' column");
    expect(run.stderr).toContain("faq-bad.csv:1:10: error: unknown column 'Reply'");
    expect(existsSync(out)).toBe(false);
  }, 60_000);

  it("reports empty fields, extra fields, a question with two answers and an unclosed quote, all at once", () => {
    const { run } = importFixture("faq-bad-rows.csv");
    expect(run.status).toBe(1);
    expect(positions(run.stderr)).toEqual(["2:23", "3:1", "4:17", "6:1", "7:1"]);
    expect(run.stderr).toContain("this question is also on line 5 with another answer");
    expect(run.stderr).toContain("quoted field is never closed");
  }, 60_000);
});

describe("cli import: JSON entries", () => {
  it("writes the dev split as dev.jsonl and oos_train as off-topic.yaml, never the test split", () => {
    const { out, run } = importFixture("entries.json");
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('"Library help desk"');
    expect(topicIds(out)).toEqual(["lost-card", "opening-hours", "renew-loan"]);
    expect(topicFile(out, "renew-loan")).toContain("id 'Renew Loan' there");
    expect(topicFile(out, "renew-loan")).toContain("# category: loans");
    const dev = readFileSync(join(out, "dev.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(dev).toEqual([
      { id: "dev-1", turns: ["can I keep my book longer"], expect: ["renew-loan"] },
      { id: "dev-2", turns: ["what time do you close"], expect: ["opening-hours"] },
      { id: "dev-3", turns: ["do you sell coffee"], expect: ["fallback"] },
    ]);
    expect(parse(readFileSync(join(out, "off-topic.yaml"), "utf8"))).toEqual({
      examples: ["where can I park my bike", "do you have a printer"],
    });
    const everything = readdirSync(out, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => readFileSync(join(entry.parentPath, entry.name), "utf8"))
      .join("\n");
    expect(everything).not.toContain("zebra crossing quokka");
    expect(readFileSync(join(out, "README.md"), "utf8")).toContain("license: CC0");
    const [reply] = ask(out, "How do I renew a book?");
    expect(reply).toMatchObject({ kind: "answer", topic: "renew-loan" });
  }, 120_000);

  it("reports duplicate ids, empty answers and questions, a question of two entries, unknown fields and labels", () => {
    const { out, run } = importFixture("entries-bad.json");
    expect(run.status).toBe(1);
    expect(positions(run.stderr)).toEqual([
      "4:13",
      "4:28",
      "4:54",
      "5:51",
      "6:5",
      "6:42",
      "7:52",
      "9:38",
      "10:3",
    ]);
    expect(run.stderr).toContain("this question is also entries[0]'s (line 3)");
    expect(run.stderr).toContain("duplicate id 'a': also used at line 3");
    expect(run.stderr).toContain("entries[1].answer should be the answer's text, but it is empty text");
    expect(run.stderr).toContain("entries[2].questions should be a list of at least one question");
    expect(run.stderr).toContain("test[0].expect names 'zzz'");
    expect(existsSync(out)).toBe(false);
  }, 60_000);

  it("reports a field given twice, which a JSON reader would silently drop", () => {
    const { run } = importFixture("entries-duplicate-fields.json");
    expect(run.status).toBe(1);
    expect(positions(run.stderr)).toEqual(["2:44", "4:3"]);
    expect(run.stderr).toContain("field 'answer' is given twice (also at line 2)");
    expect(run.stderr).toContain("field 'entries' is given twice (also at line 2)");
  }, 60_000);

  it("points at a JSON syntax error", () => {
    const { run } = importFixture("entries-syntax.json");
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("entries-syntax.json:3:61: error: JSON syntax error");
  }, 60_000);
});

describe("cli import: the output folder and arguments", () => {
  it("refuses a non-empty folder unless --force, and then replaces only a pack", () => {
    const { out, run } = importFixture("faq-no-header.csv");
    expect(run.status, run.stderr).toBe(0);
    const again = cli(["import", join(FIXTURES, "faq.csv"), "--out", out]);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain("is not empty");
    expect(again.stderr).toContain("--force");
    expect(topicIds(out)).toEqual(["do-you-price-match", "is-there-a-student-discount"]);

    const forced = cli(["import", join(FIXTURES, "faq.csv"), "--out", out, "--force"]);
    expect(forced.status, forced.stderr).toBe(0);
    expect(topicIds(out)).toHaveLength(3);

    const other = join(work, "not-a-pack");
    mkdirSync(other);
    writeFileSync(join(other, "notes.txt"), "keep me");
    const refused = cli(["import", join(FIXTURES, "faq.csv"), "--out", other, "--force"]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("holds no pack.yaml");
    expect(readFileSync(join(other, "notes.txt"), "utf8")).toBe("keep me");
  }, 120_000);

  it("explains missing arguments, an unknown format and a missing file", () => {
    const noOut = cli(["import", join(FIXTURES, "faq.csv")]);
    expect(noOut.status).toBe(2);
    expect(noOut.stderr).toContain("--out DIR");
    const unknown = cli(["import", "faq.txt", "--out", join(work, "x")]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("add --format qna-tsv, csv, json");
    const file = join(work, "a-file");
    writeFileSync(file, "not a folder");
    const onFile = cli(["import", join(FIXTURES, "faq.csv"), "--out", file]);
    expect(onFile.status).toBe(1);
    expect(onFile.stderr).toContain("is a file, not a folder");
    const missing = cli(["import", join(work, "nope.csv"), "--out", join(work, "y")]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain("cannot read");
    expect(missing.stderr).toContain("ENOENT");
  }, 120_000);
});
