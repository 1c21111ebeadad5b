/** Every failure prevod reports on purpose has one of these codes. */
export type PrevodErrorCode =
  | "USAGE"
  | "CONFIG_INVALID"
  | "INPUT_INVALID"
  | "MODEL_UNREACHABLE"
  | "MODEL_NOT_FOUND"
  | "MODEL_HTTP"
  | "MODEL_AUTH"
  | "MODEL_QUOTA"
  | "MODEL_MEMORY"
  | "MODEL_LOADING"
  | "MODEL_OPTION_REFUSED"
  | "MODEL_SCHEMA_REFUSED"
  | "MODEL_TIMEOUT"
  | "MODEL_REFUSED"
  | "OUTPUT_SCHEMA"
  | "TRUNCATED"
  | "GATE_FAILED"
  | "REPLAY_MISS"
  | "ABORTED"
  | "OUTPUT_WRITE"
  /** The job queue (Redis, BullMQ): unreachable, a payload of another version, a worker with another pipeline. */
  | "QUEUE";

export interface PrevodErrorOptions {
  /** Extra facts a caller can act on (host, status, path, …). Never secrets. */
  details?: Record<string, unknown>;
  /** True when trying the same request again may succeed (429, 5xx, resets, timeouts). */
  retryable?: boolean;
  /** A server's hint for when to try again, in milliseconds. */
  retryAfterMs?: number;
  /**
   * No other article can succeed either (a refused option, no quota, no memory for the model, a
   * model gone): the run stops with this one message instead of one failure per article.
   */
  stopsRun?: boolean;
  cause?: unknown;
}

/**
 * The one error class of prevod. Expected failures (bad config, missing model, …) are
 * PrevodErrors and print as one line; anything else is a bug and prints its stack.
 */
export class PrevodError extends Error {
  override readonly name = "PrevodError";
  readonly code: PrevodErrorCode;
  readonly details: Record<string, unknown>;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly stopsRun: boolean;

  constructor(code: PrevodErrorCode, message: string, options: PrevodErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = options.details ?? {};
    this.retryable = options.retryable ?? false;
    this.retryAfterMs = options.retryAfterMs;
    this.stopsRun = options.stopsRun ?? false;
  }
}

export function isPrevodError(error: unknown, code?: PrevodErrorCode): error is PrevodError {
  return error instanceof PrevodError && (code === undefined || error.code === code);
}

/** A readable one-line reason for any thrown value. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
