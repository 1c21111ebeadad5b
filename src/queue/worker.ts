import { hostname } from "node:os";
import { setMaxListeners } from "node:events";
import { UnrecoverableError, Worker, type Job } from "bullmq";
import { describeError, isPrevodError, type PrevodError } from "../errors.js";
import type { RunEvent, RunEventListener } from "../engine/events.js";
import { buildModelStack, preflight, warmup } from "../engine/model-stack.js";
import { processArticle } from "../engine/process-article.js";
import { withSettingHint } from "../engine/setting-hints.js";
import type { Plan } from "../graph/plan.js";
import type { ArticleStatus } from "../outputs/article-schema.js";
import { VERSION } from "../version.js";
import { connect, type QueueAddress } from "./connection.js";
import { withSharedCache } from "./shared-cache.js";
import { quit, ready, REFUSED } from "./coordinator.js";
import { PAYLOAD_VERSION, readPayload, toJobResult, type JobProgress, type JobResult } from "./payload.js";
import { DEFAULT_STALL_MS } from "./defaults.js";
import { openGates, type GateRunner } from "../checks/pool/gate-pool.js";

export interface QueueWorkerOptions {
  address: QueueAddress;
  /**
   * This machine's plan: the coordinator's pipeline, with this machine's model hosts. Its run
   * says how many articles at once (articlesInFlight) and whether this machine's cache is used.
   */
  plan: Plan;
  /** @default `<hostname>-<pid>` */
  name?: string;
  /**
   * How long an article stays with a worker that stopped renewing its lock (killed, cut off)
   * before another worker takes it: BullMQ's lockDuration and stalledInterval. Default DEFAULT_STALL_MS (30 s).
   */
  stallMs?: number;
  /** Share answers with every worker through this Redis, keeping at most this many bytes. @default off */
  sharedCacheBytes?: number;
  /** Stop taking articles; the ones running finish and are delivered. */
  signal: AbortSignal;
  onEvent?: RunEventListener;
  /** Each article this worker finished (or that another finished first: `delivered` false). */
  onArticle?: (id: string, status: ArticleStatus, delivered: boolean) => void;
  environment?: NodeJS.ProcessEnv;
  /** How long to wait for Redis at the start before failing with one line. @default 10000 */
  connectTimeoutMs?: number;
}

/** Where the shared answers live in Redis: one cache per Redis database, whatever the queue. */
export const SHARED_CACHE_PREFIX = "prevod:answers";

/** How often a running article's events go to the coordinator (job.updateProgress). */
const FLUSH_MS = 250;

/**
 * `prevod worker`: takes article jobs from the queue and runs them against this machine's model
 * hosts, with processArticle as a local run would. BullMQ's lock and stalled-job check give an
 * article held by a killed worker to another one. Resolves when the signal aborts and the
 * articles running have been delivered.
 */
