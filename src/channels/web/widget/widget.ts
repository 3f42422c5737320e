import { FAILURE_TEXT, postChat } from "./api.ts";
import { el } from "./dom.ts";
import type { WidgetOptions } from "./options.ts";
import { renderBotMessage, renderChips } from "./render-reply.ts";
import { buildShell } from "./shell.ts";
import { clearChat, loadChat, saveChat } from "./storage.ts";
import type { BotMessage, ChatMessage, SavedChat, UserMessage } from "./types.ts";

/** Mounts the launcher and chat panel on `doc` and restores this tab's conversation. */
export function mountWidget(options: WidgetOptions, doc: Document = document): void {
  const shell = buildShell(options, doc);
  const storageKey = `lumen-chat:v1:${options.api}`;
  let chat: SavedChat = loadChat(storageKey);
  let busy = false;
  const nodes = new Map<string, HTMLElement>();
  const typing = el(
    "div",
    { class: "msg bot typing" },
    el(
      "div",
      { class: "bubble" },
      el("span", { class: "dot" }),
      el("span", { class: "dot" }),
      el("span", { class: "dot" }),
      el("span", { class: "sr-only" }, "The assistant is typing"),
    ),
  );

  const save = () => saveChat(storageKey, chat);
  const newId = () => `m${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;

  function setOpen(open: boolean, { focus }: { focus: boolean }): void {
    shell.root.classList.toggle("open", open);
    shell.launcher.setAttribute("aria-expanded", String(open));
    shell.launcher.setAttribute("aria-label", open ? "Close chat" : `Open chat: ${options.title}`);
    chat.open = open;
    save();
    if (!focus) return;
    if (open) shell.input.focus({ preventScroll: true });
    else shell.launcher.focus();
  }

  function announce(text: string, { urgent = false } = {}): void {
    const region = urgent ? shell.alertRegion : shell.politeRegion;
    region.textContent = "";
    // A fresh text node after a tick makes screen readers read repeated messages too.
    setTimeout(() => {
      region.textContent = text;
    }, 60);
  }

  function renderUser(message: UserMessage): HTMLElement {
    const node = el(
      "div",
      { class: `msg user ${message.status}` },
      el("div", { class: "bubble" }, message.text),
    );
    if (message.status === "failed") {
      const retry = el("button", { type: "button", class: "retry" }, "Retry");
      retry.addEventListener("click", () => {
        shell.input.focus({ preventScroll: true });
        void deliver(message);
      });
      node.append(
        el("div", { class: "send-error" }, el("span", {}, FAILURE_TEXT[message.failure ?? "network"]), retry),
      );
    }
    return node;
  }

  function render(message: ChatMessage): HTMLElement {
    const node = message.role === "user" ? renderUser(message) : renderBotMessage(message, { ask: send });
    const old = nodes.get(message.id);
    if (old) old.replaceWith(node);
    else shell.log.insertBefore(node, typing.isConnected ? typing : null);
    nodes.set(message.id, node);
    return node;
  }

  function renderAll(): void {
    shell.log.replaceChildren(
      el(
        "div",
        { class: "msg bot greeting" },
        el("div", { class: "bubble" }, el("p", { class: "text" }, options.greeting)),
        renderChips("Popular questions", options.starters, { ask: send }),
      ),
    );
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

  function send(text: string): void {
    const trimmed = text.trim();
    if (trimmed === "" || busy) return;
    const message: UserMessage = { id: newId(), role: "user", text: trimmed, status: "sending" };
    chat.messages.push(message);
    save();
    render(message);
    void deliver(message);
  }

  async function deliver(message: UserMessage): Promise<void> {
    if (busy) return;
    busy = true;
    shell.send.setAttribute("aria-disabled", "true");
    message.status = "sending";
    delete message.failure;
    render(message);
    shell.log.append(typing);
    shell.log.setAttribute("aria-busy", "true");
    scrollToShow(typing);
    const result = await postChat(options.api, { conversationId: chat.conversationId, text: message.text });
    typing.remove();
    shell.log.removeAttribute("aria-busy");
    busy = false;
    shell.send.removeAttribute("aria-disabled");
    if (!result.ok) {
      message.status = "failed";
      message.failure = result.failure;
      save();
      render(message);
      announce(`${FAILURE_TEXT[result.failure]} Press Retry to send it again.`);
      return;
    }
    message.status = "sent";
    chat.conversationId = result.response.conversationId;
    const bot: BotMessage = {
      id: newId(),
      role: "bot",
      reply: result.response.reply,
      contact: result.response.contact,
    };
    chat.messages.push(bot);
    save();
    const question = render(message);
    scrollToShow(render(bot), question);
    announce(spokenSummary(bot), { urgent: bot.reply.kind === "urgent" });
  }

  shell.launcher.addEventListener("click", () => setOpen(!chat.open, { focus: true }));
  shell.close.addEventListener("click", () => setOpen(false, { focus: true }));
  shell.restart.addEventListener("click", () => {
    clearChat(storageKey);
    chat = { version: 1, conversationId: undefined, messages: [], open: true };
    save();
    renderAll();
    shell.input.focus({ preventScroll: true });
    announce("Started a new conversation.");
  });
  const fullScreen = doc.defaultView?.matchMedia(FULL_SCREEN_QUERY);
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
  // Chips and Retry move focus to the input, so keyboard users carry on typing.
  shell.log.addEventListener("click", (event) => {
    if ((event.target as Element).closest?.(".chip")) shell.input.focus({ preventScroll: true });
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

// Must match the full-screen media query in styles.ts.
const FULL_SCREEN_QUERY = "(max-width: 480px), (max-height: 560px)";

// Full screen, the panel covers the page: Tab cycles inside it instead of reaching hidden page links.
function trapFocus(event: KeyboardEvent, panel: HTMLElement): void {
  const focusable = Array.from(
    panel.querySelectorAll<HTMLElement>("button, input, a[href], [tabindex='0']"),
  ).filter((node) => node.offsetParent !== null);
  const first = focusable[0];
  const last = focusable[focusable.length - 1];
  const active = (panel.getRootNode() as ShadowRoot).activeElement;
  if (event.shiftKey && active === first) {
    event.preventDefault();
    last?.focus();
  } else if (!event.shiftKey && active === last) {
    event.preventDefault();
    first?.focus();
  }
}

// What a screen reader hears for a bot message: its text, then whether sources disagree.
function spokenSummary(message: BotMessage): string {
  const { reply } = message;
  const parts = [reply.text];
  if (reply.conflicts.length > 0) parts.push("Note: the articles disagree on this.");
  if (reply.citations.length > 0) parts.push(`${reply.citations.length} sources.`);
  if (reply.suggestions.length > 0 || reply.alternatives.length > 0)
    parts.push("Suggested questions follow.");
  return parts.join(" ");
}
