export { createDailyCounter, type DailyCounts, type DayCounts, readDailyCounts } from "./daily-counts.ts";
export { type FeedbackRequest, parseFeedbackRequest } from "./feedback-request.ts";
export { createFeedbackRoute } from "./feedback-route.ts";
export { createJsonlAppender, type JsonlAppender } from "./jsonl-appender.ts";
export { createLearning, type FeedbackEntry, type Learning, type LearningOptions } from "./learning.ts";
export { createMetrics, type ExternalMetric, type Metrics } from "./metrics.ts";
export { createMetricsRoute } from "./metrics-route.ts";
export { observeEngine } from "./observed-engine.ts";
export {
  type Cluster,
  clusterQuestions,
  parseJsonLines,
  readFeedback,
  readUnanswered,
  type UnhelpfulAnswer,
  unhelpfulAnswers,
} from "./report.ts";
export { scrubMessage, warmScrubber } from "./scrub.ts";
export { isUnanswered, UNLIKE_PHRASINGS, type UnansweredEntry, unansweredEntry } from "./unanswered-log.ts";
