import { describe, expect, it } from "vitest";
import {
  countSegments,
  detectEncoding,
  fitToSegments,
  segmentCapacity,
  toGsm7Friendly,
} from "../../../src/channels/sms/index.ts";

describe("detectEncoding", () => {
  it("keeps plain text, accents of the GSM table and extension characters in GSM-7", () => {
    expect(detectEncoding("Results last 1-5 years. Call us @ 555!")).toBe("GSM-7");
    expect(detectEncoding("Café à Zürich, ¿qué? £5 ¥ §")).toBe("GSM-7");
    expect(detectEncoding("€[]{}^~|\\")).toBe("GSM-7");
  });

  it("switches the whole message to UCS-2 for one emoji or one curly quote", () => {
    expect(detectEncoding("it’s fine")).toBe("UCS-2");
    expect(detectEncoding("great 😀")).toBe("UCS-2");
    expect(detectEncoding("30–45 days")).toBe("UCS-2");
    expect(detectEncoding("á")).toBe("UCS-2");
  });
});

describe("countSegments", () => {
  it("fits 160 GSM-7 characters in one part and splits 161 into 153-septet parts", () => {
    expect(countSegments("")).toEqual({ encoding: "GSM-7", units: 0, segments: 0 });
    expect(countSegments("a".repeat(160))).toEqual({ encoding: "GSM-7", units: 160, segments: 1 });
    expect(countSegments("a".repeat(161))).toEqual({ encoding: "GSM-7", units: 161, segments: 2 });
    expect(countSegments("a".repeat(306)).segments).toBe(2);
    expect(countSegments("a".repeat(307)).segments).toBe(3);
  });

  it("counts extension characters as two septets", () => {
    expect(countSegments("€").units).toBe(2);
    expect(countSegments("[1] {x} ^ ~ | \\").units).toBe(23);
    expect(countSegments("€".repeat(80))).toEqual({ encoding: "GSM-7", units: 160, segments: 1 });
    expect(countSegments("€".repeat(81)).segments).toBe(2);
  });

  it("never splits an escape pair across parts", () => {
    // 152 plain septets then €: the pair cannot straddle parts 1 and 2, so it moves to part 2.
    const text = "a".repeat(152) + "€" + "a".repeat(152);
    expect(countSegments(text).units).toBe(306);
    expect(countSegments(text).segments).toBe(3);
  });

  it("fits 70 UCS-2 units in one part and 67 per part after that", () => {
    expect(countSegments("’".repeat(70))).toEqual({ encoding: "UCS-2", units: 70, segments: 1 });
    expect(countSegments("’".repeat(71)).segments).toBe(2);
    expect(countSegments("’".repeat(134)).segments).toBe(2);
    expect(countSegments("’".repeat(135)).segments).toBe(3);
  });

  it("counts an emoji as two UCS-2 units and keeps the pair in one part", () => {
    expect(countSegments("😀")).toEqual({ encoding: "UCS-2", units: 2, segments: 1 });
    expect(countSegments("a".repeat(68) + "😀")).toEqual({ encoding: "UCS-2", units: 70, segments: 1 });
    // 134 units would fill exactly 2 parts, but the pair cannot sit across the boundary after 66 units.
    const straddling = "a".repeat(66) + "😀" + "a".repeat(66);
    expect(countSegments(straddling).units).toBe(134);
    expect(countSegments(straddling).segments).toBe(3);
  });

  it("turns a 100-character GSM-7 reply into 2 UCS-2 parts when one curly quote sneaks in", () => {
    const plain =
      "It's safe for most skin types when done by a trained provider; ask us about your skin before booking.";
    expect(countSegments(plain).segments).toBe(1);
    expect(countSegments(plain.replace("'", "’")).segments).toBe(2);
  });
});

describe("segmentCapacity", () => {
  it("gives 160/306 septets and 70/134 units", () => {
    expect(segmentCapacity(1, "GSM-7")).toBe(160);
    expect(segmentCapacity(2, "GSM-7")).toBe(306);
    expect(segmentCapacity(1, "UCS-2")).toBe(70);
    expect(segmentCapacity(2, "UCS-2")).toBe(134);
  });
});

