/**
 * The simulator contract: what tests, benchmarks and the offline demo configure and observe.
 * Types only. The servers speak the real Ollama and OpenAI protocols (see
 * ../shared/docs/model-apis.md); WHAT they answer is pluggable through an {@link Answerer}.
 */

/** The protocol-neutral view of one generation request, as an answerer and a fault plan see it. */
export interface SimRequest {
  protocol: "ollama-chat" | "ollama-generate" | "openai-chat";
  /** Exactly as the client sent it (`qwen2.5:7b`, `sim-model`, …). */
  model: string;
  /** `/api/generate` becomes `[system?, user]`. Content parts are joined into one string. */
  messages: { role: string; content: string }[];
  /** Ollama `format` object, or OpenAI `response_format.json_schema.schema`. */
  schema?: Record<string, unknown>;
  /** OpenAI `json_schema.name`. */
  schemaName?: string;
  /** Ollama `format: "json"` or OpenAI `response_format: {type: "json_object"}`. */
  jsonMode?: boolean;
  /** The model thinks before answering (Ollama `think`, resolved against the model's ability). */
  think?: boolean;
  /** How many thinking tokens it sends. */
  thinkingTokens?: number;
  /** `tags`: the reasoning is sent inside the content as `<think>…</think>` (no reasoning parser). */
  thinkingAs?: "field" | "tags";
  options: {
    temperature?: number;
    seed?: number;
    /** Ollama `num_predict` (> 0), OpenAI `max_completion_tokens` ?? `max_tokens`. */
    maxTokens?: number;
    /** Ollama `options.num_ctx`; absent on the OpenAI protocol. */
    numCtx?: number;
    stop?: string[];
  };
  /** 0-based arrival order among the generation requests of this server. */
  index: number;
  /** Prompt tokens by the simulator's counting rule (see tokens.ts), before any truncation. */
  promptTokens: number;
  /**
   * True when the prompt was longer than the context window and Ollama would have silently
   * dropped its beginning; the answerer still sees every message.
   */
  truncated: boolean;
  /** True when the client asked for a streamed answer. */
  stream: boolean;
}

/** Returns the assistant content for a request (the simulator adds protocol, timing, faults). */
export type Answerer = (request: SimRequest) => string | Promise<string>;

/**
 * A fault injected into one request. HTTP faults and `reset-before-headers` answer at once
 * without taking a slot; all others run in a slot like a normal answer.
 */
export type Fault =
  | { kind: "http"; status: 429 | 500 | 503 | 400 | 404; retryAfterSeconds?: number; message?: string }
  | { kind: "reset-before-headers" }
  /** @default afterChunks 2 (non-streaming: half of the body is sent) */
  | { kind: "reset-mid-stream"; afterChunks?: number }
  /** Streaming: an error line after a few chunks. Non-streaming: a 500 error body. */
  | { kind: "error-mid-stream"; message?: string }
  /** Headers are held back `ms` longer than the modelled latency. */
  | { kind: "slow-first-byte"; ms: number }
  /** Streaming: silence for `ms` after a few chunks; non-streaming: headers, then silence. */
  | { kind: "stall-mid-stream"; ms: number }
  /** The stream closes without the final `done` object / finish chunk and `[DONE]`. */
  | { kind: "no-done" }
  /** A prefix of the real answer with `done_reason` / `finish_reason` "length". */
  | { kind: "truncated-length" }
  /** @default variant "prose" */
  | { kind: "invalid-json"; variant?: "prose" | "fences" | "trailing-junk" | "cut" }
  /** Valid JSON that breaks the request's schema; default variant alternates with `index`. */
  | { kind: "off-schema"; variant?: "missing-key" | "wrong-type" }
  | { kind: "refusal"; message?: string }
  | { kind: "whitespace-loop" }
  | { kind: "schema-ignored" }
  | { kind: "bad-ndjson-line" }
  | { kind: "wrong-content-type" }
  /** A content fault of the test's making: wrong language, a dropped number, … */
  | { kind: "mutate"; apply: (content: string, request: SimRequest) => string };

export type FaultKind = Fault["kind"];

/** Decides the fault for each request; `undefined` means answer normally. */
export type FaultPlan = (request: SimRequest) => Fault | undefined;

/** Timing model of one call. Every field defaults to 0: answer as fast as possible. */
export interface LatencyModel {
  /** Time before the first token (prompt processing). */
  firstTokenMs?: number;
  /** Generation speed; 0 means instantaneous. */
  tokensPerSecond?: number;
  /** Fixed cost added to every call that reaches a slot. */
  perCallMs?: number;
}

