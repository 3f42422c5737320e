import type { Activity } from "botbuilder";

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const tidy = (text: string): string =>
  text
    .replace(/&nbsp;/g, " ")
    .replace(/\s+/g, " ")
    .trim();

/** `{ question: "…" }` from a card button's data, wherever the client put it. */
function questionFromData(data: unknown): string {
  if (!isRecord(data)) return "";
  if (typeof data.question === "string") return tidy(data.question);
  // Universal Actions (Action.Execute) nest the button data under `action.data`.
  if (isRecord(data.action)) return questionFromData(data.action.data);
  return "";
}

/**
 * What the user asked, from a message activity:
 * "<at>FAQ Bot</at> does it hurt?" → "does it hurt?" (only the bot's own mention is removed);
 * a card button posted as `value: { question }` with no text → that question.
 */
export function questionFromMessage(activity: Partial<Activity>): string {
  const text = tidy(withoutBotMention(activity));
  return text || questionFromData(activity.value);
}

/** Removes every mention of the recipient (the bot); mentions of people stay in the text. */
function withoutBotMention(activity: Partial<Activity>): string {
  let text = activity.text ?? "";
  const botId = activity.recipient?.id;
  for (const entity of activity.entities ?? []) {
    const mentioned = isRecord(entity.mentioned) ? entity.mentioned : undefined;
    if (entity.type !== "mention" || !botId || mentioned?.id !== botId) continue;
    if (typeof entity.text === "string" && entity.text) text = text.split(entity.text).join(" ");
  }
  return text;
}

/** The question carried by an `adaptiveCard/action` invoke (an Action.Execute button). */
export function questionFromCardAction(activity: Partial<Activity>): string {
  return questionFromData(activity.value);
}

export interface FeedbackSubmission {
  reaction: "like" | "dislike";
  /** Id of the bot message the thumbs belonged to. */
  replyToId: string | undefined;
}

/**
 * The Teams feedback loop's `message/submitAction` invoke value:
 * `{ actionName: "feedback", actionValue: { reaction: "like", feedback: "{…}" } }`.
 * The free-text comment is deliberately dropped: it may hold personal details.
 */
export function feedbackFromInvoke(activity: Partial<Activity>): FeedbackSubmission | null {
  const value = activity.value;
  if (!isRecord(value) || value.actionName !== "feedback" || !isRecord(value.actionValue)) return null;
  const reaction = value.actionValue.reaction;
  if (reaction !== "like" && reaction !== "dislike") return null;
  return { reaction, replyToId: activity.replyToId };
}
