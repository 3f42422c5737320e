import { createHash } from "node:crypto";
import {
  type Activity,
  CallerIdConstants,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConversationState,
  type InvokeResponse,
  MemoryStorage,
  type Storage,
  type TurnContext,
} from "botbuilder";
import type { Engine } from "../../dialog/types.ts";
import { TeamsFaqBot, type TeamsFeedback, type TeamsLogger } from "./bot.ts";
import { type BotFrameworkSettings, resolveTeamsAuth, type TeamsConfig } from "./config.ts";
import { keepEntityProperties } from "./entity-passthrough.ts";
import { escapeTeamsText } from "./escape.ts";
import {
  BOT_FRAMEWORK_HOSTS,
  isAllowedServiceUrl,
  type ServiceUrlPolicy,
  unboundedTokenLifetime,
} from "./guard.ts";

/** The parts of an express (or node:http) request the route reads; the body is parsed JSON. */
export interface TeamsHttpRequest {
  method?: string;
  headers: Record<string, string | string[] | undefined>;
  body?: unknown;
}

/** The parts of an express (or node:http) response the route writes. */
export interface TeamsHttpResponse {
  statusCode: number;
  setHeader(name: string, value: string): unknown;
  end(body?: string): unknown;
}

export interface TeamsRouteDeps {
  engine: Engine;
  config: TeamsConfig;
  logger?: TeamsLogger;
  /** Where conversation contexts live; botbuilder's MemoryStorage when omitted. */
  storage?: Storage;
  /** Called for each thumbs up/down on an answer. */
  onFeedback?: (feedback: TeamsFeedback) => void | Promise<void>;
  /**
   * Rate limit per conversation ("teams:<conversation id>"), asked after the token is verified so an
   * unauthenticated caller cannot use up a real conversation's allowance. Refused: 429 with Retry-After.
   */
  allowTurn?: (conversation: string) => { allowed: boolean; retryAfterSeconds: number };
  /**
   * Where the channel's token signing keys are published (an OpenID metadata document). Bot Framework's
   * public one unless given; tests point it at a local key set.
   */
  openIdMetadataUrl?: string;
}

/** CloudAdapter with its turn pipeline exposed, so the route owns HTTP status codes and error bodies. */
class TeamsCloudAdapter extends CloudAdapter {
  handle(authHeader: string, activity: Activity, logic: (turn: TurnContext) => Promise<void>) {
    return this.processActivity(authHeader, activity, logic);
  }
}

const consoleLogger: TeamsLogger = {
  info: () => {},
  warn: (obj, msg) => console.warn(msg ?? "", obj),
};

/** The turn's reply may take this long to post before the HTTP request is answered anyway (202). */
export const TURN_DEADLINE_MS = 5_000;

// An error's kind, never its message: a connector error's message holds the serviceUrl and conversation id.
const errorKind = (err: unknown): string => {
  if (typeof err !== "object" || err === null) return typeof err;
  const { code, statusCode, name } = err as { code?: unknown; statusCode?: unknown; name?: unknown };
  return [name, code, statusCode].filter((part) => part !== undefined).join(" ") || "error";
};

/** "a:1Fk…" → "teams:3f0c…": conversation ids as the rate limiter and logs see them. */
const conversationKey = (id: string) => `teams:${createHash("sha256").update(id).digest("hex").slice(0, 24)}`;

const LATE: unique symbol = Symbol("late");
const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/** Errors in the server's one JSON shape: `{ "error": { "code", "message" } }`. */
function sendError(res: TeamsHttpResponse, status: number, code: string, message: string): void {
  sendJson(res, status, { error: { code, message } });
}

function sendJson(res: TeamsHttpResponse, status: number, body?: unknown): void {
  res.statusCode = status;
  if (body === undefined) {
    res.end();
    return;
  }
  res.setHeader("Content-Type", "application/json; charset=utf-8");
  res.end(JSON.stringify(body));
}

const isActivity = (body: unknown): body is Activity =>
  typeof body === "object" &&
  body !== null &&
  !Array.isArray(body) &&
  typeof (body as { type?: unknown }).type === "string";

