import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SHIPPED_PACK } from "../support/spec.ts";

const SOURCES = "../shared/sources";

/** `cli validate …` as a process, with only `env` beyond PATH. */
function cli(args: string[], env: Record<string, string> = {}): { status: number | null; stdout: string } {
  const run = spawnSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", "validate", ...args], {
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", ...env },
    timeout: 60_000,
  });
  if (run.error) throw run.error;
  return { status: run.status, stdout: run.stdout };
}

describe("validate verifies every quote, with or without --sources (CLI process)", () => {
  let pack: string;
  let painFile: string;
  let original: string;
  beforeEach(() => {
    pack = mkdtempSync(join(tmpdir(), "faq-validate-"));
    cpSync(SHIPPED_PACK, pack, { recursive: true });
    painFile = join(pack, "topics/pain.yaml");
    original = readFileSync(painFile, "utf8");
  }, 120_000);
  afterEach(() => rmSync(pack, { recursive: true, force: true }));

  const tamper = () =>
    writeFileSync(painFile, original.replace("only poke the outer layer", "only poke the deepest layer"));

  it("refuses a quote the article never says, checking the articles from ARTICLES_DIR", () => {
    tamper();
    const { status, stdout } = cli(["--dir", pack], { ARTICLES_DIR: SOURCES });
    expect(status).toBe(1);
    expect(stdout).toMatch(
      /pain\.yaml:\d+:\d+: error: quote not found in article 'effects': "they only poke the deepest layer/,
    );
  }, 120_000);

  it("refuses it from the verified-quote record where the articles cannot be read", () => {
    tamper();
    const { status, stdout } = cli(["--dir", pack], { ARTICLES_DIR: join(pack, "no-articles-here") });
    expect(status).toBe(1);
    expect(stdout).toMatch(
      /pain\.yaml:\d+:\d+: error: quote not verified: it is not in verified-quotes\.yaml for article 'effects'/,
    );
  }, 120_000);

  it("loads the untouched pack from its record alone", () => {
    const { status, stdout } = cli(["--dir", pack], { ARTICLES_DIR: join(pack, "no-articles-here") });
    expect(stdout).toMatch(/— 0 errors, 0 warnings$/m);
    expect(status).toBe(0);
  }, 120_000);

  it("rewrites the record from --sources once the quotes verify, and only then", () => {
    tamper();
    const record = join(pack, "verified-quotes.yaml");
    const before = readFileSync(record, "utf8");
    expect(cli(["--dir", pack, "--sources", SOURCES]).status).toBe(1);
    expect(readFileSync(record, "utf8")).toBe(before);

    // A true quote the record does not know yet: valid against the articles, refused without them until rewritten.
    writeFileSync(
      painFile,
      original.replace(
        "only poke the outer layer of the skin on your face",
        "only poke the outer layer of the skin",
      ),
    );
    const offline = { ARTICLES_DIR: join(pack, "no-articles-here") };
    expect(cli(["--dir", pack], offline).status).toBe(1);
    const warned = cli(["--dir", pack], { ARTICLES_DIR: SOURCES });
    expect(warned.stdout).toMatch(
      /verified-quotes\.yaml:1:1: warning: verified-quotes\.yaml does not match the pack/,
    );
    const written = cli(["--dir", pack, "--sources", SOURCES]);
    expect(written.stdout).toMatch(/verified-quotes\.yaml: verified quotes written/);
    expect(written.status).toBe(0);
    expect(cli(["--dir", pack], offline).status).toBe(0);
    expect(cli(["--dir", pack, "--sources", SOURCES]).stdout).toMatch(/verified quotes up to date/);
  }, 120_000);

  it("refuses a --sources folder that does not exist", () => {
    const { status } = cli(["--dir", pack, "--sources", join(pack, "nowhere")]);
    expect(status).toBe(1);
  }, 120_000);
});

describe("validate holds answers to their claims and refuses markup (CLI process)", () => {
  let pack: string;
  let painFile: string;
  let original: string;
  beforeEach(() => {
    pack = mkdtempSync(join(tmpdir(), "faq-lint-"));
    cpSync(SHIPPED_PACK, pack, { recursive: true });
    painFile = join(pack, "topics/pain.yaml");
    original = readFileSync(painFile, "utf8");
  });
  afterEach(() => rmSync(pack, { recursive: true, force: true }));

  const withAnswer = (extra: string) =>
    writeFileSync(painFile, original.replace("rather than painful.", `rather than painful. ${extra}`));

  it("passes the shipped pack with no warnings", () => {
    const { status, stdout } = cli(["--dir", pack], { ARTICLES_DIR: SOURCES });
    expect(stdout).toMatch(/— 0 errors, 0 warnings$/m);
    expect(status).toBe(0);
  }, 120_000);

  it("flags a figure no quote gives, and a sentence no claim backs", () => {
    withAnswer("Sessions last 2 hours.");
    const { status, stdout } = cli(["--dir", pack], { ARTICLES_DIR: SOURCES });
    expect(stdout).toMatch(
      /pain\.yaml:\d+:\d+: warning: answer says "2 hours", and no quote of this topic's claims gives that figure/,
    );
    expect(stdout).toMatch(/warning: answer sentence "Sessions last 2 hours\." does not trace to any claim/);
    expect(status).toBe(0);
  }, 120_000);

  it("traces a sentence to the claim whose answer_sentence names it, and flags one naming no sentence", () => {
    withAnswer("Sessions last a while.");
    const backed = original
      .replace("rather than painful.", "rather than painful. Sessions last a while.")
      .replace(
        "  - statement: The needles only reach the outer layer of the skin.\n",
        '  - statement: The needles only reach the outer layer of the skin.\n    answer_sentence: ["Sessions last a while.", "No such sentence."]\n',
      );
    writeFileSync(painFile, backed);
    const { stdout } = cli(["--dir", pack], { ARTICLES_DIR: SOURCES });
    expect(stdout).not.toMatch(/Sessions last a while\." does not trace/);
    expect(stdout).toMatch(
      /warning: answer_sentence "No such sentence\." is not a sentence of this topic's answer/,
    );
  }, 120_000);

  it.each([
    ["<script>alert(1)</script>", "an HTML tag"],
    ['<img src=x onerror="alert(1)">', "an HTML tag"],
    ["[see this](javascript:alert(1))", "a markdown link or image"],
    ["**Really** safe.", "markdown emphasis or code"],
  ])(
    "refuses markup in an answer: %s",
    (markup, what) => {
      withAnswer(markup);
      const { status, stdout } = cli(["--dir", pack], { ARTICLES_DIR: SOURCES });
      expect(stdout).toContain(`error: this text contains ${what}`);
      expect(status).toBe(1);
    },
    120_000,
  );
});
