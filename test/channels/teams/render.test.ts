import { describe, expect, it } from "vitest";
import {
  CITATION_ABSTRACT_MAX,
  CITATION_NAME_MAX,
  citationEntity,
  NONE_OF_THESE,
  renderReply,
  renderWelcome,
  truncate,
  withCitationMarkers,
} from "../../../src/channels/teams/render.ts";
import { shippedProfile } from "../../support/shipped.ts";
import { reply } from "./fakes.ts";

const GLOW = { name: "Glow Clinic", phone: "+1 555 0199" };
const personal = {
  profile: shippedProfile(GLOW),
  buttons: "suggested" as const,
};
const group = {
  profile: shippedProfile(GLOW),
  buttons: "card" as const,
};

type Card = { version: string; body: Record<string, unknown>[]; actions?: Record<string, unknown>[] };
const cardOf = (activity: ReturnType<typeof renderReply>): Card => activity.attachments?.[0]?.content as Card;

describe("withCitationMarkers", () => {
  it("appends one marker per citation at the end", () => {
    expect(withCitationMarkers("It lasts. ", 2)).toBe("It lasts. [1] [2]");
  });
  it("leaves text without citations alone", () => {
    expect(withCitationMarkers("Hello.", 0)).toBe("Hello.");
  });
});

describe("truncate", () => {
  it("keeps short text whole", () => {
    expect(truncate("Short title", 80)).toBe("Short title");
  });
  it("cuts long text at a word boundary with an ellipsis, within the limit", () => {
    const long = "word ".repeat(60);
    const out = truncate(long, 80);
    expect(Array.from(out).length).toBeLessThanOrEqual(80);
    expect(out.endsWith("word…")).toBe(true);
  });
  it("counts emoji as one character", () => {
    expect(Array.from(truncate("😀".repeat(200), 160)).length).toBe(160);
  });
});

describe("citationEntity", () => {
  it("is the schema.org Message shape Teams reads, without an AI-generated label", () => {
    const entity = citationEntity(reply().citations);
    expect(entity).toEqual({
      type: "https://schema.org/Message",
      "@type": "Message",
      "@context": "https://schema.org",
      "@id": "",
      citation: [
        {
          "@type": "Claim",
          position: 1,
          appearance: {
            "@type": "DigitalDocument",
            name: "Microneedling: What It Is, Benefits, Risks & Recovery",
            abstract: "Results are long-lasting but not permanent.",
          },
        },
        {
          "@type": "Claim",
          position: 2,
          appearance: {
            "@type": "DigitalDocument",
            name: "Microneedling: Benefits, Side Effects, and Cost",
            abstract: "You may need maintenance sessions.",
          },
        },
      ],
    });
    expect(JSON.stringify(entity)).not.toContain("AIGeneratedContent");
  });

  it("keeps names within 80 and abstracts within 160 characters", () => {
    const entity = citationEntity([{ source: "s", title: "T ".repeat(100), quote: "q ".repeat(200) }]);
    const appearance = (entity.citation as { appearance: { name: string; abstract: string } }[])[0]!
      .appearance;
    expect(appearance.name.length).toBeLessThanOrEqual(CITATION_NAME_MAX);
    expect(appearance.abstract.length).toBeLessThanOrEqual(CITATION_ABSTRACT_MAX);
  });
});

