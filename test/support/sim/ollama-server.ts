import { createHash } from "node:crypto";
import { createEngine, sendPlain, simulatorFrom, type Engine, type PlainReply } from "./engine.js";
import { startHttpServer, type HttpContext } from "./http-server.js";
import { createdAt, ollamaHttpFault, ollamaReplyFormat, parseOllamaRequest, SERVER_BUSY } from "./ollama-protocol.js";
import { openAIErrorBody, openAIHttpFault, openAIReplyFormat, parseOpenAIRequest } from "./openai-protocol.js";
import { createModelLoader } from "./model-load.js";
import type { SimOptions, Simulator } from "./types.js";

/** The server version the simulator claims on /api/version. */
export const SIMULATED_OLLAMA_VERSION = "0.12.6";
const DEFAULT_CONTEXT_LENGTH = 4096;
const KEEP_ALIVE_MS = 5 * 60 * 1000;
const JSON_TYPE = "application/json; charset=utf-8";

/**
 * An Ollama server on 127.0.0.1 (model-apis.md §1): `/`, `/api/chat`, `/api/generate`,
 * `/api/tags`, `/api/show`, `/api/version`, `/api/ps`, `/api/pull`, plus Ollama's OpenAI layer
 * `/v1/chat/completions` and `/v1/models`. Generation streams by default, like the server.
 */
