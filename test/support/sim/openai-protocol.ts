import type { ParsedRequest } from "./engine.js";
import type { GenerationPlan } from "./generate.js";
import type { CallMetrics, ReplyFormat } from "./respond.js";
import type { Fault } from "./types.js";

/**
 * OpenAI Chat Completions on the wire (model-apis.md §2): request parsing, the non-streaming
 * body, the SSE chunk sequence, and error bodies. `flavour` "ollama" is what Ollama's own
 * `/v1` layer sends: fewer fields, `fp_ollama`, and errors typed by status with `code: null`.
 */
export type OpenAIFlavour = "openai" | "ollama";

export interface OpenAIError {
  status: number;
  message: string;
  type?: string;
  param?: string | null;
  code?: string | null;
}

export type OpenAIParse = { kind: "generate"; request: ParsedRequest; includeUsage: boolean } | { kind: "error"; error: OpenAIError };

const SCHEMA_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

export function parseOpenAIRequest(body: unknown): OpenAIParse {
  const invalid = (message: string, param: string | null = null, code: string | null = null): OpenAIParse => ({
    kind: "error",
    error: { status: 400, message, type: "invalid_request_error", param, code },
  });
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return invalid("We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)");
  }
  const fields = body as Record<string, unknown>;
  if (typeof fields.model !== "string" || fields.model === "") return invalid("you must provide a model parameter");
  if (!Array.isArray(fields.messages)) return invalid("Missing required parameter: 'messages'.", "messages", "missing_required_parameter");
  if (fields.messages.length === 0) {
    return invalid("Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.", "messages", "empty_array");
  }
  const messages = fields.messages.map((message) => {
    const entry = (message ?? {}) as Record<string, unknown>;
    return { role: String(entry.role ?? ""), content: contentText(entry.content) };
  });

  let schema: Record<string, unknown> | undefined;
  let schemaName: string | undefined;
  let jsonMode = false;
  const format = fields.response_format as Record<string, unknown> | undefined | null;
  if (format !== undefined && format !== null) {
    if (format.type === "json_schema") {
      const jsonSchema = format.json_schema as Record<string, unknown> | undefined;
      if (!jsonSchema) return invalid("Missing required parameter: 'response_format.json_schema'.", "response_format.json_schema", "missing_required_parameter");
      if (typeof jsonSchema.name !== "string" || !SCHEMA_NAME.test(jsonSchema.name)) {
        return invalid("Invalid 'response_format.json_schema.name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.", "response_format.json_schema.name", "invalid_value");
      }
      schemaName = jsonSchema.name;
      if (typeof jsonSchema.schema === "object" && jsonSchema.schema !== null) schema = jsonSchema.schema as Record<string, unknown>;
    } else if (format.type === "json_object") jsonMode = true;
    else if (format.type !== "text") {
      return invalid(`Invalid value: '${String(format.type)}'. Supported values are: 'json_object', 'json_schema', and 'text'.`, "response_format.type", "invalid_value");
    }
  }
  const maxTokens = numberOrUndefined(fields.max_completion_tokens) ?? numberOrUndefined(fields.max_tokens);
  const stop = typeof fields.stop === "string" ? [fields.stop] : Array.isArray(fields.stop) ? fields.stop.filter((entry): entry is string => typeof entry === "string") : undefined;
  const streamOptions = fields.stream_options as Record<string, unknown> | undefined | null;
  const request: ParsedRequest = {
    protocol: "openai-chat",
    model: fields.model,
    messages,
    ...(schema ? { schema } : {}),
    ...(schemaName ? { schemaName } : {}),
    ...(jsonMode ? { jsonMode } : {}),
    options: {
      ...(typeof fields.temperature === "number" ? { temperature: fields.temperature } : {}),
      ...(typeof fields.seed === "number" ? { seed: fields.seed } : {}),
      ...(maxTokens !== undefined ? { maxTokens } : {}),
      ...(stop ? { stop } : {}),
    },
    stream: fields.stream === true,
  };
  return { kind: "generate", request, includeUsage: streamOptions?.include_usage === true };
}

function numberOrUndefined(value: unknown): number | undefined {
  return typeof value === "number" ? value : undefined;
}

/** Message content is a string, null (tool calls) or an array of parts. */
function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) {
    return content.map((part) => (typeof part === "object" && part !== null && typeof (part as { text?: unknown }).text === "string" ? (part as { text: string }).text : "")).join("");
  }
  return "";
}

export function openAIErrorBody(error: OpenAIError, flavour: OpenAIFlavour): string {
  const type = flavour === "ollama" ? ollamaErrorType(error.status) : error.type ?? "invalid_request_error";
  return JSON.stringify({
    error: { message: error.message, type, param: flavour === "ollama" ? null : error.param ?? null, code: flavour === "ollama" ? null : error.code ?? null },
  });
}

