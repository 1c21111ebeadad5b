/**
 * `npm run bench`: prevod against an Ollama-protocol simulator in a child process, the two
 * baseline scripts on the same simulator, and the memory runs. Prints a table and writes
 * bench/results/latest.json. What each figure means: bench/README.md.
 *
 * The simulator's answers are REFERENCE OUTPUTS written for the samples and the human NTREX
 * translations, not a model's; the bench measures time, calls and memory, not quality.
 */
import { existsSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { benchArticles, referencedSentenceCount } from "./articles.js";
import { sequentialScript, unboundedScript, type BaselineResult } from "./baselines.js";
import { measureMemory } from "./memory.js";
import { parseBenchOptions, USAGE, type BenchOptions } from "./options.js";
import { measurePool } from "./pool.js";
import { runPrevod } from "./prevod-run.js";
import { formatResults, groupAreas, perCall, writeResults, type BaselineFigures, type BenchResults, type GateRunFigures, type PrevodFigures } from "./report.js";
import { startSimulatorProcess, type SimulatorProcess } from "./simulator-process.js";
import type { PhaseReport } from "./simulator-protocol.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const RESULTS = join(ROOT, "bench", "results", "latest.json");
const MODEL = "bench:7b";

let options: BenchOptions;
try {
  options = parseBenchOptions(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`bench: ${(error as Error).message}\n\n${USAGE}`);
  process.exit(2);
}

const ntrexFile = join(ROOT, "..", "shared", "data", "ntrex", "ntrex.dev.jsonl");
const sources = { samplesDir: join(ROOT, "samples"), ntrexFile: options.ntrex && existsSync(ntrexFile) ? ntrexFile : undefined };
if (options.ntrex && !sources.ntrexFile) process.stderr.write(`bench: ${ntrexFile} is absent; articles are built from the samples only\n`);
const latency = { perCallMs: options.perCallMs, firstTokenMs: options.firstTokenMs, tokensPerSecond: options.tokensPerSecond };
const workDir = join(tmpdir(), `prevod-bench-${process.pid}`);
const say = (text: string) => process.stderr.write(`${text}\n`);

const results: BenchResults = {
  date: new Date().toISOString(),
  node: process.version,
  machine: { cpus: availableParallelism(), load_average_before: loadavg(), load_average_after: [] },
  settings: {
    articles: options.articles,
    slots: options.slots,
    latency: { per_call_ms: options.perCallMs, first_token_ms: options.firstTokenMs, tokens_per_second: options.tokensPerSecond },
    articles_in_flight: options.inFlight ?? "default",
    referenced_sentences: referencedSentenceCount(sources.ntrexFile),
  },
  targets: [],
};

try {
  if (options.phases.has("throughput") || options.phases.has("baselines")) await throughput();
  if (options.phases.has("gates")) await gates();
  if (options.phases.has("pool")) await pool();
  if (options.phases.has("memory")) await memory();
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
results.machine.load_average_after = loadavg();
writeResults(RESULTS, results);
process.stdout.write(formatResults(results));
say(`\nwritten: ${RESULTS}`);
if (options.strict && results.targets.some((target) => !target.met)) process.exitCode = 1;

async function throughput(): Promise<void> {
  const articles = benchArticles(options.articles, sources);
  say(`starting the simulator (${options.slots} slots, ${options.perCallMs} ms per call) in a child process…`);
  const simulator = await startSimulatorProcess({ model: MODEL, slots: options.slots, latency, maxQueue: 1_000_000, ...sources });
  try {
    await simulator.endPhase();
    let prevod: PrevodFigures | undefined;
    if (options.phases.has("throughput")) {
      say(`prevod: ${articles.length} articles…`);
      prevod = await prevodPhase(simulator, articles, options.profile);
      results.prevod = prevod;
      // Orchestration is told apart from the gates and the HTTP client only by a CPU profile; a
      // profile slows the run, so unless asked for, a shorter second run is profiled for the split.
      if (!prevod.profile) {
        const sample = articles.slice(0, Math.min(articles.length, 300));
        say(`prevod, profiled for the CPU split: ${sample.length} articles…`);
        prevod.profile = (await prevodPhase(simulator, sample, true)).profile;
      }
      const orchestration = prevod.profile ? groupAreas(prevod.profile.ms_per_call_by_area).orchestration! : Number.NaN;
      results.targets.push(
        { name: `efficiency at S=${options.slots}, ${options.perCallMs} ms calls`, value: prevod.efficiency, target: "≥ 0.95", met: prevod.efficiency >= 0.95 },
        { name: "orchestration CPU ms per model call (profiled)", value: orchestration, target: "≤ 1", met: orchestration <= 1 },
      );
    }
    if (options.phases.has("baselines")) {
      say(`baseline: sequential script, ${articles.length * 3} requests…`);
      const sequential = await sequentialScript(articles, simulator.url, MODEL);
      results.baselines = [baselineFigures(sequential, await simulator.endPhase(), prevod)];
      say(`baseline: unbounded Promise.all, ${articles.length * 3} requests…`);
      const unbounded = await unboundedScript(articles, simulator.url, MODEL);
      results.baselines.push(baselineFigures(unbounded, await simulator.endPhase(), prevod));
    }
  } finally {
    await simulator.close();
  }
}

async function prevodPhase(simulator: SimulatorProcess, articles: ReturnType<typeof benchArticles>, profile: boolean): Promise<PrevodFigures> {
  const run = await runPrevod({
    url: simulator.url,
    model: MODEL,
    slots: options.slots,
    latency,
    articles,
    outputDir: join(workDir, "prevod-out"),
    inFlight: options.inFlight,
    profileFile: profile ? join(ROOT, "bench", "results", "prevod.cpuprofile") : undefined,
  });
  const phase = await simulator.endPhase();
  const { manifest } = run;
  const calls = phase.stats.calls;
  const sumOverSlots = phase.stats.modelledMs / options.slots;
  const ideal = Math.max(sumOverSlots, run.chain.ms);
  const count = manifest.counts.total || 1;
  return {
    wall_ms: run.wallMs,
    ideal_ms: ideal,
    ideal_sum_over_slots_ms: sumOverSlots,
    longest_chain_ms: run.chain.ms,
    longest_chain_article: run.chain.articleId,
    efficiency: ideal / run.wallMs,
    counts: manifest.counts,
    calls,
    calls_per_article: manifest.usage.calls / count,
    prompt_tokens_per_article: manifest.usage.prompt_tokens / count,
    completion_tokens_per_article: manifest.usage.completion_tokens / count,
    repairs: manifest.usage.repairs,
    retries: manifest.usage.retries,
    shared_prefix_share: phase.promptTokens ? phase.sharedPrefixTokens / phase.promptTokens : 0,
    shared_prefix_share_of_translate: phase.translatePromptTokens ? phase.sharedPrefixTokens / phase.translatePromptTokens : 0,
    cpu_ms_per_call: (run.cpuMs.user + run.cpuMs.system) / Math.max(1, calls),
    cpu_ms: run.cpuMs,
    peak_rss_mb: run.peakRssMb,
    max_concurrent: phase.maxConcurrent,
    // How long the server's slots were really held, against the modelled call time: time the
    // simulator itself adds (answering, writing) shows up here, not as prevod's.
    slot_busy_ms: phase.stats.busyMs,
    slot_held_per_modelled: phase.stats.modelledMs ? phase.stats.busyMs / phase.stats.modelledMs : 0,
    slot_utilization: phase.stats.busyMs / (run.wallMs * options.slots),
    // The same while the server had work at all: what is left is start-up and the final writes.
    server_active_ms: phase.activeMs,
    slot_utilization_while_active: phase.activeMs ? phase.stats.busyMs / (phase.activeMs * options.slots) : 0,
    ...(run.profile ? { profile: { file: run.profile.file, total_ms: run.profile.totalMs, ms_per_call_by_area: perCall(run.profile, calls) } } : {}),
  };
}

function baselineFigures(result: BaselineResult, phase: PhaseReport, prevod: PrevodFigures | undefined): BaselineFigures {
  // Independent requests: the longest chain is one call, at least the mean call.
  const ideal = Math.max(phase.stats.modelledMs / options.slots, phase.stats.modelledMs / Math.max(1, phase.stats.calls));
  return {
    name: result.name,
    wall_ms: result.wallMs,
    ideal_ms: ideal,
    efficiency: ideal / result.wallMs,
    requests: result.requests,
    failed: result.failed,
    cpu_ms_per_call: result.cpuMs / Math.max(1, result.requests),
    max_queued: phase.maxQueued,
    prevod_wall_ratio: prevod ? prevod.wall_ms / result.wallMs : Number.NaN,
    prevod_wall_per_call_ratio: prevod ? prevod.wall_ms / prevod.calls / (result.wallMs / Math.max(1, result.requests)) : Number.NaN,
  };
}

/**
 * Issue 15.3: the throughput run at each of --gate-slots, once per --gate-threads, in one bench
 * run, so the main thread's CPU and the efficiency with the gates in worker threads are read
 * beside the gates on the main thread, at the same load.
 */
async function gates(): Promise<void> {
  const articles = benchArticles(options.articles, sources);
  results.gates = [];
  for (const slots of options.gateSlots) {
    say(`gates: starting the simulator (${slots} slots, ${options.perCallMs} ms per call)…`);
    const simulator = await startSimulatorProcess({ model: MODEL, slots, latency, maxQueue: 1_000_000, ...sources });
    try {
      await simulator.endPhase();
      for (const threads of options.gateThreads) {
        say(`gates: ${articles.length} articles, ${slots} slots, gate_threads ${threads}…`);
        const run = await runPrevod({ url: simulator.url, model: MODEL, slots, latency, articles, outputDir: join(workDir, "prevod-gates"), inFlight: options.inFlight, gateThreads: threads });
        const phase = await simulator.endPhase();
        const calls = Math.max(1, phase.stats.calls);
        const ideal = Math.max(phase.stats.modelledMs / slots, run.chain.ms);
        const total = run.cpuMs.user + run.cpuMs.system;
        const figures: GateRunFigures = {
          slots,
          gate_threads: threads,
          articles: articles.length,
          wall_ms: run.wallMs,
          ideal_ms: ideal,
          efficiency: ideal / run.wallMs,
          calls: phase.stats.calls,
          cpu_ms_per_call: total / calls,
          main_thread_cpu_ms_per_call: run.mainThreadCpuMs === undefined ? Number.NaN : run.mainThreadCpuMs / calls,
          other_threads_cpu_ms_per_call: run.mainThreadCpuMs === undefined ? Number.NaN : (total - run.mainThreadCpuMs) / calls,
          counts: run.manifest.counts,
          load_average_before: run.loadAverage.before,
          load_average_after: run.loadAverage.after,
        };
        results.gates.push(figures);
        say(`  efficiency ${figures.efficiency.toFixed(3)}, CPU per call ${figures.cpu_ms_per_call.toFixed(3)} ms (main thread ${figures.main_thread_cpu_ms_per_call.toFixed(3)}), load ${figures.load_average_before.map((load) => load.toFixed(2)).join(" ")}`);
        const goal = slots >= 16 ? 0.9 : 0.97;
        results.targets.push(
          { name: `efficiency at S=${slots}, gate_threads ${threads}`, value: figures.efficiency, target: `≥ ${goal}`, met: figures.efficiency >= goal },
          { name: `CPU ms per call at S=${slots}, gate_threads ${threads} (all threads)`, value: figures.cpu_ms_per_call, target: "≤ 1.5", met: figures.cpu_ms_per_call <= 1.5 },
        );
      }
    } finally {
      await simulator.close();
    }
  }
}

async function pool(): Promise<void> {
  const figures = await measurePool(
    {
      articles: benchArticles(options.poolArticles, sources),
      perCallMs: options.poolPerCallMs,
      slotsPerHost: options.poolSlots,
      speeds: [1, 0.5, 0.25],
      ...sources,
      workDir,
      model: MODEL,
    },
    say,
  );
  results.pool = figures;
  const leastBusy = figures.runs.find((run) => run.balance === "least-busy");
  if (leastBusy) results.targets.push({ name: "pool efficiency, least-busy (speeds 1, 0.5, 0.25)", value: leastBusy.efficiency, target: "≥ 0.95", met: leastBusy.efficiency >= 0.95 });
}

async function memory(): Promise<void> {
  say(`memory: ${options.memorySizes.join(" and ")} small articles through the CLI, each in a fresh process…`);
  const runs = await measureMemory({ ...sources, sizes: options.memorySizes, slots: options.slots, latency: { perCallMs: options.memoryPerCallMs }, workDir });
  const smallest = runs.reduce((a, b) => (b.articles < a.articles ? b : a));
  const largest = runs.reduce((a, b) => (b.articles > a.articles ? b : a));
  const ratio = largest.peakRssMb / smallest.peakRssMb;
  const liveRatio = largest.liveHeapMb / smallest.liveHeapMb;
  results.memory = {
    runs: runs.map((run) => ({ articles: run.articles, peak_rss_mb: run.peakRssMb, live_heap_mb: run.liveHeapMb, wall_ms: run.wallMs, calls: run.calls, counts: run.counts })),
    ratio,
    live_heap_ratio: liveRatio,
  };
  results.targets.push({ name: `peak RSS ${largest.articles} / ${smallest.articles} articles`, value: ratio, target: "≤ 1.2", met: ratio <= 1.2 });
}
