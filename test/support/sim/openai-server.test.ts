import { ChatOpenAI } from "@langchain/openai";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { startOpenAISimulator } from "./openai-server.js";
import { rejectionOf } from "./test-helpers.js";
import type { SimRequest, Simulator } from "./types.js";

const API_KEY = "sk-test-0123456789";
const Extract = z.object({ name: z.string(), age: z.number() });

let sim: Simulator;
let client: OpenAI;
const seen: SimRequest[] = [];

beforeAll(async () => {
  sim = await startOpenAISimulator({ apiKey: API_KEY, models: ["sim-model", "llama3.1"], contextLength: 200 });
  client = new OpenAI({ apiKey: API_KEY, baseURL: sim.url + "/v1", maxRetries: 0 });
});
afterAll(() => sim.close());

/** Records what the answerer saw and answers with the last message after "echo:", or the default. */
async function withEcho<T>(run: () => Promise<T>): Promise<T> {
  const { defaultAnswer } = await import("./default-answer.js");
  sim.setAnswer((request) => {
    seen.push(request);
    const last = request.messages.at(-1)?.content ?? "";
    return last.startsWith("echo:") ? last.slice(5) : defaultAnswer(request);
  });
  return run();
}

const post = (body: unknown, headers: Record<string, string> = { Authorization: `Bearer ${API_KEY}` }) =>
  fetch(sim.url + "/v1/chat/completions", { method: "POST", headers: { "Content-Type": "application/json", ...headers }, body: typeof body === "string" ? body : JSON.stringify(body) });

/** Parses an SSE body into its `data:` payloads. */
function events(text: string): string[] {
  return text.split("\n\n").filter(Boolean).map((event) => {
    expect(event.startsWith("data: ")).toBe(true);
    return event.slice(6);
  });
}

describe("OpenAI simulator: chat completions", () => {
  it("returns the documented non-streaming body", async () => {
    const response = await withEcho(() => post({ model: "llama3.1", messages: [{ role: "user", content: "echo:Hello there" }] }));
    expect(response.headers.get("content-type")).toBe("application/json");
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      object: "chat.completion",
      model: "llama3.1",
      service_tier: "default",
      choices: [{ index: 0, message: { role: "assistant", content: "Hello there", refusal: null, annotations: [] }, logprobs: null, finish_reason: "stop" }],
      usage: { prompt_tokens: 3 + 4 + 4, completion_tokens: 3, total_tokens: 14, prompt_tokens_details: { cached_tokens: 0 }, completion_tokens_details: { reasoning_tokens: 0 } },
    });
    expect(body.id).toMatch(/^chatcmpl-/);
    expect(Number.isInteger(body.created)).toBe(true);
  });

  it("streams the exact SSE sequence with include_usage: role, deltas, finish, usage, [DONE]", async () => {
    const response = await withEcho(() =>
      post({ model: "sim-model", stream: true, stream_options: { include_usage: true }, messages: [{ role: "user", content: "echo:abcdefgh" }] }),
    );
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const data = events(await response.text());
    expect(data.at(-1)).toBe("[DONE]");
    const chunks = data.slice(0, -1).map((entry) => JSON.parse(entry) as Record<string, any>);
    expect(chunks.map((chunk) => chunk.choices[0]?.delta)).toEqual([{ role: "assistant", content: "", refusal: null }, { content: "abcd" }, { content: "efgh" }, {}, undefined]);
    expect(chunks.map((chunk) => chunk.choices[0]?.finish_reason)).toEqual([null, null, null, "stop", undefined]);
    expect(chunks.slice(0, -1).every((chunk) => chunk.usage === null && chunk.object === "chat.completion.chunk")).toBe(true);
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { completion_tokens: 2 } });
    expect(new Set(chunks.map((chunk) => `${chunk.id}|${chunk.created}|${chunk.model}`)).size).toBe(1);
  });

  it("streams without a usage chunk or usage fields when include_usage is off", async () => {
    const stream = await withEcho(() => client.chat.completions.create({ model: "sim-model", stream: true, messages: [{ role: "user", content: "echo:streamed text" }] }));
    let text = "";
    for await (const chunk of stream) {
      expect(chunk).not.toHaveProperty("usage");
      text += chunk.choices[0]?.delta.content ?? "";
    }
    expect(text).toBe("streamed text");
  });

  it("accepts max_tokens and max_completion_tokens (finish_reason length) and stop", async () => {
    for (const limit of [{ max_tokens: 1 }, { max_completion_tokens: 1 }]) {
      const completion = await withEcho(() => client.chat.completions.create({ model: "sim-model", messages: [{ role: "user", content: "echo:abcdefgh" }], ...limit }));
      expect([completion.choices[0]!.message.content, completion.choices[0]!.finish_reason]).toEqual(["abcd", "length"]);
    }
    const model = new ChatOpenAI({ model: "sim-model", apiKey: API_KEY, configuration: { baseURL: sim.url + "/v1" }, maxRetries: 0, maxTokens: 1 });
    const message = await withEcho(() => model.invoke("echo:abcdefgh"));
    expect(message.response_metadata.finish_reason).toBe("length");
    const stopped = await withEcho(() => client.chat.completions.create({ model: "sim-model", stop: "|", messages: [{ role: "user", content: "echo:left|right" }] }));
    expect(stopped.choices[0]!.message.content).toBe("left");
  });

  it("honours response_format: json_schema (ChatOpenAI structured output), json_object, text", async () => {
    const model = new ChatOpenAI({ model: "sim-model", apiKey: API_KEY, configuration: { baseURL: sim.url + "/v1" }, maxRetries: 0, temperature: 0 });
    const extracted = await withEcho(() => model.withStructuredOutput(Extract, { name: "person" }).invoke("Ivan is 30"));
    expect(Extract.parse(extracted)).toEqual(extracted);
    expect(seen.at(-1)).toMatchObject({ schemaName: "person", options: { temperature: 0 } });
    const jsonObject = await withEcho(() => client.chat.completions.create({ model: "sim-model", response_format: { type: "json_object" }, messages: [{ role: "user", content: "json please" }] }));
    expect(() => JSON.parse(jsonObject.choices[0]!.message.content!)).not.toThrow();
    expect(seen.at(-1)!.jsonMode).toBe(true);
    await withEcho(() => client.chat.completions.create({ model: "sim-model", response_format: { type: "text" }, messages: [{ role: "user", content: "echo:t" }] }));
    expect(seen.at(-1)!.schema).toBeUndefined();
  });

  it("answers the same seed the same way and another seed differently", async () => {
    const ask = (seed: number) =>
      withEcho(() =>
        client.chat.completions.create({
          model: "sim-model",
          seed,
          messages: [{ role: "user", content: "extract" }],
          response_format: { type: "json_schema", json_schema: { name: "extract", schema: z.toJSONSchema(Extract) } },
        }),
      ).then((completion) => completion.choices[0]!.message.content);
    expect(await ask(1)).toBe(await ask(1));
    expect(await ask(1)).not.toBe(await ask(2));
  });
});

