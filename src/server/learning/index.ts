export { type FeedbackRequest, parseFeedbackRequest } from "./feedback-request.ts";
export { createFeedbackRoute } from "./feedback-route.ts";
export { createJsonlAppender, type JsonlAppender } from "./jsonl-appender.ts";
export { createLearning, type FeedbackEntry, type Learning, type LearningOptions } from "./learning.ts";
export { createMetrics, type ExternalMetric, type Metrics } from "./metrics.ts";
export { createMetricsRoute } from "./metrics-route.ts";
export { observeEngine } from "./observed-engine.ts";
export { scrubMessage } from "./scrub.ts";
export { isUnanswered, type UnansweredEntry, unansweredEntry } from "./unanswered-log.ts";
