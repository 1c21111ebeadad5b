import type { ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Queue, QueueEvents } from "bullmq";
import { Redis } from "ioredis";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, runCli, temporaryDirectory, writePipeline, type CliResult } from "./support/cli.js";
import { closedPort } from "./support/net.js";
import { redisMissing, startRedis, type TestRedis } from "./support/redis.js";
import { loadReferenceBook, referenceAnswerer } from "./support/reference-answerer.js";
import { startOllamaSimulator, type Simulator } from "./support/sim/index.js";
import { smallArticles } from "./support/small-articles.js";

/**
 * Issue 15.4: `prevod run --queue` hands each article to `prevod worker` processes through a
 * Redis the test starts itself (test/support/redis.ts), and writes what they return as a local
 * run would. These tests run the built CLI (npm run build first).
 */
const missing = redisMissing();
const MODEL = "queue:7b";
let redis: TestRedis;
let simulator: Simulator;
/** Slow enough (300 ms a call) that a worker is killed, or Redis restarted, while articles run. */
let slow: Simulator;
const temporary = temporaryDirectory("prevod-queue-");
const articles = smallArticles(8);
const ids = articles.map((article) => article.id);
const children = new Set<ChildProcess>();

beforeAll(async () => {
  if (missing) return;
  redis = await startRedis();
  const answer = referenceAnswerer(await loadReferenceBook(join(ROOT, "samples")));
  simulator = await startOllamaSimulator({ answer, models: [MODEL], parallel: 4, latency: { perCallMs: 20 } });
  slow = await startOllamaSimulator({ answer, models: [MODEL], parallel: 32, latency: { perCallMs: 300 } });
}, 30_000);
afterAll(async () => {
  for (const child of children) child.kill("SIGKILL");
  await simulator?.close();
  await slow?.close();
  await redis?.stop();
  temporary.cleanup();
});

/** One input file for every run: an article's origin (its file and line) is part of its output. */
function feed(_dir?: string): string {
  const file = join(temporary.dir, "articles.jsonl");
  writeFileSync(file, articles.map((article) => JSON.stringify({ id: article.id, title: article.title, text: article.text })).join("\n") + "\n");
  return file;
}

function folder(name: string, host = simulator.url): { dir: string; config: string } {
  const dir = join(temporary.dir, name);
  mkdirSync(dir);
  return { dir, config: writePipeline(dir, { host, model: MODEL, targets: "[en, ru]" }) };
}

let soloOut: Promise<string> | undefined;
/** The outputs of one single-process run over the articles (made once). */
function singleProcess(): Promise<string> {
  soloOut ??= (async () => {
    const solo = folder("solo");
    const local = await cli(["run", feed(), "-c", solo.config, "--no-cache", "--progress", "none"], { cwd: solo.dir, timeoutMs: 120_000 });
    expect(local.code, local.stderr).toBe(0);
    return join(solo.dir, "out");
  })();
  return soloOut;
}

/** Ids of the finished articles in the store, one row per article; and articles.jsonl's ids, one line per article. */
function stored(out: string): { store: string[]; jsonl: string[] } {
  const db = new Database(join(out, "prevod.db"), { readonly: true });
  try {
    return {
      store: (db.prepare("SELECT id FROM articles WHERE result IS NOT NULL ORDER BY id").all() as Array<{ id: string }>).map((row) => row.id),
      jsonl: readFileSync(join(out, "articles.jsonl"), "utf8")
        .trim()
        .split("\n")
        .map((line) => (JSON.parse(line) as { id: string }).id)
        .sort(),
    };
  } finally {
    db.close();
  }
}

