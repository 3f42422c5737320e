import express, { type Express, type RequestHandler, type Router } from "express";
import helmet from "helmet";
import type { Logger } from "pino";
import { COPY_PAGES, copyPageOf, renderCopyPage } from "../channels/web/copy-page.ts";
import { createChatRoute, renderDemoPage } from "../channels/web/index.ts";
import { loadWidgetBundle, type WidgetBundle } from "../channels/web/widget-bundle.ts";
import { widgetDefaultsFor } from "../channels/web/widget-defaults.ts";
import { createWidgetRoute } from "../channels/web/widget-route.ts";
import type { Config } from "../config.ts";
import type { ConversationStore, Engine } from "../dialog/types.ts";
import { corsForWidget } from "./cors.ts";
import { handleErrors, MAX_BODY_BYTES, methodNotAllowed, notFound, requireJson } from "./http-errors.ts";
import { jsonBody } from "./json-body.ts";
import { createFeedbackRoute, createLearning, createMetricsRoute, type Learning } from "./learning/index.ts";
import { createRateLimiter, rateLimitByConversation, rateLimitByIp } from "./rate-limit.ts";

/** A channel's endpoint (Teams, SMS), mounted before the 404 handler. */
export interface ExtraRoute {
  method: "get" | "post";
  path: string;
  handlers: RequestHandler[];
  /** Loads what the handlers import lazily, ahead of the first request. */
  warm?: () => Promise<void>;
}

export interface AppDeps {
  config: Readonly<Config>;
  engine: Engine;
  store: ConversationStore;
  logger: Logger;
  extraRoutes?: readonly ExtraRoute[];
  /** The built widget; built on first request when not given. */
  widget?: Promise<WidgetBundle>;
  /** Metrics and the unanswered and feedback logs; metrics only (nothing written) when omitted. */
  learning?: Learning;
  /** The knowledge studio, mounted at /studio when given (STUDIO_PASSWORD set); /studio is 404 otherwise. */
  studio?: Router;
}

/** The HTTP app: security headers, the web channel (API, widget, demo page), other channels, JSON errors. */
export function createApp(deps: AppDeps): Express {
  const { config, engine, store, logger } = deps;
  const app = express();
  app.disable("x-powered-by");
  // API replies are no-store; the widget sets its own ETag. Hashing every JSON body buys nothing.
  app.set("etag", false);
  const learning =
    deps.learning ??
    createLearning({ config, logger, knowledgeVersion: () => engine.knowledgeVersion, writeLogs: false });
  app.use(learning.countRateLimited);
  // Off unless TRUST_PROXY says so: otherwise anyone could pick their rate-limit key with X-Forwarded-For.
  if (config.trustProxy !== false) app.set("trust proxy", config.trustProxy);

  app.use(
    helmet({
      contentSecurityPolicy: {
        // Local demos run on plain http; upgrading their requests would break them.
        directives: { upgradeInsecureRequests: config.nodeEnv === "production" ? [] : null },
      },
      strictTransportSecurity: config.nodeEnv === "production",
    }),
  );

  app.get("/metrics", createMetricsRoute(learning.metrics));

  app.get("/healthz", (_req, res) => {
    res.set("Cache-Control", "no-store").json({ status: "ok", knowledgeVersion: engine.knowledgeVersion });
  });

  // Rendered again only when a hot reload changes the pack.
  let demoPage = { version: "", html: "" };
  app.get("/", (_req, res) => {
    if (demoPage.version !== engine.knowledgeVersion)
      demoPage = { version: engine.knowledgeVersion, html: renderDemoPage(engine.profile) };
    res.type("html").send(demoPage.html);
  });

  // The privacy notice and terms the Teams app package links, from the pack's copy; 404 without.
  for (const name of COPY_PAGES) {
    app.get(`/${name}`, (req, res, next) => {
      const page = copyPageOf(engine.profile, name);
      if (!page) return notFound(req, res, next);
      res.type("html").send(renderCopyPage(engine.profile, page));
    });
  }

  app.get(
    "/widget.js",
    createWidgetRoute(
      () => deps.widget ?? loadWidgetBundle(),
      () => ({ version: engine.knowledgeVersion, defaults: widgetDefaultsFor(engine.profile) }),
    ),
  );

  app.use("/api/chat", corsForWidget(config));
  app.post(
    "/api/chat",
    rateLimitByIp(createRateLimiter({ limit: config.rateLimitPerIpPerMinute })),
    requireJson,
    jsonBody(MAX_BODY_BYTES),
    rateLimitByConversation(createRateLimiter({ limit: config.rateLimitPerMinute })),
    createChatRoute({ engine: learning.observe(engine, "web"), store, logger }),
  );
  app.all("/api/chat", methodNotAllowed("POST"));

  app.use("/api/feedback", corsForWidget(config));
  app.post(
    "/api/feedback",
    // Its own budget: a visitor's votes do not use up their messages.
    rateLimitByIp(createRateLimiter({ limit: config.rateLimitPerIpPerMinute }), "votes"),
    requireJson,
    jsonBody(4 * 1024),
    createFeedbackRoute(learning),
  );
  app.all("/api/feedback", methodNotAllowed("POST"));

  for (const route of deps.extraRoutes ?? []) app[route.method](route.path, ...route.handlers);
  if (deps.studio) app.use("/studio", deps.studio);
  // A channel endpoint asked with another method is a 405 naming the right one, not a 404.
  for (const route of deps.extraRoutes ?? [])
    app.all(route.path, methodNotAllowed(route.method.toUpperCase()));

  app.use(notFound);
  app.use(handleErrors(logger));
  return app;
}
