import { sleep } from "../common/sleep.js";
import { ChatOpenAI } from "@langchain/openai";
import type { AIMessageChunk } from "@langchain/core/messages";
import { estimateTokens } from "../common/tokens.js";
import { PrevodError, isPrevodError } from "../errors.js";
import { classifyHttpFailure, classifyInBandError, classifyTransportFailure, networkReason, readErrorBody, type ErrorBody } from "./classify-error.js";
import { deadline } from "./deadline.js";
import { nodeFetch, type CappedFetchInit } from "./node-fetch.js";
import { answerCharLimit, promptTokensOf, responseByteLimit, schemaToSend } from "./request-size.js";
import { watchStream, type RunawayKind } from "./stream-watch.js";
import type { FinishReason, Model, ModelAnswer, ModelCall, NoticeListener, OmittableOption, ServerState, ThinkSetting } from "./types.js";

export interface OpenAIModelOptions {
  /** @example "http://127.0.0.1:8000/v1" */
  baseURL: string;
  /** @example "gpt-4o-mini" */
  model: string;
  /** The key itself (read from the environment by the caller); never logged or stored. */
  apiKey?: string;
  /** The variable the key was read from, named in messages. @example "OPENAI_API_KEY" */
  apiKeyVariable?: string;
  /** Send `strict: true` with the JSON schema. @default true */
  strict?: boolean;
  /** `low | medium | high` is sent as `reasoning_effort`; true/false send nothing. @default false */
  think?: ThinkSetting;
  /** Sampling options never sent. @default [] */
  omit?: readonly OmittableOption[];
  /** No new token for this long ends a request (before the first token the server is probed first). @default 60000 */
  idleTimeoutMs?: number;
  /** The longest request. @default 600000 */
  timeoutMs?: number;
  /** How long to wait for a server that says it is loading the model (llama.cpp). @default 600000 */
  loadTimeoutMs?: number;
  onNotice?: NoticeListener;
  /** @default a keep-alive fetch over node:http (node-fetch.ts) */
  fetch?: (input: string | URL | Request, init?: CappedFetchInit) => Promise<Response>;
}

/** What the fetch wrapper saw of one call's HTTP answer (error bodies only; streams pass through). */
interface Captured {
  status: number;
  error?: ErrorBody;
  retryAfter: string | null;
  retryAfterMs: string | null;
}

const CALL_HEADER = "x-prevod-call";
const LANGCHAIN_ROLES = { system: "system", user: "human", assistant: "ai" } as const;
const PREFLIGHT_TIMEOUT_MS = 4000;
/** A prompt the server counted below this share of prevod's over-estimate was cut (LM Studio, Ollama /v1). */
const TRUNCATED_SHARE = 0.4;

/**
 * A model behind any OpenAI-compatible Chat Completions endpoint, through LangChain's ChatOpenAI,
 * streamed (`.stream()`, never `streaming: true`, which downloads a tokenizer offline). LangChain's
 * own retries are off (maxRetries 0): the retry middleware is the only one. Error bodies are read
 * from the raw HTTP answer, so the classifier sees the server's code, type and param.
 */
