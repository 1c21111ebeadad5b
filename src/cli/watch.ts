import { isPrevodError, PrevodError } from "../errors.js";
import { loadPlan } from "../graph/load-plan.js";
import { EXIT } from "./exit-codes.js";
import { planOverrides } from "./plan-overrides.js";
import { resolveSources } from "./sources.js";
import type { PipelineCommandOptions } from "./run.js";
import { cycle, type CycleReport, type Line } from "./watch-cycle.js";
import { clock, statusLine } from "./watch-line.js";

export interface WatchOptions extends PipelineCommandOptions {
  every: string;
  once?: boolean;
  progress: "text" | "json";
}

/** "15m", "1h", "30s", "1.5h" → milliseconds. */
export function parseDuration(value: string, name: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(s|m|h)$/i.exec(value.trim());
  const ms = match ? Number(match[1]) * { s: 1000, m: 60_000, h: 3_600_000 }[match[2]!.toLowerCase() as "s" | "m" | "h"] : NaN;
  if (!(ms > 0)) throw new PrevodError("USAGE", `${name}: expected a duration with a unit, e.g. 30s, 15m, 1h; got '${value}'`);
  return ms;
}

/** What a model server that is not there (or hangs, or is still loading) answers a preflight with: waited for. */
const SERVER_AWAY = new Set(["MODEL_UNREACHABLE", "MODEL_TIMEOUT", "MODEL_LOADING"]);

/**
 * `prevod watch [inputs…] --every 15m [--once]`: polls feeds with conditional GETs and folders by
 * their listing, runs only new or changed articles, refreshes the rolling bulletins after each
 * cycle, waits out a model server that went away, and on SIGTERM finishes the articles in flight
 * and exits 0. The store lock is held only while a cycle runs, so `prevod bulletin` and
 * `prevod status` work between cycles.
 */
export default async function watch(inputs: string[], options: WatchOptions): Promise<number> {
  const everyMs = parseDuration(options.every, "--every");
  if (options.progress !== "text" && options.progress !== "json") throw new PrevodError("USAGE", `--progress: expected text or json, got '${String(options.progress)}'`);
  const plan = await loadPlan(options.config, planOverrides(options));
  const sources = resolveSources(inputs, plan);
  if (sources.includes("-")) throw new PrevodError("USAGE", `watch reads its inputs again every cycle; "-" (stdin) can be read only once: use prevod run for it`);
  const json = options.progress === "json";
  const say: Line = (object, text) => void process.stderr.write(json ? `${JSON.stringify(object)}\n` : `${text}\n`);

  const stop = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (stop.signal.aborted) {
      say({ type: "stopping", now: true, signal }, "prevod: stopping now");
      process.exit(EXIT.interrupted);
    }
    say({ type: "stopping", signal }, `prevod: ${signal}: finishing the articles in flight, then stopping; press Ctrl-C again to stop at once`);
    stop.abort();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    let backoffMs: number | undefined;
    for (;;) {
      // Cycles start every --every (a cycle that takes longer is followed at once by the next).
      const cycleStarted = Date.now();
      let report: CycleReport;
      try {
        report = await cycle(plan, sources, { wait: options.wait !== false, stop: stop.signal, say, json });
      } catch (error) {
        if (options.once || !isPrevodError(error) || !SERVER_AWAY.has(error.code)) throw error;
        // One line when the server goes away; the retries wait in silence, doubling up to --every.
        const first = backoffMs === undefined;
        backoffMs = first ? Math.min(30_000, everyMs) : Math.min(backoffMs! * 2, everyMs);
        if (first) say({ type: "model-server", state: "unreachable", at: new Date().toISOString(), message: error.message, retryMs: backoffMs }, `prevod: ${clock()} model server unreachable: ${error.message}; waiting for it (retry in ${seconds(backoffMs)}, then less often, at most every ${seconds(everyMs)})`);
        await pause(backoffMs, stop.signal);
        if (stop.signal.aborted) return EXIT.ok;
        continue;
      }
      if (backoffMs !== undefined) {
        backoffMs = undefined;
        say({ type: "model-server", state: "back", at: new Date().toISOString() }, `prevod: ${clock()} model server is back`);
      }
      say({ ...report }, statusLine(report));
      if (options.once) return report.counts.partial + report.counts.failed + report.unreadable.length > 0 ? EXIT.failed : EXIT.ok;
      if (stop.signal.aborted) return EXIT.ok;
      await pause(Math.max(0, everyMs - (Date.now() - cycleStarted)), stop.signal);
      if (stop.signal.aborted) return EXIT.ok;
    }
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}

/** Waits `ms`, or less when the signal fires. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((done) => {
    if (signal.aborted) return done();
    const timer = setTimeout(finish, ms);
    function finish() {
      clearTimeout(timer);
      signal.removeEventListener("abort", finish);
      done();
    }
    signal.addEventListener("abort", finish, { once: true });
  });
}

function seconds(ms: number): string {
  return ms >= 60_000 && ms % 60_000 === 0 ? `${ms / 60_000} min` : `${Math.round(ms / 100) / 10} s`;
}
