import { existsSync } from "node:fs";
import { setMaxListeners } from "node:events";
import { join } from "node:path";
import { describeError, isPrevodError, PrevodError } from "../errors.js";
import { planEndpoint, type Plan } from "../graph/plan.js";
import type { Article } from "../inputs/types.js";
import { toArticleResult } from "../outputs/article-result.js";
import { articleFileIntact, articlePath, checkOutputFolder, exportArticlesJsonl, writeArticle } from "../outputs/article-files.js";
import type { ArticleStatus } from "../outputs/article-schema.js";
import { writeRunManifest, type RunManifest } from "../outputs/run-manifest.js";
import { bulletinSettings, runOnlyFailures, writeDeskBulletins } from "../outputs/bulletin-desk.js";
import { readStoredArticles } from "../outputs/bulletin-window.js";
import { removeStaleTemporaries } from "../storage/atomic-write.js";
import { asWriteError, isWriteError } from "../storage/write-errors.js";
import { reserveSpace } from "../storage/reserve.js";
import { acquireStoreLock, type StoreLock } from "../store/lock.js";
import { openStore, type Store } from "../store/store.js";
import { VERSION } from "../version.js";
import type { RunEvent, RunEventListener } from "./events.js";
import { openGates, type GateRunner } from "../checks/pool/gate-pool.js";
import { decide, inputHash } from "./incremental.js";
import { openSources, type OpenedSources } from "./open-sources.js";
import { buildModelStack, modelIdentities, preflight, warmup } from "./model-stack.js";
import { newWork, processArticle, type ProcessedArticle } from "./process-article.js";
import { remoteStack, type RemoteArticles } from "./remote.js";
import { withSettingHint } from "./setting-hints.js";
import { UsageTally } from "./usage-tally.js";

export interface RunOptions {
  plan: Plan;
  /** Files, folders, globs, feeds; ignored when `articles` is given. */
  sources?: string[];
  /** Sources already opened (openSources): the CLI looks at the first article before the run. */
  opened?: OpenedSources;
  /** Articles to process instead of reading `sources` (library use, tests). */
  articles?: AsyncIterable<Article> | Iterable<Article>;
  /** @default the pipeline's cache.enabled */
  cache?: boolean;
  record?: string;
  replay?: string;
  /** Process every article, even those the output folder already holds unchanged. @default false */
  force?: boolean;
  signal?: AbortSignal;
  onEvent?: RunEventListener;
  environment?: NodeJS.ProcessEnv;
  /** Another run holds the output folder: wait for it (true) or fail with one line naming it. @default true */
  wait?: boolean;
  /**
   * When it fires, no further article is started; those in flight finish and are written, and the
   * run ends as a whole one (not interrupted) over the articles it started (`prevod watch`'s SIGTERM).
   */
  stopFeeding?: AbortSignal;
  /** Articles processed elsewhere (workers through a queue): no model is built or called here. */
  remote?: RemoteArticles;
}

export interface RunResult {
  manifest: RunManifest;
  /** One entry per article read, in input order. */
  articles: Array<{ id: string; status: ArticleStatus | "interrupted"; file?: string; skipped?: boolean }>;
}

/**
 * Runs the plan over a stream of articles. Articles flow independently: each starts as soon as
 * one of `articles_in_flight` places is free, and its model calls share the endpoints' slots.
 * An article the output folder already holds, with the same input and the same prompts, models
 * and options, is skipped. Every article read ends as ok, partial or failed in its own file,
 * written atomically; when the signal aborts, in-flight articles are dropped (their answers stay
 * in the cache), nothing is half-written, and the manifest says the run was interrupted.
 */
export async function runPipeline(options: RunOptions): Promise<RunResult> {
  const held: { lock?: StoreLock; gates?: GateRunner } = {};
  try {
    return await runLocked(options, held);
  } finally {
    held.lock?.release();
    await held.gates?.close();
  }
}