async function waitFor(condition: () => Promise<boolean> | boolean, what: string, tries = 600): Promise<void> {
  for (let attempt = 0; attempt < tries; attempt++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** The test's own look at a queue: its jobs, and the jobs BullMQ found stalled (their worker gone). */
async function watchQueue(name: string) {
  const connection = new Redis(redis.url, { maxRetriesPerRequest: null });
  connection.on("error", () => {});
  const queue = new Queue(name, { connection });
  const eventsConnection = new Redis(redis.url, { maxRetriesPerRequest: null });
  eventsConnection.on("error", () => {});
  const events = new QueueEvents(name, { connection: eventsConnection });
  events.on("error", () => {});
  queue.on("error", () => {});
  await events.waitUntilReady();
  const stalled: string[] = [];
  events.on("stalled", ({ jobId }) => stalled.push(jobId));
  return {
    queue,
    stalled,
    async close() {
      await Promise.allSettled([events.close(), queue.close()]);
      connection.disconnect();
      eventsConnection.disconnect();
    },
  };
}

/** The CLI, its process stopped in afterAll if a failed test left it running (a coordinator waiting for a Redis that is gone). */
function cli(args: string[], options: Parameters<typeof runCli>[1] = {}): Promise<CliResult> {
  return runCli(args, {
    ...options,
    onSpawn: (child) => {
      children.add(child);
      child.once("exit", () => children.delete(child));
    },
  });
}

interface WorkerProcess {
  child: ChildProcess;
  done: Promise<CliResult>;
}

/**
 * A `prevod worker` process, resolved once it takes articles (so the workers of a test all take
 * part from the first article); stopped by the test (SIGTERM, or SIGKILL in afterAll).
 */
async function startWorker(dir: string, queue: string, extra: string[] = []): Promise<WorkerProcess> {
  let child: ChildProcess | undefined;
  let started: () => void = () => {};
  const taking = new Promise<void>((resolve) => (started = resolve));
  const done = runCli(["worker", "--queue", queue, "-c", join(dir, "pipeline.yaml"), "--no-cache", ...extra], {
    cwd: dir,
    timeoutMs: 240_000,
    onSpawn: (spawned) => {
      child = spawned;
      children.add(spawned);
      let stderr = "";
      spawned.stderr?.on("data", (chunk) => {
        stderr += String(chunk);
        if (stderr.includes("takes articles from")) started();
      });
    },
  });
  void done.then(() => children.delete(child!));
  // A worker that exits first (a refused --queue) resolves too: the test reads why from `done`.
  await Promise.race([taking, done]);
  return { child: child!, done };
}

/** The article files, without their usage (calls, cached, tokens: what differs between two runs). */
function comparable(out: string): Record<string, unknown> {
  const files = readdirSync(join(out, "articles")).filter((name) => name.endsWith(".json")).sort();
  return Object.fromEntries(files.map((name) => [name, strip(JSON.parse(readFileSync(join(out, "articles", name), "utf8")))]));
}

function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== "usage")
      .map(([key, inner]) => [key, strip(inner)]),
  );
}

