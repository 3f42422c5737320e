import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningServer } from "../../src/server/start.ts";
import { focusedInWidget, launchBrowser, startRealServer, widget } from "./helpers.ts";

const feedbackLines = (file: string) =>
  existsSync(file)
    ? readFileSync(file, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>)
    : [];

describe("thumbs up and down in the widget, in Chromium", () => {
  let browser: Browser;
  let server: RunningServer;
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[];
  const dir = mkdtempSync(join(tmpdir(), "faqbot-e2e-feedback-"));
  const feedbackLog = join(dir, "feedback.jsonl");

  beforeAll(async () => {
    // One after the other: if the server fails to start, afterAll still closes the browser.
    browser = await launchBrowser();
    server = await startRealServer(0, {
      FEEDBACK_LOG: feedbackLog,
      UNANSWERED_LOG: join(dir, "unanswered.jsonl"),
    });
  });
  afterAll(async () => {
    await Promise.all([browser?.close(), server?.close()]);
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    pageErrors = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await page.goto(server.url);
    await widget(page).launcher.click();
  });
  afterEach(async () => {
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  async function ask(text: string): Promise<void> {
    const w = widget(page);
    const before = await w.botMessages.count();
    await w.input.fill(text);
    await w.input.press("Enter");
    await expect.poll(() => w.botMessages.count()).toBe(before + 1);
  }

  it("records a thumbs down from the keyboard, thanks the visitor once, and keeps that after a reload", async () => {
    const w = widget(page);
    await ask("does it hurt?");
    expect(await w.lastBot.getAttribute("data-kind")).toBe("answer");
    const group = w.lastBot.getByRole("group", { name: "Was this answer helpful?" });
    const up = group.getByRole("button", { name: "Helpful", exact: true });
    const down = group.getByRole("button", { name: "Not helpful" });
    expect(await up.isVisible()).toBe(true);
    expect(await down.isVisible()).toBe(true);

    // Keyboard: Tab from the helpful button reaches the unhelpful one; Enter votes.
    await up.focus();
    await page.keyboard.press("Tab");
    expect(await focusedInWidget(page)).toBe("vote");
    expect(await down.evaluate((b) => b === (b.getRootNode() as ShadowRoot).activeElement)).toBe(true);
    await page.keyboard.press("Enter");

    await group.getByText("Thanks for the feedback").waitFor();
    expect(await group.getByRole("button").count()).toBe(0);
    await expect.poll(() => feedbackLines(feedbackLog).length).toBe(1);
    expect(feedbackLines(feedbackLog)[0]).toMatchObject({
      channel: "web",
      topic: "pain",
      helpful: false,
      confidence: expect.any(Number),
    });
    expect(Object.keys(feedbackLines(feedbackLog)[0]!).sort()).toEqual(
      ["channel", "confidence", "helpful", "time", "topic"].sort(),
    );

    // One vote per answer: after a reload the answer shows the thanks, not the buttons.
    await page.reload();
    await w.lastBot.waitFor();
    const restored = w.lastBot.getByRole("group", { name: "Was this answer helpful?" });
    await restored.getByText("Thanks for the feedback").waitFor();
    expect(await restored.getByRole("button").count()).toBe(0);
    expect(feedbackLines(feedbackLog)).toHaveLength(1);
  });

  it("offers no vote on a fallback, and says so when a vote cannot be sent", async () => {
    const w = widget(page);
    await ask("what's the weather in France?");
    expect(await w.lastBot.getAttribute("data-kind")).toBe("fallback");
    expect(await w.lastBot.locator(".feedback").count()).toBe(0);

    await ask("how many sessions will I need?");
    expect(await w.lastBot.getAttribute("data-kind")).toBe("answer");
    await page.route("**/api/feedback", (route) => route.abort());
    await w.lastBot.getByRole("button", { name: "Helpful", exact: true }).click();
    await w.lastBot.getByText("Not sent. Please try again.").waitFor();
    expect(await w.lastBot.getByRole("button", { name: "Helpful", exact: true }).isEnabled()).toBe(true);
  });
});
