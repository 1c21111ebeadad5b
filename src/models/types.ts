/**
 * The model contract: what every provider (ollama, openai) and every middleware (retry,
 * cache, record, replay, breaker, limit) speaks. Types only; nothing here runs.
 */

/** One chat message. Article text always travels inside a user message, fenced as data. */
export interface ModelMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

/**
 * Whether a thinking-capable model reasons before it answers. Ollama thinks when `think` is
 * omitted (qwen3, deepseek-r1, gpt-oss), which multiplies the latency of a translation.
 * @default false
 */
export type ThinkSetting = boolean | "low" | "medium" | "high";

/** Sampling options a server may refuse; `omit` in pipeline.yaml names them. */
export const OMITTABLE_OPTIONS = ["temperature", "seed", "max_output_tokens"] as const;
export type OmittableOption = (typeof OMITTABLE_OPTIONS)[number];

/** Sampling options forwarded to the server. Unset fields are not sent. */
export interface SamplingOptions {
  /** @default 0 (set by the pipeline defaults) */
  temperature?: number;
  /** Fixed seed for reproducible answers where the server supports it. */
  seed?: number;
  /** Upper bound on generated tokens (Ollama `num_predict`, OpenAI `max_tokens`). */
  maxOutputTokens?: number;
}

/** Where a call comes from; used in error messages (replay misses) and recordings, never sent. */
export interface CallOrigin {
  articleId?: string;
  step?: string;
  target?: string;
  /** Which part of the step: a chunk id, "summary", … */
  part?: string;
}

export interface ModelCall {
  messages: ModelMessage[];
  /** JSON Schema the answer must follow. Absent: free text. A root `$schema` is never sent. */
  schema?: Record<string, unknown>;
  /**
   * Name of the schema, `[a-zA-Z0-9_-]`, at most 64 characters (OpenAI `json_schema.name`).
   * @default "answer"
   */
  schemaName?: string;
  options: SamplingOptions;
  signal?: AbortSignal;
  origin?: CallOrigin;
  /** Queue priority; higher runs first. Earlier articles get higher priority. @default 0 */
  priority?: number;
}

/**
 * Why generation stopped, normalised across providers. `loop`: prevod stopped a streamed answer
 * that repeated itself or padded with whitespace; like `length`, such an answer is never accepted.
 */
export type FinishReason = "stop" | "length" | "loop" | "content_filter" | "refusal" | "unknown";

export interface TokenUsage {
  promptTokens: number;
  /** Every generated token, thinking included (what the server bills or times). */
  completionTokens: number;
  /** Of those, the model's reasoning (kept out of the answer text). @default 0 */
  thinkingTokens?: number;
}

export interface ModelAnswer {
  /** The answer text exactly as the server sent it, without the model's reasoning. */
  text: string;
  finishReason: FinishReason;
  usage: TokenUsage;
  /** Wall time of the request as seen by the client, in milliseconds. */
  durationMs: number;
  /** The host of a pool that answered (host-pool.ts); absent for a single endpoint. */
  host?: string;
  /**
   * Where the answer came from when not from the provider: `cache` or `replay`.
   * Absent for a fresh answer.
   */
  source?: "cache" | "replay";
  /**
   * Marks this answer unusable because it failed to parse, its schema or its gates: the cache
   * forgets it, so no later run is served it. Absent when nothing stores answers.
   */
  reject?: () => Promise<void>;
}

/** What a probe of the server found. */
export type ServerState = "ready" | "loading" | "down";

/** Something the user should read once (a load, an outage, a setting prevod adapted to). */
export type NoticeListener = (message: string) => void;

export interface Model {
  /** @example "ollama" */
  provider: string;
  /** @example "qwen2.5:7b" */
  modelId: string;
  /** Base address of the endpoint, without credentials. @example "http://127.0.0.1:11434" */
  endpoint: string;
  generate(call: ModelCall): Promise<ModelAnswer>;
  /**
   * Checks once, before any article runs, that the endpoint answers and serves the model, and
   * learns the model's identity. Throws PrevodError MODEL_UNREACHABLE or MODEL_NOT_FOUND.
   */
  preflight?(signal?: AbortSignal): Promise<void>;
  /**
   * Loads the model before the first article (Ollama: a chat without messages; llama.cpp: wait
   * for /health), under the model's own load limit.
   */
  warmup?(signal?: AbortSignal): Promise<void>;
  /** Whether the server answers now: used before re-sending after a timeout or an outage. */
  probe?(signal?: AbortSignal): Promise<ServerState>;
  /**
   * What identifies the answers: the model's digest (Ollama) or the id the server says it
   * serves (OpenAI-compatible), with the endpoint where the name alone is not an identity.
   * Known after preflight; undefined before, and when replaying.
   */
  identity?(): string | undefined;
}

/** A middleware wraps a model and returns a model with the same contract. */
export type ModelMiddleware = (model: Model) => Model;
