/**
 * `npm run bench:queue` (issue 15.4): throughput of `prevod run --queue` with one worker, then
 * with three, each worker with its own simulated model host (a simulator child process of its
 * own, the same slots and latency). Prints wall time, articles per second, the ratio (goal
 * ≥ 2.7×) and the load average beside them; asserts nothing.
 *
 *   npm run bench:queue -- [--articles 36] [--slots 4] [--per-call-ms 250] [--workers 3]
 *
 * Everything runs as a user would run it: the built CLI (`node dist/cli/main.js`), a
 * redis-server of the bench's own on a free loopback port (test/support/redis.ts), the default
 * pipeline with the cache off. The workers are started, and ready, before the coordinator: the
 * time is the coordinator's run (run.json wall_ms), and, beside it, the span of the jobs as
 * Redis recorded them (first taken to last finished).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { defaultPipelineYaml } from "../test/support/pipeline.js";
import { redisMissing, startRedis, type TestRedis } from "../test/support/redis.js";
import { benchArticles } from "./articles.js";
import { startSimulatorProcess, type SimulatorProcess } from "./simulator-process.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const CLI = join(ROOT, "dist", "cli", "main.js");
const MODEL = "bench:7b";
const { values } = parseArgs({
  options: {
    articles: { type: "string", default: "36" },
    slots: { type: "string", default: "4" },
    "per-call-ms": { type: "string", default: "250" },
    workers: { type: "string", default: "3" },
  },
});
const count = Number(values.articles);
const slots = Number(values.slots);
const perCallMs = Number(values["per-call-ms"]);
const many = Number(values.workers);
const say = (text: string) => process.stderr.write(`${text}\n`);
const load = () => loadavg().map((value) => value.toFixed(2)).join(" ");

if (redisMissing()) process.exit(0);
const work = mkdtempSync(join(tmpdir(), "prevod-bench-queue-"));
const articles = benchArticles(count, { samplesDir: join(ROOT, "samples") });
const input = join(work, "articles.jsonl");
writeFileSync(input, articles.map((article) => JSON.stringify({ id: article.id, title: article.title, text: article.text })).join("\n") + "\n");
const children = new Set<ChildProcess>();

interface Figures {
  workers: number;
  wallS: number;
  jobSpanS: number;
  /** CPU the worker processes used (user + system, from /proc), start-up included. */
  readonly workerCpuS: number;
  /** CPU of the coordinator process (start-up included) and of the simulators over the run. */
  coordinatorCpuS: number;
  simulatorsCpuS: number;
  /** Articles each worker finished. */
  by: string;
  perSecond: number;
  calls: number;
  ok: number;
  load: string;
}

let redis: TestRedis | undefined;
try {
  redis = await startRedis();
  const one = await scenario(redis, 1);
  const spread = await scenario(redis, many);
  const ratio = spread.perSecond / one.perSecond;
  const rows = [one, spread].map(
    (f) => `  ${f.workers} worker(s): ${f.ok}/${count} ok, wall ${f.wallS.toFixed(1)} s (jobs ${f.jobSpanS.toFixed(1)} s), ${f.perSecond.toFixed(2)} articles/s, ${f.calls} model calls (articles by worker: ${f.by}), CPU s: workers ${f.workerCpuS.toFixed(1)}, coordinator ${f.coordinatorCpuS.toFixed(1)}, simulators ${f.simulatorsCpuS.toFixed(1)} · load ${f.load}`,
  );
  process.stdout.write(
    [
      `queue bench: ${count} articles, default pipeline, each worker with its own simulated host (${slots} slots, ${perCallMs} ms per call), ${availableParallelism()} CPUs`,
      ...rows,
      `  efficiency (ideal = simulated call time / all slots): 1 worker ${((one.calls * perCallMs) / slots / 1000 / one.wallS).toFixed(2)}, ${many} workers ${((spread.calls * perCallMs) / (slots * many) / 1000 / spread.wallS).toFixed(2)}`,
      `  throughput ${many} workers / 1 worker: ${ratio.toFixed(2)}× (goal ≥ 2.7×); by job span ${(one.jobSpanS / spread.jobSpanS).toFixed(2)}×`,
      "",
    ].join("\n"),
  );
} finally {
  for (const child of children) child.kill("SIGKILL");
  await redis?.stop();
  rmSync(work, { recursive: true, force: true });
}

