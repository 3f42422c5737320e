import { FULL_SCREEN_QUERY, trapFocus } from "./a11y.ts";
import { postChat } from "./api.ts";
import { el } from "./dom.ts";
import { postFeedback } from "./feedback.ts";
import type { WidgetOptions } from "./options.ts";
import { countdownText, renderMeta } from "./render-meta.ts";
import { clarifyChoices, renderBotMessage, renderChips } from "./render-reply.ts";
import { renderTyping, renderUserMessage } from "./render-user.ts";
import { buildShell } from "./shell.ts";
import { clearChat, loadChat, saveChat } from "./storage.ts";
import type { BotMessage, ChatMessage, SavedChat, UserMessage } from "./types.ts";

/** Mounts the launcher and chat panel on `doc` and restores this tab's conversation. */
export function mountWidget(options: WidgetOptions, doc: Document = document): void {
  const shell = buildShell(options, doc);
  const storageKey = `faq-chat:v1:${options.api}`;
  const typing = renderTyping(options.assistantName);
  const nodes = new Map<string, HTMLElement>();
  let chat: SavedChat = loadChat(storageKey);
  let busy = false;
  // A message held back by a rate limit: the timer that sends it and the one that counts down.
  let waiting: { send: ReturnType<typeof setTimeout>; tick: ReturnType<typeof setInterval> } | undefined;

  const save = () => saveChat(storageKey, chat);
  const newId = () => `m${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;
  const focusInput = () => shell.input.focus({ preventScroll: true });

  function setOpen(open: boolean, { focus }: { focus: boolean }): void {
    shell.root.classList.toggle("open", open);
    shell.launcher.setAttribute("aria-expanded", String(open));
    shell.launcher.setAttribute("aria-label", open ? "Close chat" : `Open chat: ${options.title}`);
    chat.open = open;
    save();
    if (!focus) return;
    if (open) focusInput();
    else shell.launcher.focus();
  }

  function setBusy(value: boolean): void {
    busy = value;
    if (value) shell.send.setAttribute("aria-disabled", "true");
    else shell.send.removeAttribute("aria-disabled");
  }

  function render(message: ChatMessage): HTMLElement {
    const node =
      message.role === "user"
        ? renderUserMessage(message, retry)
        : renderBotMessage(
            message,
            { ask: send, rate: (helpful) => rate(message, helpful) },
            options.assistantName,
          );
    const old = nodes.get(message.id);
    if (old) old.replaceWith(node);
    else shell.log.insertBefore(node, typing.isConnected ? typing : null);
    nodes.set(message.id, node);
    return node;
  }

  function renderAll(): void {
    const greeting = el(
      "div",
      { class: "msg bot greeting" },
      renderMeta(options.assistantName, undefined),
      el("div", { class: "bubble" }, el("p", { class: "text", dir: "auto" }, options.greeting)),
      options.starters.length > 0
        ? renderChips(options.starters, { ask: send }, { label: "Popular questions" })
        : null,
    );
    shell.log.replaceChildren(greeting);
    nodes.clear();
    for (const message of chat.messages) render(message);
    shell.log.scrollTop = shell.log.scrollHeight;
  }

  // Scrolls to the end if everything fits, else to the top of `from` (the question) so reading starts there.
  function scrollToShow(node: HTMLElement, from: HTMLElement = node): void {
    const top = from.offsetTop - 12;
    const fits = node.offsetTop + node.offsetHeight - top < shell.log.clientHeight - 12;
    shell.log.scrollTop = fits ? shell.log.scrollHeight : top;
  }

  // A clarify is answered once: whatever is sent next settles its choices (the one picked is marked).
  function settleClarify(text: string): void {
    const last = chat.messages[chat.messages.length - 1];
    if (last?.role !== "bot" || last.reply.kind !== "clarify" || last.answered !== undefined) return;
    last.answered = clarifyChoices(last.reply).includes(text) ? text : "";
    render(last);
  }

  function send(text: string): void {
    const trimmed = text.trim();
    if (trimmed === "" || busy) return;
    settleClarify(trimmed);
    const message: UserMessage = {
      id: newId(),
      role: "user",
      text: trimmed,
      status: "sending",
      at: Date.now(),
    };
    chat.messages.push(message);
    save();
    void deliver(message);
  }

  // A failed message retried after later ones moves to the end, so its answer follows it.
  function retry(message: UserMessage): void {
    if (busy) return;
    focusInput();
    if (chat.messages[chat.messages.length - 1] !== message) {
      chat.messages = [...chat.messages.filter((m) => m !== message), message];
      nodes.get(message.id)?.remove();
      nodes.delete(message.id);
    }
    void deliver(message);
  }

  // Refused with 429: count down the server's Retry-After, then send the same message again.
  function waitThenSend(message: UserMessage, seconds: number): void {
    message.status = "waiting";
    message.retryAt = Date.now() + seconds * 1000;
    save();
    render(message);
    setBusy(true);
    const tick = setInterval(() => {
      const countdown = nodes.get(message.id)?.querySelector(".countdown");
      if (countdown && message.retryAt !== undefined) countdown.textContent = countdownText(message.retryAt);
    }, 1000);
    const sendAgain = setTimeout(() => {
      stopWaiting();
      void deliver(message);
    }, seconds * 1000);
    waiting = { send: sendAgain, tick };
  }

  function stopWaiting(): void {
    if (!waiting) return;
    clearTimeout(waiting.send);
    clearInterval(waiting.tick);
    waiting = undefined;
  }

  async function deliver(message: UserMessage): Promise<void> {
    setBusy(true);
    message.status = "sending";
    delete message.failure;
    delete message.retryAt;
    render(message);
    shell.log.append(typing);
    shell.log.setAttribute("aria-busy", "true");
    scrollToShow(typing);
    const result = await postChat(options.api, { conversationId: chat.conversationId, text: message.text });
    typing.remove();
    shell.log.removeAttribute("aria-busy");
    setBusy(false);
    if (!chat.messages.includes(message)) return; // the conversation was restarted meanwhile
    if (!result.ok) {
      if (result.failure === "rate-limited") {
        waitThenSend(message, result.retryAfterSeconds);
        return;
      }
      message.status = "failed";
      message.failure = result.failure;
      save();
      render(message);
      return;
    }
    message.status = "sent";
    chat.conversationId = result.response.conversationId;
    const { reply, contact } = result.response;
    const bot: BotMessage = { id: newId(), role: "bot", reply, contact, at: Date.now() };
    chat.messages.push(bot);
    save();
    const question = render(message);
    scrollToShow(render(bot), question);
  }

  // One vote per answer, kept with the conversation so a reload shows "thanks", not the buttons again.
  async function rate(message: BotMessage, helpful: boolean): Promise<boolean> {
    const { topic, confidence } = message.reply;
    if (message.feedback || !topic || chat.conversationId === undefined) return false;
    const body = { conversationId: chat.conversationId, topic, confidence, helpful };
    if (!(await postFeedback(options.api, body))) return false;
    message.feedback = helpful ? "up" : "down";
    save();
    return true;
  }

  function restart(): void {
    stopWaiting();
    setBusy(false);
    clearChat(storageKey);
    chat = { version: 1, conversationId: undefined, messages: [], open: true };
    save();
    renderAll();
    focusInput();
  }

  const fullScreen = doc.defaultView?.matchMedia(FULL_SCREEN_QUERY);
  shell.launcher.addEventListener("click", () => setOpen(!chat.open, { focus: true }));
  shell.close.addEventListener("click", () => setOpen(false, { focus: true }));
  shell.restart.addEventListener("click", restart);
  shell.root.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && chat.open) {
      event.stopPropagation();
      setOpen(false, { focus: true });
    } else if (event.key === "Tab" && chat.open && fullScreen?.matches) {
      trapFocus(event, shell.panel);
    }
  });
  shell.form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (busy || shell.input.value.trim() === "") return;
    send(shell.input.value);
    shell.input.value = "";
  });
  // After a chip, keyboard users carry on typing where they type.
  shell.log.addEventListener("click", (event) => {
    if ((event.target as Element).closest?.(".chip")) focusInput();
  });
  const view = doc.defaultView;
  const showOnline = () => {
    shell.banner.hidden = view?.navigator.onLine !== false;
  };
  view?.addEventListener("online", showOnline);
  view?.addEventListener("offline", showOnline);

  showOnline();
  renderAll();
  doc.body.append(shell.host);
  if (chat.open) setOpen(true, { focus: false });
}
