import { ChatOpenAI } from "@langchain/openai";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, it } from "vitest";
import { z } from "zod";
import { startOllamaSimulator } from "./ollama-server.js";
import { startOpenAISimulator } from "./openai-server.js";
import { markerFaults, rejectionOf, requestsMentioning } from "./test-helpers.js";
import type { Fault, Simulator } from "./types.js";

// The fault table of model-apis.md §3, driven through ChatOpenAI (over openai-node) and
// openai-node itself. ChatOpenAI gets maxRetries 1 (2 requests at most) to keep the suite short.
const Person = z.object({ name: z.string(), age: z.number() });

const table: Record<string, Fault | { fault: Fault; times: number }> = {
  "429-once": { fault: { kind: "http", status: 429, retryAfterSeconds: 1 }, times: 1 },
  "429-bare": { kind: "http", status: 429 },
  "500": { kind: "http", status: 500 },
  "503": { kind: "http", status: 503 },
  "500-sdk": { kind: "http", status: 500 },
  "429-sdk": { fault: { kind: "http", status: 429, retryAfterSeconds: 1 }, times: 1 },
  reset: { kind: "reset-before-headers" },
  "reset-mid": { kind: "reset-mid-stream" },
  "error-mid": { kind: "error-mid-stream", message: "generation failed" },
  slow: { kind: "slow-first-byte", ms: 1000 },
  stall: { kind: "stall-mid-stream", ms: 300 },
  "no-done": { kind: "no-done" },
  truncated: { kind: "truncated-length" },
  prose: { kind: "invalid-json", variant: "prose" },
  fences: { kind: "invalid-json", variant: "fences" },
  "off-schema": { kind: "off-schema" },
  refusal: { kind: "refusal", message: "I can't help with that." },
  whitespace: { kind: "whitespace-loop" },
  ignored: { kind: "schema-ignored" },
  "bad-line": { kind: "bad-ndjson-line" },
  "content-type": { kind: "wrong-content-type" },
  mutate: { kind: "mutate", apply: () => JSON.stringify({ name: "", age: 0 }) },
};

let sim: Simulator;
let ollamaSim: Simulator;

beforeAll(async () => {
  sim = await startOpenAISimulator({ parallel: 8, faults: markerFaults(table) });
  ollamaSim = await startOllamaSimulator({ parallel: 8, faults: markerFaults(table) });
});
afterAll(() => Promise.all([sim.close(), ollamaSim.close()]));

const chatModel = (target: Simulator = sim, extra: Record<string, unknown> = {}) =>
  new ChatOpenAI({ model: "sim-model", apiKey: "test", configuration: { baseURL: target.url + "/v1" }, maxRetries: 1, ...extra });
const structured = (marker: string, target: Simulator = sim, extra: Record<string, unknown> = {}) =>
  chatModel(target, extra).withStructuredOutput(Person).invoke(`fault:${marker}`);
const count = (marker: string, target: Simulator = sim) => requestsMentioning(target, `fault:${marker}`).length;

/** Streams a marked request through ChatOpenAI's .stream(); returns text, finish reason and error. */
async function streamed(marker: string) {
  let text = "";
  let finishReason: unknown;
  try {
    for await (const chunk of await chatModel().stream(`fault:${marker}`)) {
      text += String(chunk.content);
      finishReason ??= chunk.response_metadata?.finish_reason;
    }
    return { text, finishReason, error: undefined };
  } catch (error) {
    return { text, finishReason, error: error as Error & Record<string, unknown> };
  }
}

describe.concurrent("HTTP faults through ChatOpenAI and openai-node", () => {
  it("429 + Retry-After: waits at least 1 s, retries and succeeds", async ({ expect }) => {
    expect(Person.parse(await structured("429-once"))).toBeTruthy();
    const [first, second] = requestsMentioning(sim, "fault:429-once");
    expect(second!.arrivalMs - first!.arrivalMs).toBeGreaterThanOrEqual(1000);
  });

  it("429 without a hint: RateLimitCapacityError at once, one request", async ({ expect }) => {
    const error = await rejectionOf(structured("429-bare"));
    expect([error.name, error.status, error.lc_error_code]).toEqual(["RateLimitCapacityError", 429, "MODEL_RATE_LIMIT"]);
    expect(count("429-bare")).toBe(1);
  });

  it.for(["500", "503"])("%s: retried to the limit, then InternalServerError", async (marker, { expect }) => {
    const error = await rejectionOf(structured(marker));
    expect([error.constructor.name, error.status]).toEqual(["InternalServerError", Number(marker)]);
    expect(count(marker)).toBe(2);
  });

  it("openai-node numbers its retries in X-Stainless-Retry-Count and honours Retry-After", async ({ expect }) => {
    const client = new OpenAI({ apiKey: "test", baseURL: sim.url + "/v1", maxRetries: 2 });
    const error = await rejectionOf(client.chat.completions.create({ model: "sim-model", messages: [{ role: "user", content: "fault:500-sdk" }] }));
    expect(error.status).toBe(500);
    expect(requestsMentioning(sim, "fault:500-sdk").map((request) => request.retryCount)).toEqual([0, 1, 2]);
    await client.chat.completions.create({ model: "sim-model", messages: [{ role: "user", content: "fault:429-sdk" }] });
    const [first, second] = requestsMentioning(sim, "fault:429-sdk");
    expect([first!.status, second!.status, second!.retryCount]).toEqual([429, 200, 1]);
    expect(second!.arrivalMs - first!.arrivalMs).toBeGreaterThanOrEqual(990);
  });
});

