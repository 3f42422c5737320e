export type { TeamsFeedback, TeamsLogger } from "./bot.ts";
export { TeamsFaqBot } from "./bot.ts";
export type { TeamsConfig } from "./config.ts";
export { renderReply, renderWelcome } from "./render.ts";
export {
  createTeamsRoute,
  type TeamsHttpRequest,
  type TeamsHttpResponse,
  type TeamsRouteDeps,
} from "./route.ts";
