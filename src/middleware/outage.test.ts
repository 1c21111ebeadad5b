import { describe, expect, it } from "vitest";
import { PrevodError } from "../errors.js";
import type { Model, ModelAnswer, ServerState } from "../models/types.js";
import { createOutageBreaker } from "./outage.js";

const answer: ModelAnswer = { text: "{}", finishReason: "stop", usage: { promptTokens: 1, completionTokens: 1 }, durationMs: 1 };
const call = { messages: [{ role: "user" as const, content: "x" }], options: {} };

/** A server that is down for the first `downCalls` calls and probes, then answers. */
function fakeServer(down: { calls: number; probes: number }) {
  const seen = { calls: 0, probes: 0 };
  const model: Model = {
    provider: "fake",
    modelId: "m",
    endpoint: "http://127.0.0.1:9",
    async generate() {
      seen.calls++;
      if (seen.calls <= down.calls) throw new PrevodError("MODEL_UNREACHABLE", "cannot reach (ECONNREFUSED)", { retryable: true, details: { code: "ECONNREFUSED" } });
      return answer;
    },
    async probe(): Promise<ServerState> {
      seen.probes++;
      return seen.probes <= down.probes ? "down" : "ready";
    },
  };
  return { model, seen };
}

describe("outage breaker", () => {
  it("waits out an unreachable server, tells once, and re-sends the call without using a retry", async () => {
    const { model, seen } = fakeServer({ calls: 1, probes: 3 });
    const notices: string[] = [];
    const breaker = createOutageBreaker("fake at http://127.0.0.1:9", { firstProbeMs: 1, maxProbeMs: 2, onNotice: (message) => notices.push(message) });
    const wrapped = breaker.middleware(model);
    const results = await Promise.all([wrapped.generate(call), wrapped.generate(call)]);
    expect(results.map((result) => result.text)).toEqual(["{}", "{}"]);
    expect(notices.filter((message) => message.includes("unreachable since"))).toHaveLength(1);
    expect(notices.filter((message) => message.includes("answers again"))).toHaveLength(1);
    expect(breaker.outages).toBe(1);
    expect(seen.probes).toBeGreaterThanOrEqual(4);
  });

  it("passes the failure on to the retry middleware when the server answers its probe", async () => {
    const { model } = fakeServer({ calls: 1, probes: 0 });
    const breaker = createOutageBreaker("fake", { firstProbeMs: 1 });
    await expect(breaker.middleware(model).generate(call)).rejects.toMatchObject({ code: "MODEL_UNREACHABLE" });
    expect(breaker.outages).toBe(0);
  });

  it("fails with a run-stopping error once the outage outlasts its limit", async () => {
    const { model } = fakeServer({ calls: 1_000, probes: 1_000 });
    let now = 0;
    const breaker = createOutageBreaker("fake", { firstProbeMs: 1, maxProbeMs: 1, limitMs: 50, now: () => (now += 10) });
    await expect(breaker.middleware(model).generate(call)).rejects.toMatchObject({ code: "MODEL_UNREACHABLE", stopsRun: true });
  });

  it("lets errors other than unreachable through untouched", async () => {
    const model: Model = { provider: "fake", modelId: "m", endpoint: "e", generate: async () => Promise.reject(new PrevodError("MODEL_QUOTA", "no credits", { stopsRun: true })), probe: async () => "down" };
    await expect(createOutageBreaker("fake").middleware(model).generate(call)).rejects.toMatchObject({ code: "MODEL_QUOTA" });
  });
});
