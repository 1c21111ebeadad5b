import { ChatOpenAI } from "@langchain/openai";
import { PrevodError } from "../errors.js";
import { classifyHttpFailure, classifyTransportFailure, networkReason } from "./classify-error.js";
import { deadline } from "./deadline.js";
import { nodeFetch } from "./node-fetch.js";
import type { FinishReason, Model, ModelAnswer, ModelCall } from "./types.js";

export interface OpenAIModelOptions {
  /** @example "http://127.0.0.1:8000/v1" */
  baseURL: string;
  /** @example "gpt-4o-mini" */
  model: string;
  /** The key itself (read from the environment by the caller); never logged or stored. */
  apiKey?: string;
  /** Name of the variable the key came from, for messages. @default "OPENAI_API_KEY" */
  apiKeyVariable?: string;
  /** @default 120000 */
  timeoutMs?: number;
  /** Send `strict: true` with the JSON schema. @default true */
  strict?: boolean;
  /** @default a keep-alive fetch over node:http (node-fetch.ts) */
  fetch?: typeof fetch;
}

interface RawCompletion {
  choices?: Array<{ message?: { content?: string | null; refusal?: string | null }; finish_reason?: string | null }>;
  usage?: { prompt_tokens?: number; completion_tokens?: number };
}

const CALL_HEADER = "x-prevod-call";
const LANGCHAIN_ROLES = { system: "system", user: "human", assistant: "ai" } as const;
const PREFLIGHT_TIMEOUT_MS = 4000;

/**
 * A model behind any OpenAI-compatible Chat Completions endpoint, through LangChain's
 * ChatOpenAI. LangChain's own retries are off (maxRetries 0): the retry middleware is the only
 * one. The raw HTTP answer is kept for each call, so usage and finish reason are read from what
 * the server sent, and an answer the SDK refuses to parse (invalid JSON, cut at the length
 * limit) still reaches our repair loop with its text.
 */
