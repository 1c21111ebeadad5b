import type { ParsedRequest } from "./engine.js";
import type { GenerationPlan } from "./generate.js";
import type { CallMetrics, ReplyFormat } from "./respond.js";
import type { Fault } from "./types.js";

/**
 * Ollama's native wire format (model-apis.md §1): request fields of /api/chat and
 * /api/generate, NDJSON framing, metrics in integer nanoseconds on the final object only with
 * zeros omitted, and `{"error": "<string>"}` bodies.
 */

export type OllamaParse =
  | { kind: "generate"; request: ParsedRequest; keepAlive: unknown }
  /** No messages / empty prompt: the model is only loaded (or unloaded with keep_alive 0). */
  | { kind: "load"; model: string; stream: boolean; keepAlive: unknown; numCtx?: number }
  | { kind: "error"; status: number; message: string };

export function parseOllamaRequest(body: unknown, endpoint: "chat" | "generate", isServed: (model: string) => boolean, canThink = false): OllamaParse {
  if (body === undefined) return { kind: "error", status: 400, message: "missing request body" };
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return { kind: "error", status: 400, message: `json: cannot unmarshal ${jsonKind(body)} into Go value of type api.${endpoint === "chat" ? "ChatRequest" : "GenerateRequest"}` };
  }
  const fields = body as Record<string, unknown>;
  const model = typeof fields.model === "string" ? fields.model : "";
  if (model === "") return { kind: "error", status: 400, message: "model is required" };
  if (!isServed(model)) return { kind: "error", status: 404, message: `model '${model}' not found` };
  const stream = fields.stream === undefined || fields.stream === null ? true : fields.stream === true;

  const format = fields.format;
  let schema: Record<string, unknown> | undefined;
  let jsonMode = false;
  if (format === "json") jsonMode = true;
  else if (typeof format === "object" && format !== null && !Array.isArray(format)) schema = format as Record<string, unknown>;
  else if (format !== undefined && format !== null && format !== "") {
    // Go's %q of the raw JSON value.
    return { kind: "error", status: 500, message: `invalid format: ${JSON.stringify(JSON.stringify(format))}; expected "json" or a valid JSON Schema object` };
  }
  // routes.go: a model without the thinking capability refuses think; one with it thinks unless told not to.
  const thinkAsked = fields.think === true || typeof fields.think === "string";
  if (thinkAsked && !canThink) {
    return { kind: "error", status: 400, message: `"${model}" does not support thinking` };
  }
  const think = canThink && fields.think !== false;

  let messages: { role: string; content: string }[];
  if (endpoint === "chat") {
    if (fields.messages !== undefined && fields.messages !== null && !Array.isArray(fields.messages)) {
      return { kind: "error", status: 400, message: `json: cannot unmarshal ${jsonKind(fields.messages)} into Go struct field ChatRequest.messages of type []api.Message` };
    }
    messages = ((fields.messages as unknown[] | undefined) ?? []).map((message) => {
      const entry = (message ?? {}) as Record<string, unknown>;
      return { role: String(entry.role ?? ""), content: typeof entry.content === "string" ? entry.content : "" };
    });
  } else {
    const prompt = typeof fields.prompt === "string" ? fields.prompt : "";
    messages = prompt === "" ? [] : [{ role: "user", content: prompt }];
    if (messages.length > 0 && typeof fields.system === "string" && fields.system !== "") messages.unshift({ role: "system", content: fields.system });
  }
  const options = (typeof fields.options === "object" && fields.options !== null ? fields.options : {}) as Record<string, unknown>;
  if (messages.length === 0) {
    return { kind: "load", model, stream, keepAlive: fields.keep_alive, ...(typeof options.num_ctx === "number" && options.num_ctx > 0 ? { numCtx: options.num_ctx } : {}) };
  }

  const numPredict = typeof options.num_predict === "number" ? options.num_predict : undefined;
  const request: ParsedRequest = {
    protocol: endpoint === "chat" ? "ollama-chat" : "ollama-generate",
    model,
    messages,
    ...(think ? { think } : {}),
    ...(schema ? { schema } : {}),
    ...(jsonMode ? { jsonMode } : {}),
    options: {
      ...(typeof options.temperature === "number" ? { temperature: options.temperature } : {}),
      ...(typeof options.seed === "number" ? { seed: options.seed } : {}),
      // -1 and -2 mean "no limit" in Ollama.
      ...(numPredict !== undefined && numPredict >= 0 ? { maxTokens: numPredict } : {}),
      ...(typeof options.num_ctx === "number" && options.num_ctx > 0 ? { numCtx: options.num_ctx } : {}),
      ...(Array.isArray(options.stop) ? { stop: options.stop.filter((stop): stop is string => typeof stop === "string") } : {}),
    },
    stream,
  };
  return { kind: "generate", request, keepAlive: fields.keep_alive };
}

