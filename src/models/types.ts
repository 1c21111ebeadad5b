/**
 * The model contract: what every provider (ollama, openai) and every middleware (retry,
 * cache, record, replay) speaks. Types only; nothing here runs.
 */

/** One chat message. Article text always travels inside a user message, fenced as data. */
export interface ModelMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

/** Sampling options forwarded to the server. Unset fields are not sent. */
export interface SamplingOptions {
  /** @default 0 (set by the pipeline defaults) */
  temperature?: number;
  /** Fixed seed for reproducible answers where the server supports it. */
  seed?: number;
  /** Upper bound on generated tokens (Ollama `num_predict`, OpenAI `max_tokens`). */
  maxOutputTokens?: number;
  /**
   * Context window to request (Ollama `num_ctx`). Providers that cannot set it ignore it.
   * @example 8192
   */
  contextSize?: number;
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
  /** JSON Schema the answer must follow (from `z.toJSONSchema`). Absent: free text. */
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

/** Why generation stopped, normalised across providers. */
export type FinishReason = "stop" | "length" | "content_filter" | "refusal" | "unknown";

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
}

export interface ModelAnswer {
  /** The raw text of the answer, exactly as the server sent it. */
  text: string;
  finishReason: FinishReason;
  usage: TokenUsage;
  /** Wall time of the request as seen by the client, in milliseconds. */
  durationMs: number;
  /**
   * Where the answer came from when not from the provider: `cache` or `replay`.
   * Absent for a fresh answer.
   */
  source?: "cache" | "replay";
}

export interface Model {
  /** @example "ollama" */
  provider: string;
  /** @example "qwen2.5:7b" */
  modelId: string;
  /** Base address of the endpoint, without credentials. @example "http://127.0.0.1:11434" */
  endpoint: string;
  generate(call: ModelCall): Promise<ModelAnswer>;
  /**
   * Checks once, before any article runs, that the endpoint answers and serves the model.
   * Throws PrevodError MODEL_UNREACHABLE or MODEL_NOT_FOUND.
   */
  preflight?(signal?: AbortSignal): Promise<void>;
}

/** A middleware wraps a model and returns a model with the same contract. */
export type ModelMiddleware = (model: Model) => Model;
