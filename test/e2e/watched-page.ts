import type { Browser, BrowserContext, Page } from "playwright-core";
import { expect } from "vitest";
import { widget } from "./helpers.ts";

export interface WatchedPage {
  context: BrowserContext;
  page: Page;
  /** The message of every alert, confirm or prompt the page opened (each dismissed). */
  dialogs: string[];
  /** Errors the page threw and did not catch. */
  pageErrors: string[];
}

/** A fresh desktop-sized context and page that records its dialogs and uncaught errors. */
export async function openWatchedPage(browser: Browser): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const dialogs: string[] = [];
  const pageErrors: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on("pageerror", (error) => pageErrors.push(error.message));
  return { context, page, dialogs, pageErrors };
}

/** Sends `text` from the open widget's input and waits for one more bot message. */
export async function askWidget(page: Page, text: string, poll: { timeout?: number } = {}): Promise<void> {
  const w = widget(page);
  const before = await w.botMessages.count();
  await w.input.fill(text);
  await w.input.press("Enter");
  await expect.poll(() => w.botMessages.count(), poll).toBe(before + 1);
}