async function scenario(redis: TestRedis, workers: number): Promise<Figures> {
  let workerCpuS = 0;
  let coordinatorCpuS = 0;
  let simulatorsCpuS = 0;
  const name = `bench-${workers}`;
  const url = `${redis.url}?queue=${name}`;
  const dir = join(work, name);
  mkdirSync(dir);
  say(`${workers} worker(s): starting ${workers} simulator(s) and worker(s)…`);
  const simulators: SimulatorProcess[] = await Promise.all(
    Array.from({ length: workers }, () => startSimulatorProcess({ model: MODEL, slots, latency: { perCallMs }, maxQueue: 1_000_000, samplesDir: join(ROOT, "samples") })),
  );
  const running: Array<{ child: ChildProcess; exited: Promise<void> }> = [];
  try {
    for (const [index, simulator] of simulators.entries()) {
      const own = join(dir, `worker-${index + 1}`);
      mkdirSync(own);
      writeFileSync(join(own, "pipeline.yaml"), defaultPipelineYaml({ host: simulator.url, model: MODEL, parallel: slots, defaults: "timeout: 60s" }));
      // Two articles per slot keep the host busy; more would hold articles another worker could run.
      running.push(await startWorker(own, url, ["--name", `w${index + 1}`, "--concurrency", String(2 * slots)]));
    }
    writeFileSync(join(dir, "pipeline.yaml"), defaultPipelineYaml({ host: simulators[0]!.url, model: MODEL, parallel: slots, defaults: "timeout: 60s" }));
    const loadBefore = load();
    const simulatorsBefore = simulatorCpuSeconds();
    const code = await new Promise<number | null>((resolve) => {
      const child = spawn(process.execPath, [CLI, "run", input, "-c", join(dir, "pipeline.yaml"), "--queue", url, "--progress", "none"], { cwd: dir, stdio: ["ignore", "ignore", "inherit"] });
      children.add(child);
      // Its last reading before it exits: /proc has nothing of a process that is gone.
      const sample = setInterval(() => (coordinatorCpuS = cpuSeconds(child.pid) || coordinatorCpuS), 200);
      child.on("exit", (exitCode) => (clearInterval(sample), children.delete(child), resolve(exitCode)));
    });
    simulatorsCpuS = simulatorCpuSeconds() - simulatorsBefore;
    if (code !== 0) throw new Error(`the coordinator exited with ${code}`);
    const manifest = JSON.parse(readFileSync(join(dir, "out", "run.json"), "utf8")) as { wall_ms: number; counts: { ok: number }; usage: { calls: number } };
    const span = await jobSpan(redis, name);
    const wallS = manifest.wall_ms / 1000;
    return { workers, coordinatorCpuS, simulatorsCpuS, get workerCpuS() { return workerCpuS; }, by: span.by, wallS, jobSpanS: span.ms / 1000, perSecond: count / wallS, calls: manifest.usage.calls, ok: manifest.counts.ok, load: `${loadBefore} → ${load()}` };
  } finally {
    workerCpuS = running.reduce((sum, worker) => sum + cpuSeconds(worker.child.pid), 0);
    for (const worker of running) worker.child.kill("SIGTERM");
    await Promise.all(running.map((worker) => worker.exited));
    await Promise.all(simulators.map((simulator) => simulator.close()));
  }
}

/** A `prevod worker` process, resolved once it says it takes articles. */
async function startWorker(dir: string, url: string, extra: string[]): Promise<{ child: ChildProcess; exited: Promise<void> }> {
  const child = spawn(process.execPath, [CLI, "worker", "--queue", url, "-c", join(dir, "pipeline.yaml"), "--no-cache", ...extra], { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
  children.add(child);
  const exited = new Promise<void>((resolve) => child.once("exit", () => (children.delete(child), resolve())));
  let stderr = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`a worker did not start within 30 s: ${stderr}`)), 30_000);
    child.stderr!.on("data", (chunk) => {
      stderr += String(chunk);
      if (stderr.includes("takes articles from")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", (code) => reject(new Error(`a worker exited with ${code}: ${stderr}`)));
  });
  return { child, exited };
}

/** User + system CPU of a live process, from /proc/<pid>/stat (0 where /proc is absent). */
function cpuSeconds(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** CPU of this bench's simulator children (bench/simulator-child.ts), found in /proc by parent pid. */
function simulatorCpuSeconds(): number {
  let total = 0;
  try {
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, "utf8").split(") ")[1]!.split(" ");
        if (Number(stat[1]) !== process.pid || !readFileSync(`/proc/${entry}/cmdline`, "utf8").includes("simulator-child")) continue;
        total += (Number(stat[11]) + Number(stat[12])) / 100;
      } catch {
        // gone meanwhile
      }
    }
  } catch {
    return 0;
  }
  return total;
}

/** First job taken to last job finished, as Redis recorded them. */
async function jobSpan(redis: TestRedis, name: string): Promise<{ ms: number; by: string }> {
  const connection = new Redis(redis.url, { maxRetriesPerRequest: null });
  const queue = new Queue(name, { connection });
  try {
    const jobs = await queue.getCompleted(0, -1);
    const started = Math.min(...jobs.map((job) => job.processedOn ?? Infinity));
    const finished = Math.max(...jobs.map((job) => job.finishedOn ?? 0));
    const by = new Map<string, { n: number; last: number }>();
    for (const job of jobs) {
      const worker = by.get(job.processedBy ?? "?") ?? { n: 0, last: 0 };
      by.set(job.processedBy ?? "?", { n: worker.n + 1, last: Math.max(worker.last, job.finishedOn ?? 0) });
    }
    // Each worker's count, and when its last article ended (seconds after the first job started).
    return { ms: finished - started, by: [...by].sort().map(([worker, { n, last }]) => `${worker} ${n} until ${((last - started) / 1000).toFixed(1)} s`).join(", ") };
  } finally {
    await queue.close();
    connection.disconnect();
  }
}
