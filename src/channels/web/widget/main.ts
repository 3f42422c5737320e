// Entry point of widget.js: <script src="https://bot.example/widget.js" defer data-title="…"></script>
import { readOptions } from "./options.ts";
import { mountWidget } from "./widget.ts";

const script = document.currentScript as HTMLScriptElement | null;
const flags = window as Window & { __faqChatLoaded?: boolean };

// Pasting the tag twice must not add two launchers.
if (!flags.__faqChatLoaded) {
  flags.__faqChatLoaded = true;
  const options = readOptions(script, window.location.href);
  const start = () => mountWidget(options);
  if (document.body) start();
  else document.addEventListener("DOMContentLoaded", start, { once: true });
}