export async function startOllamaSimulator(options: SimOptions = {}): Promise<Simulator> {
  const served = new Map((options.models ?? ["sim-model"]).map((name) => [withTag(name), name]));
  const isServed = (model: string) => served.has(withTag(model));
  const contextLength = options.contextLength ?? DEFAULT_CONTEXT_LENGTH;
  const engine = createEngine(options);
  const loader = createModelLoader(options.loadMs ?? 0);

  const routes: Record<string, Record<string, (context: HttpContext) => void>> = {
    "/": { GET: running, HEAD: running },
    "/api/version": { GET: (context) => sendJson(context, 200, { version: SIMULATED_OLLAMA_VERSION }) },
    "/api/tags": { GET: (context) => sendJson(context, 200, { models: [...served.keys()].map((name) => modelEntry(name, options.revision)) }) },
    "/api/ps": { GET: (context) => sendJson(context, 200, { models: loadedModels(engine, contextLength, loader.stats().loaded) }) },
    "/api/show": { POST: (context) => show(context, isServed, contextLength) },
    "/api/pull": { POST: (context) => pull(context, isServed) },
    "/api/chat": { POST: (context) => generate(context, "chat") },
    "/api/generate": { POST: (context) => generate(context, "generate") },
    "/v1/chat/completions": { POST: (context) => openAIChat(context) },
    "/v1/models": {
      GET: (context) =>
        sendJson(context, 200, { object: "list", data: [...served.keys()].map((id) => ({ id, object: "model", created: 1733400000, owned_by: "library" })) }),
    },
  };

  function generate(context: HttpContext, endpoint: "chat" | "generate"): void {
    if (context.bodyInvalid) return sendJson(context, 400, { error: goDecodeError(context) });
    // Ollama before 0.9 had no `think`: Go's decoder ignores the field, and a reasoning model's
    // <think>…</think> arrives inside the content (reasoning: "tags").
    const old = options.reasoning === "tags";
    const parsed = parseOllamaRequest(context.body, endpoint, isServed, old || (options.thinking ?? false));
    if (parsed.kind === "error") return sendJson(context, parsed.status, { error: parsed.message });
    if (parsed.kind === "load") {
      const reason = parsed.keepAlive === 0 || parsed.keepAlive === "0" ? "unload" : "load";
      const content = endpoint === "chat" ? { message: { role: "assistant", content: "" } } : { response: "" };
      const line = { model: parsed.model, created_at: createdAt(), ...content, done_reason: reason, done: true };
      void loader.ensure(parsed.model, parsed.numCtx ?? contextLength, context.response).then((loaded) => {
        if (!loaded) return abandon(context);
        if (!parsed.stream) return sendJson(context, 200, line);
        send(context, { status: 200, headers: { "Content-Type": "application/x-ndjson" }, body: `${JSON.stringify(line)}\n` });
      });
      return;
    }
    const contextWindow = parsed.request.options.numCtx ?? contextLength;
    const thinks = old ? { think: true, thinkingAs: "tags" as const } : {};
    const ask = { ...parsed.request, ...thinks, ...(options.thinkingTokens !== undefined ? { thinkingTokens: options.thinkingTokens } : {}) };
    void loader.ensure(parsed.request.model, contextWindow, context.response).then((loaded) => {
      if (!loaded) return abandon(context);
      run(context, ask, contextWindow);
    });
  }

  function run(context: HttpContext, parsed: Parameters<typeof engine.admit>[0], contextWindow: number): void {
    const request = engine.admit(parsed, contextWindow);
    engine.run({
      request,
      response: context.response,
      log: context.log,
      format: ollamaReplyFormat(request),
      contextWindow,
      httpFault: (fault) => ollamaHttpFault(fault, request.model),
      busy: () => ({ status: 503, headers: { "Content-Type": JSON_TYPE }, body: JSON.stringify({ error: SERVER_BUSY }) }),
    });
  }

  function openAIChat(context: HttpContext): void {
    const error = (status: number, message: string) =>
      send(context, { status, headers: { "Content-Type": "application/json" }, body: openAIErrorBody({ status, message }, "ollama") });
    if (context.bodyInvalid) return error(400, goDecodeError(context));
    const parsed = parseOpenAIRequest(context.body);
    if (parsed.kind === "error") return error(parsed.error.status, parsed.error.message);
    if (!isServed(parsed.request.model)) return error(404, `model "${parsed.request.model}" not found, try pulling it first`);
    // Ollama's OpenAI layer cannot set num_ctx: the server default applies.
    const request = engine.admit(parsed.request, contextLength);
    engine.run({
      request,
      response: context.response,
      log: context.log,
      format: openAIReplyFormat(request, { index: request.index, includeUsage: parsed.includeUsage, flavour: "ollama" }),
      contextWindow: contextLength,
      httpFault: (fault) => openAIHttpFault(fault, request.model, "ollama"),
      busy: () => ({ status: 503, headers: { "Content-Type": "application/json" }, body: openAIErrorBody({ status: 503, message: SERVER_BUSY }, "ollama") }),
    });
  }

  const http = await startHttpServer(options.port ?? 0, (context) => {
    const methods = routes[context.path];
    const handler = methods?.[context.request.method ?? "GET"] ?? (context.request.method === "HEAD" ? methods?.GET : undefined);
    if (handler) return handler(context);
    if (methods) return send(context, { status: 405, headers: { "Content-Type": "text/plain" }, body: "405 method not allowed" });
    send(context, { status: 404, headers: { "Content-Type": "text/plain" }, body: "404 page not found" });
  });
  const simulator = simulatorFrom(http, engine);
  return {
    ...simulator,
    stats: () => ({ ...simulator.stats(), loads: loader.stats() }),
    close: async () => {
      loader.reset();
      await simulator.close();
    },
  };
}

/** A client that left while its model was loading: logged like any dropped request. */
function abandon(context: HttpContext): void {
  context.log.status ??= 499;
  context.log.disconnected = true;
  context.log.endMs = performance.now();
}

/** `name` and `name:latest` are the same model to Ollama. */
function withTag(name: string): string {
  return name.includes(":") ? name : `${name}:latest`;
}

function running(context: HttpContext): void {
  send(context, { status: 200, headers: { "Content-Type": "text/plain; charset=utf-8" }, body: "Ollama is running" });
}

