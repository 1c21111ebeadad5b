import { rmSync } from "node:fs";
import { loadavg } from "node:os";
import { runPipeline } from "../src/engine/run-pipeline.js";
import type { Article } from "../src/inputs/types.js";
import type { RunManifest } from "../src/outputs/run-manifest.js";
import type { LatencyModel } from "../test/support/sim/index.js";
import { defaultPipelineYaml, planFor } from "../test/support/pipeline.js";
import { createChainTracker } from "./critical-path.js";
import { startCpuProfile, type CpuProfileResult } from "./cpu-profile.js";
import { threadCpuMs } from "./thread-cpu.js";

export interface PrevodRunOptions {
  url: string;
  model: string;
  slots: number;
  latency: LatencyModel;
  articles: Article[];
  outputDir: string;
  /** defaults.articles_in_flight; the plan's default when absent. */
  inFlight?: number;
  /** Write a CPU profile of the run here (slows the run down a little). */
  profileFile?: string;
  /** The whole pipeline YAML, instead of the default pipeline on `url` (the pool runs). */
  yaml?: string;
  /** defaults.gate_threads: 0 (gates on the main thread), N, or "auto". @default 0 */
  gateThreads?: number | "auto";
}

export interface PrevodRunResult {
  wallMs: number;
  /** process.cpuUsage over the run: everything this process did while prevod ran. */
  cpuMs: { user: number; system: number };
  /** The main thread's own CPU over the run (/proc/thread-self/stat, 10 ms ticks); undefined without /proc. */
  mainThreadCpuMs?: number;
  /** os.loadavg() just before and just after the run. */
  loadAverage: { before: number[]; after: number[] };
  /** Largest resident set of this process so far, in MiB. */
  peakRssMb: number;
  manifest: RunManifest;
  chain: { ms: number; articleId: string };
  /** From the start to the first answer, and from the last answer to the end (start-up, final writes). */
  firstAnswerMs: number;
  afterLastAnswerMs: number;
  profile?: CpuProfileResult;
}

/**
 * Runs the default pipeline (segment, translate, summarize, extract-quotes, transliterate) in
 * this process, with the cache off so every call reaches the simulator, into a fresh folder.
 */
export async function runPrevod(options: PrevodRunOptions): Promise<PrevodRunResult> {
  rmSync(options.outputDir, { recursive: true, force: true });
  const yaml = options.yaml ?? defaultPipelineYaml({ host: options.url, model: options.model, parallel: options.slots, defaults: `timeout: 60s${options.inFlight ? `, articles_in_flight: ${options.inFlight}` : ""}${options.gateThreads ? `, gate_threads: ${options.gateThreads}` : ""}` });
  const plan = await planFor({ host: options.url, model: options.model, outputDir: options.outputDir, yaml });
  const chains = createChainTracker(plan, options.latency);
  for (const article of options.articles) chains.addArticle(article);

  const profiler = options.profileFile ? await startCpuProfile() : undefined;
  const loadBefore = loadavg();
  const cpu = process.cpuUsage();
  const mainCpu = threadCpuMs();
  const started = performance.now();
  let firstAnswer: number | undefined;
  let lastAnswer = started;
  const result = await runPipeline({
    plan,
    articles: options.articles,
    cache: false,
    onEvent(event) {
      if (event.type === "model-call") {
        lastAnswer = performance.now();
        firstAnswer ??= lastAnswer;
      }
      chains.observe(event);
    },
  });
  const ended = performance.now();
  const wallMs = ended - started;
  const used = process.cpuUsage(cpu);
  const mainCpuAfter = threadCpuMs();
  const loadAfter = loadavg();
  const profile = profiler ? await profiler.stop(options.profileFile!) : undefined;
  return {
    wallMs,
    cpuMs: { user: used.user / 1000, system: used.system / 1000 },
    ...(mainCpu && mainCpuAfter ? { mainThreadCpuMs: mainCpuAfter.user + mainCpuAfter.system - mainCpu.user - mainCpu.system } : {}),
    loadAverage: { before: loadBefore, after: loadAfter },
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    manifest: result.manifest,
    chain: chains.longest(),
    firstAnswerMs: (firstAnswer ?? ended) - started,
    afterLastAnswerMs: ended - lastAnswer,
    profile,
  };
}