/** JSON dates arrive as strings; botbuilder expects Date objects (as its own request validator does). */
function reviveDates(activity: Activity): Activity {
  const fixed = { ...activity } as Activity & Record<string, unknown>;
  for (const key of ["timestamp", "localTimestamp", "expiration"] as const) {
    const value: unknown = fixed[key];
    if (typeof value === "string") {
      fixed[`raw${key[0]!.toUpperCase()}${key.slice(1)}`] = value;
      (fixed as Record<string, unknown>)[key] = new Date(value);
    }
  }
  return fixed;
}

// botbuilder rethrows jsonwebtoken's own errors (bad signature, wrong algorithm, not yet valid) unchanged.
const JWT_ERRORS = new Set(["JsonWebTokenError", "TokenExpiredError", "NotBeforeError"]);

const isAuthError = (err: unknown): boolean =>
  typeof err === "object" &&
  err !== null &&
  ((err as { statusCode?: unknown }).statusCode === 401 ||
    JWT_ERRORS.has((err as { name?: unknown }).name as string));

/**
 * Bot Framework's public-cloud endpoints (botframework-connector's AuthenticationConstants, which botbuilder
 * does not re-export), with the signing keys fetched from `metadataUrl` instead. Setting any endpoint
 * makes botbuilder use only the given ones, so all are given.
 */
function withOpenIdMetadata(settings: BotFrameworkSettings, metadataUrl: string | undefined) {
  if (metadataUrl === undefined) return settings;
  return {
    ...settings,
    ToChannelFromBotLoginUrl: "https://login.microsoftonline.com/botframework.com",
    ToChannelFromBotOAuthScope: "https://api.botframework.com",
    ToBotFromChannelTokenIssuer: "https://api.botframework.com",
    OAuthUrl: "https://api.botframework.com",
    ToBotFromChannelOpenIdMetadataUrl: metadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: metadataUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
  };
}

/**
 * The Bot Framework messaging endpoint (POST /api/messages) for Microsoft Teams.
 * With an app id it only accepts requests carrying a valid Bot Framework token (401 otherwise);
 * without one it runs anonymously for local testing and only replies to a localhost serviceUrl.
 */
