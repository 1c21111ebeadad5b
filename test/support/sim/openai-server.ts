import { createEngine, sendPlain, simulatorFrom } from "./engine.js";
import { startHttpServer, type HttpContext } from "./http-server.js";
import { openAIErrorBody, openAIHttpFault, openAIReplyFormat, parseOpenAIRequest, type OpenAIError } from "./openai-protocol.js";
import { countPromptTokens } from "./tokens.js";
import type { SimOptions, Simulator } from "./types.js";

const DEFAULT_CONTEXT_LENGTH = 131072;
const MODEL_CREATED = 1733400000;

/**
 * An OpenAI-compatible server on 127.0.0.1 (model-apis.md §2): `/v1/chat/completions`
 * (JSON or SSE), `/v1/models` and `/v1/models/{id}`, OpenAI error bodies, optional bearer key.
 */
export async function startOpenAISimulator(options: SimOptions = {}): Promise<Simulator> {
  const models = options.models ?? ["sim-model"];
  const contextLength = options.contextLength ?? DEFAULT_CONTEXT_LENGTH;
  const engine = createEngine(options);
  const startedAt = performance.now();
  const loading = () => options.loadingMs !== undefined && performance.now() - startedAt < options.loadingMs;
  const served = (model: string) => options.servesAnyNameAs !== undefined || models.includes(model);
  const listed = options.servesAnyNameAs !== undefined ? [options.servesAnyNameAs] : models;

  const fail = (context: HttpContext, error: OpenAIError) =>
    sendPlain(context.response, context.log, { status: error.status, headers: { "Content-Type": "application/json" }, body: openAIErrorBody(error, "openai") });
  const modelObject = (id: string) => ({ id, object: "model", created: MODEL_CREATED, owned_by: options.servesAnyNameAs !== undefined ? "llamacpp" : "prevod-sim" });
  const notFound = (model: string): OpenAIError => ({
    status: 404,
    message: `The model \`${model}\` does not exist or you do not have access to it.`,
    type: "invalid_request_error",
    code: "model_not_found",
  });

  function chat(context: HttpContext): void {
    const parsed = parseOpenAIRequest(context.bodyInvalid ? undefined : context.body);
    if (parsed.kind === "error") return fail(context, parsed.error);
    if (!served(parsed.request.model)) return fail(context, notFound(parsed.request.model));
    const refused = refusedOption(context.body, options.refuses ?? [], options.refusesLike ?? "openai", parsed.request.model);
    if (refused) return fail(context, refused);
    const promptTokens = countPromptTokens(parsed.request.messages);
    if (promptTokens > contextLength && !options.truncatesPrompt) {
      return fail(context, {
        status: 400,
        message: `This model's maximum context length is ${contextLength} tokens. However, your messages resulted in ${promptTokens} tokens. Please reduce the length of the messages.`,
        type: "invalid_request_error",
        param: "messages",
        code: "context_length_exceeded",
      });
    }
    const thinking = options.reasoning ? { think: true, thinkingAs: options.reasoning, ...(options.thinkingTokens !== undefined ? { thinkingTokens: options.thinkingTokens } : {}) } : {};
    const request = engine.admit({ ...parsed.request, ...thinking }, contextLength);
    engine.run({
      request,
      response: context.response,
      log: context.log,
      format: openAIReplyFormat(request, { index: request.index, includeUsage: parsed.includeUsage, flavour: "openai" }),
      contextWindow: contextLength,
      httpFault: (fault) => openAIHttpFault(fault, request.model, "openai"),
      busy: () => openAIHttpFault({ kind: "http", status: 503 }, request.model, "openai"),
    });
  }

  const http = await startHttpServer(options.port ?? 0, (context) => {
    const method = context.request.method ?? "GET";
    // llama-server (tools/server/server.cpp): /health and every API answer 503 while the model loads.
    if (context.path === "/health" && method === "GET") {
      if (loading()) return fail(context, LOADING);
      return sendPlain(context.response, context.log, { status: 200, headers: { "Content-Type": "application/json" }, body: JSON.stringify({ status: "ok" }) });
    }
    if (loading()) return fail(context, LOADING);
    if (options.apiKey !== undefined && !authorized(context, options.apiKey)) {
      return fail(context, unauthorized(context));
    }
    if (context.path === "/v1/chat/completions" && method === "POST") return chat(context);
    if (context.path === "/v1/models" && method === "GET") {
      return sendPlain(context.response, context.log, {
        status: 200,
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ object: "list", data: listed.map(modelObject) }),
      });
    }
    const modelId = /^\/v1\/models\/(.+)$/.exec(context.path)?.[1];
    if (modelId !== undefined && method === "GET") {
      const id = decodeURIComponent(modelId);
      if (!served(id)) return fail(context, notFound(id));
      return sendPlain(context.response, context.log, { status: 200, headers: { "Content-Type": "application/json" }, body: JSON.stringify(modelObject(id)) });
    }
    fail(context, { status: 404, message: `Invalid URL (${method} ${context.path})`, type: "invalid_request_error" });
  });
  return simulatorFrom(http, engine);
}

/**
 * OpenAI's answers to an option a model does not take: reasoning models (o-series, gpt-5) take
 * only the default temperature; some models take no seed.
 */
function refusedOption(body: unknown, refuses: Array<"temperature" | "seed">, like: "openai" | "litellm", model: string): OpenAIError | undefined {
  const fields = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
  if (like === "litellm") {
    // LiteLLM without drop_params (litellm/utils.py get_optional_params): one 400 naming every refused parameter.
    const named = refuses.filter((option) => fields[option] !== undefined);
    if (named.length === 0) return undefined;
    return {
      status: 400,
      message: `litellm.UnsupportedParamsError: ${model} does not support parameters: [${named.map((option) => `'${option}'`).join(", ")}], for model=${model}. To drop these, set \`litellm.drop_params=True\` or for proxy:\n\n\`litellm_settings:\n drop_params: true\`\n`,
      type: "invalid_request_error",
      code: "400",
    };
  }
  if (refuses.includes("temperature") && fields.temperature !== undefined && fields.temperature !== 1) {
    return {
      status: 400,
      message: `Unsupported value: 'temperature' does not support ${JSON.stringify(fields.temperature)} with this model. Only the default (1) value is supported.`,
      type: "invalid_request_error",
      param: "temperature",
      code: "unsupported_value",
    };
  }
  if (refuses.includes("seed") && fields.seed !== undefined) {
    return { status: 400, message: "Unsupported parameter: 'seed' is not supported with this model.", type: "invalid_request_error", param: "seed", code: "unsupported_parameter" };
  }
  return undefined;
}

const LOADING: OpenAIError = { status: 503, message: "Loading model", type: "unavailable_error", code: "503" };

function authorized(context: HttpContext, apiKey: string): boolean {
  return context.request.headers.authorization === `Bearer ${apiKey}`;
}

function unauthorized(context: HttpContext): OpenAIError {
  const header = context.request.headers.authorization;
  if (!header) {
    return {
      status: 401,
      message: "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
      type: "invalid_request_error",
    };
  }
  const key = header.replace(/^Bearer\s+/i, "");
  // Like OpenAI, show only the ends of a wrong key.
  const masked = key.length > 8 ? `${key.slice(0, 3)}${"*".repeat(key.length - 7)}${key.slice(-4)}` : `${key.slice(0, 2)}**`;
  return {
    status: 401,
    message: `Incorrect API key provided: ${masked}. You can find your API key at https://platform.openai.com/account/api-keys.`,
    type: "invalid_request_error",
    code: "invalid_api_key",
  };
}
