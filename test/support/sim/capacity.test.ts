import { connect, type Socket } from "node:net";
import { Ollama } from "ollama";
import { describe, expect, it } from "vitest";
import { startOllamaSimulator } from "./ollama-server.js";
import { startOpenAISimulator } from "./openai-server.js";
import { rejectionOf } from "./test-helpers.js";
import type { SimOptions, Simulator } from "./types.js";

type Flavour = { name: string; start: (options: SimOptions) => Promise<Simulator>; path: string; body: (text: string) => Record<string, unknown> };

const flavours: Flavour[] = [
  { name: "Ollama", start: startOllamaSimulator, path: "/api/chat", body: (text) => ({ model: "sim-model", stream: false, messages: [{ role: "user", content: text }] }) },
  { name: "OpenAI", start: startOpenAISimulator, path: "/v1/chat/completions", body: (text) => ({ model: "sim-model", messages: [{ role: "user", content: text }] }) },
];

/** One chat request on its own raw socket; resolves with the socket left open (keep-alive). */
function keepAliveCall(port: number, text: string): Promise<{ status: number; socket: Socket }> {
  const body = JSON.stringify({ model: "sim-model", messages: [{ role: "user", content: text }] });
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    let received = "";
    socket.setEncoding("utf8");
    socket.on("error", reject);
    socket.on("data", (chunk: string) => {
      received += chunk;
      const headerEnd = received.indexOf("\r\n\r\n");
      const length = Number(/content-length: (\d+)/i.exec(received)?.[1]);
      if (headerEnd >= 0 && Buffer.byteLength(received.slice(headerEnd + 4)) >= length) {
        resolve({ status: Number(received.slice(9, 12)), socket });
      }
    });
    socket.write(`POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function withSimulator<T>(flavour: Flavour, options: SimOptions, run: (sim: Simulator) => Promise<T>): Promise<T> {
  const sim = await flavour.start(options);
  try {
    return await run(sim);
  } finally {
    await sim.close();
  }
}

const call = (sim: Simulator, flavour: Flavour, text: string, signal?: AbortSignal) =>
  fetch(sim.url + flavour.path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(flavour.body(text)), ...(signal ? { signal } : {}) });

describe.each(flavours)("$name simulator: slots and queue", (flavour) => {
  // Issue 12: this asserted "the third waited >= 140 ms" and failed on a busy machine (81 ms: the
  // third request itself arrived late). It now asserts the order of slot events and the counts.
  it("runs two calls at once with parallel 2; the third waits for a free slot (order, not milliseconds)", () =>
    withSimulator(flavour, { parallel: 2, latency: { perCallMs: 150 } }, async (sim) => {
      const responses = await Promise.all(["a", "b", "c"].map((text) => call(sim, flavour, text)));
      expect(responses.map((response) => response.status)).toEqual([200, 200, 200]);
      const byStart = [...sim.requests].sort((a, b) => a.startMs! - b.startMs!);
      const [first, second, third] = byStart;
      // The third got a slot only once one of the first two had ended (the server's own event order);
      // that the first two overlapped is the count maxConcurrent 2, not a comparison of clocks.
      expect(third!.startMs!).toBeGreaterThanOrEqual(Math.min(first!.endMs!, second!.endMs!));
      expect(sim.stats()).toMatchObject({ calls: 3, completed: 3, maxConcurrent: 2, maxQueued: 1 });
    }));

  it("answers 503 at once when the queue is full (while the running call still runs)", () =>
    // The running call is held for a minute: "at once" is "before the running call ends", on any load.
    withSimulator(flavour, { parallel: 1, maxQueue: 1, faults: (request) => (request.messages.some((message) => message.content === "one") ? { kind: "slow-first-byte", ms: 60_000 } : undefined) }, async (sim) => {
      const abort = new AbortController();
      let runningSettled = false;
      const running = call(sim, flavour, "one", abort.signal).catch((error: Error) => error).finally(() => (runningSettled = true));
      await expect.poll(() => sim.stats().maxConcurrent).toBe(1);
      const queued = call(sim, flavour, "two", abort.signal).catch((error: Error) => error);
      await expect.poll(() => sim.stats().maxQueued).toBe(1);
      const refused = await call(sim, flavour, "three");
      expect(refused.status).toBe(503);
      expect(runningSettled).toBe(false);
      const body = await refused.text();
      expect(body).toContain(flavour.name === "Ollama" ? "server busy, please try again.  maximum pending requests exceeded" : '"error"');
      abort.abort();
      await Promise.all([running, queued]);
      expect(sim.stats().rejected).toBe(1);
    }));

  it("a client that goes away frees its slot (running) or its place (queued)", () =>
    // The running call would hold its slot for a minute: "next" can finish only if the slot is freed.
    withSimulator(flavour, { parallel: 1, faults: (request) => (request.messages.some((message) => message.content === "running") ? { kind: "slow-first-byte", ms: 60_000 } : undefined) }, async (sim) => {
      const runningAbort = new AbortController();
      const queuedAbort = new AbortController();
      const running = call(sim, flavour, "running", runningAbort.signal).catch((error: Error) => error);
      await sleep(30);
      const queued = call(sim, flavour, "queued", queuedAbort.signal).catch((error: Error) => error);
      const next = call(sim, flavour, "next");
      await sleep(30);
      queuedAbort.abort();
      await sleep(30);
      runningAbort.abort();
      expect(((await running) as Error).name).toBe("AbortError");
      expect(((await queued) as Error).name).toBe("AbortError");
      expect((await next).status).toBe(200);
      const [runningLog, queuedLog, nextLog] = sim.requests;
      // The freed slot goes to the next waiter, not after the cancelled call's minute.
      expect(nextLog!.startMs!).toBeGreaterThanOrEqual(runningLog!.endMs!);
      expect(runningLog).toMatchObject({ disconnected: true, status: 499 });
      expect(queuedLog!.disconnected).toBe(true);
      expect(queuedLog!.startMs).toBeUndefined();
      expect(sim.stats()).toMatchObject({ calls: 2, cancelled: 2, completed: 1 });
    }));
});

describe("timing model over the wire", () => {
  it("keeps 8 slots busy with 20 ms calls: 400 calls, 8 at once", () =>
    withSimulator(flavours[0]!, { parallel: 8, latency: { perCallMs: 20 } }, async (sim) => {
      const ollama = new Ollama({ host: sim.url });
      let next = 0;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          while (next < 400) await ollama.chat({ model: "sim-model", messages: [{ role: "user", content: `call ${next++}` }] });
        }),
      );
      const wall = performance.now() - started;
      const stats = sim.stats();
      expect(stats).toMatchObject({ calls: 400, maxConcurrent: 8, modelledMs: 8000 });
      // How long the calls take depends on how busy the machine is: only counts are asserted,
      // the figures are printed for the record.
      console.info(`timing: 400 calls, S=8, 20 ms: wall ${wall.toFixed(0)} ms (ideal 1000), mean slot time ${(stats.busyMs / 400).toFixed(2)} ms`);
    }));

  it("streams the first token after firstTokenMs and then one token per interval", () =>
    withSimulator(flavours[0]!, { latency: { firstTokenMs: 80, tokensPerSecond: 50 }, answer: () => "abcdefghijkl" }, async (sim) => {
      const ollama = new Ollama({ host: sim.url });
      const started = performance.now();
      const arrivals: number[] = [];
      for await (const part of await ollama.chat({ model: "sim-model", messages: [{ role: "user", content: "x" }], stream: true })) {
        arrivals.push(performance.now() - started);
        if (part.done) expect(part.eval_duration).toBe(3 * 20_000_000);
      }
      // Tokens at 80, 100 and 120 ms, the final object at 140 ms (lower bounds hold on a busy machine).
      expect(arrivals).toHaveLength(4);
      expect(arrivals[0]).toBeGreaterThanOrEqual(78);
      expect(arrivals[2]).toBeGreaterThanOrEqual(118);
      expect(arrivals[3]).toBeGreaterThanOrEqual(138);
    }));
});

describe("connections and shutdown", () => {
  it("serves 2,000 simultaneous keep-alive connections, then closes them all", () =>
    withSimulator(flavours[1]!, { parallel: 64, maxQueue: 4000 }, async (sim) => {
      // Raw sockets: the point is the server's connection handling, not a client's per-call cost.
      const port = Number(new URL(sim.url).port);
      const sockets = await Promise.all(Array.from({ length: 2000 }, (_, index) => keepAliveCall(port, `n${index}`)));
      expect(sockets.every((entry) => entry.status === 200)).toBe(true);
      expect(sim.stats().completed).toBe(2000);
      const closed = Promise.all(sockets.map((entry) => new Promise((resolve) => entry.socket.once("close", resolve))));
      await sim.close();
      // Every socket closes: close() does not wait for the clients' keep-alive to lapse.
      expect((await closed).length).toBe(2000);
    }));

  it("closes without waiting for stalled streams and queued calls", async () => {
    const sim = await startOllamaSimulator({ parallel: 1, faults: () => ({ kind: "stall-mid-stream", ms: 60_000 }) });
    const ollama = new Ollama({ host: sim.url });
    const stream = await ollama.chat({ model: "sim-model", messages: [{ role: "user", content: "long answer here" }], stream: true });
    const parts = stream[Symbol.asyncIterator]();
    expect((await parts.next()).done).toBe(false);
    const stalled = rejectionOf((async () => {
      while (!(await parts.next()).done);
    })());
    const queued = rejectionOf(ollama.chat({ model: "sim-model", messages: [{ role: "user", content: "waiting" }] }));
    await sleep(100);
    // The stall lasts a minute, the test's timeout is 30 s: close() returning at all shows it did not wait.
    await sim.close();
    expect((await stalled).message).toBe("terminated");
    expect((await queued).name).toBe("TypeError");
    expect(sim.requests[1]!.startMs).toBeUndefined();
  });
});
