export { MAX_TEXT_LENGTH, parseChatRequest } from "./chat-request.ts";
export {
  type ChatContact,
  type ChatResponse,
  type ChatRouteDeps,
  createChatRoute,
  SHORTENED_NOTICE,
} from "./chat-route.ts";
export { demoWidgetAttributes, escapeHtml, renderDemoPage } from "./demo-page.ts";
export { type ErrorCode, sendJsonError } from "./json-error.ts";
export { hashConversationId, logTurn } from "./turn-log.ts";
export { buildWidgetBundle, type WidgetBundle } from "./widget-bundle.ts";
export { createWidgetRoute } from "./widget-route.ts";
