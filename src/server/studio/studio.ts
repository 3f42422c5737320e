import express, { type ErrorRequestHandler, type Router } from "express";
import type { Logger } from "pino";
import type { Config } from "../../config.ts";
import type { Engine } from "../../dialog/types.ts";
import type { Learning } from "../learning/index.ts";
import { createStudioAssets } from "./assets.ts";
import { createAuth } from "./auth.ts";
import { createEngineCache, type StudioContext } from "./context.ts";
import { createDevSetRunner } from "./dev-set-runner.ts";
import { createDismissals } from "./dismissals.ts";
import { createHistory } from "./history.ts";
import { mountDashboard } from "./pages/dashboard.ts";
import { mountFiles } from "./pages/files.ts";
import { mountHistory } from "./pages/history.ts";
import { mountIntake } from "./pages/intake.ts";
import { mountReview } from "./pages/review.ts";
import { mountTopics } from "./pages/topics.ts";
import { mountTry } from "./pages/try.ts";
import { createUnlikeCheck } from "./review-queue.ts";
import { createSessionStore } from "./sessions.ts";
import { createWorkspace } from "./workspace.ts";

export interface StudioDeps {
  config: Readonly<Config>;
  logger: Logger;
  /** The engine serving the channels: Try-it answers with it. */
  engine: Engine;
  learning?: Learning;
  /** The server's hot reload, run after every save. */
  reload: (reason: string) => boolean;
}

/** Bodies larger than this are refused with a clear message (a paste gone wrong), before any parsing. */
const MAX_BODY = "600kb";

/**
 * The knowledge studio, mounted at /studio: undefined (so /studio is 404) unless STUDIO_PASSWORD is set.
 * Every page but sign-in needs a session; every change needs the session's CSRF token.
 */
export function createStudio(deps: StudioDeps): Router | undefined {
  const { config, logger } = deps;
  const password = config.studio.password;
  if (!password) return undefined;
  const workspace = createWorkspace({ packDir: config.knowledgeDir, articlesDir: config.articlesDir });
  const history = createHistory({
    dataDir: config.studio.dataDir,
    packDir: config.knowledgeDir,
    gitCommits: config.studio.gitCommits,
    logger,
  });
  const engines = createEngineCache(config, deps.engine);
  const ctx: StudioContext = {
    config,
    logger,
    workspace,
    history,
    learning: deps.learning,
    served: deps.engine,
    reload: deps.reload,
    devSets: createDevSetRunner(),
    ...engines,
  };
  const dismissals = createDismissals(config.studio.dataDir);
  deps.learning?.setUnlikePhrasings(createUnlikeCheck(config.knowledgeDir, deps.engine));
  const auth = createAuth({ password, sessions: createSessionStore(), logger, publicUrl: config.publicUrl });
  const assets = createStudioAssets();

  const router = express.Router();
  router.use((_req, res, next) => {
    // same-origin: the browser then names this origin on every change, which the CSRF check compares.
    res.set({ "Cache-Control": "no-store", "X-Robots-Tag": "noindex", "Referrer-Policy": "same-origin" });
    next();
  });
  router.get("/assets/studio.css", assets.css);
  router.get("/assets/studio.js", assets.js);
  router.use(express.urlencoded({ extended: true, limit: MAX_BODY, parameterLimit: 5_000 }));
  router.use(express.json({ limit: MAX_BODY }));
  router.get("/sign-in", auth.signInPage);
  router.post("/sign-in", auth.signIn);
  router.use(auth.requireSession, auth.requireCsrf);
  router.get("/", (_req, res) => res.redirect(303, "/studio/topics"));
  router.post("/sign-out", auth.signOut);
  mountTopics(router, ctx, dismissals);
  mountFiles(router, ctx);
  mountTry(router, ctx, dismissals);
  mountReview(router, ctx, dismissals);
  mountIntake(router, ctx);
  mountDashboard(router, ctx, dismissals);
  mountHistory(router, ctx);
  router.use(studioErrors(logger));
  logger.info({ history: history.mode }, "knowledge studio enabled at /studio");
  return router;
}

/** Too large a body gets a message that names the limit; anything else goes on to the app's handler. */
function studioErrors(logger: Logger): ErrorRequestHandler {
  return (error, req, res, next) => {
    const status = (error as { status?: number }).status;
    if (status === 413) {
      res.status(413).json({
        error: "too_large",
        message: `That is more than the studio accepts in one go (${MAX_BODY.replace("kb", " KB")}). Was something pasted by mistake? Nothing was saved.`,
      });
      return;
    }
    if (status === 400) {
      res.status(400).json({
        error: "invalid_request",
        message: "The request could not be read. Reload the page and try again.",
      });
      return;
    }
    logger.error({ err: error, path: req.path }, "studio request failed unexpectedly");
    next(error);
  };
}