/** Ollama's openai layer types errors by status and never sets `code` or `param`. */
function ollamaErrorType(status: number): string {
  if (status === 400) return "invalid_request_error";
  if (status === 404) return "not_found_error";
  return "api_error";
}

/** Bodies and headers for injected HTTP faults. A 429 names no wait unless Retry-After is set. */
export function openAIHttpFault(fault: Extract<Fault, { kind: "http" }>, model: string, flavour: OpenAIFlavour): { status: number; headers: Record<string, string>; body: string } {
  const defaults: Record<number, Omit<OpenAIError, "status">> = {
    400: { message: "Invalid request (injected by the simulator).", type: "invalid_request_error" },
    404: { message: `The model \`${model}\` does not exist or you do not have access to it.`, type: "invalid_request_error", code: "model_not_found" },
    429: { message: `Rate limit reached for ${model} on requests per min (RPM).`, type: "requests", code: "rate_limit_exceeded" },
    500: { message: "The server had an error while processing your request. Sorry about that!", type: "server_error" },
    503: { message: "The server is overloaded or not ready yet.", type: "server_error" },
  };
  const chosen = defaults[fault.status]!;
  return {
    status: fault.status,
    headers: {
      "Content-Type": "application/json",
      ...(fault.retryAfterSeconds !== undefined ? { "Retry-After": String(fault.retryAfterSeconds) } : {}),
    },
    body: openAIErrorBody({ status: fault.status, ...chosen, ...(fault.message !== undefined ? { message: fault.message } : {}) }, flavour),
  };
}

/** Chat Completions replies: one `chat.completion` object, or the chunk sequence of §2.3. */
export function openAIReplyFormat(request: ParsedRequest, options: { index: number; includeUsage: boolean; flavour: OpenAIFlavour }): ReplyFormat {
  const id = `chatcmpl-sim${String(options.index).padStart(6, "0")}`;
  const created = Math.floor(Date.now() / 1000);
  const full = options.flavour === "openai";
  const head = { id, object: "chat.completion.chunk", created, model: request.model, system_fingerprint: full ? "fp_sim" : "fp_ollama" };
  const usageNull = options.includeUsage ? { usage: null } : {};
  const usage = (metrics: CallMetrics) => ({
    prompt_tokens: metrics.promptTokens,
    completion_tokens: metrics.completionTokens,
    total_tokens: metrics.promptTokens + metrics.completionTokens,
    ...(full ? { prompt_tokens_details: { cached_tokens: 0 }, completion_tokens_details: { reasoning_tokens: 0 } } : {}),
  });
  const event = (value: unknown) => `data: ${JSON.stringify(value)}\n\n`;
  const chunk = (delta: Record<string, unknown>, finishReason: GenerationPlan["finishReason"]) =>
    event({ ...head, choices: [{ index: 0, delta, ...(full ? { logprobs: null } : {}), finish_reason: finishReason }], ...usageNull });
  return {
    streamContentType: "text/event-stream; charset=utf-8",
    jsonContentType: "application/json",
    open: () => chunk(full ? { role: "assistant", content: "", refusal: null } : { role: "assistant", content: "" }, null),
    piece: (text, channel) => chunk(channel === "refusal" ? { refusal: text } : channel === "thinking" ? { reasoning_content: text } : { content: text }, null),
    close: (plan, metrics) =>
      chunk({}, plan.finishReason) + (options.includeUsage ? event({ ...head, choices: [], usage: usage(metrics) }) : "") + "data: [DONE]\n\n",
    whole: (plan, metrics) => {
      const text = plan.pieces.join("");
      const refused = plan.channel === "refusal";
      const reasoning = plan.thinking ? { reasoning_content: plan.thinking.join("") } : {};
      const message = full
        ? { role: "assistant", content: refused ? null : text, refusal: refused ? text : null, annotations: [], ...reasoning }
        : { role: "assistant", content: text, ...reasoning };
      return JSON.stringify({
        id,
        object: "chat.completion",
        created,
        model: request.model,
        system_fingerprint: head.system_fingerprint,
        ...(full ? { service_tier: "default" } : {}),
        choices: [{ index: 0, message, ...(full ? { logprobs: null } : {}), finish_reason: plan.finishReason }],
        usage: usage(metrics),
      });
    },
    errorLine: (message) => event({ error: { message, type: "server_error", param: null, code: null } }),
    garbageLine: () => "data: {garbage\n\n",
    failure: (message) => ({
      status: 500,
      contentType: "application/json",
      body: openAIErrorBody({ status: 500, message, type: "server_error" }, options.flavour),
    }),
  };
}