function send(context: HttpContext, reply: PlainReply): void {
  if (context.request.method === "HEAD") {
    context.response.writeHead(reply.status, { ...reply.headers, "Content-Length": Buffer.byteLength(reply.body) });
    context.response.end();
    context.log.status = reply.status;
    context.log.endMs = performance.now();
    return;
  }
  sendPlain(context.response, context.log, reply);
}

function sendJson(context: HttpContext, status: number, value: unknown): void {
  send(context, { status, headers: { "Content-Type": JSON_TYPE }, body: JSON.stringify(value) });
}

/** Go's encoding/json wording for the common decode failures. */
function goDecodeError(context: HttpContext): string {
  const text = String(context.body).trimEnd();
  const message = context.bodyError ?? "";
  const position = Number(/at position (\d+)/.exec(message)?.[1] ?? Number.NaN);
  if (/end of (JSON )?input/i.test(message) || position >= text.length) return "unexpected EOF";
  const token = /Unexpected token '?(.)'?/.exec(message)?.[1];
  return token ? `invalid character '${token}' looking for beginning of value` : message;
}

function details() {
  return { parent_model: "", format: "gguf", family: "llama", families: ["llama"], parameter_size: "7.6B", quantization_level: "Q4_K_M" };
}

function digestOf(name: string, revision = ""): string {
  return createHash("sha256").update(`${name}${revision}`).digest("hex");
}

function modelEntry(name: string, revision?: string) {
  return { name, model: name, modified_at: "2025-01-15T10:00:00.000000000Z", size: 4683087332, digest: digestOf(name, revision), details: details() };
}

function loadedModels(engine: Engine, contextLength: number, loaded: Record<string, number>) {
  const now = Date.now();
  return [...engine.lastUsed.entries()]
    .filter(([, usedAt]) => now - usedAt < KEEP_ALIVE_MS)
    .map(([model, usedAt]) => ({
      ...modelEntry(withTag(model)),
      expires_at: new Date(usedAt + KEEP_ALIVE_MS).toISOString(),
      size_vram: 4683087332,
      context_length: loaded[model] ?? contextLength,
    }));
}

function modelNameOf(body: unknown): string {
  const fields = (body ?? {}) as Record<string, unknown>;
  const name = fields.model ?? fields.name;
  return typeof name === "string" ? name : "";
}

function show(context: HttpContext, isServed: (model: string) => boolean, contextLength: number): void {
  const model = modelNameOf(context.body);
  if (model === "") return sendJson(context, 400, { error: "model is required" });
  if (!isServed(model)) return sendJson(context, 404, { error: `model '${model}' not found` });
  sendJson(context, 200, {
    modelfile: `FROM ${model}\n`,
    parameters: "temperature 0.8",
    template: "{{ .Prompt }}",
    details: details(),
    model_info: { "general.architecture": "llama", "general.parameter_count": 7615616512, "llama.context_length": contextLength },
    capabilities: ["completion"],
    modified_at: "2025-01-15T10:00:00.000000000Z",
  });
}

function pull(context: HttpContext, isServed: (model: string) => boolean): void {
  const model = modelNameOf(context.body);
  const stream = (context.body as Record<string, unknown> | undefined)?.stream !== false;
  if (model === "") return sendJson(context, 400, { error: "model is required" });
  const missing = "pull model manifest: file does not exist";
  if (!stream) {
    return isServed(model) ? sendJson(context, 200, { status: "success" }) : sendJson(context, 500, { error: missing });
  }
  const digest = `sha256:${digestOf(model)}`;
  const lines = isServed(model)
    ? [
        { status: "pulling manifest" },
        { status: `pulling ${digest.slice(7, 19)}`, digest, total: 4683087332, completed: 4683087332 },
        { status: "verifying sha256 digest" },
        { status: "writing manifest" },
        { status: "success" },
      ]
    : [{ status: "pulling manifest" }, { error: missing }];
  send(context, { status: 200, headers: { "Content-Type": "application/x-ndjson" }, body: lines.map((line) => `${JSON.stringify(line)}\n`).join("") });
}
