import pino from "pino";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { escapeHtml } from "../../src/channels/web/index.ts";
import { loadConfig } from "../../src/config.ts";
import { type RunningServer, startServer } from "../../src/server/start.ts";
import { launchBrowser, widget } from "./helpers.ts";
import { askWidget, openWatchedPage } from "./watched-page.ts";

// Each payload that ran would set window.__xss or open a dialog.
const RUN = "window.__xss=1;alert(1)";
const PAYLOADS = [
  `<script>${RUN}</script>`,
  `<img src=x onerror="${RUN}">`,
  `<svg onload="${RUN}"><circle r=1 /></svg>`,
  `<svg><script>${RUN}</script></svg>`,
  `<a href="javascript:${RUN}">click me</a>`,
  `javascript:${RUN}`,
  `<iframe src="javascript:${RUN}"></iframe>`,
  `<div style="background:url(javascript:${RUN})" onmouseover="${RUN}">hover</div>`,
  `"><img src=x onerror=${RUN}>`,
  `'-alert(1)-'`,
  `&lt;script&gt;${RUN}&lt;/script&gt; &amp; &#60;img src=x onerror=alert(1)&#62;`,
  `\u202Egnp.exe<script>${RUN}</script>`,
  `<scr\u200Dipt>${RUN}</scr\u200Dipt> a\u200Bb\u200Cc\uFEFFd`,
  `<\u0455cript>${RUN}</\u0455cript> р\u0430ypal.com`,
  `\uFF1Cscript\uFF1E${RUN}\uFF1C/script\uFF1E`,
  `<math><mtext><table><mglyph><style><img src=x onerror="${RUN}">`,
  `{{constructor.constructor('${RUN}')()}} \${alert(1)}`,
];

/** The real composition root with `env` on top of the test defaults. */
async function startServerWith(env: Record<string, string>): Promise<RunningServer> {
  const config = loadConfig({ NODE_ENV: "test", LOG_LEVEL: "silent", PORT: "0", ...env });
  const result = await startServer(config, pino({ level: "silent" }));
  if (!result.ok) throw new Error("The knowledge base did not load");
  return result.running;
}

/** Anything a payload could have injected, in the page or the widget's shadow root. */
function injected(page: Page) {
  return page.evaluate(() => {
    const roots: ParentNode[] = [document.body]; // the demo page's own <style> is in <head>
    const shadow = document.querySelector("#faq-chat-widget")?.shadowRoot;
    if (shadow) roots.push(shadow);
    const found: string[] = [];
    for (const root of roots) {
      for (const node of Array.from(root.querySelectorAll("*"))) {
        const tag = node.tagName.toLowerCase();
        if (["img", "iframe", "object", "embed", "math", "table", "style"].includes(tag)) found.push(tag);
        if (tag === "script" && !(node as HTMLScriptElement).src.endsWith("/widget.js")) found.push("script");
        for (const attr of Array.from(node.attributes)) {
          if (attr.name.startsWith("on")) found.push(`${tag}[${attr.name}]`);
          if (/^\s*javascript:/i.test(attr.value)) found.push(`${tag}[${attr.name}=javascript:]`);
        }
      }
    }
    return { found, ran: (window as { __xss?: number }).__xss === 1 };
  });
}

describe("XSS payloads in the widget (real Chromium)", () => {
  let browser: Browser;
  let server: RunningServer;
  let context: BrowserContext;
  let page: Page;
  let dialogs: string[];

  beforeAll(async () => {
    // One after the other: if the server fails to start, afterAll still closes the browser.
    browser = await launchBrowser();
    server = await startServerWith({
      CLINIC_NAME: PAYLOADS[1]!,
      CLINIC_HOURS: PAYLOADS[2]!,
      RATE_LIMIT_PER_MINUTE: "0",
    });
  });
  afterAll(async () => {
    await Promise.all([browser?.close(), server?.close()]);
  });
  beforeEach(async () => {
    ({ context, page, dialogs } = await openWatchedPage(browser));
  });
  afterEach(async () => {
    const { found, ran } = await injected(page);
    expect(found).toEqual([]);
    expect(ran).toBe(false);
    expect(dialogs).toEqual([]);
    await context.close();
  });

  it("shows every payload typed by the visitor literally, running none", async () => {
    await page.goto(server.url);
    const w = widget(page);
    await w.launcher.click();
    for (const payload of PAYLOADS) await askWidget(page, payload, { timeout: 30_000 });
    expect(await w.userTexts.allTextContents()).toEqual(PAYLOADS);
  });

  it("shows a hostile clinic name and hours from the configuration literally on the demo page", async () => {
    await page.goto(server.url);
    expect(await page.locator(".logo").textContent()).toBe(PAYLOADS[1]);
    expect(await page.locator("footer li").last().textContent()).toBe(PAYLOADS[2]);
    expect(await page.title()).toContain(PAYLOADS[1]!);
  });

  it("shows hostile data- attributes (title, greeting, suggestions, colour) literally", async () => {
    const title = `<img src=x onerror="${RUN}">Ask \u202Eus`;
    const greeting = `Hi <script>${RUN}</script> &lt;b&gt; \uFF1Cscript\uFF1E <svg onload="${RUN}">`;
    const suggestions = [`<img src=x onerror="${RUN}">`, `javascript:${RUN}`, "does it hurt?"];
    const attributes: Record<string, string> = {
      "data-title": title,
      "data-greeting": greeting,
      "data-suggestions": suggestions.join(" | "),
      "data-color": `red;}</style><script>${RUN}</script>`,
    };
    const attrs = Object.entries(attributes)
      .map(([name, value]) => ` ${name}="${escapeHtml(value)}"`)
      .join("");
    // A host page on the bot's origin (so no CORS setup), embedding the widget with those attributes.
    await page.route(`${server.url}/host.html`, (route) =>
      route.fulfill({
        contentType: "text/html; charset=utf-8",
        body: `<!doctype html><html><head><meta charset="utf-8"></head><body><h1>Host</h1><script src="/widget.js" defer${attrs}></script></body></html>`,
      }),
    );
    await page.goto(`${server.url}/host.html`);
    const w = widget(page);
    expect(await w.launcher.getAttribute("aria-label")).toContain(title);
    await w.launcher.click();
    expect(await page.locator(".title").textContent()).toBe(title);
    expect(await page.locator(".msg.greeting .text").textContent()).toBe(greeting.trim());
    const chips = page.locator(".msg.greeting .chip, .starters .chip, .chip");
    expect(await chips.allTextContents()).toEqual(suggestions);
    const before = await w.botMessages.count();
    await chips.first().click();
    await expect.poll(() => w.botMessages.count(), { timeout: 30_000 }).toBe(before + 1);
    expect(await w.userTexts.last().textContent()).toBe(suggestions[0]);
  });
});