export function createTeamsRoute(
  deps: TeamsRouteDeps,
): (req: TeamsHttpRequest, res: TeamsHttpResponse) => Promise<void> {
  const logger = deps.logger ?? consoleLogger;
  const auth = resolveTeamsAuth(deps.config);
  if (auth.anonymous) {
    logger.warn(
      { channel: "teams" },
      "Teams: MicrosoftAppId is not set, so /api/messages accepts unauthenticated requests and replies only " +
        "to a localhost serviceUrl. Use this for local testing (Bot Framework Emulator) only; set MicrosoftAppId, " +
        "MicrosoftAppPassword, MicrosoftAppType and MicrosoftAppTenantId in production.",
    );
  }
  if (!keepEntityProperties()) {
    logger.warn(
      { channel: "teams" },
      "Teams: could not open botbuilder's Entity schema, so citations may be stripped from replies. " +
        "Check the botbuilder version against src/channels/teams/entity-passthrough.ts.",
    );
  }
  const adapter = new TeamsCloudAdapter(
    new ConfigurationBotFrameworkAuthentication(withOpenIdMetadata(auth.settings, deps.openIdMetadataUrl)),
  );
  const conversationState = new ConversationState(deps.storage ?? new MemoryStorage());
  const bot = new TeamsFaqBot({
    engine: deps.engine,
    conversationState,
    onFeedback: deps.onFeedback,
    logger,
  });

  const policy: ServiceUrlPolicy = {
    loopbackOnly: auth.anonymous,
    hosts: [...BOT_FRAMEWORK_HOSTS, ...(deps.config.serviceUrlHosts ?? [])],
  };

  // A turn that fails (usually its reply could not be posted) is logged and the request still answered:
  // the channel would only retry it, and the user has nothing to gain from a 500.
  adapter.onTurnError = async (turn, err) => {
    logger.warn(
      { channel: "teams", activityType: turn.activity.type, err: errorKind(err) },
      "teams turn failed",
    );
    if (turn.activity.type !== "message") return;
    try {
      await turn.sendActivity(
        `Sorry, something went wrong on my side. Please try again, or contact ${escapeTeamsText(deps.engine.profile.clinic.name)}.`,
      );
    } catch (sendError) {
      logger.warn(
        { channel: "teams", err: errorKind(sendError) },
        "teams reply could not be delivered to the serviceUrl",
      );
    }
  };

  return async (req, res) => {
    if (req.method !== undefined && req.method !== "POST") {
      sendError(res, 405, "method_not_allowed", "Send Bot Framework activities with POST.");
      return;
    }
    if (!isActivity(req.body)) {
      sendError(
        res,
        400,
        "invalid_activity",
        "The body must be a Bot Framework activity: a JSON object with a string 'type', sent as application/json.",
      );
      return;
    }
    const activity = reviveDates(req.body);
    const conversationId = activity.conversation?.id;
    if (typeof conversationId !== "string" || conversationId === "" || conversationId.length > 1024) {
      sendError(
        res,
        400,
        "invalid_activity",
        "The activity needs a conversation: an object with a non-empty string 'id' (at most 1024 characters).",
      );
      return;
    }
    const header = req.headers.authorization;
    const authHeader = typeof header === "string" ? header : "";
    // Checked before the serviceUrl, so a caller without a token learns only that it needs one.
    const unbounded = auth.anonymous
      ? undefined
      : /^Bearer\s+\S/i.test(authHeader)
        ? unboundedTokenLifetime(authHeader, Math.floor(Date.now() / 1000))
        : "no bearer token";
    if (unbounded !== undefined) {
      logger.warn({ channel: "teams", reason: unbounded }, "teams request refused: bad token");
      sendError(res, 401, "unauthorized", "A valid Bot Framework bearer token is required.");
      return;
    }
    if (!isAllowedServiceUrl(activity.serviceUrl, policy)) {
      sendError(
        res,
        403,
        "service_url_not_allowed",
        auth.anonymous
          ? "Anonymous mode only replies to a localhost serviceUrl. Configure MicrosoftAppId to accept Teams traffic."
          : "The serviceUrl is not a Bot Framework service (https on an allowed host; see TEAMS_SERVICE_URL_HOSTS).",
      );
      return;
    }
    let invokeResponse: InvokeResponse | undefined;
    let refused: { retryAfterSeconds: number } | undefined;
    try {
      const turn = adapter.handle(authHeader, activity, async (turn) => {
        const decision = deps.allowTurn?.(conversationKey(conversationId));
        if (decision !== undefined && !decision.allowed) {
          refused = decision;
          return;
        }
        await bot.run(turn);
      });
      const late = await Promise.race([turn, delay(TURN_DEADLINE_MS).then((): typeof LATE => LATE)]);
      if (late === LATE) {
        turn.catch((err: unknown) =>
          logger.warn({ channel: "teams", err: errorKind(err) }, "teams turn failed late"),
        );
        logger.warn(
          { channel: "teams", deadlineMs: TURN_DEADLINE_MS },
          "teams turn still running: answered 202",
        );
        sendJson(res, 202);
        return;
      }
      invokeResponse = late;
    } catch (err) {
      if (isAuthError(err)) {
        logger.warn(
          { channel: "teams", hasAuthorization: authHeader !== "" },
          "teams request refused: bad token",
        );
        sendError(res, 401, "unauthorized", "A valid Bot Framework bearer token is required.");
        return;
      }
      // Turn errors are handled in onTurnError; what reaches here is botbuilder refusing the activity itself.
      logger.warn({ channel: "teams", err: errorKind(err) }, "teams request failed");
      sendError(
        res,
        400,
        "invalid_activity",
        "The activity could not be processed: check it is a Bot Framework activity.",
      );
      return;
    }
    if (refused !== undefined) {
      logger.warn({ channel: "teams" }, "teams rate limit reached");
      res.setHeader("Retry-After", String(refused.retryAfterSeconds));
      sendError(
        res,
        429,
        "rate_limited",
        `Too many messages in this conversation. Wait ${refused.retryAfterSeconds} seconds.`,
      );
      return;
    }
    sendJson(res, invokeResponse?.status ?? 200, invokeResponse?.body);
  };
}
