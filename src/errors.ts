/** Unexpected failures: bugs and broken environments. Expected failures are values, not these. */
export class BotError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** The knowledge base could not be loaded: the message lists every issue found. */
export class KnowledgeError extends BotError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("KNOWLEDGE_INVALID", message, options);
  }
}

/** Configuration from the environment is missing or malformed. */
export class ConfigError extends BotError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("CONFIG_INVALID", message, options);
  }
}