export function createOpenAIModel(options: OpenAIModelOptions): Model {
  const endpoint = options.baseURL.replace(/\/+$/, "");
  const timeoutMs = options.timeoutMs ?? 120_000;
  const baseFetch = options.fetch ?? nodeFetch;
  const raw = new Map<string, { status: number; body: string; retryAfter: string | null; retryAfterMs: string | null }>();
  let callCounter = 0;

  const capturingFetch: typeof fetch = async (input, init) => {
    const response = await baseFetch(input, init);
    const id = new Headers(init?.headers).get(CALL_HEADER);
    if (id !== null) {
      raw.set(id, {
        status: response.status,
        body: await response.clone().text(),
        retryAfter: response.headers.get("retry-after"),
        retryAfterMs: response.headers.get("retry-after-ms"),
      });
    }
    return response;
  };

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
        timeout: timeoutMs,
        streaming: false,
        ...(temperature !== undefined ? { temperature } : {}),
        ...(maxTokens !== undefined ? { maxTokens } : {}),
      });
      clients.set(key, client);
    }
    return client;
  };

  return {
    provider: "openai",
    modelId: options.model,
    endpoint,

    async preflight(signal) {
      const limit = deadline(PREFLIGHT_TIMEOUT_MS, signal);
      let response: Response;
      try {
        response = await baseFetch(`${endpoint}/models`, {
          headers: options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {},
          signal: limit.signal,
        });
      } catch (error) {
        if (signal?.aborted) throw new PrevodError("ABORTED", "the run was interrupted");
        const reason = limit.expired ? `no answer within ${PREFLIGHT_TIMEOUT_MS / 1000} s` : networkReason(error);
        throw new PrevodError("MODEL_UNREACHABLE", `cannot reach ${endpoint} (${reason}): check base_url in pipeline.yaml or OPENAI_BASE_URL`, { details: { endpoint }, cause: error });
      } finally {
        limit.done();
      }
      if (response.status === 401 || response.status === 403) {
        const variable = options.apiKeyVariable ?? "OPENAI_API_KEY";
        throw new PrevodError("MODEL_UNREACHABLE", `${endpoint} refused the API key (${response.status}): set ${variable}${options.apiKey ? " to a valid key" : ""}`, { details: { endpoint } });
      }
      // Some compatible servers have no model list; then the first call tells.
      if (!response.ok) return;
      const list = (await response.json().catch(() => undefined)) as { data?: Array<{ id?: string }> } | undefined;
      const ids = (list?.data ?? []).map((entry) => entry.id).filter((id): id is string => typeof id === "string");
      if (ids.length > 0 && !ids.includes(options.model)) {
        const shown = ids.length > 12 ? `${ids.slice(0, 12).join(", ")}, …` : ids.join(", ");
        throw new PrevodError("MODEL_NOT_FOUND", `model ${options.model} is not served by ${endpoint}; it serves: ${shown}`, { details: { endpoint, model: options.model } });
      }
    },

    async generate(call: ModelCall): Promise<ModelAnswer> {
      const started = performance.now();
      const id = String(++callCounter);
      const client = clientFor(call.options.temperature, call.options.maxOutputTokens);
      const responseFormat = call.schema
        ? { type: "json_schema" as const, json_schema: { name: call.schemaName ?? "answer", schema: call.schema, ...(options.strict === false ? {} : { strict: true }) } }
        : undefined;
      let failure: unknown;
      try {
        await client.invoke(call.messages.map((message) => [LANGCHAIN_ROLES[message.role], message.content] as [string, string]), {
          signal: call.signal,
          ...(responseFormat ? { response_format: responseFormat } : {}),
          ...(responseFormat && options.strict === false ? { strict: false } : {}),
          ...(call.options.seed !== undefined ? { seed: call.options.seed } : {}),
          options: { headers: { [CALL_HEADER]: id } },
        });
      } catch (error) {
        failure = error;
      }
      const captured = raw.get(id);
      raw.delete(id);
      if (captured && captured.status >= 200 && captured.status < 300) {
        return answerFromRaw(captured.body, endpoint, performance.now() - started);
      }
      if (captured) {
        throw classifyHttpFailure({
          endpoint,
          model: options.model,
          status: captured.status,
          message: errorText(captured.body),
          retryAfter: captured.retryAfter,
          retryAfterMs: captured.retryAfterMs,
          cause: failure,
        });
      }
      throw classifyTransportFailure(failure, endpoint, call.signal, timeoutMs);
    },
  };
}

function answerFromRaw(body: string, endpoint: string, durationMs: number): ModelAnswer {
  let completion: RawCompletion;
  try {
    completion = JSON.parse(body) as RawCompletion;
  } catch {
    throw new PrevodError("MODEL_HTTP", `${endpoint} answered 200 with a body that is not JSON: ${body.slice(0, 120)}`, { retryable: true });
  }
  const choice = completion.choices?.[0];
  const refusal = choice?.message?.refusal;
  return {
    text: choice?.message?.content ?? "",
    finishReason: refusal ? "refusal" : finishReason(choice?.finish_reason),
    usage: { promptTokens: completion.usage?.prompt_tokens ?? 0, completionTokens: completion.usage?.completion_tokens ?? 0 },
    durationMs,
  };
}

function finishReason(reason: string | null | undefined): FinishReason {
  if (reason === "stop") return "stop";
  if (reason === "length") return "length";
  if (reason === "content_filter") return "content_filter";
  return "unknown";
}

/** `{"error":{"message":…}}`, flat `{"message":…}` (old vLLM) or `{"error":"…"}` (Ollama). */
function errorText(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: string | { message?: string }; message?: string };
    if (typeof parsed.error === "string") return parsed.error;
    return parsed.error?.message ?? parsed.message ?? body;
  } catch {
    return body;
  }
}
