import { Ollama } from "ollama";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { startOllamaSimulator } from "./ollama-server.js";
import { markerFaults, rejectionOf, requestsMentioning } from "./test-helpers.js";
import type { Simulator } from "./types.js";

// The fault table of model-apis.md §3, driven through the real ollama-js client.
const Person = z.object({ name: z.string(), age: z.number() });
const format = z.toJSONSchema(Person);

let sim: Simulator;
let ollama: Ollama;

beforeAll(async () => {
  sim = await startOllamaSimulator({ parallel: 4 });
  sim.setFaults(
    markerFaults({
      "429": { kind: "http", status: 429, retryAfterSeconds: 1 },
      "500": { kind: "http", status: 500 },
      "503": { kind: "http", status: 503 },
      reset: { kind: "reset-before-headers" },
      "reset-mid": { kind: "reset-mid-stream" },
      "error-mid": { kind: "error-mid-stream", message: "model runner crashed" },
      slow: { kind: "slow-first-byte", ms: 250 },
      stall: { kind: "stall-mid-stream", ms: 250 },
      "no-done": { kind: "no-done" },
      truncated: { kind: "truncated-length" },
      prose: { kind: "invalid-json", variant: "prose" },
      fences: { kind: "invalid-json", variant: "fences" },
      junk: { kind: "invalid-json", variant: "trailing-junk" },
      "off-schema": { kind: "off-schema" },
      refusal: { kind: "refusal" },
      whitespace: { kind: "whitespace-loop" },
      ignored: { kind: "schema-ignored" },
      "bad-line": { kind: "bad-ndjson-line" },
      "content-type": { kind: "wrong-content-type" },
      mutate: { kind: "mutate", apply: (content) => content.replace(/"name":"[^"]*"/, '"name":"Иван"') },
    }),
  );
  ollama = new Ollama({ host: sim.url });
});
afterAll(() => sim.close());

const chat = (marker: string) => ollama.chat({ model: "sim-model", messages: [{ role: "user", content: `fault:${marker}` }], format });

/** Streams a marked request; returns the parts received and how the stream ended. */
async function stream(marker: string) {
  const parts: { content: string; done: boolean; done_reason?: string; at: number }[] = [];
  const started = performance.now();
  try {
    for await (const part of await ollama.chat({ model: "sim-model", messages: [{ role: "user", content: `fault:${marker}` }], format, stream: true })) {
      parts.push({ content: part.message.content, done: part.done, done_reason: part.done_reason, at: performance.now() - started });
    }
    return { parts, text: parts.map((part) => part.content).join(""), error: undefined };
  } catch (error) {
    return { parts, text: parts.map((part) => part.content).join(""), error: error as Error & Record<string, unknown> };
  }
}

const normal = async () => (await chat("none")).message.content;

describe("HTTP faults reach ollama-js as ResponseError, never retried", () => {
  it.each([
    [429, "429", "too many requests"],
    [500, "500", "llama runner process has terminated: exit status 2"],
    [503, "503", "server busy, please try again.  maximum pending requests exceeded"],
  ])("%i", async (status, marker, message) => {
    const error = await rejectionOf(chat(marker));
    expect([error.name, error.status_code, error.message]).toEqual(["ResponseError", status, message]);
    expect(requestsMentioning(sim, `fault:${marker}`)).toHaveLength(1);
  });

  it("429 carries Retry-After on the wire", async () => {
    const response = await fetch(sim.url + "/api/chat", { method: "POST", body: JSON.stringify({ model: "sim-model", messages: [{ role: "user", content: "fault:429" }] }) });
    expect([response.status, response.headers.get("retry-after")]).toEqual([429, "1"]);
  });
});

describe("transport faults", () => {
  it("reset before headers: TypeError 'fetch failed' caused by UND_ERR_SOCKET", async () => {
    const error = await rejectionOf(chat("reset"));
    expect([error.name, error.message, (error.cause as { code?: string }).code]).toEqual(["TypeError", "fetch failed", "UND_ERR_SOCKET"]);
  });

  it("reset mid-stream: TypeError 'terminated' after the first chunks (streaming and not)", async () => {
    const streamed = await stream("reset-mid");
    expect(streamed.parts).toHaveLength(2);
    expect([streamed.error?.name, streamed.error?.message]).toEqual(["TypeError", "terminated"]);
    expect((await rejectionOf(chat("reset-mid"))).message).toBe("terminated");
  });

  it("error mid-stream: a plain Error from the iterator; non-streaming: ResponseError 500", async () => {
    const streamed = await stream("error-mid");
    expect(streamed.parts).toHaveLength(2);
    expect([streamed.error?.constructor.name, streamed.error?.message, streamed.error?.status_code]).toEqual(["Error", "model runner crashed", undefined]);
    const error = await rejectionOf(chat("error-mid"));
    expect([error.name, error.status_code]).toEqual(["ResponseError", 500]);
  });

  it("slow first byte: the client simply waits and gets the answer", async () => {
    const started = performance.now();
    const response = await chat("slow");
    expect(performance.now() - started).toBeGreaterThanOrEqual(240);
    expect(Person.parse(JSON.parse(response.message.content))).toBeTruthy();
  });

  it("stall mid-stream: silence after the first chunks, then the rest", async () => {
    const streamed = await stream("stall");
    expect(streamed.error).toBeUndefined();
    // The first two chunks go out at once; the third cannot arrive before the 250 ms stall ends.
    expect(streamed.parts[2]!.at).toBeGreaterThanOrEqual(245);
    expect(streamed.text).toBe(await normal());
  });

  it("no done: streaming throws 'Did not receive done…'; non-streaming returns done:false", async () => {
    const streamed = await stream("no-done");
    expect(streamed.error?.message).toBe("Did not receive done or success response in stream.");
    expect(streamed.text).toBe(await normal());
    const response = await chat("no-done");
    expect(response.done).toBe(false);
    expect(response).not.toHaveProperty("done_reason");
    expect(response).not.toHaveProperty("eval_count");
  });

  it("bad NDJSON line: skipped with a console warning; non-streaming body fails to parse", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const streamed = await stream("bad-line");
    expect(streamed.error).toBeUndefined();
    expect(streamed.text).toBe(await normal());
    expect(warn).toHaveBeenCalledWith("invalid json: ", "{garbage");
    warn.mockRestore();
    expect((await rejectionOf(chat("bad-line"))).name).toBe("SyntaxError");
  });

  it("wrong content type: ollama-js does not look, the answer comes through", async () => {
    const response = await fetch(sim.url + "/api/chat", { method: "POST", body: JSON.stringify({ model: "sim-model", stream: false, messages: [{ role: "user", content: "fault:content-type" }], format }) });
    expect(response.headers.get("content-type")).toContain("text/plain");
    expect((await chat("content-type")).message.content).toBe(await normal());
  });
});