async function runLocked(options: RunOptions, held: { lock?: StoreLock; gates?: GateRunner }): Promise<RunResult> {
  const { plan } = options;
  // The run's own signal: the caller's, and an error that must stop the run (stopRun below).
  const runController = new AbortController();
  const signal = runController.signal;
  const onOuterAbort = () => runController.abort(options.signal?.reason);
  if (options.signal?.aborted) runController.abort(options.signal.reason);
  options.signal?.addEventListener("abort", onOuterAbort, { once: true });
  let stopError: PrevodError | undefined;
  // A full disk or a folder that turned unwritable: every later write fails too, so the run stops.
  const stopOnWrite = (error: PrevodError) => {
    if (stopError) return;
    stopError = error;
    runController.abort(error);
  };
  // Every in-flight call listens to the run's signal; hundreds at once are expected, not a leak.
  setMaxListeners(0, signal);
  const started = new Date();
  const startedAt = performance.now();
  const tally = new UsageTally();
  const emit = (event: RunEvent) => {
    tally.observe(event);
    options.onEvent?.(event);
  };

  const stack = options.remote ? remoteStack(plan) : await buildModelStack(plan, {
    cache: options.cache ?? plan.config.cache.enabled,
    record: options.record,
    replay: options.replay,
    onEvent: emit,
    environment: options.environment,
    onStop(error, name) {
      if (stopError) return;
      stopError = withSettingHint(error, name, plan);
      runController.abort(stopError);
    },
  });
  await preflight(stack, signal);
  // Before any model call: an unwritable output folder is one line, not a run paid for and lost.
  await checkOutputFolder(plan.outputDir);
  // One writer per output folder (store/lock.ts): a second run waits or fails naming the first.
  // After the preflight, so a server that is not there leaves no folder behind.
  held.lock = await acquireStoreLock(plan.outputDir, { wait: options.wait, signal, onWait: (message) => emit({ type: "warning", message }) });
  await warmup(stack, signal, (error, name) => withSettingHint(error, name, plan));
  const identities = modelIdentities(stack);
  emit({ type: "run-started", steps: plan.steps.map((step) => step.name), models: [...stack.models.keys()] });

  // A run killed with -9 may have left hidden temporary files; they are never read, only tidied.
  await Promise.all([removeStaleTemporaries(plan.outputDir), removeStaleTemporaries(join(plan.outputDir, "articles")), removeStaleTemporaries(plan.cacheDir, 1)]);
  const reserve = await reserveSpace(plan.outputDir);
  // The store across runs (store/store.ts): state, articles and runs; the files are its exports.
  const store = openStore(plan.outputDir);
  const runId = `${started.toISOString()}-${process.pid}`;
  // A store write that fails because of the disk stops the run like a file write does.
  const toStore = (write: (store: Store) => void) => {
    try {
      write(store);
    } catch (error) {
      throw asWriteError(error, join(plan.outputDir, "prevod.db"));
    }
  };
  const entries: RunResult["articles"] = [];
  const failed: RunManifest["failed"] = [];
  const seen = new Set<string>();
  let inputError: string | undefined;

  const handle = async (article: Article, index: number, input: string): Promise<void> => {
    const entry: RunResult["articles"][number] = { id: article.id, status: "interrupted" };
    entries[index] = entry;
    emit({ type: "article-started", id: article.id, index });
    const articleStarted = performance.now();
    try {
      const processed = tooLarge(article, plan.config.defaults.max_article_bytes) ?? (await (options.remote ? options.remote.process(article, index, signal, emit) : processArticle(article, index, { plan, models: stack.models, signal, onEvent: emit, gates: (held.gates ??= openGates(plan.config.defaults.gate_threads)) })));
      const result = toArticleResult(processed.work, processed.status);
      entry.file = await writeArticle(plan.outputDir, result);
      entry.status = processed.status;
      tally.addArticle(result.usage.repairs, processed.stepMs);
      toStore((s) => s.putArticle(article.id, { input, answers: plan.answersHash, ...(identities ? { models: identities } : {}), status: processed.status, updated_at: new Date().toISOString() }, result, runId));
      const reasons = result.errors.map((error) => `${error.step}${error.target ? `/${error.target}` : ""}: ${error.message}`);
      if (processed.status !== "ok") failed.push({ id: article.id, status: processed.status, reasons });
      emit({ type: "article-finished", id: article.id, index, status: processed.status, ms: performance.now() - articleStarted, file: entry.file, reasons });
    } catch (error) {
      if (isWriteError(error)) stopOnWrite(error);
      if (signal.aborted || isPrevodError(error, "ABORTED")) {
        // `prevod status` then says why the article runs again: it was cut off, not new.
        try {
          toStore((s) => s.putArticle(article.id, { input, answers: plan.answersHash, ...(identities ? { models: identities } : {}), status: "interrupted", updated_at: new Date().toISOString() }, undefined, runId, { origin: article.origin, ...(article.url ? { url: article.url } : {}), ...(article.title ? { title: article.title } : {}), ...(article.published ? { published: article.published } : {}) }));
        } catch (stateError) {
          if (!isWriteError(stateError)) throw stateError;
          stopOnWrite(stateError);
        }
        return;
      }
      throw error;
    }
  };

  const limit = options.remote?.inFlight ?? plan.config.defaults.articles_in_flight;
  const inFlight = new Set<Promise<void>>();
  let fatal: unknown;
  let index = 0;
  const opened = options.opened ?? (options.articles ? undefined : openSources(options.sources ?? [], { signal, onWarning: (message) => emit({ type: "warning", message }) }));
  const unread = opened?.unread ?? [];
  const skippedInputs = opened?.skipped ?? [];
  const source = options.articles ?? opened!.articles;
  try {
    for await (const article of source) {
      // After a write error the inputs are still read (no call, no write), so run.json accounts for every article.
      const diskStopped = isWriteError(stopError);
      if ((signal.aborted && !diskStopped) || fatal !== undefined || options.stopFeeding?.aborted) break;
      if (seen.has(article.id)) {
        emit({ type: "warning", message: `${article.origin}: article id ${article.id} appears twice in this run; the later one is skipped` });
        continue;
      }
      seen.add(article.id);
      const input = inputHash(article);
      const file = articlePath(plan.outputDir, article.id);
      const decision = decide(store.stateEntry(article.id), input, plan.answersHash, existsSync(file) && articleFileIntact(file, article.id), options.force, identities);
      if (diskStopped) {
        entries[index] = decision.run ? { id: article.id, status: "interrupted" } : { id: article.id, status: "ok", file, skipped: true };
        index++;
        continue;
      }
      if (!decision.run) {
        entries[index] = { id: article.id, status: "ok", file, skipped: true };
        emit({ type: "article-skipped", id: article.id, index, reason: decision.reason });
        index++;
        continue;
      }
      while (inFlight.size >= limit) await Promise.race(inFlight);
      if (options.stopFeeding?.aborted) break;
      const task = handle(article, index++, input)
        .catch((error: unknown) => {
          fatal ??= error;
        })
        .finally(() => inFlight.delete(task));
      inFlight.add(task);
    }
  } catch (error) {
    if (isWriteError(error)) stopOnWrite(error);
    if (!signal.aborted) inputError = describeError(error);
    if (!signal.aborted && !isPrevodError(error)) fatal ??= error;
  }
  await Promise.all(inFlight);
  if (fatal !== undefined) {
    await reserve.release();
    store.close();
    throw fatal;
  }

  options.signal?.removeEventListener("abort", onOuterAbort);
  const interrupted = signal.aborted;
  const done = entries.filter((entry) => entry.status !== "interrupted");
  // After a write error, what can still be written is written; what cannot is named below.
  const unwritten: string[] = [];
  const attempt = async (name: string, write: () => Promise<void>) => {
    try {
      await write();
    } catch (error) {
      if (!isWriteError(error)) throw error;
      stopOnWrite(error);
      unwritten.push(name);
    }
  };
  // A full disk: the reserve makes room for the store's run row and run.json; articles.jsonl (every
  // article of the store, not only this run's) is left as the last whole run wrote it, and the run
  // that finishes makes it new.
  if (isWriteError(stopError)) await reserve.release();
  if ((!interrupted || done.length > 0) && !isWriteError(stopError)) await attempt("articles.jsonl", async () => { await exportArticlesJsonl(plan.outputDir, store); });
  const counts = { total: entries.length, ok: 0, partial: 0, failed: 0, interrupted: 0, skipped: 0 };
  for (const entry of entries) {
    counts[entry.status]++;
    if (entry.skipped) counts.skipped++;
  }
  // Each source that could not be read counts as one failed entry: nothing read from it is lost in silence.
  counts.total += unread.length;
  counts.failed += unread.length;
  failed.push(...unread);
  const diskStop = isWriteError(stopError) ? stopError : undefined;
  const notSaved = entries.filter((entry) => entry.status === "interrupted").map((entry) => entry.id);
  if (diskStop) {
    const listed = notSaved.slice(0, 10).join(", ") + (notSaved.length > 10 ? `, … (${notSaved.length - 10} more in run.json)` : "");
    stopError = new PrevodError(
      "OUTPUT_WRITE",
      `${diskStop.message}; the run stopped: ${done.length} of ${entries.length} article(s) saved, ${notSaved.length} not saved${notSaved.length > 0 ? ` (${listed})` : ""}; make room and run again to finish them (answers already paid for are in the cache)`,
      { cause: diskStop, stopsRun: true, details: { ...diskStop.details, runStopped: true, notSaved } },
    );
  }
  const manifest: RunManifest = {
    prevod: VERSION,
    started_at: started.toISOString(),
    finished_at: new Date().toISOString(),
    wall_ms: Math.round(performance.now() - startedAt),
    interrupted,
    config: { file: plan.configFile, answers_hash: plan.answersHash },
    counts,
    usage: tally.usage(),
    models: Object.fromEntries(
      [...stack.models.keys()].map((name) => {
        const config = plan.models[name]!;
        const hosts = (plan.endpoints?.[name] ?? planEndpoint(config)).hosts;
        const pool = stack.pools.get(name);
        return [
          name,
          {
            provider: config.kind,
            model: config.model,
            endpoint: hosts.map((host) => host.url).join(", "),
            parallel: hosts.reduce((sum, host) => sum + host.parallel, 0),
            ...(pool ? { hosts: pool.figures() } : {}),
          },
        ];
      }),
    ),
    steps: tally.steps(),
    failed,
    ...(skippedInputs.length > 0 ? { skipped_inputs: skippedInputs } : {}),
    ...(diskStop ? { not_saved: notSaved } : {}),
    ...(stopError ? { error: stopError.message } : inputError ? { error: inputError } : {}),
  };
  await attempt("prevod.db", async () => toStore((s) => s.putRun(manifest, runId)));
  store.close();
  await attempt("run.json", () => writeRunManifest(plan.outputDir, manifest));
  await reserve.release();
  // Bulletins read run.json (for failures it alone records), so they come after it.
  if (stopError && unwritten.length > 0) throw new PrevodError(stopError.code, `${stopError.message}; ${unwritten.join(", ")} could not be written either`, { cause: stopError, stopsRun: true, details: { ...stopError.details, runStopped: true } });
  if (stopError) throw stopError;
  const bulletins = bulletinSettings(plan.config);
  if (!interrupted && done.length > 0 && bulletins.formats.length > 0) {
    // Over every article of the output folder in the configured window, not just this run's.
    // Pages are made again for this run's articles only (and any missing): the others have not changed.
    await writeDeskBulletins(plan.outputDir, await readStoredArticles(plan.outputDir, bulletins.window), {
      languages: plan.targets,
      formats: bulletins.formats,
      window: bulletins.window,
      timeZone: bulletins.timeZone,
      runFailures: runOnlyFailures(manifest),
      pages: { only: new Set(done.filter((entry) => !entry.skipped).map((entry) => entry.id)) },
    });
  }
  emit({ type: "run-finished", counts: { ok: counts.ok, partial: counts.partial, failed: counts.failed }, interrupted, wallMs: manifest.wall_ms });
  if (inputError && !interrupted) {
    throw new PrevodError("INPUT_INVALID", `${inputError} (the ${done.length} article(s) read before it were processed and written)`);
  }
  return { manifest, articles: entries };
}

/** An article over the size limit: failed with the reason, before any step or model call. */
function tooLarge(article: Article, maxBytes: number): ProcessedArticle | undefined {
  const bytes = Buffer.byteLength(article.text, "utf8");
  if (bytes <= maxBytes) return undefined;
  const work = newWork(article);
  work.errors.push({
    step: "input",
    code: "INPUT_INVALID",
    message: `the article text is ${bytes} bytes, more than defaults.max_article_bytes (${maxBytes}); not processed`,
  });
  return { work, status: "failed", stepMs: {} };
}
