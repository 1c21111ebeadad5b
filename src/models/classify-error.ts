import { PrevodError } from "../errors.js";

/** What a provider knows about a failed request, protocol aside. */
export interface FailedRequest {
  endpoint: string;
  model: string;
  status?: number;
  /** The server's error text. */
  message: string;
  /** The body's `code` / `type` / `param` where the server sent them (OpenAI-style bodies). */
  code?: string | number | null;
  type?: string | null;
  param?: string | null;
  /** A `Retry-After` / `retry-after-ms` header value, if the server sent one. */
  retryAfter?: string | null;
  retryAfterMs?: string | null;
  cause?: unknown;
}

/** The fields of an error body, whichever shape the server uses. */
export interface ErrorBody {
  message: string;
  code?: string | number | null;
  type?: string | null;
  param?: string | null;
}

/**
 * `{"error":{"message",…}}` (OpenAI, llama-server, OpenRouter, Ollama /v1), flat
 * `{"object":"error","message",…}` (old vLLM), `{"error":"…"}` (Ollama native), a Google-style
 * array `[{"error":{…}}]` (gateways in front of Gemini), or plain text.
 */
export function readErrorBody(body: string): ErrorBody {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { message: body.trim() };
  }
  if (Array.isArray(parsed)) parsed = parsed[0];
  const root = (parsed ?? {}) as Record<string, unknown>;
  const inner = root.error;
  if (typeof inner === "string") return { message: inner };
  const fields = (inner && typeof inner === "object" ? inner : root) as Record<string, unknown>;
  const message = typeof fields.message === "string" ? fields.message : typeof root.detail === "string" ? root.detail : body.trim();
  const pick = (value: unknown) => (typeof value === "string" || typeof value === "number" ? value : null);
  return { message, code: pick(fields.code), type: typeof fields.type === "string" ? fields.type : null, param: typeof fields.param === "string" ? fields.param : null };
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

/** OpenAI's rate-limit text carries its hint: "Please try again in 150ms" / "in 1.5s". */
function hintInText(text: string): number | undefined {
  const match = /try again in (\d+(?:\.\d+)?)\s*(ms|s)\b/i.exec(text);
  if (!match) return undefined;
  return Number(match[1]) * (match[2]!.toLowerCase() === "ms" ? 1 : 1000);
}

