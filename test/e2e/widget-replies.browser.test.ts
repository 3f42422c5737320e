import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningServer } from "../../src/server/start.ts";
import { shippedProfile } from "../support/shipped.ts";
import { ARTIFACTS, chatApi, firstOfKind, launchBrowser, startRealServer, widget } from "./helpers.ts";
import { askWidget, openWatchedPage } from "./watched-page.ts";

// Short, vague questions that a FAQ engine reasonably asks back about; the first one that clarifies is used.
const VAGUE = ["how long does it take", "results", "sessions", "how long", "time"];
const URGENT = ["my skin is bleeding and it won't stop", "my face is swelling and I can't breathe"];
const HANDOFF = ["I'd like to book an appointment", "can I speak to someone"];

describe("how the widget shows each kind of reply, in Chromium", () => {
  let browser: Browser;
  let server: RunningServer;
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    [browser, server] = await Promise.all([launchBrowser(), startRealServer()]);
  });
  afterAll(async () => {
    await Promise.all([browser?.close(), server?.close()]);
  });
  beforeEach(async () => {
    ({ context, page, pageErrors } = await openWatchedPage(browser));
    await page.goto(server.url);
    await widget(page).launcher.click();
  });
  afterEach(async () => {
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  /** The visible texts of the last bot message's paragraphs. */
  const paragraphs = () => widget(page).lastBot.locator(".bubble > .text").allTextContents();

  it("lists a clarify's choices once, from its fields, and settles them once one is sent", async () => {
    const w = widget(page);
    const clarify = await firstOfKind(server.url, "clarify", VAGUE);
    const { reply } = clarify;
    expect(reply.noneOfThese).toBeTruthy();
    await askWidget(page, clarify.text);
    expect(await w.lastBot.getAttribute("data-kind")).toBe("clarify");

    // The prompt is the text; the choices appear once, as buttons: the alternatives, then the way out.
    expect(await paragraphs()).toEqual([reply.text]);
    const choices = [...reply.alternatives.map((a) => a.question), reply.noneOfThese!];
    const chips = w.lastBot.locator(".chip");
    expect(await chips.allTextContents()).toEqual(choices);
    const bubbleText = (await w.lastBot.locator(".bubble").textContent()) ?? "";
    for (const choice of choices) expect(bubbleText).not.toContain(choice);
    const group = w.lastBot.locator(".chips");
    const promptId = await group.getAttribute("aria-labelledby");
    expect(await w.lastBot.locator(`[id="${promptId}"]`).textContent()).toBe(reply.text);

    await page.waitForTimeout(300); // let the entrance animation settle
    await page.screenshot({ path: `${ARTIFACTS}/widget-clarify-desktop.png` });

    await chips.nth(1).click();
    await expect.poll(() => w.botMessages.count()).toBe(2);
    expect(await w.userMessages.last().locator(".bubble").textContent()).toBe(choices[1]);
    // Answered: the old choices stay as a record, disabled, the one sent marked as pressed.
    const settled = w.botMessages.first().locator(".chip");
    expect(await settled.evaluateAll((bs) => bs.map((b) => (b as HTMLButtonElement).disabled))).toEqual(
      choices.map(() => true),
    );
    expect(await settled.evaluateAll((bs) => bs.map((b) => b.getAttribute("aria-pressed")))).toEqual(
      choices.map((_, i) => String(i === 1)),
    );
  });

  it("sends 'None of these' back and shows exactly what the engine replies to it", async () => {
    const w = widget(page);
    const clarify = await firstOfKind(server.url, "clarify", VAGUE);
    const noneOfThese = clarify.reply.noneOfThese!;
    // The same two turns through the API: what the widget has to render.
    const expected = (await chatApi(server.url, noneOfThese, clarify.conversationId)).reply;

    await askWidget(page, clarify.text);
    await w.lastBot.locator(".chip", { hasText: noneOfThese }).click();
    await expect.poll(() => w.botMessages.count()).toBe(2);
    expect(await w.userMessages.last().locator(".bubble").textContent()).toBe(noneOfThese);
    expect(await w.lastBot.getAttribute("data-kind")).toBe(expected.kind);
    expect(await paragraphs()).toEqual(expected.text.split(/\n{2,}/));
    const offered = expected.kind === "clarify" ? [] : expected.suggestions;
    if (expected.kind !== "urgent") {
      expect(await w.lastBot.locator(".chip").allTextContents()).toEqual(offered);
    }
    const old = w.botMessages.first().locator(".chip", { hasText: noneOfThese });
    expect(await old.isDisabled()).toBe(true);
    expect(await old.getAttribute("aria-pressed")).toBe("true");
    await page.setViewportSize({ width: 360, height: 740 });
    await w.lastBot.scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${ARTIFACTS}/widget-none-of-these-phone.png` });
  });

  it("shows an urgent reply with calls only: the clinic's and the emergency numbers as tel: links, no booking", async () => {
    const w = widget(page);
    const urgent = await firstOfKind(server.url, "urgent", URGENT);
    const contact = urgent.contact!;
    expect(contact.emergencyNumbers).toEqual(shippedProfile().copy.emergencyNumbers);
    await askWidget(page, urgent.text);
    expect(await w.lastBot.getAttribute("data-kind")).toBe("urgent");
    expect(await w.lastBot.locator(".bubble.urgent .alert-title").textContent()).toBe("Please act now");
    expect((await paragraphs()).join("\n\n")).toBe(urgent.reply.text);

    const tel = (n: string) => `tel:${n.replace(/[^\d+]/g, "")}`;
    const inText = await w.lastBot
      .locator(".text a")
      .evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute("href")]));
    const named = [contact.phone, ...contact.emergencyNumbers!].filter((n) => urgent.reply.text.includes(n));
    expect(named.length).toBeGreaterThan(1);
    expect(inText).toEqual(expect.arrayContaining(named.map((n) => [n, tel(n)])));

    const card = await w.lastBot
      .locator(".contact a")
      .evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    expect(card).toEqual([tel(contact.phone), ...contact.emergencyNumbers!.map(tel)]);
    expect(await w.lastBot.locator(".contact").textContent()).not.toContain("Book");
    expect(await w.lastBot.locator(".chip").count()).toBe(0);
    await page.waitForTimeout(300); // let the entrance animation settle
    await page.screenshot({ path: `${ARTIFACTS}/widget-urgent-desktop.png` });
    await page.setViewportSize({ width: 360, height: 740 });
    await w.lastBot.locator(".contact").scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACTS}/widget-urgent-phone.png` });
  });

  it("shows the clinic's phone, email, booking link and hours on a handoff", async () => {
    const w = widget(page);
    const handoff = await firstOfKind(server.url, "handoff", HANDOFF);
    const contact = handoff.contact!;
    await askWidget(page, handoff.text);
    expect(await w.lastBot.getAttribute("data-kind")).toBe("handoff");
    const links = await w.lastBot
      .locator(".contact a")
      .evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    expect(links).toEqual([
      `tel:${contact.phone.replace(/[^\d+]/g, "")}`,
      `mailto:${contact.email}`,
      contact.bookingUrl,
    ]);
    expect(await w.lastBot.locator(".contact").textContent()).toContain(contact.hours);
  });

  it("shows a message in another language as sent, right to left where it reads so, and the engine's reply", async () => {
    const w = widget(page);
    for (const text of ["¿Duele el microneedling?", "هل الوخز بالإبر الدقيقة مؤلم؟"]) {
      const expected = (await chatApi(server.url, text)).reply;
      await page.locator(".icon-btn[aria-label='Start a new conversation']").click();
      await askWidget(page, text);
      const bubble = w.userMessages.last().locator(".bubble");
      expect(await bubble.textContent()).toBe(text);
      expect(await bubble.getAttribute("dir")).toBe("auto");
      const direction = await bubble.evaluate((node) => getComputedStyle(node).direction);
      expect(direction).toBe(/[\u0600-\u06ff]/.test(text) ? "rtl" : "ltr");
      expect(await w.lastBot.getAttribute("data-kind")).toBe(expected.kind);
      expect(await paragraphs()).toEqual(expected.text.split(/\n{2,}/));
      expect(await w.lastBot.locator(".bubble > .text").first().getAttribute("dir")).toBe("auto");
    }
  });
});
