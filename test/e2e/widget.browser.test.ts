import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Reply } from "../../src/reply.ts";
import type { RunningServer } from "../../src/server/start.ts";
import { shippedProfile } from "../support/shipped.ts";
import {
  ARTIFACTS,
  focusedInWidget,
  launchBrowser,
  startRealServer,
  tabToLauncher,
  widget,
} from "./helpers.ts";
import { askWidget, openWatchedPage } from "./watched-page.ts";

const XSS = ["<img src=x onerror=alert(1)>", "<script>alert(1)</script>"];

describe("the website widget in Chromium", () => {
  let browser: Browser;
  let server: RunningServer;
  let context: BrowserContext;
  let page: Page;
  let dialogs: string[];
  let pageErrors: string[];

  beforeAll(async () => {
    // One after the other: if the server fails to start, afterAll still closes the browser.
    browser = await launchBrowser();
    server = await startRealServer();
  });
  afterAll(async () => {
    await Promise.all([browser?.close(), server?.close()]);
  });
  beforeEach(async () => {
    ({ context, page, dialogs, pageErrors } = await openWatchedPage(browser));
    await page.goto(server.url);
  });
  afterEach(async () => {
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  const ask = (text: string) => askWidget(page, text);

  it("opens by keyboard, answers 'does it hurt?' with numbered sources and the disagreement callout", async () => {
    const w = widget(page);
    await tabToLauncher(page);
    await page.keyboard.press("Enter");
    await expect.poll(() => focusedInWidget(page)).toBe("input");
    expect(await w.launcher.getAttribute("aria-expanded")).toBe("true");

    await page.keyboard.type("does it hurt?");
    await page.keyboard.press("Tab");
    expect(await focusedInWidget(page)).toBe("send");
    await page.keyboard.press("Enter");
    await w.lastBot.waitFor();

    const expected = await (
      await fetch(`${server.url}/api/chat`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ text: "does it hurt?" }),
      })
    ).json();
    expect(expected.reply.kind).toBe("answer");
    expect(await w.lastBot.getAttribute("data-kind")).toBe("answer");
    expect(await w.lastBot.locator(".text").first().textContent()).toBe(
      expected.reply.text.split(/\n{2,}/)[0],
    );

    // Every article is listed by number and title without a click, the cited ones first, then any only the
    // disagreement names; its verbatim quote is one click away.
    const reply = expected.reply as Reply;
    const titles = [
      ...new Set([...reply.citations, ...reply.conflicts.flatMap((c) => c.positions)].map((s) => s.title)),
    ];
    const sources = w.lastBot.locator(".sources .source");
    expect(await sources.allTextContents()).toEqual(titles.map((title, i) => `[${i + 1}]${title}`));
    for (const title of await w.lastBot.locator(".source-title").all())
      expect(await title.isVisible()).toBe(true);
    const first = expected.reply.citations[0];
    const quote = w.lastBot.locator(".sources .source-quote").first();
    expect(await quote.isVisible()).toBe(false);
    await sources.first().focus();
    await page.keyboard.press("Enter");
    expect(await sources.first().getAttribute("aria-expanded")).toBe("true");
    expect(await quote.isVisible()).toBe(true);
    expect(await quote.textContent()).toBe(`“${first.quote}”`);

    // The pain topic's articles disagree: a visible callout names each article and its position.
    const conflict = w.lastBot.locator(".conflict");
    expect(await conflict.isVisible()).toBe(true);
    expect(await conflict.locator(".conflict-title").textContent()).toBe("Articles disagree");
    for (const position of expected.reply.conflicts[0].positions) {
      expect(await conflict.textContent()).toContain(position.title);
      expect(await conflict.textContent()).toContain(position.claim);
    }

    // The transcript is the live region: the answer is added to it, under the assistant's name.
    expect(await w.lastBot.locator(".speaker").textContent()).toBe(shippedProfile().copy.assistantName);
    expect(await w.log.textContent()).toContain(expected.reply.text.split(/\n{2,}/)[0]);

    // From the input, Shift+Tab reaches the follow-up chips just above it.
    await w.input.focus();
    await page.keyboard.press("Shift+Tab");
    expect(await focusedInWidget(page)).toBe("chip");

    // Escape closes the panel and gives focus back to the launcher.
    await page.keyboard.press("Escape");
    await expect.poll(() => focusedInWidget(page)).toBe("launcher");
    await expect.poll(() => w.panel.isVisible()).toBe(false);
  });

  it("asks a suggestion chip's question and answers the follow-up", async () => {
    const w = widget(page);
    await w.launcher.click();
    await ask("does it hurt?");
    const chip = w.lastBot.locator(".chip").first();
    const question = (await chip.textContent())!;
    await page.route("**/api/chat", async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 400));
      await route.continue();
    });
    await chip.click();
    // While the answer is on its way: a typing indicator, and the log marked busy.
    await page.locator(".typing").waitFor();
    expect(await page.locator(".log").getAttribute("aria-busy")).toBe("true");
    await expect.poll(() => w.botMessages.count()).toBe(2);
    expect(await page.locator(".typing").count()).toBe(0);
    expect(await w.userTexts.last().textContent()).toBe(question);
    expect(await w.lastBot.getAttribute("data-kind")).toBe("answer");
    expect(await w.lastBot.locator(".sources .source").count()).toBeGreaterThan(0);
    expect(await focusedInWidget(page)).toBe("input");
  });

  it("keeps its look when the host page's CSS is hostile", async () => {
    await page.addStyleTag({
      content:
        "*{font-size:40px!important;color:red!important;line-height:3!important;box-sizing:content-box!important}" +
        "button{background:red!important;border:5px solid red!important}div{display:block!important}",
    });
    const w = widget(page);
    await w.launcher.click();
    await ask("does it hurt?");
    const styles = await w.lastBot
      .locator(".text")
      .first()
      .evaluate((node) => {
        const style = getComputedStyle(node);
        return { fontSize: style.fontSize, color: style.color };
      });
    expect(styles).toEqual({ fontSize: "15px", color: "rgb(31, 41, 51)" });
    const launcher = await w.launcher.evaluate((node) => getComputedStyle(node).backgroundColor);
    expect(launcher).toBe("rgb(15, 118, 110)");
  });

  it("shows markup typed by the visitor as text, never running it", async () => {
    const w = widget(page);
    await w.launcher.click();
    for (const payload of XSS) await ask(payload);
    expect(await w.userTexts.allTextContents()).toEqual(XSS);
    const injected = await page.evaluate(() => {
      const root = document.querySelector("#faq-chat-widget")!.shadowRoot!;
      return root.querySelectorAll("img, script").length + document.querySelectorAll("img").length;
    });
    expect(injected).toBe(0);
    expect(dialogs).toEqual([]);
  });

  it("restores the conversation after a reload in the same tab", async () => {
    const w = widget(page);
    await w.launcher.click();
    await ask("does it hurt?");
    await ask("how long is the recovery?");
    const before = await page.locator(".msg").allTextContents();
    await page.reload();
    await w.lastBot.waitFor();
    expect(await w.panel.isVisible()).toBe(true);
    expect(await page.locator(".msg").allTextContents()).toEqual(before);
    await ask("thanks!");
    expect(await w.userMessages.count()).toBe(3);
  });

  it("keeps the message when the server is down and sends it with Retry once it is back", async () => {
    const w = widget(page);
    await w.launcher.click();
    await ask("does it hurt?");
    const port = new URL(server.url).port;
    await server.close();

    await w.input.fill("how many sessions will I need?");
    await w.input.press("Enter");
    const failed = w.userMessages.last();
    await failed.locator(".send-error").waitFor();
    expect(await failed.locator(".send-error").textContent()).toContain("couldn't reach the assistant");
    expect(await failed.locator(".bubble").textContent()).toBe("how many sessions will I need?");
    expect(await failed.locator(".retry").isVisible()).toBe(true);

    server = await startRealServer(Number(port));
    await failed.locator(".retry").click();
    await expect.poll(() => w.botMessages.count()).toBe(2);
    expect(await w.userMessages.last().locator(".send-error").count()).toBe(0);
    expect(await w.userMessages.count()).toBe(2);
    expect(await w.lastBot.getAttribute("data-kind")).toBe("answer");
  });

  it("shows the offline state and sends the kept message with Retry once back online", async () => {
    const w = widget(page);
    await w.launcher.click();
    await context.setOffline(true);
    await page.locator(".banner").waitFor();
    await w.input.fill("does it hurt?");
    await w.input.press("Enter");
    const failed = w.userMessages.last();
    expect(await failed.locator(".send-error").textContent()).toContain("you appear to be offline");
    await context.setOffline(false);
    await expect.poll(() => page.locator(".banner").isVisible()).toBe(false);
    await failed.locator(".retry").focus();
    await page.keyboard.press("Enter");
    await w.lastBot.waitFor();
    expect(await w.lastBot.getAttribute("data-kind")).toBe("answer");
    expect(await w.userTexts.allTextContents()).toEqual(["does it hurt?"]);
  });

  it("looks right on desktop and goes full-screen on a 360 px phone", async () => {
    const w = widget(page);
    await page.screenshot({ path: `${ARTIFACTS}/widget-closed-desktop.png` });
    await w.launcher.click();
    await page.waitForTimeout(300); // let the entrance animation settle
    await page.screenshot({ path: `${ARTIFACTS}/widget-greeting-desktop.png` });
    await ask("does it hurt?");
    await page.waitForTimeout(400);
    await page.screenshot({ path: `${ARTIFACTS}/widget-desktop.png` });
    await w.lastBot.locator(".sources .source").first().click();
    await page.waitForTimeout(200);
    await page.screenshot({ path: `${ARTIFACTS}/widget-desktop-source.png` });

    await page.setViewportSize({ width: 360, height: 740 });
    await page.waitForTimeout(100);
    const box = (await w.panel.boundingBox())!;
    expect(box).toMatchObject({ x: 0, y: 0, width: 360, height: 740 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.screenshot({ path: `${ARTIFACTS}/widget-phone.png` });
    // Full screen, Tab cycles inside the panel rather than wandering onto the hidden page.
    await w.input.focus();
    for (let i = 0; i < 25; i++) {
      await page.keyboard.press("Tab");
      expect(await focusedInWidget(page)).not.toBe("");
    }
    await w.lastBot.locator(".conflict").scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACTS}/widget-phone-conflict.png` });
  });
});