/** The sampling option a server refused, from the body's `param` or its wording. */
function refusedOption(failure: FailedRequest, text: string): string | undefined {
  const param = failure.param ?? "";
  const known = ["temperature", "seed", "max_tokens", "max_completion_tokens", "top_p"];
  if (known.includes(param) && /unsupported|not support|invalid|only the default/i.test(text)) return param;
  const unsupported = /Unsupported (?:value|parameter): '([a-z_]+)'/i.exec(text);
  if (unsupported) return unsupported[1];
  // LiteLLM without drop_params: "… does not support parameters: ['seed'], for model=…" ({'seed': 1} in older versions).
  const litellm = /does not support parameters: [[{]\s*'([a-z_]+)'/i.exec(text);
  if (litellm) return litellm[1];
  // Gemini behind an OpenAI-compatible gateway: 'Unknown name "$schema" at generation_config.response_schema'.
  if (/Unknown name \\?"\$schema\\?"/.test(text)) return "$schema";
  if (/does not support thinking/i.test(text)) return "think";
  return undefined;
}

/**
 * Maps an HTTP failure to a PrevodError with a code the engine acts on. Transient ones (408, 409,
 * 429, 5xx, a loading model) are retryable; those no retry can cure stop the run with one message
 * (a refused option or schema, no quota or credits, not enough memory for the model, refused
 * credentials, a missing model); the engine adds the pipeline.yaml hint to them.
 */
export function classifyHttpFailure(failure: FailedRequest): PrevodError {
  const { status, endpoint, model } = failure;
  const text = failure.message.replace(/\s+/g, " ").trim().slice(0, 400);
  const code = String(failure.code ?? "");
  const type = failure.type ?? "";
  const details = { endpoint, model, status, code: failure.code ?? undefined };
  const cause = failure.cause;
  const said = `${status ?? "error"}: ${text}`;

  const option = status !== undefined && status < 600 && status !== 429 ? refusedOption(failure, text) : undefined;
  if (option) {
    return new PrevodError("MODEL_OPTION_REFUSED", `${model} on ${endpoint} refuses the option '${option}' (${said})`, { details: { ...details, option }, stopsRun: true, cause });
  }
  if ((status === 400 || status === 422) && /invalid schema|invalid_json_schema|json.?schema|response_format/i.test(`${text} ${code} ${failure.param ?? ""}`)) {
    return new PrevodError("MODEL_SCHEMA_REFUSED", `${endpoint} refused the answer schema (${said})`, { details, stopsRun: true, cause });
  }
  if ((status === 400 || status === 413) && /context|too long|maximum.*tokens|exceeds? the available|prompt is longer/i.test(text)) {
    return new PrevodError("TRUNCATED", `the prompt does not fit the model's context on ${endpoint} (${text})`, { details: { ...details, reason: "context" }, cause });
  }
  if (status === 402 || code === "insufficient_quota" || type === "insufficient_quota" || /billing|quota|insufficient (credits|balance)|credit balance/i.test(`${code} ${type} ${text}`)) {
    return new PrevodError("MODEL_QUOTA", `${endpoint} refuses to serve ${model}: no quota or credits left (${said})`, { details, stopsRun: true, cause });
  }
  if (/requires more (system )?memory|out of memory|unable to allocate|insufficient memory/i.test(text)) {
    return new PrevodError("MODEL_MEMORY", `${endpoint} cannot load ${model}: not enough memory (${said})`, { details, stopsRun: true, cause });
  }
  if (status === 401 || status === 403) {
    return new PrevodError("MODEL_AUTH", `${endpoint} refused the credentials for ${model} (${said})`, { details, stopsRun: true, cause });
  }
  if (status === 404) {
    return new PrevodError("MODEL_NOT_FOUND", `model ${model} is not available on ${endpoint} (${said})`, { details, stopsRun: true, cause });
  }
  if (status === 503 && /loading model|model is loading|loading/i.test(text)) {
    return new PrevodError("MODEL_LOADING", `${endpoint} is still loading the model (${said})`, { details, retryable: true, cause });
  }
  const retryable = status === undefined || status === 408 || status === 409 || status === 429 || status >= 500;
  const retryAfterMs = retryAfterMilliseconds(failure.retryAfter, failure.retryAfterMs) ?? (status === 429 ? hintInText(text) : undefined);
  return new PrevodError("MODEL_HTTP", `${endpoint} answered ${said}`, { details, retryable, retryAfterMs, cause });
}

/**
 * An error a server reports inside a 200 answer: an OpenRouter `data: {"error":…}` event mid-stream
 * or a 200 body with an `error` object. Its `code` is an HTTP status where there is one.
 */
export function classifyInBandError(endpoint: string, model: string, body: ErrorBody): PrevodError {
  const status = typeof body.code === "number" ? body.code : Number.isFinite(Number(body.code)) ? Number(body.code) : undefined;
  if (status !== undefined && status >= 400 && status < 600) return classifyHttpFailure({ endpoint, model, status, ...body });
  return new PrevodError("MODEL_HTTP", `${endpoint} reported an error inside its answer: ${body.message.slice(0, 300)}`, { details: { endpoint, model, code: body.code ?? undefined }, retryable: true });
}

/**
 * Network-level failures (refused, reset, DNS) and timeouts. `signal` tells a caller's abort
 * apart from our own limits.
 */
export function classifyTransportFailure(error: unknown, endpoint: string, signal: AbortSignal | undefined, limitMs: number): PrevodError {
  if (signal?.aborted) return new PrevodError("ABORTED", "the run was interrupted", { cause: error });
  const name = (error as { name?: string })?.name;
  if (name === "TimeoutError" || name === "AbortError" || /timed out/i.test(String((error as Error)?.message))) {
    return new PrevodError("MODEL_TIMEOUT", `${endpoint} did not answer within ${Math.round(limitMs / 1000)} s`, { retryable: true, details: { endpoint }, cause: error });
  }
  const code = networkCode(error);
  return new PrevodError("MODEL_UNREACHABLE", `cannot reach ${endpoint}${code ? ` (${code})` : ""}: ${networkReason(error)}`, {
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
    if (typeof code === "string" && /^E[A-Z]+$|^UND_ERR/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
