import { Ollama, type ChatResponse } from "ollama";
import { estimateTokens } from "../common/tokens.js";
import { PrevodError, isPrevodError } from "../errors.js";
import { classifyHttpFailure, classifyTransportFailure, networkReason, readErrorBody, type ErrorBody } from "./classify-error.js";
import { deadline } from "./deadline.js";
import { nodeFetch, type CappedFetchInit } from "./node-fetch.js";
import { checkOllamaTruncation } from "./ollama-truncation.js";
import { answerCharLimit, promptTokensOf, responseByteLimit, schemaToSend } from "./request-size.js";
import { watchStream, type RunawayKind } from "./stream-watch.js";
import { tokenLineCoalescer } from "./token-lines.js";
import type { FinishReason, Model, ModelAnswer, ModelCall, NoticeListener, OmittableOption, ServerState, ThinkSetting } from "./types.js";

export interface OllamaModelOptions {
  /** @example "http://127.0.0.1:11434" */
  host: string;
  /** @example "qwen2.5:7b" */
  model: string;
  /** Thinking: Ollama thinks when `think` is omitted, so prevod always sends it. @default false */
  think?: ThinkSetting;
  /** Sampling options never sent (the server or a proxy in front of it refuses them). @default [] */
  omit?: readonly OmittableOption[];
  /**
   * The context window (num_ctx) of the run, sent on every call so the model is loaded once:
   * Ollama reloads a model whenever num_ctx changes. A call that needs more grows it once, to
   * the next power of two, and it never shrinks. @default 8192
   */
  contextSize?: number;
  /** No new token for this long ends a request (before the first token the server is probed first). @default 60000 */
  idleTimeoutMs?: number;
  /** The longest request, queue and generation included. @default 600000 */
  timeoutMs?: number;
  /** The longest model load (warm-up). @default 600000 */
  loadTimeoutMs?: number;
  /** How long Ollama keeps the model loaded ("5m", seconds). */
  keepAlive?: string | number;
  /** Told once: a model load, a grown context, a capped context. */
  onNotice?: NoticeListener;
  /** For tests and proxies. @default a keep-alive fetch over node:http (node-fetch.ts) */
  fetch?: (input: string | URL | Request, init?: CappedFetchInit) => Promise<Response>;
}

const PREFLIGHT_TIMEOUT_MS = 4000;
/** Tokens an answer needs at least beside its prompt in the context window. */
const MIN_ANSWER_ROOM = 1024;
/** Tokens a thinking model may spend on reasoning on top of the answer's own cap. */
const THINKING_ALLOWANCE = 8192;

/** What the fetch wrapper saw of one request's HTTP answer. */
interface Seen {
  retryAfter?: string | null;
  error?: ErrorBody;
}

