import { existsSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { type Browser, chromium, type Page } from "playwright-core";
import type { ChatContact } from "../../src/channels/web/chat-route.ts";
import { loadConfig } from "../../src/config.ts";
import type { Reply } from "../../src/reply.ts";
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
  /** What the visitor wrote, without the speaker label and time around it. */
  userTexts: page.locator(".msg.user .bubble"),
  lastBot: page.locator(".msg.bot:not(.greeting):not(.typing)").last(),
  /** The transcript: role=log, the widget's one (polite) live region. */
  log: page.locator('[role="log"]'),
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

export interface ApiChat {
  conversationId: string;
  reply: Reply;
  contact?: ChatContact;
}

/** One message through the real JSON API, as the widget sends it: what the widget must then show. */
export async function chatApi(baseUrl: string, text: string, conversationId?: string): Promise<ApiChat> {
  const res = await fetch(`${baseUrl}/api/chat`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ text, conversationId }),
  });
  if (res.status !== 200)
    throw new Error(`POST /api/chat "${text}" answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as ApiChat;
}

/**
 * The first of `candidates` the running engine answers with a reply of `kind` (asked in fresh
 * conversations), so a test does not depend on one wording staying ambiguous; throws listing each.
 */
export async function firstOfKind(baseUrl: string, kind: Reply["kind"], candidates: string[]) {
  const seen: string[] = [];
  for (const text of candidates) {
    const chat = await chatApi(baseUrl, text);
    if (chat.reply.kind === kind) return { text, ...chat };
    seen.push(`"${text}" → ${chat.reply.kind}`);
  }
  throw new Error(`No candidate got a ${kind} reply: ${seen.join("; ")}`);
}
