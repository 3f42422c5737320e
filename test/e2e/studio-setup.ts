import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Page } from "playwright-core";
import { expect } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
export const STUDIO_PASSWORD = "a long studio passphrase 42";

/** A scratch copy of the shipped pack and its articles, logs seeded, and the env that serves them. */
export function studioScratch(seed: { unanswered?: object[]; feedback?: object[]; daily?: object } = {}): {
  dir: string;
  pack: string;
  articles: string;
  env: Record<string, string>;
} {
  const dir = mkdtempSync(join(tmpdir(), "faqbot-studio-"));
  const pack = join(dir, "pack");
  const articles = join(dir, "articles");
  cpSync(join(ROOT, "knowledge/microneedling"), pack, { recursive: true });
  cpSync(resolve(ROOT, "../shared/sources"), articles, { recursive: true });
  const lines = (items: object[] = []) => items.map((item) => `${JSON.stringify(item)}\n`).join("");
  writeFileSync(join(dir, "unanswered.jsonl"), lines(seed.unanswered));
  writeFileSync(join(dir, "feedback.jsonl"), lines(seed.feedback));
  if (seed.daily) writeFileSync(join(dir, "daily.json"), JSON.stringify(seed.daily));
  return {
    dir,
    pack,
    articles,
    env: {
      KNOWLEDGE_DIR: pack,
      ARTICLES_DIR: articles,
      STUDIO_PASSWORD,
      STUDIO_DATA_DIR: join(dir, "studio"),
      UNANSWERED_LOG: join(dir, "unanswered.jsonl"),
      FEEDBACK_LOG: join(dir, "feedback.jsonl"),
      DAILY_COUNTS_FILE: join(dir, "daily.json"),
      RATE_LIMIT_PER_MINUTE: "0",
    },
  };
}

export const readPack = (pack: string, path: string) => readFileSync(join(pack, path), "utf8");

/** Signs in through the form, as a person would. */
export async function signIn(page: Page, base: string, password = STUDIO_PASSWORD): Promise<void> {
  await page.goto(`${base}/studio/`);
  await page.getByLabel("Your name").fill("Dana Reviewer");
  await page.getByLabel("Studio password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForLoadState("domcontentloaded");
}

/** Waits until `locator`'s text matches, naming what was awaited when it does not. */
export async function waitForText(read: () => Promise<string>, pattern: RegExp, what: string): Promise<void> {
  await expect
    .poll(read, { timeout: 20_000, message: `waiting for ${what} to match ${pattern}` })
    .toMatch(pattern);
}
