import { Ollama, type ChatResponse } from "ollama";
import { PrevodError } from "../errors.js";
import { memoize } from "../text/memo.js";
import { estimateTokens } from "../text/tokens.js";
import { classifyHttpFailure, classifyTransportFailure, networkReason } from "./classify-error.js";
import { deadline } from "./deadline.js";
import { nodeFetch } from "./node-fetch.js";
import type { FinishReason, Model, ModelAnswer, ModelCall } from "./types.js";

export interface OllamaModelOptions {
  /** @example "http://127.0.0.1:11434" */
  host: string;
  /** @example "qwen2.5:7b" */
  model: string;
  /** Per-request time limit. @default 120000 */
  timeoutMs?: number;
  /**
   * Smallest context window to request. Ollama reloads a model when num_ctx changes, so calls
   * use this value unless a prompt needs more, and then the next power of two.
   * @default 8192
   */
  contextSize?: number;
  /** How long Ollama keeps the model loaded ("5m", seconds). */
  keepAlive?: string | number;
  /** For tests and proxies. @default a keep-alive fetch over node:http (node-fetch.ts) */
  fetch?: typeof fetch;
}

const PREFLIGHT_TIMEOUT_MS = 4000;
/** Token estimates of message contents; system prompts repeat on every call. */
const messageTokens = memoize(estimateTokens, 64);
/** Tokens per message the chat template adds around the content. */
const TEMPLATE_TOKENS = 8;

/** A model served by Ollama's native API, through the official `ollama` client. */
export function createOllamaModel(options: OllamaModelOptions): Model {
  const endpoint = options.host.replace(/\/+$/, "");
  const timeoutMs = options.timeoutMs ?? 120_000;
  const contextFloor = options.contextSize ?? 8192;
  const baseFetch = options.fetch ?? nodeFetch;

  /** ollama-js's non-streaming calls take no signal; each request gets one through fetch. */
  const clientWith = (signal: AbortSignal, seen: { retryAfter?: string | null }) =>
    new Ollama({
      host: endpoint,
      fetch: async (input, init) => {
        const response = await baseFetch(input, { ...init, signal });
        seen.retryAfter = response.headers.get("retry-after");
        return response;
      },
    });

  return {
    provider: "ollama",
    modelId: options.model,
    endpoint,

    async preflight(signal) {
      const limit = deadline(PREFLIGHT_TIMEOUT_MS, signal);
      let names: string[];
      try {
        const list = await clientWith(limit.signal, {}).list();
        names = list.models.flatMap((entry) => [entry.name, entry.model]);
      } catch (error) {
        if (signal?.aborted) throw new PrevodError("ABORTED", "the run was interrupted");
        const status = (error as { status_code?: number }).status_code;
        const reason = status !== undefined ? `it answered ${status} to /api/tags` : limit.expired ? `no answer within ${PREFLIGHT_TIMEOUT_MS / 1000} s` : networkReason(error);
        throw new PrevodError("MODEL_UNREACHABLE", `cannot reach Ollama at ${endpoint} (${reason}): start it with \`ollama serve\`, or set host: in pipeline.yaml / OLLAMA_HOST`, {
          details: { endpoint },
          cause: error,
        });
      } finally {
        limit.done();
      }
      if (!names.some((name) => sameModel(name, options.model))) {
        throw new PrevodError("MODEL_NOT_FOUND", `model ${options.model} is not available on ${endpoint}: run \`ollama pull ${options.model}\``, {
          details: { endpoint, model: options.model, available: names },
        });
      }
    },

    async generate(call: ModelCall): Promise<ModelAnswer> {
      const started = performance.now();
      const promptTokens = call.messages.reduce((sum, message) => sum + messageTokens(message.content) + TEMPLATE_TOKENS, 0);
      const reserve = call.options.maxOutputTokens ?? Math.max(1024, promptTokens);
      const numCtx = contextWindow(promptTokens + reserve, contextFloor);
      const limit = deadline(timeoutMs, call.signal);
      const seen: { retryAfter?: string | null } = {};

      let response: ChatResponse;
      try {
        response = await clientWith(limit.signal, seen).chat({
          model: options.model,
          messages: call.messages,
          format: call.schema ?? undefined,
          stream: false,
          keep_alive: options.keepAlive,
          options: {
            temperature: call.options.temperature,
            seed: call.options.seed,
            num_ctx: numCtx,
            num_predict: call.options.maxOutputTokens,
          },
        });
      } catch (error) {
        const status = (error as { status_code?: number }).status_code;
        if (typeof status === "number") {
          throw classifyHttpFailure({ endpoint, model: options.model, status, message: (error as Error).message, retryAfter: seen.retryAfter, cause: error });
        }
        throw classifyTransportFailure(error, endpoint, call.signal, timeoutMs);
      } finally {
        limit.done();
      }

      const usage = { promptTokens: response.prompt_eval_count ?? 0, completionTokens: response.eval_count ?? 0 };
      const details = { endpoint, model: options.model, numCtx, estimatedPromptTokens: promptTokens, usage };
      // Ollama silently drops the start of a prompt longer than the context it really uses and
      // still answers 200: then the prompt fills the whole window, or (when the model caps num_ctx
      // below what was asked) it is far shorter than any tokenizer would make it.
      const evaluated = response.prompt_eval_count;
      if (evaluated !== undefined && promptTokens >= 256 && (evaluated >= numCtx * 0.95 || evaluated < promptTokens * 0.25)) {
        throw new PrevodError("TRUNCATED", `the server read ${evaluated} prompt tokens of about ${promptTokens} (num_ctx ${numCtx}): the prompt was cut; raise context_size`, { details });
      }
      return {
        text: response.message?.content ?? "",
        // done:false: the server's repetition guard stopped a whitespace loop without a final
        // object; like done_reason "length", the answer was cut and must not be accepted.
        finishReason: response.done ? finishReason(response.done_reason) : "length",
        usage,
        durationMs: performance.now() - started,
      };
    },
  };
}

/** The context window for a prompt: the floor, or the next power of two above the need. */
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
  return "unknown";
}