describe("OpenAI simulator: errors and auth", () => {
  it("401s a missing or wrong key and logs the Authorization header redacted", async () => {
    const noKey = await post({ model: "sim-model", messages: [{ role: "user", content: "x" }] }, {});
    expect(noKey.status).toBe(401);
    expect(((await noKey.json()) as any).error.message).toMatch(/^You didn't provide an API key/);
    const wrong = new OpenAI({ apiKey: "sk-wrong-key-123456", baseURL: sim.url + "/v1", maxRetries: 0 });
    const error = await rejectionOf(wrong.chat.completions.create({ model: "sim-model", messages: [{ role: "user", content: "x" }] }));
    expect([error.constructor.name, error.status, error.code]).toEqual(["AuthenticationError", 401, "invalid_api_key"]);
    expect(error.message).not.toContain("sk-wrong-key-123456");
    const logged = sim.requests.at(-1)!;
    expect(logged.headers.authorization).toBe("Bearer ***");
    expect(logged.retryCount).toBe(0);
  });

  it("404s an unknown model (NotFoundError, model_not_found; LangChain MODEL_NOT_FOUND)", async () => {
    const error = await rejectionOf(client.chat.completions.create({ model: "gpt-x", messages: [{ role: "user", content: "x" }] }));
    expect([error.constructor.name, error.status, error.code]).toEqual(["NotFoundError", 404, "model_not_found"]);
    const model = new ChatOpenAI({ model: "gpt-x", apiKey: API_KEY, configuration: { baseURL: sim.url + "/v1" }, maxRetries: 0 });
    expect((await rejectionOf(model.invoke("x"))).lc_error_code).toBe("MODEL_NOT_FOUND");
  });

  it("400s malformed JSON, missing fields, bad response_format and a too-long prompt", async () => {
    const malformed = await post("{not json");
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as any).error.type).toBe("invalid_request_error");
    expect(((await (await post({ model: "sim-model" })).json()) as any).error.code).toBe("missing_required_parameter");
    const badName = await post({ model: "sim-model", messages: [{ role: "user", content: "x" }], response_format: { type: "json_schema", json_schema: { name: "has space", schema: {} } } });
    expect([badName.status, ((await badName.json()) as any).error.param]).toEqual([400, "response_format.json_schema.name"]);
    const overflow = await rejectionOf(client.chat.completions.create({ model: "sim-model", messages: [{ role: "user", content: "слово ".repeat(200) }] }));
    expect([overflow.constructor.name, overflow.code]).toEqual(["BadRequestError", "context_length_exceeded"]);
  });

  it("lists and retrieves models; unknown paths get OpenAI's 'Invalid URL'", async () => {
    const page = await client.models.list();
    expect(page.data.map((model) => model.id)).toEqual(["sim-model", "llama3.1"]);
    expect((await client.models.retrieve("llama3.1")).object).toBe("model");
    const unknown = await fetch(sim.url + "/v1/embeddings", { method: "POST", headers: { Authorization: `Bearer ${API_KEY}` } });
    expect([unknown.status, ((await unknown.json()) as any).error.message]).toEqual([404, "Invalid URL (POST /v1/embeddings)"]);
  });
});