describe("toGsm7Friendly", () => {
  it("replaces curly quotes, dashes, ellipses and odd spaces with ASCII", () => {
    expect(toGsm7Friendly("It’s “fine” – 30—45 days…\u00a0ok")).toBe(`It's "fine" - 30-45 days... ok`);
    expect(detectEncoding(toGsm7Friendly("It’s “fine” – 30—45 days…"))).toBe("GSM-7");
  });

  it("drops accents the GSM table lacks but keeps those it has", () => {
    expect(toGsm7Friendly("Ana árbol, Jesús, café, Zürich")).toBe("Ana arbol, Jesus, café, Zürich");
  });

  it("keeps characters with no equivalent, so emoji still mean UCS-2", () => {
    expect(toGsm7Friendly("thanks 😀")).toBe("thanks 😀");
    expect(toGsm7Friendly("中文")).toBe("中文");
  });

  it("removes zero-width characters", () => {
    expect(toGsm7Friendly("a\u200bb\ufeff")).toBe("ab");
  });
});

describe("fitToSegments", () => {
  const more = "Reply MORE for the rest";

  it("leaves a text that fits untouched", () => {
    expect(fitToSegments("short", 1, more)).toEqual({ head: "short", rest: "" });
  });

  it("cuts at a word boundary so head and prompt fit, keeping every word", () => {
    const text = Array.from({ length: 80 }, (_, i) => `word${i}`).join(" ");
    const { head, rest } = fitToSegments(text, 2, more);
    expect(head.endsWith(`... ${more}`)).toBe(true);
    expect(countSegments(head).segments).toBeLessThanOrEqual(2);
    expect(head.length).toBeGreaterThan(250);
    expect(head.slice(0, -`... ${more}`.length) + " " + rest).toBe(text);
  });

  it("prefers the end of a line, then of a sentence, to a cut mid-sentence", () => {
    const answer = "Results usually last one to five years. ".repeat(4).trim();
    const details = "Sources: " + "[1] A long title about microneedling ".repeat(6).trim();
    expect(fitToSegments(`${answer}\n${details}`, 2, more)).toEqual({
      head: `${answer} ${more}`,
      rest: details,
    });

    const sentences = "This sentence has exactly forty-nine characters. ".repeat(8).trim();
    const { head } = fitToSegments(sentences, 2, more);
    expect(head).toMatch(/characters\. Reply MORE for the rest$/);
  });

  it("puts a kept line on the head's last line, before the prompt, still within the budget", () => {
    const text = `${"Results usually last one to five years. ".repeat(9).trim()}\nSources: [1] A [2] B`;
    const keep = "Source: [1] A";
    const { head, rest } = fitToSegments(text, 2, more, keep);
    expect(head).toMatch(/years\.\nSource: \[1\] A Reply MORE for the rest$/);
    expect(countSegments(head).segments).toBeLessThanOrEqual(2);
    expect(rest.endsWith("Sources: [1] A [2] B")).toBe(true);
    expect(fitToSegments("short", 1, more, keep)).toEqual({ head: "short", rest: "" });
  });

  it("cuts mid-sentence when a sentence cut would waste too much of the budget", () => {
    const text = "Short one. " + "and then a very long sentence that goes on ".repeat(10);
    const { head } = fitToSegments(text, 2, more);
    expect(head).toMatch(/\w\.\.\. Reply MORE for the rest$/);
    expect(head.length).toBeGreaterThan(250);
  });

  it("respects the UCS-2 budget when the text has an emoji", () => {
    const text = "😀 " + "very long words here ".repeat(20);
    const { head, rest } = fitToSegments(text, 2, more);
    expect(countSegments(head)).toMatchObject({ encoding: "UCS-2" });
    expect(countSegments(head).units).toBeLessThanOrEqual(134);
    expect(rest.length).toBeGreaterThan(0);
  });

  it("cuts inside a word only when a single word is longer than the budget", () => {
    const suffix = `... ${more}`;
    const { head, rest } = fitToSegments("x".repeat(400), 1, more);
    expect(head).toBe("x".repeat(160 - suffix.length) + suffix);
    expect(rest).toBe("x".repeat(400 - (160 - suffix.length)));
  });
});