describe("renderReply", () => {
  it("renders an answer as text with markers, the citation entity and the feedback loop, no card", () => {
    const activity = renderReply(reply(), personal);
    expect(activity.type).toBe("message");
    expect(activity.text).toBe("Results build over months and are long-lasting but not permanent. [1] [2]");
    expect(activity.entities).toHaveLength(1);
    expect(activity.channelData).toEqual({ feedbackLoopEnabled: true });
    expect(activity.attachments).toBeUndefined();
  });

  it("offers at most three follow-ups as imBack suggested actions in a 1:1 chat", () => {
    const activity = renderReply(reply({ suggestions: ["A?", "B?", "C?", "D?"] }), personal);
    expect(activity.suggestedActions?.actions).toEqual([
      { type: "imBack", title: "A?", value: "A?" },
      { type: "imBack", title: "B?", value: "B?" },
      { type: "imBack", title: "C?", value: "C?" },
    ]);
  });

  it("puts follow-ups on card buttons in group chats and channels", () => {
    const activity = renderReply(reply({ suggestions: ["A?", "B?", "C?", "D?"] }), group);
    expect(activity.suggestedActions).toBeUndefined();
    const card = cardOf(activity);
    expect(card.version).toBe("1.5");
    expect(card.actions).toHaveLength(3);
    expect(card.actions?.[0]).toEqual({
      type: "Action.Submit",
      title: "A?",
      data: { question: "A?", msteams: { type: "imBack", value: "A?" } },
    });
  });

  it("marks a conflict in a warning container listing each article's title and position", () => {
    const conflicted = reply({
      conflicts: [
        {
          summary: "How long results last.",
          positions: [
            { source: "a", title: "Article A", claim: "Up to a year.", quote: "q" },
            { source: "b", title: "Article B", claim: "Three to six months.", quote: "q" },
          ],
        },
      ],
    });
    const activity = renderReply(conflicted, personal);
    const card = cardOf(activity);
    expect(activity.attachments?.[0]?.contentType).toBe("application/vnd.microsoft.card.adaptive");
    const container = card.body[0] as { style: string; items: { text?: string }[] };
    expect(container.style).toBe("warning");
    const texts = JSON.stringify(container);
    for (const part of [
      "Articles disagree",
      "Article A",
      "Up to a year.",
      "Article B",
      "Three to six months.",
    ]) {
      expect(texts).toContain(part);
    }
    expect(activity.text).toContain("[1] [2]");
    expect(activity.text).toContain("The articles disagree: How long results last.");
  });

  it("renders clarify as buttons plus a None of these way out, listed in the text too", () => {
    const clarify = reply({
      kind: "clarify",
      topic: null,
      text: "Did you mean one of these?",
      citations: [],
      alternatives: [
        { topic: "results-onset", question: "How soon will I see results?" },
        { topic: "results-duration", question: "How long do the results last?" },
      ],
    });
    const activity = renderReply(clarify, personal);
    const titles = cardOf(activity).actions?.map((a) => a.title);
    expect(titles).toEqual(["How soon will I see results?", "How long do the results last?", NONE_OF_THESE]);
    expect(activity.text).toBe(
      "Did you mean one of these?\n\n- How soon will I see results?\n- How long do the results last?\n- None of these",
    );
    expect(activity.channelData).toBeUndefined();
    expect(activity.entities).toBeUndefined();
  });

  it("lists a clarify's choices and the engine's own way-out label once, from the reply's fields", () => {
    const clarify = reply({
      kind: "clarify",
      topic: null,
      text: "Did you mean one of these?",
      citations: [],
      alternatives: [
        { topic: "pain", question: "Does microneedling hurt?" },
        { topic: "safety", question: "Is microneedling safe?" },
      ],
      suggestions: ["Does microneedling hurt?", "Is microneedling safe?", "Neither"],
      noneOfThese: "Neither",
    });
    const activity = renderReply(clarify, personal);
    expect(activity.text).toBe(
      "Did you mean one of these?\n\n- Does microneedling hurt?\n- Is microneedling safe?\n- Neither",
    );
    expect(cardOf(activity).actions?.map((a) => a.title)).toEqual([
      "Does microneedling hurt?",
      "Is microneedling safe?",
      "Neither",
    ]);
    expect(activity.suggestedActions).toBeUndefined();
  });

  it("marks urgent replies with an attention container and offers no follow-ups", () => {
    const urgent = reply({
      kind: "urgent",
      topic: null,
      text: "Please contact your provider now.",
      citations: [],
      suggestions: ["Is microneedling safe?"],
    });
    const activity = renderReply(urgent, personal);
    const container = cardOf(activity).body[0] as { style: string };
    expect(container.style).toBe("attention");
    expect(activity.text).toBe("Please contact your provider now.");
    expect(activity.suggestedActions).toBeUndefined();
    expect(activity.channelData).toBeUndefined();
  });

  it("shows a handoff with the clinic's name", () => {
    const handoff = reply({ kind: "handoff", topic: null, text: "Call us on 01234 567890.", citations: [] });
    const activity = renderReply(handoff, personal);
    expect(JSON.stringify(cardOf(activity))).toContain("Contact Glow Clinic");
    expect(activity.text).toBe("Call us on 01234 567890.");
  });

  it("gives an urgent card buttons that call the clinic and each emergency number, and nothing to book", () => {
    const urgent = reply({ kind: "urgent", topic: null, text: "Call your provider now.", citations: [] });
    for (const options of [personal, group]) {
      const actions = cardOf(renderReply(urgent, options)).actions ?? [];
      const numbers = options.profile.copy.emergencyNumbers;
      expect(numbers.length).toBeGreaterThan(0);
      expect(actions).toEqual([
        { type: "Action.OpenUrl", title: "Call Glow Clinic", url: "tel:+15550199" },
        ...numbers.map((n) => ({ type: "Action.OpenUrl", title: `Emergency: call ${n}`, url: `tel:${n}` })),
      ]);
    }
  });

  it("gives a handoff card buttons that call the clinic and open its booking page", () => {
    const handoff = reply({ kind: "handoff", topic: null, text: "Call us.", citations: [] });
    const booked = {
      ...personal,
      profile: shippedProfile({ ...GLOW, bookingUrl: "https://glow.example/book" }),
    };
    expect(cardOf(renderReply(handoff, booked)).actions).toEqual([
      { type: "Action.OpenUrl", title: "Call +1 555 0199", url: "tel:+15550199" },
      { type: "Action.OpenUrl", title: "Book an appointment", url: "https://glow.example/book" },
    ]);
    // No booking page configured (or not a web page): the call button alone.
    for (const bookingUrl of ["", "javascript:alert(1)"]) {
      const options = { ...personal, profile: shippedProfile({ ...GLOW, bookingUrl }) };
      expect(cardOf(renderReply(handoff, options)).actions).toEqual([
        { type: "Action.OpenUrl", title: "Call +1 555 0199", url: "tel:+15550199" },
      ]);
    }
  });

  it("renders a fallback as plain text", () => {
    const fallback = reply({
      kind: "fallback",
      topic: null,
      text: "I can only answer about microneedling.",
      citations: [],
    });
    const activity = renderReply(fallback, personal);
    expect(activity).toEqual({ type: "message", text: "I can only answer about microneedling." });
  });
});

describe("renderWelcome", () => {
  it("introduces the bot, discloses it is not a clinician and suggests three questions", () => {
    const activity = renderWelcome(personal);
    expect(activity.text).toContain("Glow Clinic");
    expect(activity.text).toContain("I'm an automated assistant, not a clinician");
    expect(activity.suggestedActions?.actions).toHaveLength(3);
  });

  it("uses card buttons in group chats", () => {
    const activity = renderWelcome(group);
    expect(cardOf(activity).actions).toHaveLength(3);
  });
});