export async function runQueueWorker(options: QueueWorkerOptions): Promise<{ processed: number }> {
  const { plan, address } = options;
  // Redis first: a wrong --queue is one line at once, not a worker that waits in silence.
  const probe = connect(address);
  await ready(probe, address, options.connectTimeoutMs ?? 10_000);
  await quit(probe);
  const name = options.name ?? `${hostname()}-${process.pid}`;
  const emit = (event: RunEvent) => options.onEvent?.(event);
  const stopNow = new AbortController();
  setMaxListeners(0, stopNow.signal);
  // An error no retry cures here (this machine's hosts gone past outage_limit, a refused option):
  // this worker stops, and the articles it held go back to the queue for the other workers.
  let stopError: PrevodError | undefined;
  let halt = () => {};
  // The gates' worker threads (defaults.gate_threads), opened at the first article, closed at the end.
  let gates: GateRunner | undefined;
  const stack = await buildModelStack(plan, {
    onEvent: emit,
    environment: options.environment,
    onStop: (error, model) => {
      if (stopError) return;
      stopError = withSettingHint(error, model, plan);
      emit({ type: "warning", message: `worker ${name} stops: ${stopError.message}; the articles it held go back to the queue` });
      stopNow.abort(stopError);
      halt();
    },
  });
  await preflight(stack, options.signal);
  await warmup(stack, options.signal, (error, model) => withSettingHint(error, model, plan));
  const cacheConnection = options.sharedCacheBytes === undefined ? undefined : connect(address);
  if (cacheConnection) {
    const shared = withSharedCache({ redis: cacheConnection, prefix: SHARED_CACHE_PREFIX, maxBytes: options.sharedCacheBytes! });
    for (const [model, wrapped] of stack.models) stack.models.set(model, shared(wrapped));
  }
  let processed = 0;

  const run = async (job: Job): Promise<JobResult> => {
    let payload;
    try {
      payload = readPayload(job.data, VERSION);
    } catch (error) {
      throw new UnrecoverableError(`${REFUSED}worker ${name}: ${describeError(error)}`);
    }
    if (payload.answersHash !== plan.answersHash) {
      throw new UnrecoverableError(
        `${REFUSED}worker ${name} has another pipeline (answers hash ${plan.answersHash.slice(0, 12)}, the coordinator's ${payload.answersHash.slice(0, 12)}): prompts, models, targets, options or steps differ; give every worker the coordinator's pipeline.yaml, changing only the model hosts`,
      );
    }
    let buffer: RunEvent[] = [];
    let sending = Promise.resolve();
    const flush = () => {
      if (buffer.length === 0) return sending;
      const progress: JobProgress = { v: PAYLOAD_VERSION, worker: name, events: buffer };
      buffer = [];
      sending = sending.then(() => job.updateProgress(progress as unknown as object).catch(() => {}));
      return sending;
    };
    const timer = setInterval(() => void flush(), FLUSH_MS);
    try {
      const result = await processArticle(payload.article, payload.index, {
        plan,
        models: stack.models,
        signal: stopNow.signal,
        gates: (gates ??= openGates(plan.run.gateThreads)),
        onEvent: (event) => {
          buffer.push(event);
          emit(event);
        },
      });
      clearInterval(timer);
      await flush();
      // Not this article's failure but this worker's: a plain error, so BullMQ tries it again elsewhere.
      if (stopError) throw new Error(`worker ${name} stopped (${stopError.message}); the article is tried again`);
      processed++;
      return toJobResult(result, name);
    } finally {
      clearInterval(timer);
    }
  };

  const connection = connect(address);
  const worker = new Worker(address.name, run, {
    connection,
    // Recorded on each job it takes (job.processedBy): who held an article, for the tests and for `redis-cli`.
    name,
    concurrency: plan.run.articlesInFlight,
    lockDuration: options.stallMs ?? DEFAULT_STALL_MS,
    stalledInterval: options.stallMs ?? DEFAULT_STALL_MS,
    // A killed worker, then a Redis restart, then another kill: still the same article, not a failure.
    maxStalledCount: 5,
    // An idle worker waits this long (s) for the queue's wake-up marker; jobs added in one burst
    // wake one worker only, so the others would sit idle up to BullMQ's default of 5 s.
    drainDelay: 1,
    autorun: false,
  });
  worker.on("completed", (job, result: JobResult) => options.onArticle?.(job.data?.article?.id ?? job.id ?? "?", result.status, true));
  worker.on("failed", (job, error) => {
    if (error.message.includes("Missing lock") || error.message.includes("could not renew lock")) {
      // Another worker took it (this one was too slow to renew its lock) and delivers it.
      if (job) options.onArticle?.(job.data?.article?.id ?? job.id ?? "?", "failed", false);
      return;
    }
    emit({ type: "warning", message: `worker ${name}: job ${job?.id ?? "?"}: ${error.message}` });
  });
  worker.on("error", (error) => {
    if (!isPrevodError(error)) emit({ type: "notice", message: `worker ${name}: ${describeError(error)}` });
  });
  emit({ type: "notice", message: `worker ${name} takes articles from ${address.shown} (queue ${address.name}), ${plan.run.articlesInFlight} at once` });
  const running = worker.run();
  await new Promise<void>((resolve) => {
    halt = resolve;
    if (options.signal.aborted || stopError) return resolve();
    options.signal.addEventListener("abort", () => resolve(), { once: true });
  });
  // Graceful: no new article; the running ones finish and are delivered.
  await worker.close();
  await running.catch(() => {});
  await gates?.close();
  await quit(connection).catch(() => {});
  if (cacheConnection) await quit(cacheConnection).catch(() => {});
  if (stopError) throw stopError;
  return { processed };
}
