import { describe, expect, it } from "vitest";
import { callTiming, createSlotPool } from "./core.js";
import { planGeneration } from "./generate.js";
import { countPromptTokens, countTokens, splitTokens } from "./tokens.js";
import type { SimRequest } from "./types.js";

const flush = () => new Promise<void>((resolve) => queueMicrotask(resolve));

describe("slot pool", () => {
  it("runs `parallel` calls, queues the rest in order and refuses past maxQueue", async () => {
    const pool = createSlotPool(2, 1);
    const started: string[] = [];
    const first = pool.acquire(() => started.push("a"))!;
    pool.acquire(() => started.push("b"));
    const third = pool.acquire(() => started.push("c"));
    expect(started).toEqual(["a", "b"]);
    expect(third?.state).toBe("waiting");
    expect(pool.acquire(() => started.push("d"))).toBeUndefined();
    pool.release(first);
    await flush();
    expect(started).toEqual(["a", "b", "c"]);
    expect(pool.maxConcurrent).toBe(2);
    expect(pool.maxQueued).toBe(1);
  });

  it("a waiter that leaves the queue never starts and frees its place", async () => {
    const pool = createSlotPool(1, 5);
    const running = pool.acquire(() => {})!;
    let started = false;
    const waiter = pool.acquire(() => (started = true))!;
    pool.release(waiter);
    expect(pool.waiting).toBe(0);
    pool.release(running);
    await flush();
    expect(started).toBe(false);
    expect(pool.running).toBe(0);
  });
});

describe("timing model", () => {
  it("adds per-call and first-token time, then one interval per token", () => {
    expect(callTiming({ perCallMs: 20, firstTokenMs: 5, tokensPerSecond: 100 }, 10)).toEqual({ firstTokenMs: 25, tokenIntervalMs: 10, totalMs: 125 });
    expect(callTiming(undefined, 50)).toEqual({ firstTokenMs: 0, tokenIntervalMs: 0, totalMs: 0 });
    expect(callTiming({ perCallMs: 20 }, 3, 100).firstTokenMs).toBe(120);
  });
});

describe("token rule", () => {
  it("counts ceil(code points / 4) and splits losslessly", () => {
    expect(countTokens("")).toBe(0);
    expect(countTokens("abcde")).toBe(2);
    expect(countTokens("България")).toBe(2);
    expect(countTokens("😀😀😀😀😀")).toBe(2);
    expect(splitTokens("Здравей, свят").join("")).toBe("Здравей, свят");
    expect(splitTokens("😀😀😀😀😀")).toEqual(["😀😀😀😀", "😀"]);
    expect(countPromptTokens([{ content: "abcd" }, { content: "" }])).toBe(3 + 4 + 1 + 4 + 0);
  });
});

describe("planGeneration", () => {
  const request = (options: SimRequest["options"]): SimRequest => ({
    protocol: "ollama-chat", model: "m", messages: [], options, index: 0, promptTokens: 5000, truncated: true, stream: false,
  });

  it("cuts at the first stop string with 'stop' and at maxTokens with 'length'", () => {
    const stopped = planGeneration(request({ stop: ["END", "##"] }), { content: "one two ## three END" }, 8192);
    expect(stopped.pieces.join("")).toBe("one two ");
    expect(stopped.finishReason).toBe("stop");
    const limited = planGeneration(request({ maxTokens: 2 }), { content: "abcdefghijkl" }, 8192);
    expect(limited.pieces.join("")).toBe("abcdefgh");
    expect(limited.finishReason).toBe("length");
  });

  it("reports a truncated prompt as the context window", () => {
    expect(planGeneration(request({}), { content: "x" }, 2048).promptTokens).toBe(2048);
  });
});
