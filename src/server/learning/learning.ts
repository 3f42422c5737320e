import type { RequestHandler } from "express";
import type { Logger } from "pino";
import { smsSignatureFailures } from "../../channels/sms/verify.ts";
import type { Config } from "../../config.ts";
import type { Engine } from "../../dialog/types.ts";
import { createDailyCounter, type DailyCounter, type DailyCounts } from "./daily-counts.ts";
import { createJsonlAppender, type JsonlAppender } from "./jsonl-appender.ts";
import { createMetrics, type ExternalMetric, type Metrics } from "./metrics.ts";
import { type ObservedTurn, observeEngine } from "./observed-engine.ts";
import { isUnanswered, UNLIKE_PHRASINGS, unansweredEntry } from "./unanswered-log.ts";

/** One line of the feedback log (FEEDBACK_LOG). */
export interface FeedbackEntry {
  time: string;
  channel: string;
  topic: string | null;
  confidence: number | null;
  helpful: boolean;
}

/** The learning loop as the server sees it: metrics, the unanswered log and the feedback log. */
export interface Learning {
  metrics: Metrics;
  /** `engine` for one channel, recording each of its turns. */
  observe(engine: Engine, channel: string): Engine;
  recordFeedback(feedback: Omit<FeedbackEntry, "time">): void;
  /** Middleware counting 429 responses for /metrics, whichever limiter sent them. */
  countRateLimited: RequestHandler;
  /** Messages per day by channel, kind and topic (empty when logs are off). */
  dailyCounts(): DailyCounts;
  /**
   * Also log confident answers when `check(text, topic)` says the message is unlike every phrasing
   * of the topic answered (the studio's review queue sets it once it has read the pack).
   */
  setUnlikePhrasings(check: ((text: string, topic: string) => boolean) | undefined): void;
  /** Waits for queued log lines to reach the disk (shutdown, tests). */
  flush(): Promise<void>;
}

export interface LearningOptions {
  config: Pick<Config, "learning">;
  logger: Logger;
  /** Read at each scrape of /metrics. */
  knowledgeVersion(): string;
  /** Write the JSON-lines logs; off, only metrics are kept (tests of other features). */
  writeLogs: boolean;
  external?: readonly ExternalMetric[];
  now?: () => Date;
}

export function createLearning(options: LearningOptions): Learning {
  const { config, logger } = options;
  const now = options.now ?? (() => new Date());
  const metrics = createMetrics({
    knowledgeVersion: options.knowledgeVersion,
    external: [
      {
        name: "faqbot_sms_signature_failures_total",
        help: "SMS webhook requests refused for a missing or wrong X-Twilio-Signature.",
        type: "counter",
        read: smsSignatureFailures,
      },
      ...(options.external ?? []),
    ],
  });
  const unanswered: JsonlAppender | undefined = options.writeLogs
    ? createJsonlAppender(config.learning.unansweredLog, logger)
    : undefined;
  const feedback: JsonlAppender | undefined = options.writeLogs
    ? createJsonlAppender(config.learning.feedbackLog, logger)
    : undefined;
  const daily: DailyCounter | undefined = options.writeLogs
    ? createDailyCounter(config.learning.dailyCounts, logger)
    : undefined;
  let unlikePhrasings: ((text: string, topic: string) => boolean) | undefined;

  function recordTurn(turn: ObservedTurn): void {
    try {
      metrics.observeTurn(turn);
      const time = now();
      daily?.record({ channel: turn.channel, kind: turn.reply.kind, topic: turn.reply.topic, time });
      if (!unanswered) return;
      if (isUnanswered(turn.reply, config.learning.lowConfidence)) {
        unanswered.append(unansweredEntry({ ...turn, now: time }));
      } else if (
        turn.reply.kind === "answer" &&
        turn.reply.topic &&
        unlikePhrasings?.(turn.text, turn.reply.topic)
      ) {
        unanswered.append({ ...unansweredEntry({ ...turn, now: time }), reason: UNLIKE_PHRASINGS });
      }
    } catch (err) {
      // A turn is never failed by its bookkeeping.
      logger.warn(
        { channel: turn.channel, err: err instanceof Error ? err.message : String(err) },
        "could not record a turn for metrics and the unanswered log",
      );
    }
  }

  return {
    metrics,
    observe: (engine, channel) => observeEngine(engine, channel, recordTurn),
    recordFeedback(entry) {
      metrics.observeFeedback(entry);
      feedback?.append({ time: now().toISOString(), ...entry });
    },
    countRateLimited(req, res, next) {
      res.on("finish", () => {
        if (res.statusCode === 429) metrics.observeRateLimited(routeOf(req.route) ?? "other");
      });
      next();
    },
    dailyCounts: () => daily?.read() ?? {},
    setUnlikePhrasings(check) {
      unlikePhrasings = check;
    },
    async flush() {
      daily?.flush();
      await Promise.all([unanswered?.flush(), feedback?.flush()]);
    },
  };
}

// Express's matched route ("/api/chat"), when there is one.
function routeOf(route: unknown): string | undefined {
  const path = (route as { path?: unknown } | undefined)?.path;
  return typeof path === "string" ? path : undefined;
}
