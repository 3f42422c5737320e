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
  it("reads the language's dialect spellings in a pack that lists no shorthand of its own", () => {
    const bare = withShorthand({});
    expect(corrected(bare, "how lang afore ye see owt")).toBe("how long before you see anything");
    expect(corrected(bare, "does it urt")).toBe("does it hurt");
  });
  it("reads a pack's own shorthand over the language's", () => {
    expect(corrected(withShorthand({ u: "university" }), "can u help")).toBe("can university help");
  });
});
