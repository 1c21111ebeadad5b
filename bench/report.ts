import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { CpuProfileResult } from "./cpu-profile.js";
import type { PoolFigures } from "./pool.js";

/** bench/results/latest.json: every figure the benchmark printed, with its settings. */
export interface BenchResults {
  date: string;
  node: string;
  machine: { cpus: number; load_average_before: number[]; load_average_after: number[] };
  settings: {
    articles: number;
    slots: number;
    latency: { per_call_ms: number; first_token_ms: number; tokens_per_second: number };
    articles_in_flight: number | "default";
    /** Sentences with reference translations the articles are built from (samples + NTREX). */
    referenced_sentences: number;
  };
  prevod?: PrevodFigures;
  baselines?: BaselineFigures[];
  pool?: PoolFigures;
  /** The gates runs: the throughput run at each slot count, gates in the main thread and in worker threads. */
  gates?: GateRunFigures[];
  memory?: {
    runs: Array<{ articles: number; peak_rss_mb: number; live_heap_mb: number; wall_ms: number; calls: number; counts: Record<string, number> }>;
    /** Peak RSS of the largest run over the smallest's. */
    ratio: number;
    /** The same for the heap in use right after a full collection. */
    live_heap_ratio: number;
  };
  targets: Array<{ name: string; value: number; target: string; met: boolean }>;
}

export interface PrevodFigures {
  wall_ms: number;
  ideal_ms: number;
  /** Sum of the simulated call times divided by the slots. */
  ideal_sum_over_slots_ms: number;
  longest_chain_ms: number;
  longest_chain_article: string;
  efficiency: number;
  counts: Record<string, number>;
  calls: number;
  calls_per_article: number;
  prompt_tokens_per_article: number;
  completion_tokens_per_article: number;
  repairs: number;
  retries: number;
  shared_prefix_share: number;
  shared_prefix_share_of_translate: number;
  cpu_ms_per_call: number;
  cpu_ms: { user: number; system: number };
  peak_rss_mb: number;
  max_concurrent: number;
  /** Server slot time actually held, and held per modelled ms (1.0: the simulator adds nothing). */
  slot_busy_ms: number;
  slot_held_per_modelled: number;
  /** Slot time held over wall time × slots, and over the time the server had work × slots. */
  slot_utilization: number;
  server_active_ms: number;
  slot_utilization_while_active: number;
  profile?: { file: string; total_ms: number; ms_per_call_by_area: Record<string, number> };
}

export interface GateRunFigures {
  slots: number;
  gate_threads: number | "auto";
  articles: number;
  wall_ms: number;
  ideal_ms: number;
  efficiency: number;
  calls: number;
  /** Every thread of the process (process.cpuUsage), per call. */
  cpu_ms_per_call: number;
  /** The main thread alone (/proc/thread-self/stat), per call; NaN without /proc. */
  main_thread_cpu_ms_per_call: number;
  /** The rest: gate workers, GC helper threads, libuv's pool. */
  other_threads_cpu_ms_per_call: number;
  counts: Record<string, number>;
  load_average_before: number[];
  load_average_after: number[];
}

export interface BaselineFigures {
  name: string;
  wall_ms: number;
  ideal_ms: number;
  efficiency: number;
  requests: number;
  failed: number;
  cpu_ms_per_call: number;
  max_queued: number;
  /** prevod's wall time divided by this script's. */
  prevod_wall_ratio: number;
  /** The same per model call: prevod's wall time per call over this script's per request. */
  prevod_wall_per_call_ratio: number;
}

export function writeResults(file: string, results: BenchResults): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
}

const number = (value: number, digits = 0) =>
  Number.isNaN(value) ? "n/a" : value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const seconds = (ms: number) => `${number(ms / 1000, 2)} s`;
const percent = (share: number) => `${number(share * 100, 1)}%`;

