import type { ChildProcess } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, runCli, temporaryDirectory, writePipeline, type CliResult } from "./support/cli.js";
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
const temporary = temporaryDirectory("prevod-queue-");
const articles = smallArticles(8);
const ids = articles.map((article) => article.id);
const children = new Set<ChildProcess>();

beforeAll(async () => {
  if (missing) return;
  redis = await startRedis();
  simulator = await startOllamaSimulator({ answer: referenceAnswerer(await loadReferenceBook(join(ROOT, "samples"))), models: [MODEL], parallel: 4, latency: { perCallMs: 20 } });
}, 30_000);
afterAll(async () => {
  for (const child of children) child.kill("SIGKILL");
  await simulator?.close();
  await redis?.stop();
  temporary.cleanup();
});

/** One input file for every run: an article's origin (its file and line) is part of its output. */
function feed(_dir?: string): string {
  const file = join(temporary.dir, "articles.jsonl");
  writeFileSync(file, articles.map((article) => JSON.stringify({ id: article.id, title: article.title, text: article.text })).join("\n") + "\n");
  return file;
}

function folder(name: string): { dir: string; config: string } {
  const dir = join(temporary.dir, name);
  mkdirSync(dir);
  return { dir, config: writePipeline(dir, { host: simulator.url, model: MODEL, targets: "[en, ru]" }) };
}

interface WorkerProcess {
  child: ChildProcess;
  done: Promise<CliResult>;
}

/** A `prevod worker` process; stopped by the test (SIGTERM, or SIGKILL in afterAll). */
async function startWorker(dir: string, queue: string, extra: string[] = []): Promise<WorkerProcess> {
  let child: ChildProcess | undefined;
  const done = runCli(["worker", "--queue", queue, "-c", join(dir, "pipeline.yaml"), "--no-cache", ...extra], {
    cwd: dir,
    timeoutMs: 240_000,
    onSpawn: (spawned) => {
      child = spawned;
      children.add(spawned);
    },
  });
  void done.then(() => children.delete(child!));
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
    const solo = folder("solo");
    const local = await runCli(["run", feed(solo.dir), "-c", solo.config, "--no-cache", "--progress", "none"], { cwd: solo.dir, timeoutMs: 120_000 });
    expect(local.code, local.stderr).toBe(0);

    const queued = folder("queued");
    const url = `${redis.url}?queue=one`;
    const worker = await startWorker(queued.dir, url);
    const before = simulator.requests.length;
    const run = await runCli(["run", feed(queued.dir), "-c", queued.config, "--queue", url, "--progress", "none"], { cwd: queued.dir, timeoutMs: 120_000 });
    expect(run.code, run.stderr).toBe(0);
    expect(simulator.requests.length).toBeGreaterThan(before);
    worker.child.kill("SIGTERM");
    const stopped = await worker.done;
    expect(stopped.code, stopped.stderr).toBe(130);
    // The worker ran every article, once.
    expect(stopped.stdout.trim().split("\n").map((line) => line.split("\t")[1]).sort()).toEqual(ids);
    expect(run.stdout.trim().split("\n").map((line) => line.split("\t")[1]).sort()).toEqual(ids);
    expect(comparable(join(queued.dir, "out"))).toEqual(comparable(join(solo.dir, "out")));

    // A re-run enqueues nothing: every article is done in the store, and no model is called.
    const calls = simulator.requests.length;
    const again = await runCli(["run", feed(queued.dir), "-c", queued.config, "--queue", url, "--progress", "none"], { cwd: queued.dir, timeoutMs: 60_000 });
    expect(again.code, again.stderr).toBe(0);
    expect(simulator.requests.length).toBe(calls);

    // Another coordinator (a new output folder) on the same queue: the job ids are the same, so
    // nothing is queued again; the results kept in Redis are collected without a model call,
    // and without any worker running.
    const second = folder("second");
    const collected = await runCli(["run", feed(), "-c", second.config, "--queue", url, "--progress", "none"], { cwd: second.dir, timeoutMs: 60_000 });
    expect(collected.code, collected.stderr).toBe(0);
    expect(simulator.requests.length).toBe(calls);
    expect(comparable(join(second.dir, "out"))).toEqual(comparable(join(solo.dir, "out")));
  }, 240_000);

  it("--record or --replay with --queue is a usage error", async () => {
    const dir = folder("usage");
    const result = await runCli(["run", feed(dir.dir), "-c", dir.config, "--queue", redis.url, "--record", join(dir.dir, "rec"), "--progress", "none"], { cwd: dir.dir });
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
});
