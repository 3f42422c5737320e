import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../src/server/start.ts";
import { ARTIFACTS, launchBrowser, startRealServer, widget } from "./helpers.ts";
import { askWidget, openWatchedPage } from "./watched-page.ts";

describe("the widget over the rate limit, in Chromium", () => {
  let browser: Browser;
  let server: RunningServer;
  // A new conversation has no id yet, so the per-address budget is the one its second message meets.
  const env = { RATE_LIMIT_PER_MINUTE: "1", RATE_LIMIT_PER_IP_PER_MINUTE: "1" };

  beforeAll(async () => {
    [browser, server] = await Promise.all([launchBrowser(), startRealServer(0, env)]);
  });
  afterAll(async () => {
    await Promise.all([browser?.close(), server?.close()]);
  });

  it("shows the wait Retry-After asks for, counts it down, and sends the message by itself when it ends", async () => {
    const { context, page, pageErrors } = await openWatchedPage(browser);
    try {
      // The page's clock runs normally until the test jumps it forward.
      await page.clock.install();
      await page.goto(server.url);
      const w = widget(page);
      await w.launcher.click();
      await askWidget(page, "does it hurt?");

      const question = "how long is the recovery?";
      await w.input.fill(question);
      await w.input.press("Enter");
      const held = w.userMessages.last();
      const wait = held.locator(".send-wait");
      await wait.waitFor();
      const counted = /^Sending in (\d+) s…$/.exec((await wait.locator(".countdown").textContent()) ?? "");
      expect(counted, "the countdown shows whole seconds").not.toBeNull();
      const seconds = Number(counted![1]);
      // The server's window is a minute, so its Retry-After is at most 60 s.
      expect(seconds).toBeGreaterThan(0);
      expect(seconds).toBeLessThanOrEqual(60);
      expect(await wait.locator(".sr-only").textContent()).toContain(`sent by itself in ${seconds} seconds`);
      expect(await page.locator(".send").getAttribute("aria-disabled")).toBe("true");
      expect(await held.locator(".retry").count()).toBe(0);
      await page.screenshot({ path: `${ARTIFACTS}/widget-rate-limited-desktop.png` });

      await page.clock.fastForward(5_000);
      await expect
        .poll(async () => Number(/\d+/.exec((await wait.locator(".countdown").textContent()) ?? "")?.[0]))
        .toBeLessThanOrEqual(seconds - 4);
      expect(await w.botMessages.count()).toBe(1);

      // A fresh server stands for the server's minute having passed (its window is in memory).
      const port = Number(new URL(server.url).port);
      await server.close();
      server = await startRealServer(port, env);
      await page.clock.fastForward(seconds * 1000);
      await expect.poll(() => w.botMessages.count(), { timeout: 15_000 }).toBe(2);
      expect(await w.userTexts.allTextContents()).toEqual(["does it hurt?", question]);
      expect(await held.locator(".send-wait").count()).toBe(0);
      expect(await w.lastBot.getAttribute("data-kind")).toBe("answer");
      expect(await page.locator(".send").getAttribute("aria-disabled")).toBeNull();
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
