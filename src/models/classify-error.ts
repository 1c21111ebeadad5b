import { PrevodError } from "../errors.js";

/** What a provider knows about a failed request, protocol aside. */
export interface FailedRequest {
  endpoint: string;
  model: string;
  status?: number;
  /** The server's error text. */
  message: string;
  /** A `Retry-After` / `retry-after-ms` header value, if the server sent one. */
  retryAfter?: string | null;
  retryAfterMs?: string | null;
  cause?: unknown;
}

/** Parses Retry-After (seconds or HTTP date) and retry-after-ms into milliseconds. */
export function retryAfterMilliseconds(retryAfter?: string | null, retryAfterMs?: string | null, now = Date.now()): number | undefined {
  if (retryAfterMs) {
    const value = Number(retryAfterMs);
    if (Number.isFinite(value) && value >= 0) return value;
  }
  if (!retryAfter) return undefined;
  const seconds = Number(retryAfter);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(retryAfter);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Maps an HTTP failure to a PrevodError: 429, 408, 409 and 5xx are retryable; 404 is a missing
 * model; other 4xx are the request's fault and not retried.
 */
export function classifyHttpFailure(failure: FailedRequest): PrevodError {
  const { status, endpoint, model } = failure;
  const text = failure.message.replace(/\s+/g, " ").trim().slice(0, 300);
  const details = { endpoint, model, status };
  if (status === 404) {
    return new PrevodError("MODEL_NOT_FOUND", `model ${model} is not available on ${endpoint} (404: ${text})`, { details, cause: failure.cause });
  }
  if (status === 401 || status === 403) {
    return new PrevodError("MODEL_HTTP", `${endpoint} refused the credentials (${status}: ${text}); check the API key variable`, { details, cause: failure.cause });
  }
  const retryable = status === 408 || status === 409 || status === 429 || (status !== undefined && status >= 500);
  const retryAfterMs = retryAfterMilliseconds(failure.retryAfter, failure.retryAfterMs);
  if (status === 400 && /context|too long|maximum.*tokens/i.test(text)) {
    return new PrevodError("TRUNCATED", `the prompt does not fit the model's context on ${endpoint} (${text}); raise context_size or lower max_chunk_tokens`, { details, cause: failure.cause });
  }
  return new PrevodError("MODEL_HTTP", `${endpoint} answered ${status ?? "an error"}: ${text}`, { details, retryable, retryAfterMs, cause: failure.cause });
}

/**
 * Network-level failures (refused, reset, DNS) and timeouts. `signal` tells a caller's abort
 * apart from our own timeout.
 */
export function classifyTransportFailure(error: unknown, endpoint: string, signal: AbortSignal | undefined, timeoutMs: number): PrevodError {
  if (signal?.aborted) return new PrevodError("ABORTED", "the run was interrupted", { cause: error });
  const name = (error as { name?: string })?.name;
  if (name === "TimeoutError" || name === "AbortError" || /timed out/i.test(String((error as Error)?.message))) {
    return new PrevodError("MODEL_TIMEOUT", `${endpoint} did not answer within ${Math.round(timeoutMs / 1000)} s`, { retryable: true, cause: error });
  }
  const code = networkCode(error);
  return new PrevodError("MODEL_UNREACHABLE", `cannot reach ${endpoint}${code ? ` (${code})` : ""}: ${(error as Error)?.message ?? error}`, {
    retryable: true,
    details: { endpoint, code },
    cause: error,
  });
}

/** The most telling short reason for a network failure: an errno code, else the innermost message. */
export function networkReason(error: unknown): string {
  const code = networkCode(error);
  if (code) return code;
  let current: unknown = error;
  let message = (error as Error)?.message ?? String(error);
  for (let depth = 0; depth < 5 && current; depth++) {
    const text = (current as { message?: unknown }).message;
    if (typeof text === "string" && text) message = text;
    current = (current as { cause?: unknown }).cause;
  }
  return message;
}

export function networkCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
