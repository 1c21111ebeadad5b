import { Job, Queue, QueueEvents } from "bullmq";
import type { Redis } from "ioredis";
import { describeError, PrevodError } from "../errors.js";
import type { RunEvent, RunEventListener } from "../engine/events.js";
import { inputHash } from "../engine/incremental.js";
import { newWork, type ProcessedArticle } from "../engine/process-article.js";
import type { RemoteArticles } from "../engine/remote.js";
import type { Plan } from "../graph/plan.js";
import type { Article } from "../inputs/types.js";
import { VERSION } from "../version.js";
import { connect, type QueueAddress } from "./connection.js";
import { fromJobResult, jobId, PAYLOAD_VERSION, type JobPayload, type JobProgress } from "./payload.js";

export interface CoordinatorOptions {
  address: QueueAddress;
  plan: Plan;
  /** Jobs waiting for results at once. @default 1000 */
  inFlight?: number;
  /** How often pending jobs are looked up in Redis, besides the event stream (missed events, a restart). @default 1000 */
  sweepMs?: number;
  /** How long to wait for Redis at the start before failing with one line. @default 10000 */
  connectTimeoutMs?: number;
  onEvent?: RunEventListener;
  /** `run --force`: a result kept in Redis from an earlier run is not collected; the article runs again. */
  force?: boolean;
}

export interface Coordinator extends RemoteArticles {
  close(): Promise<void>;
}

/** The marker a worker puts before a refusal (another payload version, another pipeline): no worker can run the job. */
export const REFUSED = "refused: ";

/** How long finished jobs stay in Redis: a coordinator that died before collecting them finds them on its re-run. */
const KEEP = { age: 7 * 24 * 3600, count: 100_000 };

interface Pending {
  article: Article;
  payload: JobPayload;
  resolve(value: ProcessedArticle): void;
  reject(error: unknown): void;
  onEvent: RunEventListener;
}

/**
 * The coordinator side of `prevod run --queue`: each article becomes one BullMQ job (id from
 * article id + input hash + answers hash, so the same work is never queued twice), and its result
 * comes back through the queue's event stream, or through a sweep that looks the pending jobs up
 * (an event missed while Redis restarted; a job Redis lost is queued again). Events the workers
 * forward (model calls, steps) reach this run's progress line and usage.
 */