/** The table printed at the end of a run. */
export function formatResults(results: BenchResults): string {
  const lines: string[] = [];
  const row = (label: string, value: string) => lines.push(`  ${label.padEnd(44)} ${value}`);
  const { settings } = results;
  lines.push(
    `prevod bench: ${settings.articles} articles, ${settings.slots} slots, ${settings.latency.per_call_ms} ms per call` +
      `${settings.latency.first_token_ms ? ` + ${settings.latency.first_token_ms} ms to first token` : ""}` +
      `${settings.latency.tokens_per_second ? `, ${settings.latency.tokens_per_second} tokens/s` : ", token throughput off"}` +
      `, ${settings.referenced_sentences} referenced sentences; load average ${results.machine.load_average_before.map((load) => number(load, 2)).join(" ")} on ${results.machine.cpus} CPUs`,
  );
  const prevod = results.prevod;
  if (prevod) {
    lines.push("", "prevod (in this process; the simulator runs in a child process)");
    row("articles ok / partial / failed", `${prevod.counts.ok} / ${prevod.counts.partial} / ${prevod.counts.failed}`);
    row("wall time", seconds(prevod.wall_ms));
    row("ideal makespan", `${seconds(prevod.ideal_ms)} (sum of call times / slots ${seconds(prevod.ideal_sum_over_slots_ms)}; longest article chain ${number(prevod.longest_chain_ms)} ms)`);
    row("efficiency (ideal / wall)", number(prevod.efficiency, 3));
    row("model calls", `${number(prevod.calls)} (${number(prevod.calls_per_article, 2)} per article; ${prevod.repairs} re-asks, ${prevod.retries} retries)`);
    row("prompt / completion tokens per article", `${number(prevod.prompt_tokens_per_article)} / ${number(prevod.completion_tokens_per_article)}`);
    row("prompt tokens in a prefix shared by targets", `${percent(prevod.shared_prefix_share)} of all (${percent(prevod.shared_prefix_share_of_translate)} of translate prompts)`);
    row("prevod CPU per model call", `${number(prevod.cpu_ms_per_call, 3)} ms (user ${seconds(prevod.cpu_ms.user)}, system ${seconds(prevod.cpu_ms.system)})`);
    row("peak RSS", `${number(prevod.peak_rss_mb, 1)} MiB`);
    row("most calls at once", String(prevod.max_concurrent));
    row("server slots busy", `${(prevod.slot_utilization * 100).toFixed(1)}% of the run, ${(prevod.slot_utilization_while_active * 100).toFixed(1)}% while it had work (${(prevod.server_active_ms / 1000).toFixed(2)} s)`);
    if (prevod.profile) {
      lines.push("", `  where prevod's CPU went (ms per model call, from a profiled run; profile in ${prevod.profile.file})`);
      for (const [area, ms] of Object.entries(prevod.profile.ms_per_call_by_area)) row(`  ${area}`, number(ms, 3));
      lines.push("", "  grouped (ms per model call, busy time only; profiling inflates them a little)");
      for (const [group, ms] of Object.entries(groupAreas(prevod.profile.ms_per_call_by_area))) row(`  ${group}`, number(ms, 3));
    }
  }
  for (const baseline of results.baselines ?? []) {
    lines.push("", `baseline: ${baseline.name} (${number(baseline.requests)} requests, whole article per target)`);
    row("wall time", `${seconds(baseline.wall_ms)}; prevod / this = ${number(baseline.prevod_wall_ratio, 2)} (per call: ${number(baseline.prevod_wall_per_call_ratio, 3)})`);
    row("efficiency (ideal / wall)", `${number(baseline.efficiency, 3)} (ideal ${seconds(baseline.ideal_ms)})`);
    row("CPU per request", `${number(baseline.cpu_ms_per_call, 3)} ms`);
    row("failed requests", `${baseline.failed}${baseline.max_queued > 0 ? `; up to ${number(baseline.max_queued)} waited in the server's queue` : ""}`);
  }
  if (results.gates?.length) {
    lines.push("", `gates: the throughput run with the gates on the main thread (gate_threads 0) and in worker threads, side by side`);
    for (const run of results.gates) {
      row(
        `S=${run.slots}, gate_threads ${run.gate_threads}`,
        `efficiency ${number(run.efficiency, 3)} (wall ${seconds(run.wall_ms)}, ideal ${seconds(run.ideal_ms)}); CPU per call ${number(run.cpu_ms_per_call, 3)} ms, main thread ${number(run.main_thread_cpu_ms_per_call, 3)}, other threads ${number(run.other_threads_cpu_ms_per_call, 3)}; ${run.counts.ok} of ${run.counts.total} ok; load average ${run.load_average_before.map((load) => number(load, 2)).join(" ")} → ${run.load_average_after.map((load) => number(load, 2)).join(" ")}`,
      );
    }
  }
  if (results.pool) {
    const pool = results.pool;
    lines.push("", `pool: ${pool.articles} articles on ${pool.speeds.length} hosts of ${pool.slots_per_host} slots, speeds ${pool.speeds.join(" / ")} (${pool.speeds.map((speed) => `${number(pool.per_call_ms / speed)} ms`).join(" / ")} per call)`);
    for (const run of pool.runs) {
      row(`${run.balance}: efficiency (ideal / wall)`, `${number(run.efficiency, 3)} (wall ${seconds(run.wall_ms)}, ideal ${seconds(run.ideal_ms)}; load average ${run.load_average.map((load) => number(load, 2)).join(" ")})`);
      row(`${run.balance}: calls per host (share / capacity)`, run.hosts.map((host) => `${number(host.calls)} (${percent(host.share)} / ${percent(host.capacity_share)})`).join(", "));
      row(`${run.balance}: slots busy per host`, run.hosts.map((host) => percent(host.slots_busy)).join(", "));
      row(`${run.balance}: articles ok, CPU per call`, `${run.counts.ok} of ${run.counts.total}, ${number(run.cpu_ms_per_call, 3)} ms`);
      row(`${run.balance}: before the first answer / after the last`, `${seconds(run.first_answer_ms)} / ${seconds(run.after_last_answer_ms)}`);
    }
  }
  if (results.memory) {
    lines.push("", "memory: the CLI on a JSONL feed of small articles, each size in a fresh process");
    for (const run of results.memory.runs) {
      row(`${number(run.articles)} articles`, `peak RSS ${number(run.peak_rss_mb, 1)} MiB, live heap ${number(run.live_heap_mb, 1)} MiB (${seconds(run.wall_ms)}, ${number(run.calls)} calls, ${run.counts.ok} ok)`);
    }
    row("peak RSS, largest / smallest", number(results.memory.ratio, 3));
    row("live heap after full GC, largest / smallest", number(results.memory.live_heap_ratio, 3));
  }
  if (results.targets.length > 0) {
    lines.push("", "targets");
    for (const target of results.targets) row(target.name, `${number(target.value, 3)} (target ${target.target}): ${target.met ? "met" : "MISSED"}`);
  }
  return `${lines.join("\n")}\n`;
}

/** Milliseconds per call by area, largest first; runtime entries keep their names. */
export function perCall(profile: CpuProfileResult, calls: number): Record<string, number> {
  return Object.fromEntries(profile.areas.filter((area) => area.ms / calls >= 0.001).map((area) => [area.area, area.ms / Math.max(1, calls)]));
}

/**
 * The profile's areas in four groups: orchestration (what prevod adds to run the model: scheduling,
 * middleware, prompts, parsing, outputs), the quality gates and language tools, the HTTP client, and
 * the runtime (garbage collection, Node's internals).
 */
export function groupAreas(areas: Record<string, number>): Record<string, number> {
  const groups: Record<string, number> = { orchestration: 0, "quality gates and text tools": 0, "HTTP client": 0, "runtime (GC, node internals)": 0 };
  for (const [area, ms] of Object.entries(areas)) {
    if (area === "(idle)" || area === "bench") continue;
    if (area === "src/checks" || area === "src/text") groups["quality gates and text tools"]! += ms;
    else if (area === "src/models" || area === "ollama" || area.startsWith("undici")) groups["HTTP client"]! += ms;
    else if (area.startsWith("(") || area === "node internals") groups["runtime (GC, node internals)"]! += ms;
    else groups.orchestration! += ms;
  }
  return groups;
}