describe.skipIf(missing !== undefined)("prevod run --queue with prevod worker (issue 15.4)", () => {
  it("one worker: every article goes through Redis, and the outputs are those of a single-process run", async () => {
    const solo = { dir: join(await singleProcess(), "..") };

    const queued = folder("queued");
    const url = `${redis.url}?queue=one`;
    const worker = await startWorker(queued.dir, url);
    const before = simulator.requests.length;
    const run = await cli(["run", feed(queued.dir), "-c", queued.config, "--queue", url, "--progress", "json"], { cwd: queued.dir, timeoutMs: 120_000 });
    expect(run.code, run.stderr).toBe(0);
    expect(simulator.requests.length).toBeGreaterThan(before);
    // The worker's model calls reach the coordinator's progress (and its run.json usage).
    const events = run.stderr.trim().split("\n").map((line) => JSON.parse(line) as { type: string; message?: string });
    const modelCalls = events.filter((event) => event.type === "model-call").length;
    expect(modelCalls).toBeGreaterThanOrEqual(ids.length);
    expect(events.some((event) => event.type === "notice" && /worker .+ is working/.test(event.message ?? ""))).toBe(true);
    const usage = (JSON.parse(readFileSync(join(queued.dir, "out", "run.json"), "utf8")) as { usage: { calls: number } }).usage;
    expect(usage.calls).toBe(modelCalls);
    worker.child.kill("SIGTERM");
    const stopped = await worker.done;
    expect(stopped.code, stopped.stderr).toBe(130);
    // The worker ran every article, once.
    expect(stopped.stdout.trim().split("\n").map((line) => line.split("\t")[1]).sort()).toEqual(ids);
    expect(run.stdout.trim().split("\n").map((line) => line.split("\t")[1]).sort()).toEqual(ids);
    expect(comparable(join(queued.dir, "out"))).toEqual(comparable(join(solo.dir, "out")));

    // A re-run enqueues nothing: every article is done in the store, and no model is called.
    const calls = simulator.requests.length;
    const again = await cli(["run", feed(queued.dir), "-c", queued.config, "--queue", url, "--progress", "none"], { cwd: queued.dir, timeoutMs: 60_000 });
    expect(again.code, again.stderr).toBe(0);
    expect(simulator.requests.length).toBe(calls);

    // Another coordinator (a new output folder) on the same queue: the job ids are the same, so
    // nothing is queued again; the results kept in Redis are collected without a model call,
    // and without any worker running.
    const second = folder("second");
    const collected = await cli(["run", feed(), "-c", second.config, "--queue", url, "--progress", "none"], { cwd: second.dir, timeoutMs: 60_000 });
    expect(collected.code, collected.stderr).toBe(0);
    expect(simulator.requests.length).toBe(calls);
    expect(comparable(join(second.dir, "out"))).toEqual(comparable(join(solo.dir, "out")));
  }, 240_000);

  it("run --queue --force runs every article again instead of collecting the results kept in Redis", async () => {
    const dir = folder("force");
    const url = `${redis.url}?queue=force`;
    const worker = await startWorker(dir.dir, url);
    try {
      const generations = () => simulator.requests.filter((request) => request.index !== undefined).length;
      const first = await cli(["run", feed(), "-c", dir.config, "--queue", url, "--progress", "none"], { cwd: dir.dir, timeoutMs: 120_000 });
      expect(first.code, first.stderr).toBe(0);
      const before = generations();
      const forced = await cli(["run", feed(), "-c", dir.config, "--queue", url, "--force", "--progress", "none"], { cwd: dir.dir, timeoutMs: 120_000 });
      expect(forced.code, forced.stderr).toBe(0);
      // Every article paid again (at least one generation each; the worker has no disk cache).
      expect(generations() - before).toBeGreaterThanOrEqual(ids.length);
      expect(stored(join(dir.dir, "out"))).toEqual({ store: ids, jsonl: ids });
    } finally {
      worker.child.kill("SIGTERM");
      await worker.done;
    }
  }, 180_000);

  it("a --queue where no Redis answers: run and worker each fail with one line naming the address", async () => {
    const dir = folder("no-redis");
    const url = `redis://127.0.0.1:${await closedPort()}/0`;
    const [run, worker] = await Promise.all([
      cli(["run", feed(), "-c", dir.config, "--queue", url, "--progress", "none"], { cwd: dir.dir, timeoutMs: 60_000 }),
      cli(["worker", "--queue", url, "-c", dir.config], { cwd: dir.dir, timeoutMs: 60_000 }),
    ]);
    for (const result of [run, worker]) {
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toContain(`Redis at ${url} does not answer`);
    }
    // Nothing was written for the run.
    expect(existsSync(join(dir.dir, "out", "run.json"))).toBe(false);
  }, 60_000);

  it("--record or --replay with --queue is a usage error", async () => {
    const dir = folder("usage");
    const result = await cli(["run", feed(dir.dir), "-c", dir.config, "--queue", redis.url, "--record", join(dir.dir, "rec"), "--progress", "none"], { cwd: dir.dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--record and --queue exclude each other/);
  });

  it("a job of another payload version is refused with an error naming both versions", async () => {
    const dir = folder("version");
    const name = "version";
    const connection = new Redis(redis.url, { maxRetriesPerRequest: null });
    const queue = new Queue(name, { connection });
    try {
      await queue.add("article", { v: 2, prevod: "9.9.9", answersHash: "x", index: 0, article: articles[0] }, { jobId: "by-hand" });
      const worker = await startWorker(dir.dir, `${redis.url}?queue=${name}`);
      let state = "";
      for (let tries = 0; tries < 300 && state !== "failed"; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        state = await queue.getJobState("by-hand");
      }
      expect(state).toBe("failed");
      const job = await queue.getJob("by-hand");
      expect(job?.failedReason).toMatch(/payload version 2 from prevod 9\.9\.9, but this worker \(prevod .+\) reads payload version 1/);
      // Refused once, not retried: no worker of this release can read it.
      expect(job?.attemptsMade).toBe(1);
      worker.child.kill("SIGTERM");
      const stopped = await worker.done;
      expect(stopped.stderr).toMatch(/payload version 2/);
    } finally {
      await queue.close();
      connection.disconnect();
    }
  }, 60_000);

  it("three workers, one killed with -9 mid-article: its article goes to another, every article ends exactly once, outputs as a single process", async () => {
    const solo = await singleProcess();
    const name = "three";
    const url = `${redis.url}?queue=${name}`;
    const watch = await watchQueue(name);
    try {
      const dir = folder("three", slow.url);
      const workers = await Promise.all(["w1", "w2", "victim"].map((worker) => startWorker(dir.dir, url, ["--name", worker, "--concurrency", "2", "--stall-seconds", "2"])));
      const run = cli(["run", feed(), "-c", dir.config, "--queue", url, "--progress", "none"], { cwd: dir.dir, timeoutMs: 180_000 });
      // Killed while it holds an article. (Waiting also for one to be done raced: with 8 articles
      // on 6 places the victim can finish its own before the first completion is polled, and then
      // holds nothing for the rest of the run.)
      let held: string[] = [];
      await waitFor(async () => {
        held = (await watch.queue.getActive()).filter((job) => job.processedBy === "victim").map((job) => job.id!);
        return held.length >= 1;
      }, "the victim to hold an article", 1_200);
      workers[2]!.child.kill("SIGKILL");
      const victim = await workers[2]!.done;
      expect(victim.signal).toBe("SIGKILL");
      // What it held when it died (not what it held when polled: it may have finished one since).
      held = (await watch.queue.getActive()).filter((job) => job.processedBy === "victim").map((job) => job.id!);
      expect(held.length).toBeGreaterThan(0);
      const result = await run;
      expect(result.code, result.stderr).toBe(0);
      // BullMQ found the article(s) it held stalled, and another worker finished them.
      expect(watch.stalled).toEqual(expect.arrayContaining(held));
      for (const id of held) expect((await watch.queue.getJob(id))?.processedBy).not.toBe("victim");
      for (const worker of workers.slice(0, 2)) worker.child.kill("SIGTERM");
      const survivors = await Promise.all(workers.slice(0, 2).map((worker) => worker.done));
      // No article was delivered twice: the workers' lines name each id at most once (the victim
      // may have finished one in Redis and been killed before its line was printed).
      const delivered = [...survivors, victim].flatMap((worker) => worker.stdout.trim().split("\n").filter(Boolean)).filter((line) => !line.startsWith("taken-over"));
      const deliveredIds = delivered.map((line) => line.split("\t")[1]);
      expect(new Set(deliveredIds).size).toBe(deliveredIds.length);
      // Each job finished once, as BullMQ records it.
      const completed = await watch.queue.getCompleted(0, -1);
      expect(completed.map((job) => (job.data as { article: { id: string } }).article.id).sort()).toEqual(ids);
      expect(await watch.queue.getFailedCount()).toBe(0);
      const out = join(dir.dir, "out");
      expect(stored(out)).toEqual({ store: ids, jsonl: ids });
      expect(result.stdout.trim().split("\n").map((line) => line.split("\t")[1]).sort()).toEqual(ids);
      expect(comparable(out)).toEqual(comparable(solo));
    } finally {
      await watch.close();
    }
  }, 240_000);

  it("Redis restarted mid-run: the run resumes and ends with every article, nothing lost", async () => {
    const solo = await singleProcess();
    const name = "restart";
    const url = `${redis.url}?queue=${name}`;
    const dir = folder("restart", slow.url);
    const watch = await watchQueue(name);
    const workers = await Promise.all(["r1", "r2"].map((worker) => startWorker(dir.dir, url, ["--name", worker, "--concurrency", "2", "--stall-seconds", "2"])));
    try {
      const run = cli(["run", feed(), "-c", dir.config, "--queue", url, "--progress", "none"], { cwd: dir.dir, timeoutMs: 180_000 });
      await waitFor(async () => (await watch.queue.getCompletedCount()) >= 2 && (await watch.queue.getActiveCount()) > 0, "two articles done and more running");
      await redis.restart();
      const result = await run;
      expect(result.code, result.stderr).toBe(0);
      const out = join(dir.dir, "out");
      expect(stored(out)).toEqual({ store: ids, jsonl: ids });
      expect(comparable(out)).toEqual(comparable(solo));
      for (const worker of workers) worker.child.kill("SIGTERM");
      const stopped = await Promise.all(workers.map((worker) => worker.done));
      for (const worker of stopped) expect(worker.code, worker.stderr).toBe(130);
      if (process.env.QUEUE_DEBUG) console.log(result.stderr, stopped.map((worker) => worker.stderr).join("\n"));
    } finally {
      for (const worker of workers) worker.child.kill("SIGKILL");
      await watch.close();
    }
  }, 240_000);

  it("Redis loses every job mid-run (FLUSHALL, as a restart without persistence): the coordinator queues the lost articles again, nothing is lost", async () => {
    const name = "flushed";
    const url = `${redis.url}?queue=${name}`;
    const dir = folder("flushed", slow.url);
    const watch = await watchQueue(name);
    // One article at a time per worker: two run, six wait, so "two done and more waiting" is seen
    // (with four running, articles of one length finished together and nothing was ever left waiting).
    const workers = await Promise.all(["f1", "f2"].map((worker) => startWorker(dir.dir, url, ["--name", worker, "--concurrency", "1", "--stall-seconds", "2"])));
    try {
      const run = cli(["run", feed(), "-c", dir.config, "--queue", url, "--progress", "none"], { cwd: dir.dir, timeoutMs: 180_000 });
      await waitFor(async () => (await watch.queue.getCompletedCount()) >= 2 && (await watch.queue.getWaitingCount()) > 0, "two articles done and more waiting");
      const connection = new Redis(redis.url);
      await connection.flushall();
      connection.disconnect();
      const result = await run;
      expect(result.code, result.stderr).toBe(0);
      const out = join(dir.dir, "out");
      expect(stored(out)).toEqual({ store: ids, jsonl: ids });
      expect(comparable(out)).toEqual(comparable(await singleProcess()));
    } finally {
      for (const worker of workers) worker.child.kill("SIGTERM");
      await Promise.all(workers.map((worker) => worker.done));
      await watch.close();
    }
  }, 180_000);

  it("a worker with another pipeline is refused with one line; once it has the coordinator's pipeline, the re-run retries the refused jobs and ends", async () => {
    const dir = folder("refused");
    const url = `${redis.url}?queue=refused`;
    const other = join(temporary.dir, "other-pipeline");
    mkdirSync(other);
    writePipeline(other, { host: simulator.url, model: MODEL, targets: "[en]" });
    const wrong = await startWorker(other, url, ["--name", "wrong"]);
    const refused = await cli(["run", feed(), "-c", dir.config, "--queue", url, "--progress", "none"], { cwd: dir.dir, timeoutMs: 60_000 });
    wrong.child.kill("SIGTERM");
    await wrong.done;
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/a worker refused article small-\d+: worker wrong has another pipeline/);

    const right = await startWorker(dir.dir, url, ["--name", "right"]);
    const rerun = await cli(["run", feed(), "-c", dir.config, "--queue", url, "--progress", "none"], { cwd: dir.dir, timeoutMs: 120_000 });
    right.child.kill("SIGTERM");
    await right.done;
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(stored(join(dir.dir, "out"))).toEqual({ store: ids, jsonl: ids });
  }, 180_000);

  it("a worker whose only host goes down mid-run stops with one line; the articles it held go to the other worker, and every article ends ok", async () => {
    const name = "host-down";
    const url = `${redis.url}?queue=${name}`;
    const dir = folder("host-down", slow.url);
    const doomedHost = await startOllamaSimulator({ answer: referenceAnswerer(await loadReferenceBook(join(ROOT, "samples"))), models: [MODEL], parallel: 32, latency: { perCallMs: 300 } });
    const doomedDir = join(temporary.dir, "host-down-doomed");
    mkdirSync(doomedDir);
    writePipeline(doomedDir, { host: doomedHost.url, model: MODEL, targets: "[en, ru]" });
    // Waited for one second only, so the test does not wait the default ten minutes.
    const file = join(doomedDir, "pipeline.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace(/parallel: 4\n/, "parallel: 4\n    outage_limit: 1s\n"));
    const watch = await watchQueue(name);
    const doomed = await startWorker(doomedDir, url, ["--name", "doomed", "--concurrency", "2", "--stall-seconds", "2"]);
    const steady = await startWorker(dir.dir, url, ["--name", "steady", "--concurrency", "2", "--stall-seconds", "2"]);
    try {
      const run = cli(["run", feed(), "-c", dir.config, "--queue", url, "--progress", "none"], { cwd: dir.dir, timeoutMs: 180_000 });
      await waitFor(async () => (await watch.queue.getActive()).some((job) => job.processedBy === "doomed"), "the doomed worker to hold an article");
      await doomedHost.close();
      const stopped = await doomed.done;
      expect(stopped.code).not.toBe(0);
      expect(stopped.stderr).toMatch(/worker doomed stops: .*the articles it held go back to the queue/);
      const result = await run;
      expect(result.code, result.stderr).toBe(0);
      expect(stored(join(dir.dir, "out"))).toEqual({ store: ids, jsonl: ids });
      expect(comparable(join(dir.dir, "out"))).toEqual(comparable(await singleProcess()));
    } finally {
      steady.child.kill("SIGTERM");
      await steady.done;
      await doomedHost.close().catch(() => {});
      await watch.close();
    }
  }, 180_000);

  it("--shared-cache: a worker on another queue is served the answers another worker paid for, and the cache keeps within its size", async () => {
    const solo = await singleProcess();
    const first = folder("shared-a");
    const urlA = `${redis.url}?queue=shared-a`;
    const workerA = await startWorker(first.dir, urlA, ["--shared-cache", "64"]);
    const runA = await cli(["run", feed(), "-c", first.config, "--queue", urlA, "--progress", "none"], { cwd: first.dir, timeoutMs: 120_000 });
    workerA.child.kill("SIGTERM");
    await workerA.done;
    expect(runA.code, runA.stderr).toBe(0);

    // Another queue (new job ids), another output folder, a worker without any disk cache: every
    // answer comes from Redis, no call reaches the model.
    const second = folder("shared-b");
    const urlB = `${redis.url}?queue=shared-b`;
    const generations = () => simulator.requests.filter((request) => request.index !== undefined).length;
    const calls = generations();
    const workerB = await startWorker(second.dir, urlB, ["--shared-cache", "64"]);
    const runB = await cli(["run", feed(), "-c", second.config, "--queue", urlB, "--progress", "none"], { cwd: second.dir, timeoutMs: 120_000 });
    workerB.child.kill("SIGTERM");
    await workerB.done;
    expect(runB.code, runB.stderr).toBe(0);
    expect(generations()).toBe(calls);
    const manifest = JSON.parse(readFileSync(join(second.dir, "out", "run.json"), "utf8")) as { usage: { calls: number; cached: number } };
    expect(manifest.usage.cached).toBeGreaterThan(0);
    expect(manifest.usage.calls).toBe(0);
    expect(comparable(join(second.dir, "out"))).toEqual(comparable(solo));

    // A limit of 4 KB: the oldest answers go, the total stays within it.
    const connection = new Redis(redis.url);
    try {
      await connection.del("prevod:answers:index", "prevod:answers:bytes", ...(await connection.keys("prevod:answers:a:*")));
      const small = folder("shared-small");
      const urlC = `${redis.url}?queue=shared-small`;
      const workerC = await startWorker(small.dir, urlC, ["--shared-cache", String(4 / 1024)]);
      const runC = await cli(["run", feed(), "-c", small.config, "--queue", urlC, "--progress", "none"], { cwd: small.dir, timeoutMs: 120_000 });
      workerC.child.kill("SIGTERM");
      await workerC.done;
      expect(runC.code, runC.stderr).toBe(0);
      const keys = await connection.keys("prevod:answers:a:*");
      const sizes = await Promise.all(keys.map((key) => connection.strlen(key)));
      const total = sizes.reduce((sum, size) => sum + size, 0);
      expect(keys.length).toBeGreaterThan(0);
      expect(total).toBeLessThanOrEqual(4096);
      expect(Number(await connection.get("prevod:answers:bytes"))).toBe(total);
      expect(await connection.zcard("prevod:answers:index")).toBe(keys.length);
    } finally {
      connection.disconnect();
    }
  }, 240_000);
});
