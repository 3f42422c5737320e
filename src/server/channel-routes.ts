import type { Storage } from "botbuilder";
import express, { type RequestHandler } from "express";
import type { Logger } from "pino";
import type { OptOutStore, SeenMessages, SmsSessionStore } from "../channels/sms/state.ts";
import { resolveTeamsAuth } from "../channels/teams/config.ts";
import type { Config } from "../config.ts";
import type { ConversationStore, Engine } from "../dialog/types.ts";
import type { ExtraRoute } from "./app.ts";
import { requireJson } from "./http-errors.ts";
import type { Learning } from "./learning/index.ts";
import { createRateLimiter } from "./rate-limit.ts";

export interface ChannelDeps {
  engine: Engine;
  store: ConversationStore;
  config: Readonly<Config>;
  logger: Logger;
  /** Teams conversation state (shared Redis across instances); botbuilder's MemoryStorage when omitted. */
  teamsStorage?: Storage;
  /** SMS opt-outs, pages and answered MessageSids (Redis, or a file and memory); memory only when omitted. */
  sms?: { optOuts: OptOutStore; sessions?: SmsSessionStore; seenMessages?: SeenMessages };
  /** Records each channel's turns (metrics, unanswered log) and Teams' thumbs up/down. */
  learning?: Learning;
}

/**
 * A handler whose module is imported on its first request, or on `warm()` (the server calls it once
 * listening): botbuilder takes longer to load than the rest of the server, so it loads after the port opens.
 */
function lazyHandler(load: () => Promise<RequestHandler>): {
  handler: RequestHandler;
  warm: () => Promise<void>;
} {
  let loaded: Promise<RequestHandler> | undefined;
  const get = () => {
    loaded ??= load();
    return loaded;
  };
  return {
    handler: (req, res, next) => {
      get().then((handler) => handler(req, res, next), next);
    },
    warm: async () => {
      await get();
    },
  };
}

/**
 * The Teams and SMS endpoints, mounted beside the web channel. SMS is mounted only once it can verify
 * Twilio (TWILIO_AUTH_TOKEN) or is explicitly in SMS_DEV_MODE. Their modules load lazily (see lazyHandler).
 * @throws ConfigError when the Teams credentials are half set.
 */
export function createChannelRoutes(deps: ChannelDeps): ExtraRoute[] {
  const { store, config, logger, learning } = deps;
  // The channels only translate; what each turn taught us is recorded around the engine they get.
  const observed = (channel: string) => (learning ? learning.observe(deps.engine, channel) : deps.engine);
  const teamsLimiter = createRateLimiter({ limit: config.rateLimitPerMinute });
  const smsLimiter = createRateLimiter({ limit: config.rateLimitPerMinute });
  const routes: ExtraRoute[] = [];
  if (!config.teams.enabled) {
    logger.info(
      { channel: "teams" },
      "Teams channel off (TEAMS_ENABLED=false): /api/messages is not mounted",
    );
  } else {
    if (config.teams.anonymousOptOut && config.nodeEnv === "production" && config.teams.appId === undefined) {
      logger.error(
        { channel: "teams" },
        "TEAMS_ANONYMOUS=true in production: /api/messages takes UNAUTHENTICATED requests and replies to localhost only. " +
          "For a local demo only: set MicrosoftAppId and its credentials, or TEAMS_ENABLED=false, before real use.",
      );
    }
    const teamsConfig = {
      appId: config.teams.appId,
      appPassword: config.teams.appPassword,
      appType: config.teams.appType,
      tenantId: config.teams.tenantId,
      serviceUrlHosts: config.teams.serviceUrlHosts,
    };
    resolveTeamsAuth(teamsConfig); // half-set credentials fail at start, not on the first Teams message
    const teams = lazyHandler(async () =>
      (await import("../channels/teams/index.ts")).createTeamsRoute({
        engine: observed("teams"),
        logger,
        onFeedback: ({ reaction, topic, confidence }) =>
          learning?.recordFeedback({ channel: "teams", topic, confidence, helpful: reaction === "like" }),
        allowTurn: teamsLimiter.hit,
        ...(deps.teamsStorage ? { storage: deps.teamsStorage } : {}),
        config: teamsConfig,
      }),
    );
    routes.push({
      method: "post",
      path: "/api/messages",
      handlers: [requireJson, express.json({ limit: "256kb" }), teams.handler],
      warm: teams.warm,
    });
  }
  if (config.sms.twilioAuthToken === undefined && !config.sms.devMode) {
    logger.info(
      { channel: "sms" },
      "SMS channel off: set TWILIO_AUTH_TOKEN (or SMS_DEV_MODE=true locally) to enable /api/sms",
    );
    return routes;
  }
  if (config.sms.hashSecretIsDevelopmentKey) {
    logger.warn(
      { channel: "sms" },
      "SMS_HASH_SECRET is not set: phone numbers are hashed with a development key",
    );
  }
  const sms = lazyHandler(async () =>
    (await import("../channels/sms/index.ts")).createSmsRoute({
      engine: observed("sms"),
      store,
      logger,
      allowTurn: smsLimiter.hit,
      ...(deps.sms ?? {}),
      config: {
        authToken: config.sms.twilioAuthToken,
        publicUrl: config.publicUrl,
        devMode: config.sms.devMode,
        phoneHashKey: config.sms.hashSecret,
      },
    }),
  );
  routes.push({ method: "post", path: "/api/sms", handlers: [sms.handler], warm: sms.warm });
  return routes;
}