/** A model served by Ollama's native API, through the official `ollama` client, streamed. */
export function createOllamaModel(options: OllamaModelOptions): Model {
  const endpoint = options.host.replace(/\/+$/, "");
  const think = options.think ?? false;
  const omit = new Set(options.omit ?? []);
  const idleMs = options.idleTimeoutMs ?? 60_000;
  const totalMs = options.timeoutMs ?? 600_000;
  const loadMs = options.loadTimeoutMs ?? 600_000;
  const baseFetch = options.fetch ?? nodeFetch;
  let numCtx = options.contextSize ?? 8192;
  /** The window the loaded runner really has (/api/ps), when the server caps num_ctx. */
  let servedCtx: number | undefined;
  let identity: string | undefined;

  /**
   * One client per request, so each gets its own signal and byte cap (ollama-js's non-streaming
   * calls take no signal). Error bodies are read here: ollama-js prints "Getting text from
   * response" on stdout for a non-JSON error body, and keeps only the message of a JSON one.
   */
  const clientWith = (signal: AbortSignal, seen: Seen, maxBytes?: number, streamed = false) =>
    new Ollama({
      host: endpoint,
      fetch: (async (input: string | URL | Request, init?: RequestInit) => {
        // A stream's token lines that arrive together reach ollama-js as one (token-lines.ts).
        const response = await baseFetch(input, { ...init, signal, maxBytes, ...(streamed ? { rechunk: tokenLineCoalescer() } : {}) });
        seen.retryAfter = response.headers.get("retry-after");
        if (response.ok) return response;
        const text = (await response.text()).slice(0, 64 * 1024);
        seen.error = readErrorBody(text);
        return new Response(JSON.stringify({ error: seen.error.message }), { status: response.status, statusText: response.statusText, headers: { "content-type": "application/json" } });
      }) as typeof fetch,
    });

  const httpFailure = (error: unknown, seen: Seen): PrevodError | undefined => {
    const status = (error as { status_code?: number }).status_code;
    if (typeof status !== "number") return undefined;
    const body = seen.error ?? { message: (error as Error).message };
    return classifyHttpFailure({ endpoint, model: options.model, status, ...body, retryAfter: seen.retryAfter, cause: error });
  };

  const probe = async (signal?: AbortSignal): Promise<ServerState> => {
    try {
      const response = await baseFetch(`${endpoint}/`, { signal });
      await response.arrayBuffer();
      return response.ok ? "ready" : "down";
    } catch {
      return "down";
    }
  };

  const model: Model = {
    provider: "ollama",
    modelId: options.model,
    endpoint,
    identity: () => identity,
    probe,

    async preflight(signal) {
      const limit = deadline(PREFLIGHT_TIMEOUT_MS, signal);
      let entries: Array<{ name: string; model: string; digest?: string }>;
      try {
        entries = (await clientWith(limit.signal, {}).list()).models;
      } catch (error) {
        if (signal?.aborted) throw new PrevodError("ABORTED", "the run was interrupted");
        const status = (error as { status_code?: number }).status_code;
        const reason = status !== undefined ? `it answered ${status} to /api/tags` : limit.expired ? `no answer within ${PREFLIGHT_TIMEOUT_MS / 1000} s` : networkReason(error);
        throw new PrevodError("MODEL_UNREACHABLE", `cannot reach Ollama at ${endpoint} (${reason}): start it with \`ollama serve\`, or set host: in pipeline.yaml / OLLAMA_HOST`, { details: { endpoint, reason }, cause: error });
      } finally {
        limit.done();
      }
      const entry = entries.find((candidate) => sameModel(candidate.name, options.model) || sameModel(candidate.model, options.model));
      if (!entry) {
        throw new PrevodError("MODEL_NOT_FOUND", `model ${options.model} is not available on ${endpoint}: run \`ollama pull ${options.model}\``, {
          details: { endpoint, model: options.model, available: entries.map((candidate) => candidate.name) },
        });
      }
      // The digest names the weights: a model re-pulled or replaced under the same name is another model.
      identity = entry.digest ? `ollama ${options.model} ${entry.digest}` : `ollama ${options.model} @ ${endpoint}`;
    },

    async warmup(signal) {
      options.onNotice?.(`loading ${options.model} on ${endpoint}…`);
      const limit = deadline(loadMs, signal);
      const seen: Seen = {};
      try {
        await clientWith(limit.signal, seen).chat({
          model: options.model,
          messages: [],
          stream: false,
          keep_alive: options.keepAlive,
          options: { num_ctx: numCtx },
        });
      } catch (error) {
        if (signal?.aborted) throw new PrevodError("ABORTED", "the run was interrupted");
        const failure = httpFailure(error, seen);
        if (failure) throw failure;
        if (limit.expired) {
          throw new PrevodError("MODEL_TIMEOUT", `${options.model} did not finish loading on ${endpoint} within ${Math.round(loadMs / 1000)} s`, { details: { endpoint, hint: "raise load_timeout" }, stopsRun: true });
        }
        throw classifyTransportFailure(error, endpoint, signal, loadMs);
      } finally {
        limit.done();
      }
      servedCtx = await loadedContext(signal);
      if (servedCtx !== undefined && servedCtx < numCtx) {
        options.onNotice?.(`${endpoint} runs ${options.model} with a context of ${servedCtx} tokens (prevod asked ${numCtx}): longer prompts are cut by the server and rejected by prevod`);
      }
    },

    async generate(call: ModelCall): Promise<ModelAnswer> {
      const started = performance.now();
      const promptTokens = promptTokensOf(call.messages);
      const cap = omit.has("max_output_tokens") ? undefined : call.options.maxOutputTokens;
      const wanted = cap === undefined ? undefined : think === false ? cap : cap + THINKING_ALLOWANCE;
      // The window grows only for a prompt that does not fit with room for an answer; an output
      // cap beyond the room is clipped to it first, and only an answer cut there grows the window
      // (each change of num_ctx reloads the model).
      const clipped = wanted !== undefined && promptTokens + MIN_ANSWER_ROOM <= numCtx && promptTokens + wanted > numCtx;
      if (!clipped) growContext(promptTokens + (wanted ?? Math.max(MIN_ANSWER_ROOM, promptTokens)));
      const predict = clipped ? numCtx - promptTokens : wanted;
      const window = numCtx;
      const watch = watchStream({ idleMs, totalMs, maxChars: answerCharLimit(predict), signal: call.signal, probe });
      const seen: Seen = {};
      let text = "";
      let thinking = "";
      let final: ChatResponse | undefined;
      let runaway: RunawayKind | undefined;
      try {
        const stream = await clientWith(watch.signal, seen, responseByteLimit(predict), true).chat({
          model: options.model,
          messages: call.messages,
          format: schemaToSend(call.schema),
          stream: true,
          think,
          keep_alive: options.keepAlive,
          options: {
            ...(omit.has("temperature") ? {} : { temperature: call.options.temperature }),
            ...(omit.has("seed") ? {} : { seed: call.options.seed }),
            num_ctx: window,
            ...(predict !== undefined ? { num_predict: predict } : {}),
          },
        });
        for await (const part of stream) {
          const piece = part.message?.content;
          const reasoning = part.message?.thinking;
          if (reasoning) {
            thinking += reasoning;
            runaway = watch.thinking(reasoning);
          }
          if (piece) {
            text += piece;
            runaway ??= watch.answer(piece);
          }
          if (runaway) break;
          if (part.done) final = part;
        }
      } catch (error) {
        if (call.signal?.aborted) throw new PrevodError("ABORTED", "the run was interrupted", { cause: error });
        // The server's own repetition guard closes the stream without a final object.
        if (/did not receive done/i.test((error as Error)?.message ?? "")) runaway = "loop";
        else throw streamFailure(error, seen, watch.verdict, watch.started);
      } finally {
        if (runaway) watch.cancel();
        watch.done();
      }
      const evaluated = final?.prompt_eval_count;
      const usage = {
        promptTokens: evaluated ?? 0,
        completionTokens: final?.eval_count ?? estimateTokens(text) + estimateTokens(thinking),
        thinkingTokens: thinking ? estimateTokens(thinking) : 0,
      };
      if (clipped && final?.done_reason === "length") growContext(promptTokens + wanted!);
      if (!runaway) checkOllamaTruncation({ endpoint, model: options.model, estimated: promptTokens, evaluated, window: Math.min(window, servedCtx ?? window), usage });
      return {
        text,
        finishReason: runaway ?? finishReason(final?.done_reason),
        usage,
        durationMs: performance.now() - started,
      };
    },
  };

  /** Grows the run's context once a prompt needs more; never shrinks it (a change reloads the model). */
  function growContext(needed: number): void {
    if (needed <= numCtx) return;
    const before = numCtx;
    numCtx = contextWindow(needed, numCtx);
    options.onNotice?.(`a prompt of about ${needed} tokens needs more context: num_ctx grows from ${before} to ${numCtx} for the rest of the run (Ollama reloads ${options.model} once)`);
  }

  async function loadedContext(signal?: AbortSignal): Promise<number | undefined> {
    const limit = deadline(PREFLIGHT_TIMEOUT_MS, signal);
    try {
      const loaded = await clientWith(limit.signal, {}).ps();
      const entry = loaded.models.find((candidate) => sameModel(candidate.name, options.model) || sameModel(candidate.model, options.model)) as { context_length?: number } | undefined;
      return typeof entry?.context_length === "number" && entry.context_length > 0 ? entry.context_length : undefined;
    } catch {
      return undefined;
    } finally {
      limit.done();
    }
  }

  function streamFailure(error: unknown, seen: Seen, verdict: string | undefined, started: boolean): PrevodError {
    if (isPrevodError(error)) return error;
    const http = httpFailure(error, seen);
    if (http) return http;
    if (verdict === "down") {
      return new PrevodError("MODEL_UNREACHABLE", `${endpoint} stopped answering (no reply to a probe)`, { retryable: true, details: { endpoint }, cause: error });
    }
    if (verdict === "idle" || verdict === "total") {
      const why = verdict === "idle" ? `no new token for ${Math.round(idleMs / 1000)} s${started ? "" : " and the server gave no first token"}` : `the request took longer than ${Math.round(totalMs / 1000)} s`;
      return new PrevodError("MODEL_TIMEOUT", `${endpoint}: ${why}`, { retryable: true, details: { endpoint, verdict }, cause: error });
    }
    // An `{"error": …}` line inside a 200 stream: Ollama's runner failed after it started.
    const message = (error as Error)?.message ?? String(error);
    if (!(error as { code?: unknown }).code && !/terminated|fetch failed|socket|ECONN/i.test(message) && error instanceof Error && error.name === "Error") {
      return classifyHttpFailure({ endpoint, model: options.model, status: 500, message, cause: error });
    }
    return classifyTransportFailure(error, endpoint, undefined, idleMs);
  }

  return model;
}

/** The context window for a prompt: the current one, or the next power of two above the need. */
export function contextWindow(needed: number, floor: number): number {
  let size = floor;
  while (size < needed) size *= 2;
  return size;
}

/** "qwen2.5" and "qwen2.5:latest" are the same model; tags otherwise must match. */
export function sameModel(served: string, wanted: string): boolean {
  const withTag = (name: string) => (name.includes(":") ? name : `${name}:latest`);
  return withTag(served) === withTag(wanted);
}

function finishReason(reason: string | undefined): FinishReason {
  if (reason === "stop") return "stop";
  if (reason === "length") return "length";
  // A stream that ended without its final object was cut.
  if (reason === undefined) return "length";
  return "unknown";
}
