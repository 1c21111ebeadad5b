import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { LatencyModel } from "../test/support/sim/index.js";
import { smallArticles } from "../test/support/small-articles.js";
import { startSimulatorProcess } from "./simulator-process.js";
import { defaultPipelineYaml } from "../test/support/pipeline.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const CLI = join(ROOT, "dist/cli/main.js");
/**
 * Loaded before the CLI: when it exits, prints its peak resident set and the most heap in use
 * right after a full garbage collection (what the run really keeps alive, without the garbage
 * V8 lets pile up between collections).
 */
const PROBE_SOURCE = `
import { PerformanceObserver, constants } from "node:perf_hooks";
import { getHeapStatistics } from "node:v8";
let live = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (entry.detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) live = Math.max(live, getHeapStatistics().used_heap_size);
  }
}).observe({ entryTypes: ["gc"] });
process.on("exit", () => process.stderr.write("\\nprevod-memory-probe " + process.resourceUsage().maxRSS + " " + Math.round(live / 1024) + "\\n"));
`;
export const PROBE = `data:text/javascript,${encodeURIComponent(PROBE_SOURCE)}`;

export interface MemoryRun {
  articles: number;
  peakRssMb: number;
  /** Most heap in use right after a full collection, in MiB. */
  liveHeapMb: number;
  wallMs: number;
  exitCode: number | null;
  counts: Record<string, number>;
  calls: number;
}

export interface MemoryOptions {
  samplesDir: string;
  ntrexFile?: string;
  sizes: number[];
  slots: number;
  latency: LatencyModel;
  workDir: string;
}

/**
 * Peak RSS of the real CLI (`node dist/cli/main.js run feed.jsonl`) on feeds of small articles,
 * each size in a fresh process so one run cannot warm or bloat the other. Input is a JSONL file
 * the CLI streams; the cache is off so every article costs the same calls.
 */
export async function measureMemory(options: MemoryOptions): Promise<MemoryRun[]> {
  const model = "bench-memory:7b";
  const simulator = await startSimulatorProcess({ model, slots: options.slots, latency: options.latency, maxQueue: 100_000, samplesDir: options.samplesDir, ntrexFile: options.ntrexFile });
  const runs: MemoryRun[] = [];
  try {
    for (const size of options.sizes) {
      const dir = join(options.workDir, `memory-${size}`);
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      const feed = join(dir, "feed.jsonl");
      writeFileSync(feed, smallArticles(size, { ntrexFile: options.ntrexFile }).map(({ id, title, text }) => JSON.stringify({ id, title, text })).join("\n") + "\n");
      const config = join(dir, "pipeline.yaml");
      writeFileSync(config, defaultPipelineYaml({ host: simulator.url, model, parallel: options.slots, defaults: "timeout: 60s" }));
      const started = performance.now();
      const { code, stderr } = await runCli(["run", feed, "-c", config, "-o", join(dir, "out"), "--no-cache", "--progress", "none"]);
      const wallMs = performance.now() - started;
      const probe = readProbe(stderr);
      if (!probe) throw new Error(`the memory run on ${size} articles printed no peak RSS (exit ${code}):\n${stderr.slice(-2000)}`);
      const manifest = JSON.parse(readFileSync(join(dir, "out", "run.json"), "utf8")) as { counts: Record<string, number>; usage: { calls: number } };
      runs.push({ articles: size, peakRssMb: probe.rssKb / 1024, liveHeapMb: probe.liveKb / 1024, wallMs, exitCode: code, counts: manifest.counts, calls: manifest.usage.calls });
      await simulator.endPhase();
      rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    await simulator.close();
  }
  return runs;
}


/** Peak RSS and most live heap (KiB) the probe printed on a child's stderr, if it did. */
export function readProbe(stderr: string): { rssKb: number; liveKb: number } | undefined {
  const [, rss, live] = /prevod-memory-probe (\d+) (\d+)/.exec(stderr) ?? [];
  return rss && live ? { rssKb: Number(rss), liveKb: Number(live) } : undefined;
}

/** Runs the built CLI with the memory probe loaded (and any extra node flags first). */
export function runCli(args: string[], nodeFlags: string[] = []): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeFlags, "--import", PROBE, CLI, ...args], { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      // Keep only the tail: a run with many failures could print a lot.
      stderr = (stderr + chunk.toString()).slice(-20_000);
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stderr }));
  });
}
