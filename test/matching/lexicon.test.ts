import { describe, expect, it } from "vitest";
import { loadLanguage } from "../../src/lang/language.ts";
import { analyze } from "../../src/matching/analyze.ts";
import { buildLexicon } from "../../src/matching/lexicon.ts";
import { shippedKnowledge } from "../support/shipped.ts";

const kb = shippedKnowledge();
const language = loadLanguage("en");
const withShorthand = (shorthand: Record<string, string>) => ({
  ...kb,
  vocabulary: { ...kb.vocabulary, shorthand },
});
const corrected = (pack: typeof kb, text: string) => analyze(text, buildLexicon(pack, language)).corrected;

describe("lexicon", () => {
  it("reads the language's text-speak and dialect spellings in a pack that lists none of its own", () => {
    const bare = withShorthand({});
    expect(corrected(bare, "hw long b4 u c results")).toContain("how long before you");
    expect(corrected(bare, "how lang afore ye see owt")).toBe("how long before you see anything");
    expect(corrected(bare, "does it urt")).toBe("does it hurt");
  });
  it("reads a pack's own shorthand over the language's", () => {
    expect(corrected(withShorthand({ u: "university" }), "can u help")).toBe("can university help");
  });
});
