import { describe, expect, it } from "vitest";
import { PrevodError } from "../errors.js";
import { createHostPool, type HostFigures } from "./host-pool.js";
import type { Model, ModelAnswer, ModelCall, ServerState } from "./types.js";

/** A host whose calls the test answers, fails or holds; nothing waits on a clock. */
interface FakeHost {
  model: Model;
  /** Calls running on it now, in arrival order. */
  running: Array<{ call: ModelCall; answer: () => void; fail: (error: unknown) => void }>;
  /** Answer every call at once (on the next microtask). */
  instant: boolean;
  state: ServerState;
  /** What preflight does. */
  preflight?: () => void;
  digest: string;
}

function fakeHost(url: string, options: Partial<Pick<FakeHost, "instant" | "digest">> = {}): FakeHost {
  const host: FakeHost = { running: [], instant: options.instant ?? false, state: "ready", digest: options.digest ?? "sha256:same", model: undefined as unknown as Model };
  let checked = false;
  host.model = {
    provider: "ollama",
    modelId: "m",
    endpoint: url,
    identity: () => (checked ? `ollama m ${host.digest}` : undefined),
    async preflight() {
      host.preflight?.();
      checked = true;
    },
    probe: async () => host.state,
    generate(call) {
      return new Promise<ModelAnswer>((resolve, reject) => {
        const entry = {
          call,
          answer: () => {
            host.running.splice(host.running.indexOf(entry), 1);
            resolve({ text: `${url}:${call.messages[0]!.content}`, finishReason: "stop", usage: { promptTokens: 1, completionTokens: 1 }, durationMs: 1 });
          },
          fail: (error: unknown) => {
            host.running.splice(host.running.indexOf(entry), 1);
            reject(error);
          },
        };
        host.running.push(entry);
        call.signal?.addEventListener("abort", () => entry.fail(new PrevodError("ABORTED", "aborted")), { once: true });
        if (host.instant) queueMicrotask(entry.answer);
      });
    },
  };
  return host;
}

const call = (text: string, signal?: AbortSignal): ModelCall => ({ messages: [{ role: "user", content: text }], options: {}, signal });
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
const gone = () => new PrevodError("MODEL_UNREACHABLE", "cannot reach it (ECONNREFUSED)", { retryable: true, details: { code: "ECONNREFUSED" } });

