import { sleep } from "../common/sleep.js";
import { PrevodError, isPrevodError } from "../errors.js";
import type { Model, ModelCall, ModelMiddleware } from "../models/types.js";

export interface RetryEvent {
  /** 1 for the first retry. */
  attempt: number;
  delayMs: number;
  error: PrevodError;
  call: ModelCall;
}

export interface RetryOptions {
  /** Retries after the first try. @default 4 */
  retries?: number;
  /** First backoff step. @default 500 */
  baseDelayMs?: number;
  /** Longest backoff step. @default 30000 */
  maxDelayMs?: number;
  /** A Retry-After longer than this is not waited for; the call fails with the server's hint. @default 120000 */
  maxRetryAfterMs?: number;
  onRetry?: (event: RetryEvent) => void;
  /** For tests. @default Math.random */
  random?: () => number;
}

/**
 * Retries transient failures (429, 5xx, resets, timeouts: errors marked retryable) with
 * exponential backoff and jitter, honouring a server's Retry-After. Other errors pass through.
 */
export function withRetry(options: RetryOptions = {}): ModelMiddleware {
  const retries = options.retries ?? 4;
  const base = options.baseDelayMs ?? 500;
  const cap = options.maxDelayMs ?? 30_000;
  const maxHint = options.maxRetryAfterMs ?? 120_000;
  const random = options.random ?? Math.random;

  return (model: Model): Model => ({
    ...model,
    async generate(call) {
      for (let attempt = 0; ; attempt++) {
        try {
          return await model.generate(call);
        } catch (error) {
          if (!isPrevodError(error) || !error.retryable || attempt >= retries || call.signal?.aborted) throw error;
          if (error.retryAfterMs !== undefined && error.retryAfterMs > maxHint) {
            throw new PrevodError(error.code, `${error.message} (the server asks to wait ${Math.ceil(error.retryAfterMs / 1000)} s, more than the ${maxHint / 1000} s prevod waits)`, { details: error.details, cause: error });
          }
          // Equal jitter: never less than half the step, so a burst of failures spreads out.
          const step = Math.min(cap, base * 2 ** attempt);
          const backoff = step / 2 + random() * (step / 2);
          const delayMs = error.retryAfterMs !== undefined ? Math.max(error.retryAfterMs, backoff / 4) : backoff;
          options.onRetry?.({ attempt: attempt + 1, delayMs, error, call });
          await sleep(delayMs, call.signal);
        }
      }
    },
  });
}

