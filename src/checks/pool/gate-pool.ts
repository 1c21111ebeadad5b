import { availableParallelism } from "node:os";
import { performance, type EventLoopUtilization } from "node:perf_hooks";
import { Piscina } from "piscina";
import type { SummaryCheckInput } from "../summary.js";
import type { CheckResult, TranslationCheckInput } from "../types.js";
import { runGateTask, type GateTask, type QuotesCheckInput, type QuotesCheckOutput } from "./tasks.js";

/**
 * Runs the deterministic gates (checkTranslation, checkSummary, checkQuote) for the steps: in
 * this thread, or in a pool of worker threads so that the main thread keeps up with the model
 * calls. The verdicts are the same either way (the gates are pure functions of their input).
 */
export interface GateRunner {
  translation(input: TranslationCheckInput): CheckResult[] | Promise<CheckResult[]>;
  summary(input: SummaryCheckInput): CheckResult[] | Promise<CheckResult[]>;
  quotes(input: QuotesCheckInput): QuotesCheckOutput | Promise<QuotesCheckOutput>;
  /** Tasks run so far: in this thread, sent to the pool, and of those failed there (then run here). */
  readonly counts: { inThread: number; pooled: number; failed: number };
  /** Stops the worker threads (waits for none: call it when no gate work is pending). */
  close(): Promise<void>;
}

/**
 * `0`: every gate in this thread (the default); a number: that many worker threads, every gate
 * there; `"auto"`: up to (CPUs − 1) threads, started and used only while the main thread is busy
 * (event-loop utilisation over the last 200 ms above 0.75, until it falls below 0.5).
 */
export type GateThreads = number | "auto";

class InThreadGates implements GateRunner {
  readonly counts = { inThread: 0, pooled: 0, failed: 0 };
  translation(input: TranslationCheckInput) {
    this.counts.inThread++;
    return runGateTask({ kind: "translation", input }) as CheckResult[];
  }
  summary(input: SummaryCheckInput) {
    this.counts.inThread++;
    return runGateTask({ kind: "summary", input }) as CheckResult[];
  }
  quotes(input: QuotesCheckInput) {
    this.counts.inThread++;
    return runGateTask({ kind: "quotes", input }) as QuotesCheckOutput;
  }
  async close() {}
}

/** The gates in this thread, shared by every run that has no pool. */
export const inThreadGates: GateRunner = new InThreadGates();

/** Where the worker module is: its .ts source under tsx and vitest (with tsx's loader), else the built .js. */
function workerModule(): { filename: string; execArgv: string[] } {
  const fromSource = import.meta.url.endsWith(".ts");
  const filename = new URL(fromSource ? "./worker.ts" : "./worker.js", import.meta.url).href;
  // A worker takes the process's flags, but --input-type (of `node -e`) stops a worker from loading at all.
  const flags = process.execArgv.filter((arg) => !arg.startsWith("--input-type"));
  const hasTsx = flags.some((arg) => arg.includes("tsx"));
  return { filename, execArgv: fromSource && !hasTsx ? [...flags, "--import", "tsx"] : flags };
}

const BUSY_ABOVE = 0.75;
const IDLE_BELOW = 0.5;
const SAMPLE_MS = 200;

class PooledGates implements GateRunner {
  readonly counts = { inThread: 0, pooled: 0, failed: 0 };
  private pool: Piscina | undefined;
  /** A pool that failed to start or to answer: the gates run here from then on. */
  private broken = false;
  private busy: boolean;
  private timer: NodeJS.Timeout | undefined;
  private last: EventLoopUtilization | undefined;

  constructor(
    private readonly threads: number,
    auto: boolean,
  ) {
    this.busy = !auto;
    if (auto) {
      this.last = performance.eventLoopUtilization();
      this.timer = setInterval(() => this.sample(), SAMPLE_MS);
      this.timer.unref();
    }
  }

  private sample(): void {
    const now = performance.eventLoopUtilization();
    const { utilization } = performance.eventLoopUtilization(now, this.last);
    this.last = now;
    if (utilization > BUSY_ABOVE) this.busy = true;
    else if (utilization < IDLE_BELOW) this.busy = false;
  }

  private run<T>(task: GateTask): T | Promise<T> {
    if (!this.busy || this.broken) {
      this.counts.inThread++;
      return runGateTask(task) as T;
    }
    this.counts.pooled++;
    if (!this.pool) {
      this.pool = new Piscina({ ...workerModule(), minThreads: 1, maxThreads: this.threads, idleTimeout: 30_000 });
      // A worker that cannot start is reported here (and its task rejected); unheard, it would end the process.
      this.pool.on("error", () => {
        this.broken = true;
      });
    }
    return (this.pool.run(task) as Promise<T>).catch(() => {
      // The verdicts do not depend on where they are computed: a pool that cannot run them
      // (its worker failed to load) is left, and this task and the later ones run here.
      this.broken = true;
      this.counts.failed++;
      return runGateTask(task) as T;
    });
  }

  translation(input: TranslationCheckInput) {
    return this.run<CheckResult[]>({ kind: "translation", input });
  }
  summary(input: SummaryCheckInput) {
    return this.run<CheckResult[]>({ kind: "summary", input });
  }
  quotes(input: QuotesCheckInput) {
    return this.run<QuotesCheckOutput>({ kind: "quotes", input });
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    const pool = this.pool;
    this.pool = undefined;
    this.broken = true;
    await pool?.destroy();
  }
}

/** A gate runner for one run (see GateThreads); close it when the run ends. */
export function openGates(threads: GateThreads = 0): GateRunner {
  if (threads === 0) return new InThreadGates();
  if (threads === "auto") {
    const spare = availableParallelism() - 1;
    return spare < 1 ? new InThreadGates() : new PooledGates(spare, true);
  }
  return new PooledGates(threads, false);
}
