import { describe, expect, it } from "vitest";
import { loadLanguage } from "../../src/lang/language.ts";
import { analyze } from "../../src/matching/analyze.ts";
import { EVIDENCE_DEFAULTS } from "../../src/matching/evidence.ts";
import { laterTurnReader, pleasantrySentenceStripper } from "../../src/matching/later-turns.ts";
import { buildLexicon } from "../../src/matching/lexicon.ts";
import { shippedKnowledge } from "../support/shipped.ts";

const kb = shippedKnowledge();
const lexicon = buildLexicon(kb, loadLanguage("en"));
const read = laterTurnReader(kb, lexicon, (text) => analyze(text, lexicon), EVIDENCE_DEFAULTS.specificShare);

describe("a later turn read for what stands alone", () => {
  it("keeps a question that names its own subject, without the lead-ins and pleasantries before it", () => {
    expect(read("ok and how long is each appointment")).toBe("how long is each appointment");
    expect(read("lol ok and when do I see results")).toBe("when do I see results");
    expect(read("Most helpful. And what care would be required in the days following?")).toBe(
      "what care would be required in the days following?",
    );
  });

  it("keeps a statement that names what few topics speak of", () => {
    expect(read("my daughter's 17 and still breaking out though")).toBeDefined();
  });

  it("learns nothing from a turn whose topic came from the conversation", () => {
    // Pointing back, opening onto the last answer, asking with nothing named, naming only a place.
    for (const text of [
      "how long does that take?",
      "is it sore",
      "ok, what about big pores",
      "Thank you. How long will I be there for? I need to arrange a lift.",
      "and the neck?",
      "how long?",
    ])
      expect(read(text), text).toBeUndefined();
  });

  it("learns nothing from pleasantries alone", () => {
    expect(read("Most helpful. Good day to you.")).toBeUndefined();
    expect(read("lol ok thanks")).toBeUndefined();
  });
});

describe("a first message learned without its pleasantries", () => {
  const strip = pleasantrySentenceStripper(kb, lexicon, (text) => analyze(text, lexicon));
  it("drops the sentences that only greet or thank, and keeps what asks or tells", () => {
    expect(strip("Good day. Is it possible to do microneedling only once? Thank you dear.")).toBe(
      "Is it possible to do microneedling only once?",
    );
    expect(strip("Hello there! My skin is very dry after the session.")).toBe(
      "My skin is very dry after the session.",
    );
  });
  it("drops a greeting that opens a sentence, so the greeting does not come to mean the topic", () => {
    expect(strip("hey so how long do the results actually last")).toBe(
      "so how long do the results actually last",
    );
    expect(strip("hey whats microneedling exactly")).toBe("whats microneedling exactly");
  });
  it("keeps a message that is only pleasantry, or has none, as it is", () => {
    expect(strip("Thank you so much!")).toBe("Thank you so much!");
    expect(strip("how long do results last")).toBe("how long do results last");
  });
});