describe("host pool", () => {
  it("sends calls to the host with a free slot: a held slow host takes one call, the fast one the rest", async () => {
    const fast = fakeHost("http://fast", { instant: true });
    const slow = fakeHost("http://slow");
    const pool = createHostPool({ label: "ollama m", hosts: [{ model: slow.model, parallel: 1 }, { model: fast.model, parallel: 1 }] });
    await pool.model.preflight!();
    const answers = Array.from({ length: 20 }, (_, index) => pool.model.generate(call(String(index))));
    // The fast host frees its slot on every answer; the slow host keeps its one call.
    await Promise.all(answers.slice(1));
    expect(slow.running).toHaveLength(1);
    slow.running[0]!.answer();
    const texts = await Promise.all(answers);
    const [slowFigures, fastFigures] = pool.figures();
    expect(slowFigures!.calls).toBe(1);
    expect(fastFigures!.calls).toBe(19);
    expect(texts.filter((text) => text.host === "http://slow")).toHaveLength(1);
  });

  it("round-robin gives each host its turn, waiting for a held host's slot (what least-busy avoids)", async () => {
    const fast = fakeHost("http://fast", { instant: true });
    const slow = fakeHost("http://slow");
    const pool = createHostPool({ label: "ollama m", balance: "round-robin", hosts: [{ model: slow.model, parallel: 1 }, { model: fast.model, parallel: 1 }] });
    await pool.model.preflight!();
    const answers = Array.from({ length: 20 }, (_, index) => pool.model.generate(call(String(index))));
    await settle();
    expect(pool.figures()[1]!.calls).toBe(10);
    while (slow.running.length > 0) {
      slow.running[0]!.answer();
      await settle();
    }
    await Promise.all(answers);
    expect(pool.figures().map((figures) => figures.calls)).toEqual([10, 10]);
  });

  it("prefers, among hosts equally busy, the one with more slots and weight", async () => {
    const small = fakeHost("http://small");
    const big = fakeHost("http://big");
    const pool = createHostPool({ label: "ollama m", hosts: [{ model: small.model, parallel: 2 }, { model: big.model, parallel: 2, weight: 2 }] });
    await pool.model.preflight!();
    const answers = [pool.model.generate(call("a")), pool.model.generate(call("b")), pool.model.generate(call("c"))];
    await settle();
    // big: 0/4 then 1/4 (less busy than small's 0/2 only at the tie); small gets the call once big is busier.
    expect(big.running.length).toBe(2);
    expect(small.running.length).toBe(1);
    for (const host of [small, big]) for (const entry of [...host.running]) entry.answer();
    await Promise.all(answers);
  });

  it("least-busy waits for a measured fast host rather than start a call on a slow one, until the fast host's queue is longer than the slow host's call", async () => {
    // Defect: with only running / (parallel × weight), a free slot on a host four times slower took
    // calls the fast host would have finished sooner, and the pool's last calls ran slow (bench pool).
    let clock = 0;
    const slow = fakeHost("http://slow");
    const fast = fakeHost("http://fast");
    const pool = createHostPool({ label: "ollama m", now: () => clock, hosts: [{ model: slow.model, parallel: 4 }, { model: fast.model, parallel: 2 }] });
    await pool.model.preflight!();
    // Nothing measured yet: free slots are filled, fewest calls per slot first (ties: more slots).
    const warm = Array.from({ length: 4 }, (_, index) => pool.model.generate(call(`warm${index}`)));
    await settle();
    expect([slow.running.length, fast.running.length]).toEqual([3, 1]);
    clock = 10;
    for (const entry of [...fast.running]) entry.answer();
    await settle();
    // No call waits, so the fast host's slot stays free. Slow answers at 48.
    clock = 48;
    for (const entry of [...slow.running]) entry.answer();
    await Promise.all(warm);
    // Measured: fast 10 ms, slow 48 ms. Five calls: two on fast's free slots; the other three
    // would finish sooner behind them on fast (15, 20, 25 ms) than on slow's free slots (48 ms).
    const short = Array.from({ length: 5 }, (_, index) => pool.model.generate(call(`short${index}`)));
    await settle();
    expect([slow.running.length, fast.running.length]).toEqual([0, 2]);
    // Six more (nine waiting): the 8th and 9th in line would wait 50 ms and more on fast; they go to slow.
    const more = Array.from({ length: 6 }, (_, index) => pool.model.generate(call(`more${index}`)));
    await settle();
    expect([slow.running.length, fast.running.length]).toEqual([2, 2]);
    for (let turn = 0; turn < 40 && (slow.running.length > 0 || fast.running.length > 0); turn++) {
      clock += 10;
      for (const entry of [...fast.running, ...slow.running]) entry.answer();
      await settle();
    }
    expect((await Promise.all([...short, ...more])).every((answer) => answer.host !== undefined)).toBe(true);
    expect(pool.figures().reduce((sum, figures) => sum + figures.ok, 0)).toBe(15);
  });

  it("least-busy measures again a host found slow once and then left idle, instead of never using it", async () => {
    let clock = 0;
    const slow = fakeHost("http://slow");
    const fast = fakeHost("http://fast");
    const pool = createHostPool({ label: "ollama m", now: () => clock, hosts: [{ model: slow.model, parallel: 2 }, { model: fast.model, parallel: 2 }] });
    await pool.model.preflight!();
    const answerAll = async (host: FakeHost, at: number) => {
      clock = at;
      for (const entry of [...host.running]) entry.answer();
      await settle();
    };
    const first = [pool.model.generate(call("a")), pool.model.generate(call("b"))];
    await settle();
    expect([slow.running.length, fast.running.length]).toEqual([1, 1]);
    await answerAll(fast, 10);
    // One slow answer (a load, a fluke): 1000 ms.
    await answerAll(slow, 1000);
    await Promise.all(first);
    // While its measurement is fresh, a short queue waits for the fast host.
    const short = [0, 1, 2].map((index) => pool.model.generate(call(`short${index}`)));
    await settle();
    expect([slow.running.length, fast.running.length]).toEqual([0, 2]);
    for (let at = 1010; fast.running.length > 0; at += 10) await answerAll(fast, at);
    await Promise.all(short);
    // Idle for more than 10 s: it is measured afresh with the next call...
    clock = 12_000;
    const probe = [0, 1, 2].map((index) => pool.model.generate(call(`probe${index}`)));
    await settle();
    expect([slow.running.length, fast.running.length]).toEqual([1, 2]);
    await answerAll(slow, 12_010);
    await answerAll(fast, 12_010);
    await Promise.all(probe);
    // ...which replaces the old figure (blended, it would still be 802 ms): the two hosts share again.
    const shared = [0, 1, 2, 3].map((index) => pool.model.generate(call(`shared${index}`)));
    await settle();
    expect([slow.running.length, fast.running.length]).toEqual([2, 2]);
    await answerAll(slow, 12_020);
    await answerAll(fast, 12_020);
    await Promise.all(shared);
  });

  it("cools down a host that is gone, re-sends only its calls in flight, and probes it back in", async () => {
    const a = fakeHost("http://a");
    const b = fakeHost("http://b");
    const notices: string[] = [];
    const changes: HostFigures[] = [];
    const pool = createHostPool({ label: "ollama m", firstCooldownMs: 1, hosts: [{ model: a.model, parallel: 3 }, { model: b.model, parallel: 3 }], onNotice: (message) => notices.push(message), onHostChange: (figures) => changes.push(figures) });
    await pool.model.preflight!();
    const answers = Array.from({ length: 10 }, (_, index) => pool.model.generate(call(String(index))));
    await settle();
    expect(a.running).toHaveLength(3);
    expect(b.running).toHaveLength(3);
    // b dies: its three calls fail, and so does its probe.
    b.state = "down";
    for (const entry of [...b.running]) entry.fail(gone());
    await settle();
    await settle();
    expect(b.running).toHaveLength(0);
    // Everything now goes to a, one slot at a time.
    while (a.running.length > 0) {
      a.running[0]!.answer();
      await settle();
    }
    const texts = await Promise.all(answers);
    expect(texts.every((answer) => answer.host === "http://a")).toBe(true);
    const figuresB = pool.figures()[1]!;
    expect(figuresB.state).toBe("cooling");
    expect(figuresB.resent).toBe(3);
    expect(figuresB.resent).toBeLessThanOrEqual(figuresB.in_flight_at_cooldown);
    expect(figuresB.in_flight_at_cooldown).toBe(3);
    expect(figuresB.failures).toBe(3);
    expect(notices.some((notice) => notice.includes("http://b cooled down"))).toBe(true);
    // It comes back: the next probe answers.
    b.state = "ready";
    for (let turn = 0; turn < 50 && pool.figures()[1]!.state !== "up"; turn++) await new Promise((resolve) => setTimeout(resolve, 2));
    expect(pool.figures()[1]!.state).toBe("up");
    expect(notices.some((notice) => notice.includes("http://b answers again"))).toBe(true);
    expect(changes.some((figures) => figures.url === "http://b" && figures.state === "cooling")).toBe(true);
    const later = pool.model.generate(call("later"));
    await settle();
    expect(b.running.length + a.running.length).toBe(1);
    for (const host of [a, b]) for (const entry of [...host.running]) entry.answer();
    await later;
  });

  it("passes a server error on (to the retries) until a burst of them cools the host down", async () => {
    const a = fakeHost("http://a");
    const b = fakeHost("http://b");
    const pool = createHostPool({ label: "ollama m", burst: 3, firstCooldownMs: 60_000, hosts: [{ model: a.model, parallel: 1 }, { model: b.model, parallel: 1 }] });
    await pool.model.preflight!();
    const serverError = () => new PrevodError("MODEL_HTTP", "answered 500", { retryable: true, details: { status: 500 } });
    const outcomes: Array<"ok" | "rejected"> = [];
    for (let round = 0; round < 3; round++) {
      // a is busy (held), so the call goes to b, which fails.
      const hold = pool.model.generate(call(`hold${round}`));
      const tried = pool.model.generate(call(`try${round}`)).then(
        () => outcomes.push("ok"),
        () => outcomes.push("rejected"),
      );
      await settle();
      b.running[0]!.fail(serverError());
      await settle();
      for (const entry of [...a.running]) entry.answer();
      await settle();
      for (const entry of [...a.running]) entry.answer();
      await hold;
      await tried;
    }
    // Two failures went to the caller; the third cooled b down and was answered by a.
    expect(outcomes).toEqual(["rejected", "rejected", "ok"]);
    expect(pool.figures()[1]).toMatchObject({ state: "cooling", failures: 3, resent: 1 });
  });

  it("leaves out at preflight a host without the model, or with other weights, with a warning", async () => {
    const a = fakeHost("http://a");
    const missing = fakeHost("http://missing");
    missing.preflight = () => {
      throw new PrevodError("MODEL_NOT_FOUND", "model m is not available on http://missing: run `ollama pull m`");
    };
    const other = fakeHost("http://other", { digest: "sha256:other" });
    const warnings: string[] = [];
    const pool = createHostPool({ label: "ollama m", hosts: [a, missing, other].map((host) => ({ model: host.model, parallel: 1 })), onWarning: (message) => warnings.push(message) });
    await pool.model.preflight!();
    expect(pool.figures().map((figures) => figures.state)).toEqual(["up", "left-out", "left-out"]);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain("http://missing left out of the pool: model m is not available");
    expect(warnings[1]).toContain("http://other left out of the pool: it serves other weights");
    // The pool's identity is the model's, without any host's address: one cache for the pool.
    expect(pool.model.identity!()).toBe("ollama m sha256:same");
    const answer = pool.model.generate(call("x"));
    await settle();
    a.running[0]!.answer();
    expect((await answer).host).toBe("http://a");
  });

  it("fails preflight only when no host serves the model", async () => {
    const hosts = [fakeHost("http://a"), fakeHost("http://b")];
    for (const host of hosts) {
      host.preflight = () => {
        throw new PrevodError("MODEL_NOT_FOUND", `model m is not available on ${host.model.endpoint}`);
      };
    }
    const pool = createHostPool({ label: "ollama m", hosts: hosts.map((host) => ({ model: host.model, parallel: 1 })) });
    await expect(pool.model.preflight!()).rejects.toThrow(/no host of ollama m can serve it:\n {2}http:\/\/a: model m is not available/);
  });

  it("fails waiting calls at once when the run is interrupted while every host is cooling", async () => {
    const hosts = [fakeHost("http://a"), fakeHost("http://b")];
    const pool = createHostPool({ label: "ollama m", firstCooldownMs: 60_000, hosts: hosts.map((host) => ({ model: host.model, parallel: 1 })) });
    await pool.model.preflight!();
    const controller = new AbortController();
    const first = [pool.model.generate(call("1", controller.signal)), pool.model.generate(call("2", controller.signal))].map((answer) => answer.catch((error: unknown) => error));
    await settle();
    for (const host of hosts) {
      host.state = "down";
      host.running[0]!.fail(gone());
    }
    await settle();
    await settle();
    expect(pool.figures().map((figures) => figures.state)).toEqual(["cooling", "cooling"]);
    const waiting = pool.model.generate(call("3", controller.signal)).catch((error: unknown) => error);
    await settle();
    expect(hosts.every((host) => host.running.length === 0)).toBe(true);
    controller.abort();
    expect(await waiting).toMatchObject({ code: "ABORTED" });
    for (const answer of first) expect(await answer).toMatchObject({ code: "ABORTED" });
  });
});
