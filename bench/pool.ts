import { join } from "node:path";
import { loadavg } from "node:os";
import type { Article } from "../src/inputs/types.js";
import type { HostFigures } from "../src/models/host-pool.js";
import { DEFAULT_STEPS } from "../test/support/pipeline.js";
import { runPrevod } from "./prevod-run.js";
import { startSimulatorProcess, type SimulatorProcess } from "./simulator-process.js";

/**
 * Issue 15, part 1: how well a pool of unequal hosts is used. Three simulators in child
 * processes, the same slots each, calls costing 1×, 2× and 4× the base time (speeds 1, 0.5 and
 * 0.25); prevod runs the default pipeline on the three as one model, once with each balance.
 *
 * Ideal makespan: the simulated work, counted in the fast host's milliseconds (a call of the
 * 0.5× host that took 80 ms is 40 ms of work), over the pool's capacity (Σ slots × speed), or the
 * longest chain of dependent calls of one article on the fast host, whichever is larger.
 */
export interface PoolSettings {
  articles: Article[];
  /** Base call time, on the fastest host. */
  perCallMs: number;
  slotsPerHost: number;
  speeds: number[];
  samplesDir: string;
  ntrexFile?: string;
  workDir: string;
  model: string;
}

export interface PoolRunFigures {
  balance: "least-busy" | "round-robin";
  wall_ms: number;
  ideal_ms: number;
  work_over_capacity_ms: number;
  longest_chain_ms: number;
  efficiency: number;
  calls: number;
  counts: Record<string, number>;
  cpu_ms_per_call: number;
  /** From the start to the first answer (preflight, warm-up, reading), and after the last one (final writes). */
  first_answer_ms: number;
  after_last_answer_ms: number;
  /** Per host: calls it answered and the share of all calls, beside its share of the capacity. */
  hosts: Array<{ speed: number; calls: number; share: number; capacity_share: number; busy_ms: number; slots_busy: number; active_ms: number; failures: number }>;
  load_average: number[];
}

export interface PoolFigures {
  articles: number;
  per_call_ms: number;
  slots_per_host: number;
  speeds: number[];
  runs: PoolRunFigures[];
}

export async function measurePool(settings: PoolSettings, say: (text: string) => void): Promise<PoolFigures> {
  const simulators: SimulatorProcess[] = [];
  try {
    for (const speed of settings.speeds) {
      simulators.push(
        await startSimulatorProcess({
          model: settings.model,
          slots: settings.slotsPerHost,
          latency: { perCallMs: settings.perCallMs / speed },
          maxQueue: 1_000_000,
          samplesDir: settings.samplesDir,
          ntrexFile: settings.ntrexFile,
        }),
      );
    }
    // A short unmeasured run first: the process's first run also pays for loading and compiling
    // prevod's modules, which would land on whichever balance went first.
    say(`pool: warming up on ${Math.min(4, settings.articles.length)} articles…`);
    await poolRun({ ...settings, articles: settings.articles.slice(0, 4) }, simulators, "least-busy", "warm-up");
    const runs: PoolRunFigures[] = [];
    for (const balance of ["least-busy", "round-robin"] as const) {
      say(`pool (${balance}): ${settings.articles.length} articles on ${settings.speeds.length} hosts of speeds ${settings.speeds.join(", ")}…`);
      runs.push(await poolRun(settings, simulators, balance));
    }
    return { articles: settings.articles.length, per_call_ms: settings.perCallMs, slots_per_host: settings.slotsPerHost, speeds: settings.speeds, runs };
  } finally {
    await Promise.all(simulators.map((simulator) => simulator.close()));
  }
}

async function poolRun(settings: PoolSettings, simulators: SimulatorProcess[], balance: PoolRunFigures["balance"], folder: string = balance): Promise<PoolRunFigures> {
  const hosts = simulators.map((simulator) => `{ url: "${simulator.url}", parallel: ${settings.slotsPerHost} }`).join(", ");
  const yaml = `version: 1
models:
  local: { kind: ollama, model: "${settings.model}", balance: ${balance}, hosts: [${hosts}] }
defaults: { model: local, seed: 42, timeout: 60s }
${DEFAULT_STEPS}`;
  const run = await runPrevod({
    url: simulators[0]!.url,
    model: settings.model,
    slots: settings.slotsPerHost,
    // The chain bound: every call of the longest article on the fastest host.
    latency: { perCallMs: settings.perCallMs },
    articles: settings.articles,
    outputDir: join(settings.workDir, `pool-${folder}`),
    yaml,
  });
  const phases = await Promise.all(simulators.map((simulator) => simulator.endPhase()));
  const work = phases.reduce((sum, phase, index) => sum + phase.stats.modelledMs * settings.speeds[index]!, 0);
  const capacity = settings.speeds.reduce((sum, speed) => sum + speed * settings.slotsPerHost, 0);
  const workOverCapacity = work / capacity;
  const ideal = Math.max(workOverCapacity, run.chain.ms);
  const calls = phases.reduce((sum, phase) => sum + phase.stats.calls, 0);
  const figures: HostFigures[] = run.manifest.models.local?.hosts ?? [];
  return {
    balance,
    wall_ms: run.wallMs,
    ideal_ms: ideal,
    work_over_capacity_ms: workOverCapacity,
    longest_chain_ms: run.chain.ms,
    efficiency: ideal / run.wallMs,
    calls,
    counts: run.manifest.counts,
    cpu_ms_per_call: (run.cpuMs.user + run.cpuMs.system) / Math.max(1, calls),
    first_answer_ms: run.firstAnswerMs,
    after_last_answer_ms: run.afterLastAnswerMs,
    hosts: settings.speeds.map((speed, index) => ({
      speed,
      calls: phases[index]!.stats.calls,
      share: phases[index]!.stats.calls / Math.max(1, calls),
      capacity_share: (speed * settings.slotsPerHost) / capacity,
      busy_ms: figures[index]?.busy_ms ?? 0,
      // Slot time the simulator held over wall time × its slots.
      slots_busy: phases[index]!.stats.busyMs / (run.wallMs * settings.slotsPerHost),
      // From its first call's start to its last call's end.
      active_ms: phases[index]!.activeMs,
      failures: figures[index]?.failures ?? 0,
    })),
    load_average: loadavg(),
  };
}
