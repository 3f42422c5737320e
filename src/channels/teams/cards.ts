import type { Conflict } from "../../reply.ts";
import { escapeTeamsText } from "./escape.ts";

/** Adaptive Card elements, kept as plain JSON: Teams reads them as-is. */
export type CardElement = Record<string, unknown>;

export interface AdaptiveCard {
  type: "AdaptiveCard";
  $schema: string;
  version: "1.5";
  body: CardElement[];
  actions?: CardElement[];
}

export const ADAPTIVE_CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";

export function adaptiveCard(body: CardElement[], actions: CardElement[] = []): AdaptiveCard {
  const card: AdaptiveCard = {
    type: "AdaptiveCard",
    $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
    version: "1.5",
    body,
  };
  if (actions.length > 0) card.actions = actions;
  return card;
}

// TextBlocks read markdown too: every text is escaped (see escape.ts).
const textBlock = (text: string, extra: CardElement = {}): CardElement => ({
  type: "TextBlock",
  text: escapeTeamsText(text),
  wrap: true,
  ...extra,
});

/**
 * A button that sends `question` back as if the user typed it.
 * Teams posts the `msteams.imBack` value as message text; other clients (Emulator, Web Chat)
 * post `data` as the message value, read back as `value.question`.
 */
export function questionAction(title: string, question: string): CardElement {
  return {
    type: "Action.Submit",
    title,
    data: { question, msteams: { type: "imBack", value: question } },
  };
}

// "+1 555 0134 210" => "tel:+15550134210": Teams opens the dialler (or Teams calling) for it.
const telUrl = (phone: string) => `tel:${phone.replace(/[^\d+]/g, "")}`;

/** A button that opens `url`: a phone number to call, or the clinic's booking page. */
export function openUrlAction(title: string, url: string): CardElement {
  return { type: "Action.OpenUrl", title, url };
}

export function callAction(title: string, phone: string): CardElement {
  return openUrlAction(title, telUrl(phone));
}

/** "Articles disagree": each disagreement with every article's title and position. */
export function conflictContainer(conflicts: readonly Conflict[]): CardElement {
  const items: CardElement[] = [textBlock("⚠️ Articles disagree", { weight: "Bolder", color: "Warning" })];
  for (const conflict of conflicts) {
    items.push(textBlock(conflict.summary, { spacing: "Small" }));
    for (const position of conflict.positions) {
      items.push({
        type: "Container",
        spacing: "Small",
        items: [
          textBlock(position.title, { weight: "Bolder", size: "Small" }),
          textBlock(position.claim, { spacing: "None", isSubtle: true }),
        ],
      });
    }
  }
  return { type: "Container", style: "warning", bleed: true, items };
}

export function urgentContainer(): CardElement {
  return {
    type: "Container",
    style: "attention",
    bleed: true,
    items: [
      textBlock("🚨 Urgent: please act now", { weight: "Bolder", size: "Medium", color: "Attention" }),
      textBlock("Contact your provider now, or emergency services if it is severe.", { spacing: "Small" }),
    ],
  };
}

export function handoffContainer(clinicName: string): CardElement {
  return {
    type: "Container",
    style: "emphasis",
    bleed: true,
    items: [
      textBlock(`📞 Contact ${clinicName}`, { weight: "Bolder" }),
      textBlock("A person at the clinic can help with bookings, prices and your own skin.", {
        spacing: "Small",
        isSubtle: true,
      }),
    ],
  };
}

export function subtleHeading(text: string): CardElement {
  return textBlock(text, { isSubtle: true, size: "Small" });
}