describe("content faults are returned as data: only the caller's checks catch them", () => {
  it("truncated JSON with done_reason 'length' (streaming and not)", async () => {
    const full = await normal();
    const response = await chat("truncated");
    expect(response.done_reason).toBe("length");
    expect(full.startsWith(response.message.content) && response.message.content.length < full.length).toBe(true);
    expect(() => JSON.parse(response.message.content)).toThrow();
    const streamed = await stream("truncated");
    expect(streamed.parts.at(-1)).toMatchObject({ done: true, done_reason: "length" });
  });

  it.each(["prose", "fences", "junk", "ignored"])("invalid JSON (%s) with done_reason 'stop'", async (marker) => {
    const response = await chat(marker);
    expect(response.done_reason).toBe("stop");
    expect(() => JSON.parse(response.message.content)).toThrow();
  });

  it("off-schema JSON parses but fails the schema", async () => {
    const response = await chat("off-schema");
    expect(Person.safeParse(JSON.parse(response.message.content)).success).toBe(false);
  });

  it("a refusal arrives as ordinary content", async () => {
    expect((await chat("refusal")).message.content).toMatch(/^I'm sorry/);
  });

  it("whitespace loop: JSON then newlines, no final object (stream error; non-stream done:false)", async () => {
    const streamed = await stream("whitespace");
    expect(streamed.error?.message).toBe("Did not receive done or success response in stream.");
    expect(streamed.text).toBe((await normal()) + "\n".repeat(31));
    const response = await chat("whitespace");
    expect(response.done).toBe(false);
    expect(response.message.content.endsWith("\n\n\n")).toBe(true);
  });

  it("mutate: schema-valid but wrong content", async () => {
    const response = Person.parse(JSON.parse((await chat("mutate")).message.content));
    expect(response.name).toBe("Иван");
  });
});
