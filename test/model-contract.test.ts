import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { isPrevodError, PrevodError } from "../src/errors.js";
import { createOllamaModel } from "../src/models/ollama.js";
import { createOpenAIModel } from "../src/models/openai.js";
import type { Model, ModelCall } from "../src/models/types.js";
import { jsonSchemaOf } from "../src/structured/generate-object.js";
import { closedPort } from "./support/net.js";
import { startOllamaSimulator, startOpenAISimulator, type Fault, type Simulator } from "./support/sim/index.js";

/**
 * One contract every provider passes, against simulators speaking the real protocols, through
 * the real client libraries (ollama-js; LangChain ChatOpenAI over openai-node). Ollama's server
 * also answers the OpenAI protocol under /v1, so the OpenAI provider runs against both.
 */
const MODEL = "contract-model:7b";
const answerSchema = z.strictObject({ translations: z.array(z.strictObject({ id: z.string(), text: z.string() })) });

let ollamaServer: Simulator;
let openaiServer: Simulator;
let fault: Fault | undefined;

beforeAll(async () => {
  const answer = () => JSON.stringify({ translations: [{ id: "s1", text: "Hello." }] });
  const faults = () => {
    const next = fault;
    fault = undefined;
    return next;
  };
  ollamaServer = await startOllamaSimulator({ models: [MODEL], answer, faults });
  openaiServer = await startOpenAISimulator({ models: [MODEL], answer, faults, apiKey: "sk-contract" });
});

afterAll(async () => {
  await Promise.all([ollamaServer?.close(), openaiServer?.close()]);
});

const call = (overrides: Partial<ModelCall> = {}): ModelCall => ({
  messages: [
    { role: "system", content: "Translate." },
    { role: "user", content: 'Sentences: [{"id":"s1","text":"Здравей."}]' },
  ],
  schema: jsonSchemaOf(answerSchema),
  schemaName: "translations",
  options: { temperature: 0, seed: 7 },
  ...overrides,
});

const providers: Array<{ name: string; server: () => Simulator; make: (url: string, model?: string) => Model }> = [
  { name: "ollama provider × Ollama simulator", server: () => ollamaServer, make: (url, model = MODEL) => createOllamaModel({ host: url, model, timeoutMs: 5000 }) },
  {
    name: "openai provider × OpenAI simulator",
    server: () => openaiServer,
    make: (url, model = MODEL) => createOpenAIModel({ baseURL: `${url}/v1`, model, apiKey: "sk-contract", timeoutMs: 5000 }),
  },
  {
    name: "openai provider × Ollama simulator (/v1)",
    server: () => ollamaServer,
    make: (url, model = MODEL) => createOpenAIModel({ baseURL: `${url}/v1`, model, timeoutMs: 5000 }),
  },
];

async function failure(promise: Promise<unknown>): Promise<PrevodError> {
  try {
    await promise;
  } catch (error) {
    if (isPrevodError(error)) return error;
    throw error;
  }
  throw new Error("expected a failure");
}

describe.each(providers)("$name", ({ server, make }) => {
  it("answers with the text, a stop reason, token usage, and sends the JSON schema", async () => {
    const model = make(server().url);
    await model.preflight!();
    const before = server().requests.length;
    const answer = await model.generate(call());
    expect(JSON.parse(answer.text)).toEqual({ translations: [{ id: "s1", text: "Hello." }] });
    expect(answer.finishReason).toBe("stop");
    expect(answer.usage.promptTokens).toBeGreaterThan(0);
    expect(answer.usage.completionTokens).toBeGreaterThan(0);
    const sent = server().requests.slice(before).find((request) => request.index !== undefined)!.body as Record<string, any>;
    const schema = sent.format ?? sent.response_format?.json_schema?.schema;
    expect(schema.properties.translations).toBeDefined();
    expect(JSON.stringify(sent)).not.toContain("sk-contract");
  });

  it("names a missing model in one error", async () => {
    const error = await failure(make(server().url, "absent:1b").preflight!());
    expect(error.code).toBe("MODEL_NOT_FOUND");
    expect(error.message).toContain("absent:1b");
  });

  it("reports an unreachable endpoint in one error, without retrying", async () => {
    const port = await closedPort();
    const error = await failure(make(`http://127.0.0.1:${port}`).preflight!());
    expect(error.code).toBe("MODEL_UNREACHABLE");
    expect(error.message).toContain(`127.0.0.1:${port}`);
    expect(error.message).toContain("ECONNREFUSED");
  });

  it("marks 429 retryable with the server's Retry-After", async () => {
    fault = { kind: "http", status: 429, retryAfterSeconds: 2 };
    const error = await failure(make(server().url).generate(call()));
    expect(error.retryable).toBe(true);
    expect(error.retryAfterMs).toBe(2000);
  });

  it("marks 500 and 503 retryable, and a 400 not", async () => {
    fault = { kind: "http", status: 500 };
    expect((await failure(make(server().url).generate(call()))).retryable).toBe(true);
    fault = { kind: "http", status: 503 };
    expect((await failure(make(server().url).generate(call()))).retryable).toBe(true);
    fault = { kind: "http", status: 400, message: "bad request" };
    expect((await failure(make(server().url).generate(call()))).retryable).toBe(false);
  });

  it("marks a connection reset retryable", async () => {
    fault = { kind: "reset-before-headers" };
    const error = await failure(make(server().url).generate(call()));
    expect(error.code).toBe("MODEL_UNREACHABLE");
    expect(error.retryable).toBe(true);
  });

  it("returns an answer cut at the output limit as finish reason length, never as a stop", async () => {
    fault = { kind: "truncated-length" };
    const answer = await make(server().url).generate(call());
    expect(answer.finishReason).toBe("length");
  });

  it("returns invalid JSON as text, so the repair loop can quote it back", async () => {
    fault = { kind: "invalid-json", variant: "prose" };
    const answer = await make(server().url).generate(call());
    expect(() => JSON.parse(answer.text)).toThrow();
    expect(answer.finishReason).toBe("stop");
  });

  it("stops waiting when the caller aborts", async () => {
    // The answer is held back a minute, past the test's timeout: only the abort can end the wait.
    fault = { kind: "slow-first-byte", ms: 60_000 };
    const controller = new AbortController();
    const pending = make(server().url).generate(call({ signal: controller.signal }));
    setTimeout(() => controller.abort(), 100);
    const error = await failure(pending);
    expect(error.code).toBe("ABORTED");
  });
});

describe("openai provider", () => {
  it("says which variable holds a rejected API key", async () => {
    const model = createOpenAIModel({ baseURL: `${openaiServer.url}/v1`, model: MODEL, apiKey: "sk-wrong", apiKeyVariable: "MY_KEY", timeoutMs: 5000 });
    const error = await failure(model.preflight!());
    expect(error.message).toContain("MY_KEY");
    expect(error.message).not.toContain("sk-wrong");
  });
});