export async function openCoordinator(options: CoordinatorOptions): Promise<Coordinator> {
  const { address, plan } = options;
  const connection = connect(address);
  await ready(connection, address, options.connectTimeoutMs ?? 10_000);
  // Only once Redis answers: a connection opened before would retry for ever after that failure.
  const eventsConnection = connect(address);
  const queue = new Queue(address.name, { connection });
  const events = new QueueEvents(address.name, { connection: eventsConnection });
  // While Redis is away both report connection errors; the connections wait it out (connect()).
  queue.on("error", () => {});
  events.on("error", () => {});
  await events.waitUntilReady();
  const pending = new Map<string, Pending>();
  const workers = new Set<string>();
  let broken: PrevodError | undefined;

  const settle = (id: string, outcome: { value: unknown } | { reason: string }) => {
    const entry = pending.get(id);
    if (!entry) return;
    pending.delete(id);
    if ("value" in outcome) {
      try {
        const { worker: _worker, ...processed } = fromJobResult(outcome.value);
        entry.resolve(processed);
      } catch (error) {
        stop(error as PrevodError);
        entry.reject(error);
      }
      return;
    }
    if (outcome.reason.startsWith(REFUSED)) {
      const error = new PrevodError("QUEUE", `a worker refused article ${entry.article.id}: ${outcome.reason.slice(REFUSED.length)}`, { stopsRun: true });
      entry.reject(error);
      stop(error);
      return;
    }
    // Tried on every attempt and failed (stalled too often: workers killed again and again): a failed article, not a failed run.
    const work = newWork(entry.article);
    work.errors.push({ step: "queue", code: "QUEUE", message: `the job failed on the workers: ${outcome.reason}` });
    entry.resolve({ work, status: "failed", stepMs: {} });
  };
  // A refusal no worker can overcome: every article waiting fails with it, so the run ends at once.
  const stop = (error: PrevodError) => {
    broken ??= error;
    for (const [id, entry] of pending) {
      pending.delete(id);
      entry.reject(broken);
    }
  };

  const lookUp = async (id: string): Promise<void> => {
    const entry = pending.get(id);
    if (!entry) return;
    // The state first, then the job: a job read while active and found completed a moment later
    // has no return value in the copy read (that race failed articles with "payload version none").
    const state = await queue.getJobState(id);
    if (state === "unknown") {
      // Redis lost it (restarted without its data): queue it again.
      await add(entry.payload, id);
      return;
    }
    if (state !== "completed" && state !== "failed") return;
    const job = await Job.fromId(queue, id);
    if (!job) return add(entry.payload, id).then(() => undefined);
    if (state === "completed") settle(id, { value: job.returnvalue });
    else settle(id, { reason: job.failedReason ?? "failed" });
  };

  const add = (payload: JobPayload, id: string) =>
    queue.add("article", payload, { jobId: id, attempts: 3, backoff: { type: "exponential", delay: 1_000 }, removeOnComplete: KEEP, removeOnFail: KEEP });

  events.on("completed", ({ jobId: id, returnvalue }) => settle(id, { value: returnvalue }));
  events.on("failed", ({ jobId: id }) => {
    // A failed attempt may still be retried; only the job's state says it is over.
    void lookUp(id).catch(() => {});
  });
  events.on("progress", ({ jobId: id, data }) => {
    const entry = pending.get(id);
    const progress = data as Partial<JobProgress> | undefined;
    if (!entry || !progress || progress.v !== PAYLOAD_VERSION || !Array.isArray(progress.events)) return;
    if (typeof progress.worker === "string" && !workers.has(progress.worker)) {
      workers.add(progress.worker);
      options.onEvent?.({ type: "notice", message: `worker ${progress.worker} is working (${workers.size} worker(s) so far)` });
    }
    for (const event of progress.events as RunEvent[]) {
      if (event.type === "model-call" || event.type === "step-finished" || event.type === "retry") entry.onEvent(event);
    }
  });

  let sweeping = false;
  const sweep = setInterval(() => {
    if (sweeping || pending.size === 0) return;
    sweeping = true;
    void Promise.all([...pending.keys()].map((id) => lookUp(id)))
      .catch(() => {})
      .finally(() => (sweeping = false));
  }, options.sweepMs ?? 1_000);
  sweep.unref();

  return {
    inFlight: options.inFlight ?? 1_000,
    async process(article, index, signal, onEvent) {
      if (broken) throw broken;
      const id = jobId(article.id, inputHash(article), plan.answersHash);
      const payload: JobPayload = { v: PAYLOAD_VERSION, prevod: VERSION, answersHash: plan.answersHash, index, article };
      const result = new Promise<ProcessedArticle>((resolve, reject) => {
        const onAbort = () => {
          pending.delete(id);
          reject(new PrevodError("ABORTED", "interrupted"));
        };
        if (signal.aborted) return onAbort();
        signal.addEventListener("abort", onAbort, { once: true });
        const done = () => signal.removeEventListener("abort", onAbort);
        pending.set(id, {
          article,
          payload,
          onEvent,
          resolve: (value) => (done(), resolve(value)),
          reject: (error) => (done(), reject(error)),
        });
      });
      const job = await add(payload, id);
      // The job may be there already, finished by an earlier coordinator that did not collect it.
      // One that failed (a refusal too: the worker's pipeline may have been fixed since) is tried
      // again: its data is this one, the id says so.
      const state = await job.getState();
      if (state === "failed") await job.retry("failed");
      else if (state === "completed" && options.force) await job.retry("completed");
      else await lookUp(id);
      return result;
    },
    async close() {
      clearInterval(sweep);
      await Promise.allSettled([events.close(), queue.close()]);
      await Promise.allSettled([quit(connection), quit(eventsConnection)]);
    },
  };
}

/** Waits for Redis to answer a PING; after `timeoutMs`, a QUEUE error naming the address, with one line. */
export async function ready(redis: Redis, address: QueueAddress, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      redis.ping(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new PrevodError("QUEUE", `Redis at ${address.shown} does not answer (waited ${Math.round(timeoutMs / 1000)} s): start it, or check --queue`)), timeoutMs);
      }),
    ]);
  } catch (error) {
    redis.disconnect();
    throw error instanceof PrevodError ? error : new PrevodError("QUEUE", `Redis at ${address.shown}: ${describeError(error)}`);
  } finally {
    clearTimeout(timer);
  }
}

export async function quit(redis: Redis): Promise<void> {
  try {
    await Promise.race([redis.quit(), new Promise((resolve) => setTimeout(resolve, 1_000))]);
  } finally {
    redis.disconnect();
  }
}