describe.concurrent("transport faults", () => {
  it("reset before headers: retried, then APIConnectionError", async ({ expect }) => {
    const error = await rejectionOf(structured("reset"));
    expect(error.constructor.name).toBe("APIConnectionError");
    expect(count("reset")).toBe(2);
  });

  it("reset mid-stream: TypeError 'terminated', not retried", async ({ expect }) => {
    const result = await streamed("reset-mid");
    expect([result.error?.name, result.error?.message]).toEqual(["TypeError", "terminated"]);
    expect(count("reset-mid")).toBe(1);
  });

  it("error event mid-stream: APIError without a status", async ({ expect }) => {
    const result = await streamed("error-mid");
    expect([result.error?.constructor.name, result.error?.status, result.error?.message]).toEqual(["APIError", undefined, "generation failed"]);
  });

  it("slow first byte past the client timeout: TimeoutError, retried; the server drops the call", async ({ expect }) => {
    const error = await rejectionOf(structured("slow", sim, { timeout: 200 }));
    expect(error.name).toBe("TimeoutError");
    const requests = requestsMentioning(sim, "fault:slow");
    expect(requests).toHaveLength(2);
    // The server notices the closed socket a moment after the client gave up.
    await expect.poll(() => requests.every((request) => request.disconnected && request.status === 499)).toBe(true);
  });

  it("stall mid-stream: silence, then the full text", async ({ expect }) => {
    const started = performance.now();
    const result = await streamed("stall");
    expect(result.error).toBeUndefined();
    expect(result.finishReason).toBe("stop");
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it("no [DONE]: the stream ends quietly with partial text and no finish_reason", async ({ expect }) => {
    const result = await streamed("no-done");
    expect(result.error).toBeUndefined();
    expect(result.text.length).toBeGreaterThan(0);
    expect(result.finishReason).toBeUndefined();
  });

  it("unparseable SSE event: SyntaxError", async ({ expect }) => {
    expect((await streamed("bad-line")).error?.name).toBe("SyntaxError");
  });

  it("wrong content type on 200: TypeError inside LangChain", async ({ expect }) => {
    expect((await rejectionOf(structured("content-type"))).name).toBe("TypeError");
  });
});

describe.concurrent("content faults through structured output", () => {
  it.for([
    ["truncated", "LengthFinishReasonError"],
    ["whitespace", "LengthFinishReasonError"],
    ["prose", "SyntaxError"],
    ["fences", "SyntaxError"],
    ["ignored", "SyntaxError"],
    ["off-schema", "$ZodError"],
  ])("%s: %s after the retry (2 requests)", async ([marker, errorName], { expect }) => {
    const error = await rejectionOf(structured(marker!));
    expect(error.constructor.name).toBe(errorName);
    expect(count(marker!)).toBe(2);
  });

  it("refusal: content null + refusal on the wire; OutputParserException, one request", async ({ expect }) => {
    const raw = await new OpenAI({ apiKey: "test", baseURL: sim.url + "/v1", maxRetries: 0 }).chat.completions.create({
      model: "sim-model",
      messages: [{ role: "user", content: "fault:refusal" }],
    });
    expect(raw.choices[0]!.message).toMatchObject({ content: null, refusal: "I can't help with that." });
    const before = count("refusal");
    const error = await rejectionOf(structured("refusal"));
    expect([error.constructor.name, error.lc_error_code]).toEqual(["OutputParserException", "OUTPUT_PARSING_FAILURE"]);
    expect(count("refusal") - before).toBe(1);
  });

  it("mutate: schema-valid but empty fields come back as a normal answer", async ({ expect }) => {
    expect(await structured("mutate")).toEqual({ name: "", age: 0 });
  });
});

describe.concurrent("the same faults on Ollama's /v1 layer", () => {
  it("500: retried, then InternalServerError with Ollama's error flavour", async ({ expect }) => {
    const error = await rejectionOf(structured("500", ollamaSim));
    expect([error.constructor.name, error.status, error.type]).toEqual(["InternalServerError", 500, "api_error"]);
    expect(count("500", ollamaSim)).toBe(2);
  });

  it("invalid and off-schema JSON fail parsing as on OpenAI", async ({ expect }) => {
    expect((await rejectionOf(structured("prose", ollamaSim))).name).toBe("SyntaxError");
    expect((await rejectionOf(structured("off-schema", ollamaSim))).constructor.name).toBe("$ZodError");
  });
});
