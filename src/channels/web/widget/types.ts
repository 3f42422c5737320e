import type { ChatContact, ChatResponse } from "../chat-route.ts";

export type { ChatContact, ChatResponse };

/** Why a message did not get an answer; each has its own wording and all offer Retry. */
export type SendFailure = "offline" | "network" | "timeout" | "server" | "rejected";

export interface UserMessage {
  id: string;
  role: "user";
  text: string;
  status: "sending" | "sent" | "failed";
  failure?: SendFailure;
}

export interface BotMessage {
  id: string;
  role: "bot";
  reply: ChatResponse["reply"];
  contact?: ChatContact;
  /** The visitor's vote on this answer, once recorded. */
  feedback?: "up" | "down";
}

export type ChatMessage = UserMessage | BotMessage;

/** What survives a reload in the same tab (sessionStorage). */
export interface SavedChat {
  version: 1;
  conversationId: string | undefined;
  messages: ChatMessage[];
  open: boolean;
}
