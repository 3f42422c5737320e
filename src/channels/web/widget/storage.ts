import type { ChatMessage, SavedChat } from "./types.ts";

const MAX_SAVED_MESSAGES = 60;

/** The saved conversation for this tab, or a fresh one when there is none or it is unreadable. */
export function loadChat(key: string): SavedChat {
  const fresh: SavedChat = { version: 1, conversationId: undefined, messages: [], open: false };
  let raw: string | null;
  try {
    raw = window.sessionStorage.getItem(key);
  } catch {
    return fresh; // storage blocked (privacy settings, sandboxed frame): the chat still works, unsaved
  }
  if (raw === null) return fresh;
  try {
    const saved = JSON.parse(raw) as SavedChat;
    if (saved?.version !== 1 || !Array.isArray(saved.messages)) return fresh;
    // A message still sending, or waiting out a rate limit, when the page went away: offer Retry.
    const messages = saved.messages.map((m): ChatMessage => {
      if (m.role !== "user" || (m.status !== "sending" && m.status !== "waiting")) return m;
      const { retryAt: _dropped, ...rest } = m;
      return { ...rest, status: "failed", failure: m.status === "waiting" ? "rate-limited" : "network" };
    });
    return { ...saved, messages };
  } catch {
    return fresh; // corrupt entry: start over rather than break the page
  }
}

export function saveChat(key: string, chat: SavedChat): void {
  const trimmed = { ...chat, messages: chat.messages.slice(-MAX_SAVED_MESSAGES) };
  try {
    window.sessionStorage.setItem(key, JSON.stringify(trimmed));
  } catch {
    // Quota or blocked storage: the conversation simply will not survive a reload.
  }
}

export function clearChat(key: string): void {
  try {
    window.sessionStorage.removeItem(key);
  } catch {
    // Blocked storage holds nothing to clear.
  }
}
