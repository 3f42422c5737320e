import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { REPLY_KINDS } from "../../src/reply.ts";
import { shippedEngine } from "../support/shipped.ts";

const engine = shippedEngine();
const SAMPLES = [
  "",
  "   \n\t ",
  "x".repeat(100_000),
  "\u0000\u0001\u0007\u001b[31m",
  "🙂🔥💉💉💉",
  "هل الوخز بالإبر الدقيقة مؤلم؟",
  "微针疼吗",
  "<script>alert(1)</script><img src=x onerror=alert(1)>",
  "¿El microneedling duele?",
  "\u202eevil\u202c",
  "&#0; &#1114112; &#99999999;",
];

function expectValid(text: string) {
  const { reply, context } = engine.handleTurn({ text });
  expect(REPLY_KINDS).toContain(reply.kind);
  expect(typeof reply.text).toBe("string");
  expect(reply.text.length).toBeGreaterThan(0);
  expect(reply.confidence).toBeGreaterThanOrEqual(0);
  expect(reply.confidence).toBeLessThanOrEqual(1);
  for (const k of ["citations", "conflicts", "suggestions", "alternatives"] as const)
    expect(Array.isArray(reply[k])).toBe(true);
  expect(context.turns).toBe(1);
}

describe("any input yields a valid reply", () => {
  it.each(SAMPLES.map((s) => [s.slice(0, 30), s]))("handles %j", (_label, text) => expectValid(text));

  it("handles arbitrary Unicode strings", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 300 }), (s) => expectValid(s)),
      { numRuns: 300 },
    );
  });

  it("handles arbitrary binary-ish strings", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 500 }), (s) => expectValid(s)),
      { numRuns: 300 },
    );
  });

  it("survives a corrupted stored context", () => {
    const junk = fc.anything();
    fc.assert(
      fc.property(junk, (context) => {
        const { reply } = engine.handleTurn({
          text: "and how long does that last?",
          context: context as never,
        });
        expect(REPLY_KINDS).toContain(reply.kind);
      }),
      { numRuns: 200 },
    );
  });
});
