import type { ChatContact, ChatResponse } from "../chat-route.ts";

export type { ChatContact, ChatResponse };

/** Why a message did not get an answer; each has its own wording and all but a rate limit offer Retry. */
export type SendFailure = "offline" | "network" | "timeout" | "server" | "rejected" | "rate-limited";

export interface UserMessage {
  id: string;
  role: "user";
  text: string;
  /** "waiting": refused with 429, sent again by itself at `retryAt`. */
  status: "sending" | "sent" | "failed" | "waiting";
  failure?: SendFailure;
  /** Epoch milliseconds when a waiting message is sent again. */
  retryAt?: number;
  /** Epoch milliseconds when it was written (shown on hover and focus). */
  at?: number;
}

export interface BotMessage {
  id: string;
  role: "bot";
  reply: ChatResponse["reply"];
  contact?: ChatContact;
  /** The visitor's vote on this answer, once recorded. */
  feedback?: "up" | "down";
  /** Epoch milliseconds when it arrived. */
  at?: number;
  /** A clarify once the visitor has moved on: the choice they sent, or "" for something else. */
  answered?: string;
}

export type ChatMessage = UserMessage | BotMessage;

/** What survives a reload in the same tab (sessionStorage). */
export interface SavedChat {
  version: 1;
  conversationId: string | undefined;
  messages: ChatMessage[];
  open: boolean;
}
