import { ChatOpenAI } from "@langchain/openai";
import { Ollama } from "ollama";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { startOllamaSimulator } from "./ollama-server.js";
import { rejectionOf } from "./test-helpers.js";
import type { SimRequest, Simulator } from "./types.js";

const Answer = z.object({ translations: z.array(z.object({ id: z.string(), text: z.string().min(1) })).min(1) });
const answerSchema = z.toJSONSchema(Answer);

let sim: Simulator;
let ollama: Ollama;
const seen: SimRequest[] = [];

beforeAll(async () => {
  sim = await startOllamaSimulator({ models: ["sim-model", "qwen2.5:7b"], contextLength: 64 });
  sim.setAnswer((request) => {
    seen.push(request);
    return request.messages.at(-1)?.content.startsWith("echo:") ? request.messages.at(-1)!.content.slice(5) : JSON.stringify({ translations: [{ id: "s1", text: "Hello" }] });
  });
  ollama = new Ollama({ host: sim.url });
});
afterAll(() => sim.close());

const post = (path: string, body: unknown) =>
  fetch(sim.url + path, { method: "POST", headers: { "Content-Type": "application/json" }, body: typeof body === "string" ? body : JSON.stringify(body) });

describe("Ollama simulator: endpoints", () => {
  it("answers the health probe on GET and HEAD /", async () => {
    const get = await fetch(sim.url + "/");
    expect(get.headers.get("content-type")).toContain("text/plain");
    expect(await get.text()).toBe("Ollama is running");
    const head = await fetch(sim.url + "/", { method: "HEAD" });
    expect(head.status).toBe(200);
  });

  it("lists served models on /api/tags with :latest added, and a version", async () => {
    const { models } = await ollama.list();
    expect(models.map((model) => model.name)).toEqual(["sim-model:latest", "qwen2.5:7b"]);
    expect(models[0]!.details.quantization_level).toBe("Q4_K_M");
    expect((await ollama.version()).version).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("shows a model's context length and 404s an unknown one", async () => {
    const shown = await ollama.show({ model: "sim-model" });
    // ollama-js types model_info as a Map, but it is the plain JSON object the server sent.
    expect((shown.model_info as unknown as Record<string, unknown>)["llama.context_length"]).toBe(64);
    const error = await rejectionOf(ollama.show({ model: "llama3.1" }));
    expect(error.name).toBe("ResponseError");
    expect(error.status_code).toBe(404);
    expect(error.message).toBe("model 'llama3.1' not found");
  });

  it("pulls a served model to success and fails an unknown pull in the stream", async () => {
    const statuses: string[] = [];
    for await (const part of await ollama.pull({ model: "sim-model", stream: true })) statuses.push(part.status);
    expect(statuses.at(0)).toBe("pulling manifest");
    expect(statuses.at(-1)).toBe("success");
    const error = await rejectionOf((async () => {
      for await (const _ of await ollama.pull({ model: "missing", stream: true }));
    })());
    expect(error.message).toContain("file does not exist");
  });

  it("answers unknown paths with Go's 404 text and wrong methods with 405", async () => {
    const missing = await fetch(sim.url + "/api/nothing");
    expect([missing.status, await missing.text()]).toEqual([404, "404 page not found"]);
    expect((await fetch(sim.url + "/api/chat")).status).toBe(405);
  });
});

describe("Ollama simulator: /api/chat and /api/generate", () => {
  it("returns a schema-valid non-streamed answer with ns metrics, zeros omitted, model echoed", async () => {
    const response = await ollama.chat({ model: "sim-model:latest", messages: [{ role: "user", content: "Здравей" }], format: answerSchema });
    expect(Answer.parse(JSON.parse(response.message.content))).toBeTruthy();
    expect(response.model).toBe("sim-model:latest");
    expect(response.done_reason).toBe("stop");
    expect(Number.isInteger(response.total_duration)).toBe(true);
    expect(response.prompt_eval_count).toBe(3 + 4 + 2);
    expect(response.eval_count).toBe(Math.ceil(response.message.content.length / 4));
    // No latency model: the modelled durations are 0, and Ollama omits zero metrics.
    expect(response).not.toHaveProperty("eval_duration");
    expect(response).not.toHaveProperty("load_duration");
    expect(String(response.created_at)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
  });

  it("streams NDJSON by default: deltas without metrics, then one final done object", async () => {
    const response = await post("/api/chat", { model: "sim-model", messages: [{ role: "user", content: "echo:abcdefghij" }] });
    expect(response.headers.get("content-type")).toBe("application/x-ndjson");
    const lines = (await response.text()).trimEnd().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((line) => (line.message as { content: string }).content)).toEqual(["abcd", "efgh", "ij", ""]);
    expect(lines.slice(0, -1).every((line) => line.done === false && !("eval_count" in line))).toBe(true);
    expect(lines.at(-1)).toMatchObject({ done: true, done_reason: "stop", eval_count: 3 });
  });

  it("serves /api/generate with `response`, system prompt and a context array", async () => {
    const response = await ollama.generate({ model: "sim-model", prompt: "echo:plain text", system: "Be brief." });
    expect(response.response).toBe("plain text");
    expect(Array.isArray(response.context)).toBe(true);
    expect(seen.at(-1)!.messages).toEqual([{ role: "system", content: "Be brief." }, { role: "user", content: "echo:plain text" }]);
    expect(seen.at(-1)!.protocol).toBe("ollama-generate");
  });

  it("maps options for the answerer and honours num_predict (length) and stop", async () => {
    const limited = await ollama.chat({
      model: "sim-model",
      messages: [{ role: "user", content: "echo:0123456789abcdef" }],
      options: { num_predict: 2, temperature: 0, seed: 9, num_ctx: 32, stop: ["zz"] },
    });
    expect(limited.message.content).toBe("01234567");
    expect(limited.done_reason).toBe("length");
    expect(seen.at(-1)!.options).toEqual({ maxTokens: 2, temperature: 0, seed: 9, numCtx: 32, stop: ["zz"] });
    const stopped = await ollama.chat({ model: "sim-model", messages: [{ role: "user", content: "echo:first. STOP second" }], options: { stop: ["STOP"] } });
    expect([stopped.message.content, stopped.done_reason]).toEqual(["first. ", "stop"]);
  });

  it("truncates a prompt longer than the context window silently (prompt_eval_count = num_ctx)", async () => {
    const long = "echo:ok " + "дълъг текст ".repeat(40);
    const byDefault = await ollama.chat({ model: "sim-model", messages: [{ role: "user", content: long }] });
    expect(byDefault.done_reason).toBe("stop");
    expect(byDefault.prompt_eval_count).toBe(64);
    expect(seen.at(-1)!.truncated).toBe(true);
    const roomy = await ollama.chat({ model: "sim-model", messages: [{ role: "user", content: long }], options: { num_ctx: 8192 } });
    expect(roomy.prompt_eval_count).toBeGreaterThan(64);
    expect(seen.at(-1)!.truncated).toBe(false);
  });

  it("loads (and unloads with keep_alive 0) when there are no messages", async () => {
    expect(await ollama.chat({ model: "sim-model", messages: [] })).toMatchObject({ done: true, done_reason: "load" });
    expect(await ollama.chat({ model: "sim-model", messages: [], keep_alive: 0 })).toMatchObject({ done_reason: "unload" });
  });

  it("numbers generation requests in arrival order and lists the used model on /api/ps", async () => {
    const before = seen.length;
    await ollama.chat({ model: "qwen2.5:7b", messages: [{ role: "user", content: "echo:a" }] });
    await ollama.chat({ model: "qwen2.5:7b", messages: [{ role: "user", content: "echo:b" }] });
    expect(seen[before + 1]!.index).toBe(seen[before]!.index + 1);
    expect((await ollama.ps()).models.map((model) => model.name)).toContain("qwen2.5:7b");
  });
});

describe("Ollama simulator: request errors", () => {
  it("400 without a model, 404 for an unknown one (ResponseError with status)", async () => {
    const missing = await post("/api/chat", { messages: [] });
    expect([missing.status, await missing.json()]).toEqual([400, { error: "model is required" }]);
    const error = await rejectionOf(ollama.chat({ model: "llama3.1", messages: [{ role: "user", content: "x" }] }));
    expect([error.name, error.status_code, error.message]).toEqual(["ResponseError", 404, "model 'llama3.1' not found"]);
  });

  it("500 for an invalid format, 400 for malformed JSON and for think on a non-thinking model", async () => {
    const format = await post("/api/chat", { model: "sim-model", messages: [{ role: "user", content: "x" }], format: "yaml" });
    expect(format.status).toBe(500);
    expect(((await format.json()) as { error: string }).error).toBe('invalid format: "\\"yaml\\""; expected "json" or a valid JSON Schema object');
    const malformed = await post("/api/chat", '{"model": "sim-model", ');
    expect([malformed.status, await malformed.json()]).toEqual([400, { error: "unexpected EOF" }]);
    const think = await post("/api/chat", { model: "sim-model", messages: [{ role: "user", content: "x" }], think: true, stream: false });
    expect([think.status, await think.json()]).toEqual([400, { error: '"sim-model" does not support thinking' }]);
  });
});

describe("Ollama simulator: a broken answerer", () => {
  it("answers 500 naming the answerer's error, and the slot is free for the next call", async () => {
    const working = (request: SimRequest) => request.messages.at(-1)!.content.slice(5);
    sim.setAnswer(() => {
      throw new Error("no reference translation for this sentence");
    });
    const error = await rejectionOf(ollama.chat({ model: "sim-model", messages: [{ role: "user", content: "x" }] }));
    expect([error.status_code, error.message]).toEqual([500, "simulator answerer failed: Error: no reference translation for this sentence"]);
    sim.setAnswer(async (request) => working(request));
    expect((await ollama.chat({ model: "sim-model", messages: [{ role: "user", content: "echo:recovered" }] })).message.content).toBe("recovered");
  });
});

describe("Ollama simulator: OpenAI-compatible /v1", () => {
  it("serves ChatOpenAI structured output and lists models", async () => {
    sim.setAnswer((request) => {
      seen.push(request);
      return JSON.stringify({ translations: [{ id: "s1", text: "Hello" }] });
    });
    const model = new ChatOpenAI({ model: "sim-model", apiKey: "test", configuration: { baseURL: sim.url + "/v1" }, maxRetries: 0 });
    const result = await model.withStructuredOutput(Answer).invoke("Преведи");
    expect(result.translations[0]!.text).toBe("Hello");
    expect(seen.at(-1)!.protocol).toBe("openai-chat");
    expect(seen.at(-1)!.schemaName).toBe("extract");
    const list = (await (await fetch(sim.url + "/v1/models")).json()) as { data: { id: string }[] };
    expect(list.data.map((entry) => entry.id)).toContain("sim-model:latest");
  });

  it("sends Ollama's OpenAI error flavour for an unknown model", async () => {
    const response = await post("/v1/chat/completions", { model: "nope", messages: [{ role: "user", content: "x" }] });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: { message: 'model "nope" not found, try pulling it first', type: "not_found_error", param: null, code: null },
    });
  });
});
