import type { Reply } from "../../reply.ts";
import { Counter, Histogram, type MetricFamily, renderExposition } from "./prometheus.ts";

/** Engine turns take milliseconds; the upper buckets catch a stalled process. */
export const TURN_SECONDS_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
/** The fallback-rate gauge is the share of fallbacks among this many most recent turns. */
export const FALLBACK_WINDOW = 100;

/** A number kept elsewhere (SMS signature failures, rate-limited requests), read at scrape time. */
export interface ExternalMetric {
  name: string;
  help: string;
  type: "counter" | "gauge";
  read(): number;
}

export interface MetricsOptions {
  /** Read at every scrape, so a hot reload shows at once. */
  knowledgeVersion(): string;
  external?: readonly ExternalMetric[];
  memoryUsage?: () => NodeJS.MemoryUsage;
}

export interface Metrics {
  observeTurn(turn: { channel: string; reply: Reply; seconds: number }): void;
  observeFeedback(feedback: { channel: string; helpful: boolean }): void;
  /** A request refused with 429 Too Many Requests on `route` ("/api/chat"). */
  observeRateLimited(route: string): void;
  /** Adds a number kept elsewhere, e.g. by the rate limiter. */
  register(metric: ExternalMetric): void;
  /** Everything in the Prometheus text format. */
  render(): string;
}

/** In-process counters for GET /metrics (one instance per process; each replica is scraped on its own). */
export function createMetrics(options: MetricsOptions): Metrics {
  const turns = new Counter("faqbot_turns_total", "Messages answered, by channel and reply kind.", [
    "channel",
    "kind",
  ]);
  const fallbacks = new Counter(
    "faqbot_fallbacks_total",
    "Messages the bot could not answer (fallback replies), by channel.",
    ["channel"],
  );
  const latency = new Histogram(
    "faqbot_turn_duration_seconds",
    "Time the engine took to reply to one message, in seconds.",
    TURN_SECONDS_BUCKETS,
    ["channel"],
  );
  const feedback = new Counter("faqbot_feedback_total", "Thumbs up (helpful=true) and down on answers.", [
    "channel",
    "helpful",
  ]);
  const rateLimited = new Counter(
    "faqbot_rate_limited_total",
    "Requests refused with 429 Too Many Requests, by route.",
    ["route"],
  );
  const external = [...(options.external ?? [])];
  const memoryUsage = options.memoryUsage ?? (() => process.memoryUsage());
  const recent: boolean[] = [];

  return {
    observeTurn({ channel, reply, seconds }) {
      turns.inc({ channel, kind: reply.kind });
      latency.observe({ channel }, seconds);
      const isFallback = reply.kind === "fallback";
      if (isFallback) fallbacks.inc({ channel });
      recent.push(isFallback);
      if (recent.length > FALLBACK_WINDOW) recent.shift();
    },
    observeFeedback({ channel, helpful }) {
      feedback.inc({ channel, helpful: String(helpful) });
    },
    observeRateLimited(route) {
      rateLimited.inc({ route });
    },
    register(metric) {
      external.push(metric);
    },
    render() {
      const memory = memoryUsage();
      const families: MetricFamily[] = [
        turns.family(),
        fallbacks.family(),
        {
          name: "faqbot_fallback_rate",
          help: `Share of fallbacks among the last ${FALLBACK_WINDOW} messages (0 before any).`,
          type: "gauge",
          samples: [{ value: recent.length ? recent.filter(Boolean).length / recent.length : 0 }],
        },
        latency.family(),
        feedback.family(),
        rateLimited.family(),
        {
          name: "faqbot_knowledge_info",
          help: "The knowledge base version in use (always 1; the version is the label).",
          type: "gauge",
          samples: [{ labels: { version: options.knowledgeVersion() }, value: 1 }],
        },
        ...external.map((m) => ({
          name: m.name,
          help: m.help,
          type: m.type,
          samples: [{ value: m.read() }],
        })),
        gauge("process_resident_memory_bytes", "Resident set size in bytes.", memory.rss),
        gauge("nodejs_heap_size_used_bytes", "V8 heap in use, in bytes.", memory.heapUsed),
        gauge("nodejs_heap_size_total_bytes", "V8 heap allocated, in bytes.", memory.heapTotal),
        gauge(
          "nodejs_external_memory_bytes",
          "Memory of C++ objects bound to JavaScript, in bytes.",
          memory.external,
        ),
      ];
      return renderExposition(families);
    },
  };
}

function gauge(name: string, help: string, value: number): MetricFamily {
  return { name, help, type: "gauge", samples: [{ value }] };
}
