import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { interruptHandler } from "./interrupt.js";
import { createProgress, hostNames, hostsSegment, progressLine, type ProgressState } from "./progress.js";

/** Issue 12, item 7: the progress line. */
function terminal(columns: number): NodeJS.WriteStream & { text: () => string } {
  let written = "";
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      written += String(chunk);
      callback();
    },
  }) as unknown as NodeJS.WriteStream & { text: () => string };
  Object.assign(stream, { isTTY: true, columns, text: () => written });
  return stream;
}

const state = (overrides: Partial<ProgressState> = {}): ProgressState => ({ done: 1, total: 11, skipped: 0, failures: 1, calls: 1234, cached: 56, tokens: 789_000, ...overrides });
// The visible lines a terminal would show: escape sequences out, split at carriage returns and line ends.
const visible = (text: string) => text.replace(/\x1b(\[[0-9;?]*[A-Za-z]|[0-9])/g, "\n").split(/[\r\n]+/).filter((line) => line.trim() !== "");

describe("progress line", () => {
  it("shows prevod's own ETA ('ETA 3m 20s'), not cli-progress's {eta} (0, INF, bare seconds)", () => {
    expect(progressLine(state(), 120, 20_000)).toContain("ETA 3m 20s");
    expect(progressLine(state({ done: 0 }), 120, 20_000)).toContain("ETA …");
    expect(progressLine(state({ done: 6, total: 1000 }), 120, 60_000)).toContain("ETA 2h 46m");

    const stream = terminal(120);
    const progress = createProgress("bar", stream);
    progress.setTotal(11);
    progress.onEvent({ type: "run-started", steps: [], models: [] });
    progress.onEvent({ type: "article-started", id: "a", index: 0 });
    progress.onEvent({ type: "article-finished", id: "a", index: 0, status: "ok", ms: 1, file: "a.json", reasons: [] });
    progress.close();
    const lines = visible(stream.text());
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(line).toMatch(/ETA (…|\d+s|\d+m \d+s|\d+h \d+m)$/);
      expect(line).not.toMatch(/ETA (INF|NULL|\d+)$/);
    }
  });

  it("fits the terminal's width, dropping fields in a fixed order; 80 columns show articles, calls and ETA", () => {
    for (const width of [40, 60, 80, 100, 125, 200]) expect(progressLine(state({ done: 4, skipped: 3 }), width, 20_000).length, `width ${width}`).toBeLessThanOrEqual(width - 1);
    const eighty = progressLine(state({ done: 4, skipped: 3 }), 80, 20_000);
    expect(eighty).toMatch(/4\/11 articles/);
    expect(eighty).toMatch(/1234 calls/);
    expect(eighty).toMatch(/ETA 2m 20s/);
    // Dropped first: tok/s, then unchanged, cached, not ok; the wide line has them all.
    const wide = progressLine(state({ done: 4, skipped: 3 }), 200, 20_000);
    expect(wide).toMatch(/articles \| 3 unchanged \| 1 not ok \| 1234 calls \(56 cached\) \| 39450 tok\/s \| ETA/);
    expect(eighty).not.toContain("tok/s");
    const forty = progressLine(state({ done: 4, skipped: 3 }), 40, 20_000);
    expect(forty).toBe("4/11 articles | 1234 calls | ETA 2m 20s");

    const stream = terminal(80);
    const progress = createProgress("bar", stream);
    progress.setTotal(11);
    progress.onEvent({ type: "run-started", steps: [], models: [] });
    progress.onEvent({ type: "model-call", source: "model", promptTokens: 10, completionTokens: 100_000, ms: 1 });
    progress.close();
    for (const line of visible(stream.text())) expect(line.length).toBeLessThanOrEqual(79);
  });

  it("shows a pool's calls per host, failures and state (the host events and model-call.host were ignored)", () => {
    const stream = terminal(160);
    const progress = createProgress("bar", stream);
    progress.setTotal(2);
    progress.onEvent({ type: "run-started", steps: [], models: [] });
    const answered = (host: string) => progress.onEvent({ type: "model-call", source: "model", promptTokens: 1, completionTokens: 1, ms: 1, host });
    for (let index = 0; index < 12; index++) answered("http://gpu1:11434");
    for (let index = 0; index < 8; index++) answered("http://gpu2:11434");
    progress.onEvent({ type: "model-call", source: "cache", promptTokens: 1, completionTokens: 1, ms: 1 });
    const figures = { parallel: 2, weight: 1, calls: 10, ok: 8, resent: 2, busy_ms: 1, cooldowns: 1, in_flight_at_cooldown: 2 };
    progress.onEvent({ type: "host", model: "local", url: "http://gpu2:11434", state: "cooling", failures: 3, ...figures });
    progress.onEvent({ type: "article-started", id: "a", index: 0 });
    progress.onEvent({ type: "article-finished", id: "a", index: 0, status: "ok", ms: 1, file: "a.json", reasons: [] });
    progress.close();
    const last = visible(stream.text()).at(-1)!;
    expect(last).toContain("20 calls (1 cached) | gpu1 12 · gpu2 8, 3 failed (cooling) |");

    // Hosts on one machine are told apart by port; one host alone shows nothing; narrow lines drop it.
    expect(hostNames(["http://127.0.0.1:5001", "http://127.0.0.1:5002", "http://gpu3:11434"])).toEqual(
      new Map([["http://127.0.0.1:5001", "127.0.0.1:5001"], ["http://127.0.0.1:5002", "127.0.0.1:5002"], ["http://gpu3:11434", "gpu3"]]),
    );
    expect(hostsSegment(new Map([["http://gpu1:11434", { calls: 3, failures: 0, state: "up" }]]))).toBe("");
    const hosts = new Map([["http://gpu1:11434", { calls: 12, failures: 0, state: "up" as const }], ["http://gpu2:11434", { calls: 8, failures: 0, state: "left-out" as const }]]);
    expect(progressLine(state({ hosts }), 200, 20_000)).toContain("| gpu1 12 · gpu2 8 (left-out) |");
    expect(progressLine(state({ hosts }), 80, 20_000)).not.toContain("gpu1");
  });

  it("after Ctrl-C, starts the message on a new line, not after the bar", () => {
    const stream = terminal(80);
    const progress = createProgress("bar", stream);
    progress.setTotal(3);
    progress.onEvent({ type: "run-started", steps: [], models: [] });
    const controller = new AbortController();
    interruptHandler(controller, () => progress.interrupted(), stream)("SIGINT");
    const text = stream.text();
    const at = text.indexOf("prevod: SIGINT: finishing cleanly");
    expect(at).toBeGreaterThan(0);
    expect(text.slice(0, at)).toMatch(/\n$/);
    expect(controller.signal.aborted).toBe(true);
    // The bar stays stopped: later events draw nothing over the message.
    const after = stream.text().length;
    progress.onEvent({ type: "article-started", id: "a", index: 0 });
    expect(stream.text().length).toBe(after);
  });
});
