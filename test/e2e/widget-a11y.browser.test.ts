import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningServer } from "../../src/server/start.ts";
import { shippedProfile } from "../support/shipped.ts";
import { ARTIFACTS, chatApi, launchBrowser, startRealServer, widget } from "./helpers.ts";
import { askWidget, openWatchedPage } from "./watched-page.ts";

/** Every element in the widget's shadow root that a screen reader treats as a live region. */
function liveRegions(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const root = document.querySelector("#faq-chat-widget")!.shadowRoot!;
    const live = root.querySelectorAll(
      "[aria-live], [role=log], [role=status], [role=alert], [role=marquee], [role=timer]",
    );
    return Array.from(live).map((node) => `${node.getAttribute("role")}/${node.getAttribute("aria-live")}`);
  });
}

const opacityOf = (page: Page, selector: string) =>
  page.locator(selector).evaluate((node) => getComputedStyle(node).opacity);

describe("the widget for screen-reader and keyboard users, in Chromium", () => {
  let browser: Browser;
  let server: RunningServer;
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[];
  const { copy, language } = shippedProfile();

  beforeAll(async () => {
    [browser, server] = await Promise.all([launchBrowser(), startRealServer()]);
  });
  afterAll(async () => {
    await Promise.all([browser?.close(), server?.close()]);
  });
  beforeEach(async () => {
    ({ context, page, pageErrors } = await openWatchedPage(browser));
    await page.goto(server.url);
  });
  afterEach(async () => {
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it("takes its title, greeting and starters from the running pack when the script tag gives none", async () => {
    const w = widget(page);
    const tag = await page.evaluate(() => document.querySelector("script[src$='widget.js']")!.outerHTML);
    expect(tag).not.toMatch(/data-(title|greeting|suggestions)/);
    expect(await w.launcher.getAttribute("aria-label")).toBe(`Open chat: ${copy.widget.title}`);
    await w.launcher.click();
    expect(await page.locator(".title").textContent()).toBe(copy.widget.title);
    const greeting = page.locator(".msg.greeting");
    expect(await greeting.locator(".text").textContent()).toBe(copy.widget.greeting);
    expect(await greeting.locator(".chip").allTextContents()).toEqual(copy.widget.starters);
    expect(await page.locator(".root").getAttribute("lang")).toBe(language);
  });

  it("labels who said what in a role=log transcript, the one polite live region", async () => {
    const w = widget(page);
    await w.launcher.click();
    expect(await liveRegions(page)).toEqual(["log/polite"]);
    expect(await w.log.getAttribute("aria-label")).toBe("Conversation");
    await askWidget(page, "does it hurt?");
    await askWidget(page, "how long is the recovery?");
    // Still one live region once messages, sources, feedback and chips are in it.
    expect(await liveRegions(page)).toEqual(["log/polite"]);

    const tree = await w.log.ariaSnapshot();
    const speakers = [...tree.matchAll(/- (?:text|paragraph): (You said|.+?)$/gm)]
      .map((m) => m[1])
      .filter((s) => s === "You said" || s === copy.assistantName);
    // The greeting, then each question and its answer, in order, each under its speaker.
    expect(speakers).toEqual([
      copy.assistantName,
      "You said",
      copy.assistantName,
      "You said",
      copy.assistantName,
    ]);
    expect(tree).toMatch(/text: You said\s+- time: .+\s+- text: does it hurt\?/);
    // Read out, not drawn: sighted visitors tell speakers apart by side and colour.
    const box = await w.userMessages.first().locator(".speaker").boundingBox();
    expect(box!.width).toBeLessThanOrEqual(1);
  });

  it("shows each message's time on hover and on keyboard focus", async () => {
    const w = widget(page);
    await w.launcher.click();
    const before = Date.now();
    await askWidget(page, "does it hurt?");
    const time = w.userMessages.first().locator("time");
    const when = Date.parse((await time.getAttribute("datetime"))!);
    expect(when).toBeGreaterThanOrEqual(before - 1000);
    expect(when).toBeLessThanOrEqual(Date.now());
    expect((await time.textContent())!.trim()).toMatch(/\d/);

    const userTime = ".msg.user .time";
    const botTime = ".msg.bot:not(.greeting) .time";
    await page.mouse.move(0, 0);
    await expect.poll(() => opacityOf(page, userTime)).toBe("0");
    await w.userMessages.first().locator(".bubble").hover();
    await expect.poll(() => opacityOf(page, userTime)).toBe("1");
    await page.screenshot({ path: `${ARTIFACTS}/widget-time-on-hover-desktop.png` });

    // Keyboard: focus inside an answer (its first source) shows that answer's time.
    await page.mouse.move(0, 0);
    await w.input.focus();
    await expect.poll(() => opacityOf(page, botTime)).toBe("0");
    await w.lastBot.locator(".sources .source").first().focus();
    await expect.poll(() => opacityOf(page, botTime)).toBe("1");
  });

  it("lists sources by title, and ties each disagreeing position to the same number and its own quote", async () => {
    const w = widget(page);
    await w.launcher.click();
    const question = "does it hurt?";
    const { reply } = await chatApi(server.url, question);
    expect(reply.conflicts.length).toBeGreaterThan(0);
    await askWidget(page, question);

    const listed = await w.lastBot
      .locator(".sources .source")
      .evaluateAll((buttons) =>
        buttons.map((b) => [
          b.querySelector(".source-n")!.textContent,
          b.querySelector(".source-title")!.textContent,
        ]),
      );
    const numberOf = new Map(listed.map(([n, title]) => [title, n]));
    const positions = w.lastBot.locator(".conflict .position");
    const shown = reply.conflicts.flatMap((c) => c.positions);
    expect(await positions.count()).toBe(shown.length);
    for (const [i, position] of shown.entries()) {
      const button = positions.nth(i);
      expect(await button.locator(".source-n").textContent()).toBe(numberOf.get(position.title));
      expect(await button.locator(".position-claim").textContent()).toBe(position.claim);
      const quote = w.lastBot.locator(`[id="${await button.getAttribute("aria-controls")}"]`);
      expect(await quote.isVisible()).toBe(false);
      await button.click();
      expect(await button.getAttribute("aria-expanded")).toBe("true");
      expect(await quote.textContent()).toBe(`“${position.quote}”`);
      expect(await quote.isVisible()).toBe(true);
    }
    await w.lastBot.locator(".conflict").scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${ARTIFACTS}/widget-conflict-quotes-desktop.png` });
    await page.setViewportSize({ width: 360, height: 740 });
    await w.lastBot.locator(".sources").scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACTS}/widget-sources-phone.png` });
  });
});
