import type { RequestHandler } from "express";
import type { Metrics } from "./metrics.ts";
import { PROMETHEUS_CONTENT_TYPE } from "./prometheus.ts";

/** GET /metrics: the Prometheus text format. */
export function createMetricsRoute(metrics: Pick<Metrics, "render">): RequestHandler {
  return (_req, res) => {
    res.set({ "Content-Type": PROMETHEUS_CONTENT_TYPE, "Cache-Control": "no-store" }).send(metrics.render());
  };
}