function jsonKind(value: unknown): string {
  if (Array.isArray(value)) return "array";
  if (value === null) return "null";
  return typeof value === "object" ? "object" : typeof value;
}

/** RFC 3339 with microseconds, like Go's time.Time in JSON. */
export function createdAt(): string {
  return new Date().toISOString().replace("Z", "000Z");
}

function metricFields(plan: GenerationPlan, metrics: CallMetrics): Record<string, number> {
  const fields: Record<string, number> = {
    total_duration: metrics.totalNs,
    prompt_eval_count: plan.promptTokens,
    prompt_eval_duration: metrics.promptEvalNs,
    eval_count: metrics.completionTokens,
    eval_duration: metrics.evalNs,
  };
  // Go's omitempty: zero metrics are absent, not 0.
  for (const key of Object.keys(fields)) if (fields[key] === 0) delete fields[key];
  return fields;
}

/** The native reply format of /api/chat (`message`) and /api/generate (`response`). */
export function ollamaReplyFormat(request: ParsedRequest): ReplyFormat {
  const chat = request.protocol === "ollama-chat";
  const base = (text: string, thinking?: string) =>
    chat
      ? { model: request.model, created_at: createdAt(), message: { role: "assistant", content: text, ...(thinking ? { thinking } : {}) } }
      : { model: request.model, created_at: createdAt(), response: text, ...(thinking ? { thinking } : {}) };
  const final = (text: string, plan: GenerationPlan, metrics: CallMetrics, thinking?: string) => {
    if (plan.finishReason === null) return { ...base(text, thinking), done: false };
    const context = chat ? {} : { context: Array.from({ length: plan.promptTokens + metrics.completionTokens }, (_, index) => (index * 7919) % 32000) };
    return { ...base(text, thinking), done: true, done_reason: plan.finishReason, ...context, ...metricFields(plan, metrics) };
  };
  return {
    streamContentType: "application/x-ndjson",
    jsonContentType: "application/json; charset=utf-8",
    open: () => "",
    piece: (text, channel) => `${JSON.stringify({ ...(channel === "thinking" ? base("", text) : base(text)), done: false })}\n`,
    close: (plan, metrics) => `${JSON.stringify(final("", plan, metrics))}\n`,
    whole: (plan, metrics) => JSON.stringify(final(plan.pieces.join(""), plan, metrics, plan.thinking?.join(""))),
    errorLine: (message) => `${JSON.stringify({ error: message })}\n`,
    garbageLine: () => "{garbage\n",
    failure: (message) => ({ status: 500, contentType: "application/json; charset=utf-8", body: JSON.stringify({ error: message }) }),
  };
}

/** Native error bodies for injected HTTP faults. */
export function ollamaHttpFault(fault: Extract<Fault, { kind: "http" }>, model: string): { status: number; headers: Record<string, string>; body: string } {
  const messages: Record<number, string> = {
    400: "invalid request",
    404: `model '${model}' not found`,
    429: "too many requests",
    500: "llama runner process has terminated: exit status 2",
    503: SERVER_BUSY,
  };
  return {
    status: fault.status,
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      ...(fault.retryAfterSeconds !== undefined ? { "Retry-After": String(fault.retryAfterSeconds) } : {}),
    },
    body: JSON.stringify({ error: fault.message ?? messages[fault.status] }),
  };
}

/** Ollama's queue-full text, with its two spaces. */
export const SERVER_BUSY = "server busy, please try again.  maximum pending requests exceeded";