export function createOpenAIModel(options: OpenAIModelOptions): Model {
  const endpoint = options.baseURL.replace(/\/+$/, "");
  const omit = new Set(options.omit ?? []);
  const idleMs = options.idleTimeoutMs ?? 60_000;
  const totalMs = options.timeoutMs ?? 600_000;
  const loadMs = options.loadTimeoutMs ?? 600_000;
  const baseFetch = options.fetch ?? nodeFetch;
  const captured = new Map<string, Captured>();
  const byteCaps = new Map<string, number>();
  let callCounter = 0;
  let identity: string | undefined;
  const effort = typeof options.think === "string" ? options.think : undefined;

  const capturingFetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const id = new Headers(init?.headers).get(CALL_HEADER);
    const response = await baseFetch(input, { ...init, maxBytes: id ? byteCaps.get(id) : undefined });
    if (id !== null && !response.ok) {
      const text = (await response.clone().text()).slice(0, 64 * 1024);
      captured.set(id, { status: response.status, error: readErrorBody(text), retryAfter: response.headers.get("retry-after"), retryAfterMs: response.headers.get("retry-after-ms") });
    }
    return response;
  }) as typeof fetch;

  // One client per sampling setting (ChatOpenAI fixes temperature and max tokens at construction).
  const clients = new Map<string, ChatOpenAI>();
  const clientFor = (temperature: number | undefined, maxTokens: number | undefined): ChatOpenAI => {
    const key = `${temperature}|${maxTokens}`;
    let client = clients.get(key);
    if (!client) {
      client = new ChatOpenAI({
        model: options.model,
        apiKey: options.apiKey || "unused",
        configuration: { baseURL: endpoint, fetch: capturingFetch },
        maxRetries: 0,
        timeout: totalMs,
        streamUsage: true,
        ...(temperature !== undefined ? { temperature } : {}),
        ...(maxTokens !== undefined ? { maxTokens } : {}),
        ...(effort ? { modelKwargs: { reasoning_effort: effort } } : {}),
      });
      clients.set(key, client);
    }
    return client;
  };

  const authHeaders = (): Record<string, string> => (options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {});

  const probe = async (signal?: AbortSignal): Promise<ServerState> => {
    try {
      const response = await baseFetch(`${endpoint}/models`, { headers: authHeaders(), signal });
      const text = await response.text();
      if (response.status === 503 && /loading/i.test(text)) return "loading";
      return "ready";
    } catch {
      return "down";
    }
  };

  const model: Model = {
    provider: "openai",
    modelId: options.model,
    endpoint,
    identity: () => identity,
    probe,

    async preflight(signal) {
      const limit = deadline(PREFLIGHT_TIMEOUT_MS, signal);
      let response: Response;
      let text: string;
      try {
        response = await baseFetch(`${endpoint}/models`, { headers: authHeaders(), signal: limit.signal });
        text = await response.text();
      } catch (error) {
        if (signal?.aborted) throw new PrevodError("ABORTED", "the run was interrupted");
        const reason = limit.expired ? `no answer within ${PREFLIGHT_TIMEOUT_MS / 1000} s` : networkReason(error);
        throw new PrevodError("MODEL_UNREACHABLE", `cannot reach ${endpoint} (${reason})`, { details: { endpoint, reason }, cause: error });
      } finally {
        limit.done();
      }
      identity = `openai ${endpoint} ${options.model}`;
      if (response.status === 401) {
        throw new PrevodError("MODEL_AUTH", `${endpoint} refused the API key (401${options.apiKey ? "" : ", none was set"})${options.apiKeyVariable ? `: check the variable ${options.apiKeyVariable}` : ""}`, { details: { endpoint, status: 401 } });
      }
      if (response.status === 403) {
        // Keys restricted by permission may chat but not list models.
        options.onNotice?.(`${endpoint} does not let this key list models (403): prevod cannot check that it serves ${options.model}; the first call will tell`);
        return;
      }
      // Some compatible servers have no model list, or say they are loading: the first call tells.
      if (!response.ok) return;
      let ids: string[] = [];
      let llamaCpp = false;
      try {
        const list = JSON.parse(text) as { data?: Array<{ id?: unknown; owned_by?: unknown }> };
        ids = (list.data ?? []).map((entry) => entry.id).filter((id): id is string => typeof id === "string");
        llamaCpp = (list.data ?? []).some((entry) => entry.owned_by === "llamacpp");
      } catch {
        return;
      }
      if (ids.length === 0 || ids.includes(options.model)) return;
      if (ids.length === 1 && llamaCpp) {
        // llama-server without --alias lists its model file and answers whatever name is asked.
        identity = `openai ${endpoint} ${ids[0]}`;
        options.onNotice?.(`${endpoint} serves one model, '${ids[0]}'; prevod uses it for '${options.model}'`);
        return;
      }
      const shown = ids.length > 12 ? `${ids.slice(0, 12).join(", ")}, …` : ids.join(", ");
      throw new PrevodError("MODEL_NOT_FOUND", `model ${options.model} is not served by ${endpoint}; it serves: ${shown}`, { details: { endpoint, model: options.model } });
    },

    async warmup(signal) {
      // llama.cpp's server answers 503 "Loading model" until its model is in memory; /health says when it is ready.
      const health = `${new URL(endpoint).origin}/health`;
      const until = performance.now() + loadMs;
      let told = false;
      for (let wait = 250; ; wait = Math.min(wait * 2, 2000)) {
        let status: number;
        try {
          const response = await baseFetch(health, { headers: authHeaders(), signal });
          status = response.status;
          await response.arrayBuffer();
        } catch (error) {
          if (signal?.aborted) throw new PrevodError("ABORTED", "the run was interrupted");
          throw classifyTransportFailure(error, endpoint, signal, loadMs);
        }
        if (status !== 503) return;
        if (!told) options.onNotice?.(`loading ${options.model} on ${endpoint}…`);
        told = true;
        if (performance.now() + wait > until) {
          throw new PrevodError("MODEL_TIMEOUT", `${endpoint} was still loading its model after ${Math.round(loadMs / 1000)} s`, { details: { endpoint, hint: "raise load_timeout" }, stopsRun: true });
        }
        await sleep(wait, signal);
      }
    },

    async generate(call: ModelCall): Promise<ModelAnswer> {
      const started = performance.now();
      const id = String(++callCounter);
      const cap = omit.has("max_output_tokens") ? undefined : call.options.maxOutputTokens;
      const client = clientFor(omit.has("temperature") ? undefined : call.options.temperature, cap);
      const schema = schemaToSend(call.schema);
      const responseFormat = schema
        ? { type: "json_schema" as const, json_schema: { name: call.schemaName ?? "answer", schema, ...(options.strict === false ? {} : { strict: true }) } }
        : undefined;
      const watch = watchStream({ idleMs, totalMs, maxChars: answerCharLimit(cap), signal: call.signal, probe });
      byteCaps.set(id, responseByteLimit(cap));
      let text = "";
      let thinking = "";
      let finish: string | undefined;
      let usage: { input_tokens?: number; output_tokens?: number; output_token_details?: { reasoning?: number } } | undefined;
      let runaway: RunawayKind | undefined;
      let failure: unknown;
      try {
        const stream = await client.stream(
          call.messages.map((message) => [LANGCHAIN_ROLES[message.role], message.content] as [string, string]),
          {
            signal: watch.signal,
            ...(responseFormat ? { response_format: responseFormat } : {}),
            ...(responseFormat && options.strict === false ? { strict: false } : {}),
            ...(call.options.seed !== undefined && !omit.has("seed") ? { seed: call.options.seed } : {}),
            // The streamed path hands the call options themselves to openai-node as request options.
            headers: { [CALL_HEADER]: id },
          } as Parameters<ChatOpenAI["stream"]>[1],
        );
        for await (const chunk of stream as AsyncIterable<AIMessageChunk>) {
          const reasoning = (chunk.additional_kwargs as { reasoning_content?: unknown })?.reasoning_content;
          if (typeof reasoning === "string" && reasoning) {
            thinking += reasoning;
            runaway = watch.thinking(reasoning);
          }
          if (typeof chunk.content === "string" && chunk.content) {
            text += chunk.content;
            runaway ??= watch.answer(chunk.content);
          }
          if (runaway) break;
          const reason = (chunk.response_metadata as { finish_reason?: string })?.finish_reason;
          if (reason) finish = reason;
          if (chunk.usage_metadata) usage = chunk.usage_metadata;
        }
      } catch (error) {
        failure = error;
      } finally {
        if (runaway) watch.cancel();
        watch.done();
        byteCaps.delete(id);
      }
      const http = captured.get(id);
      captured.delete(id);
      if (call.signal?.aborted) throw new PrevodError("ABORTED", "the run was interrupted", { cause: failure });
      if (http) {
        throw classifyHttpFailure({ endpoint, model: options.model, status: http.status, ...(http.error ?? { message: "" }), retryAfter: http.retryAfter, retryAfterMs: http.retryAfterMs, cause: failure });
      }
      if (failure !== undefined && !runaway) throw streamFailure(failure, watch.verdict, watch.started);
      // An aborted stream ends quietly in LangChain; the watch says why.
      if (!runaway && watch.verdict) throw streamFailure(new Error("the stream was stopped"), watch.verdict, watch.started);

      const estimated = promptTokensOf(call.messages);
      const promptTokens = usage?.input_tokens ?? 0;
      const answerUsage = {
        promptTokens,
        completionTokens: usage?.output_tokens ?? estimateTokens(text) + estimateTokens(thinking),
        thinkingTokens: usage?.output_token_details?.reasoning ?? (thinking ? estimateTokens(thinking) : 0),
      };
      if (!runaway && usage?.input_tokens !== undefined && estimated >= 1024 && promptTokens < estimated * TRUNCATED_SHARE) {
        throw new PrevodError("TRUNCATED", `the server counted ${promptTokens} prompt tokens of about ${estimated}: it cut the prompt (its context is set on the server: LM Studio's model settings, OLLAMA_CONTEXT_LENGTH for Ollama's /v1)`, {
          details: { endpoint, model: options.model, estimatedPromptTokens: estimated, usage: answerUsage, reason: "context" },
        });
      }
      return {
        text,
        finishReason: runaway ?? finishReason(finish),
        usage: answerUsage,
        durationMs: performance.now() - started,
      };
    },
  };

  function streamFailure(error: unknown, verdict: string | undefined, started: boolean): PrevodError {
    if (isPrevodError(error)) return error;
    if (verdict === "down") return new PrevodError("MODEL_UNREACHABLE", `${endpoint} stopped answering (no reply to a probe)`, { retryable: true, details: { endpoint }, cause: error });
    if (verdict === "idle" || verdict === "total") {
      const why = verdict === "idle" ? `no new token for ${Math.round(idleMs / 1000)} s${started ? "" : " and the server gave no first token"}` : `the request took longer than ${Math.round(totalMs / 1000)} s`;
      return new PrevodError("MODEL_TIMEOUT", `${endpoint}: ${why}`, { retryable: true, details: { endpoint, verdict }, cause: error });
    }
    // openai-node turns a `data: {"error": …}` event (OpenRouter mid-generation) into an APIError without a status.
    const inBand = (error as { error?: unknown })?.error;
    if (inBand && typeof inBand === "object") {
      const body = inBand as { message?: unknown; code?: unknown };
      return classifyInBandError(endpoint, options.model, { message: String(body.message ?? "error"), code: typeof body.code === "number" || typeof body.code === "string" ? body.code : null });
    }
    const cause = (error as { cause?: unknown })?.cause ?? error;
    return classifyTransportFailure(cause, endpoint, undefined, idleMs);
  }

  return model;
}

function finishReason(reason: string | null | undefined): FinishReason {
  if (reason === "stop") return "stop";
  if (reason === "length") return "length";
  if (reason === "content_filter") return "content_filter";
  // A stream that ends without [DONE] or a finish reason was cut (openai-node ends it silently).
  return reason === undefined || reason === null ? "length" : "unknown";
}