export interface SimOptions {
  /** @default a schema-valid JSON answer built from the schema (schema-answer.ts), or plain text */
  answer?: Answerer;
  /**
   * Served models; others get 404. Ollama treats `name` and `name:latest` alike.
   * @default ["sim-model"]
   */
  models?: string[];
  /** Requests generating at once (OLLAMA_NUM_PARALLEL); the rest wait. @default 1 */
  parallel?: number;
  /** Requests allowed to wait; one more gets 503 at once. @default 512 */
  maxQueue?: number;
  latency?: LatencyModel;
  /**
   * Context window when the request sets no `num_ctx`. Ollama truncates a longer prompt
   * silently (`prompt_eval_count` = the window); the OpenAI simulator answers 400
   * `context_length_exceeded`. @default 4096 (Ollama), 131072 (OpenAI)
   */
  contextLength?: number;
  faults?: FaultPlan;
  /** OpenAI simulator only: require `Authorization: Bearer <key>`, else 401 `invalid_api_key`. */
  apiKey?: string;
  /** @default 0 (an ephemeral port) */
  port?: number;
  /**
   * Ollama simulator: how long loading a model takes; a request with another num_ctx reloads it,
   * and a load every client abandoned is dropped (model-load.ts). @default 0 (always loaded)
   */
  loadMs?: number;
  /**
   * Ollama simulator: the models can think (qwen3, deepseek-r1, gpt-oss). Like Ollama, they
   * think when `think` is left out or true, sending `message.thinking` before the content;
   * `think: false` turns it off. Without it, `think: true` is a 400. @default false
   */
  thinking?: boolean;
  /** Tokens of thinking a thinking model sends before its answer. @default 120 */
  thinkingTokens?: number;
  /**
   * Ollama simulator: mixed into the models' digests, so the same name can be other weights
   * (a re-pull, another server). @default ""
   */
  revision?: string;
  /**
   * OpenAI simulator: sampling options the model refuses with OpenAI's 400 (reasoning models
   * refuse temperature: `unsupported_value`; some refuse seed: `unsupported_parameter`).
   */
  refuses?: Array<"temperature" | "seed">;
  /** Whose wording a refused option gets: OpenAI's 400, or LiteLLM's UnsupportedParamsError. @default "openai" */
  refusesLike?: "openai" | "litellm";
  /**
   * OpenAI simulator, a model that reasons (DeepSeek-R1 distills, QwQ on vLLM): `field` sends it
   * as `delta.reasoning_content` (vLLM with --reasoning-parser, llama-server, LM Studio), `tags`
   * as `<think>…</think>` inside the content (vLLM without a parser).
   */
  reasoning?: "field" | "tags";
  /**
   * OpenAI simulator, llama-server: for this long after start every request gets 503
   * `{"error":{"code":503,"message":"Loading model","type":"unavailable_error"}}` and /health says
   * so; then /health answers `{"status":"ok"}`.
   */
  loadingMs?: number;
  /**
   * OpenAI simulator, llama-server without --alias: /v1/models lists this (the GGUF path) with
   * owned_by "llamacpp", and any model name in a request is served.
   */
  servesAnyNameAs?: string;
  /** OpenAI simulator, LM Studio: a prompt beyond the context is cut (usage.prompt_tokens = the window), not refused. */
  truncatesPrompt?: boolean;
}

/** One HTTP request as the simulator saw it. */
export interface LoggedRequest {
  method: string;
  path: string;
  /** Lower-cased names; `authorization` is logged as "Bearer ***". */
  headers: Record<string, string>;
  /** Parsed JSON body; the raw text when it did not parse; undefined when empty. */
  body: unknown;
  /** Set for generation requests: the SimRequest's index. */
  index?: number;
  model?: string;
  stream?: boolean;
  /** `performance.now()` milliseconds. */
  arrivalMs: number;
  /** When the request got a slot. */
  startMs?: number;
  /** When the response ended or the request was dropped. */
  endMs?: number;
  fault?: Fault;
  /**
   * HTTP status sent; 499 when the client went away first; absent while running and when the
   * server reset the connection before any status (`reset-before-headers`).
   */
  status?: number;
  /** `X-Stainless-Retry-Count` (openai-node's retry number), when present. */
  retryCount?: number;
  /** The client closed the connection before the response was complete. */
  disconnected: boolean;
}

export interface SimStats {
  /** Model loads finished, reloads among them (num_ctx changed), loads dropped when every client left. */
  loads?: { loads: number; reloads: number; abandoned: number };
  /** Generation requests that got a slot (including ones later cancelled). */
  calls: number;
  /** Generation requests that ran to the end of their response. */
  completed: number;
  /** Requests dropped because the client went away (queued or running). */
  cancelled: number;
  /** Requests refused with 503 because the queue was full. */
  rejected: number;
  /** Sum over calls of the measured slot occupancy, in ms. */
  busyMs: number;
  /** Sum over calls of the modelled call time (latency model), in ms: the "ideal" work. */
  modelledMs: number;
  maxConcurrent: number;
  maxQueued: number;
  promptTokens: number;
  completionTokens: number;
  /** Faults applied, by kind. */
  faults: Partial<Record<FaultKind, number>>;
}

export interface Simulator {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  url: string;
  /** Every request in arrival order (generation or not). */
  requests: LoggedRequest[];
  setFaults(plan?: FaultPlan): void;
  setAnswer(answer: Answerer): void;
  stats(): SimStats;
  /** Drops queued and running work, closes idle and active sockets; resolves within 1 s. */
  close(): Promise<void>;
}
