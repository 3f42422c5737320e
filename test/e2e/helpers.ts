import { existsSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { type Browser, chromium, type Page } from "playwright-core";
import { loadConfig } from "../../src/config.ts";
import { type RunningServer, startServer } from "../../src/server/start.ts";

export const CHROMIUM = "/usr/bin/chromium";
export const ARTIFACTS = "test/artifacts";

/** Real headless Chromium; fails (never skips) when it is not installed. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is missing at ${CHROMIUM}: the browser tests need it. Install it with: apt-get install -y chromium (or npm run test:setup)`,
    );
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
}

/**
 * The real composition root (knowledge, engine, widget, channels) on `port` (0: any free port). Its
 * unanswered and feedback logs go to a temporary folder unless `env` says otherwise.
 */
export async function startRealServer(port = 0, env: Record<string, string> = {}): Promise<RunningServer> {
  const logs = mkdtempSync(join(tmpdir(), "faqbot-e2e-"));
  const config = loadConfig({
    NODE_ENV: "test",
    LOG_LEVEL: "silent",
    PORT: String(port),
    UNANSWERED_LOG: join(logs, "unanswered.jsonl"),
    FEEDBACK_LOG: join(logs, "feedback.jsonl"),
    ...env,
  });
  const result = await startServer(config, pino({ level: "silent" }));
  if (!result.ok) {
    const issues = result.issues.map((i) => `${i.file}:${i.line}:${i.column}: ${i.message}`).join("\n");
    throw new Error(`The knowledge base did not load:\n${issues}`);
  }
  return result.running;
}

/** Locators pierce the widget's open shadow root. */
export const widget = (page: Page) => ({
  launcher: page.locator(".launcher"),
  panel: page.locator(".panel"),
  input: page.locator(".input"),
  botMessages: page.locator(".msg.bot:not(.greeting):not(.typing)"),
  userMessages: page.locator(".msg.user"),
  lastBot: page.locator(".msg.bot:not(.greeting):not(.typing)").last(),
  politeRegion: page.locator('[aria-live="polite"]'),
});

/** The class of the element focused inside the widget's shadow root ("" when focus is elsewhere). */
export function focusedInWidget(page: Page): Promise<string> {
  return page.evaluate(() => {
    const active = document.querySelector("#faq-chat-widget")?.shadowRoot?.activeElement;
    return active?.getAttribute("class") ?? "";
  });
}

/** Tabs from the top of the page until the launcher has focus, as a keyboard user would. */
export async function tabToLauncher(page: Page): Promise<void> {
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press("Tab");
    if ((await focusedInWidget(page)) === "launcher") return;
  }
  throw new Error("The launcher never received focus by tabbing through the page");
}
