/** The studio's limits and timings in one place; each says why in one line. */
export const STUDIO_DEFAULTS = Object.freeze({
  /** A signed-in session idle this long must sign in again. */
  sessionIdleMs: 8 * 60 * 60_000,
  /** Sessions remembered at once; the oldest idle one goes first beyond this. */
  maxSessions: 200,
  /** Sign-in attempts per address per window: slows password guessing to a crawl. */
  signInAttempts: 5,
  signInWindowMs: 15 * 60_000,
  /** Any one field of a form (an answer, a quote): longer than a page is a paste gone wrong. */
  maxFieldChars: 5_000,
  /** A whole topic form, every field together. */
  maxFormBytes: 128 * 1024,
  /** An article pasted or uploaded for intake. */
  maxArticleBytes: 200 * 1024,
  /** A raw YAML file saved from the file editor. */
  maxFileBytes: 256 * 1024,
  /** A Try-it message, as for the chat API. */
  maxTryChars: 2_000,
  /** A message whose words overlap every phrasing of its topic less than this reads as new wording. */
  unlikePhrasingOverlap: 0.25,
  /** Review groups shown on one page. */
  reviewGroups: 30,
  /** Saves listed on the history page. */
  historyEntries: 100,
  /** Dashboard window in days. */
  dashboardDays: 14,
  /** Proposed topics per intake sentence, and the least confidence worth showing. */
  intakeTopicsPerSentence: 2,
  intakeMinConfidence: 0.15,
  /** A further topic is proposed only this close to the sentence's best one: a weak runner-up is noise. */
  intakeRunnerUpMargin: 0.25,
  /** Quotes are at most this many words (the validator's limit), so proposals are cut to it. */
  maxQuoteWords: 40,
});
