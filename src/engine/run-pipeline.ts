import { existsSync } from "node:fs";
import { setMaxListeners } from "node:events";
import { join } from "node:path";
import { describeError, isPrevodError, PrevodError } from "../errors.js";
import type { Plan } from "../graph/plan.js";
import type { Article } from "../inputs/types.js";
import { toArticleResult } from "../outputs/article-result.js";
import { articleFileIntact, articlePath, checkOutputFolder, openArticlesJsonl, writeArticle } from "../outputs/article-files.js";
import type { ArticleStatus } from "../outputs/article-schema.js";
import { writeRunManifest, type RunManifest } from "../outputs/run-manifest.js";
import { readRunState, writeRunState } from "../outputs/run-state.js";
import { bulletinSettings, runOnlyFailures, writeDeskBulletins } from "../outputs/bulletin-desk.js";
import { readFolderArticles } from "../outputs/bulletin-window.js";
import { removeStaleTemporaries } from "../storage/atomic-write.js";
import { VERSION } from "../version.js";
import type { RunEvent, RunEventListener } from "./events.js";
import { decide, inputHash } from "./incremental.js";
import { openSources, type OpenedSources } from "./open-sources.js";
import { buildModelStack, modelIdentities, preflight, warmup } from "./model-stack.js";
import { newWork, processArticle, type ProcessedArticle } from "./process-article.js";
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
}

export interface RunResult {
  manifest: RunManifest;
  /** One entry per article read, in input order. */
  articles: Array<{ id: string; status: ArticleStatus | "interrupted"; file?: string; skipped?: boolean }>;
}

/** How often the state file is saved during a long run (articles finished). */
const STATE_EVERY = 100;

/**
 * Runs the plan over a stream of articles. Articles flow independently: each starts as soon as
 * one of `articles_in_flight` places is free, and its model calls share the endpoints' slots.
 * An article the output folder already holds, with the same input and the same prompts, models
 * and options, is skipped. Every article read ends as ok, partial or failed in its own file,
 * written atomically; when the signal aborts, in-flight articles are dropped (their answers stay
 * in the cache), nothing is half-written, and the manifest says the run was interrupted.
 */
export async function runPipeline(options: RunOptions): Promise<RunResult> {
  const { plan } = options;
  // The run's own signal: the caller's, and an error that must stop the run (stopRun below).
  const runController = new AbortController();
  const signal = runController.signal;
  const onOuterAbort = () => runController.abort(options.signal?.reason);
  if (options.signal?.aborted) runController.abort(options.signal.reason);
  options.signal?.addEventListener("abort", onOuterAbort, { once: true });
  let stopError: PrevodError | undefined;
  // Every in-flight call listens to the run's signal; hundreds at once are expected, not a leak.
  setMaxListeners(0, signal);
  const started = new Date();
  const startedAt = performance.now();
  const tally = new UsageTally();
  const emit = (event: RunEvent) => {
    tally.observe(event);
    options.onEvent?.(event);
  };

  const stack = await buildModelStack(plan, {
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
  await warmup(stack, signal, (error, name) => withSettingHint(error, name, plan));
  const identities = modelIdentities(stack);
  emit({ type: "run-started", steps: plan.steps.map((step) => step.name), models: [...stack.models.keys()] });

  // A run killed with -9 may have left hidden temporary files; they are never read, only tidied.
  await Promise.all([removeStaleTemporaries(plan.outputDir), removeStaleTemporaries(join(plan.outputDir, "articles")), removeStaleTemporaries(plan.cacheDir, 1)]);
  const state = await readRunState(plan.outputDir, (message) => emit({ type: "warning", message }));
  const jsonl = await openArticlesJsonl(plan.outputDir);
  const entries: RunResult["articles"] = [];
  const failed: RunManifest["failed"] = [];
  const seen = new Set<string>();
  let finishedSinceSave = 0;
  let inputError: string | undefined;

  const handle = async (article: Article, index: number, input: string): Promise<void> => {
    const entry: RunResult["articles"][number] = { id: article.id, status: "interrupted" };
    entries[index] = entry;
    emit({ type: "article-started", id: article.id, index });
    const articleStarted = performance.now();
    try {
      const processed = tooLarge(article, plan.config.defaults.max_article_bytes) ?? (await processArticle(article, index, { plan, models: stack.models, signal, onEvent: emit }));
      const result = toArticleResult(processed.work, processed.status);
      entry.file = await writeArticle(plan.outputDir, result);
      entry.status = processed.status;
      await jsonl.add(index, { result });
      tally.addArticle(result.usage.repairs, processed.stepMs);
      state.articles[article.id] = { input, answers: plan.answersHash, ...(identities ? { models: identities } : {}), status: processed.status, updated_at: new Date().toISOString() };
      const reasons = result.errors.map((error) => `${error.step}${error.target ? `/${error.target}` : ""}: ${error.message}`);
      if (processed.status !== "ok") failed.push({ id: article.id, status: processed.status, reasons });
      emit({ type: "article-finished", id: article.id, index, status: processed.status, ms: performance.now() - articleStarted, file: entry.file, reasons });
      if (++finishedSinceSave >= STATE_EVERY) {
        finishedSinceSave = 0;
        await writeRunState(plan.outputDir, state);
      }
    } catch (error) {
      if (signal.aborted || isPrevodError(error, "ABORTED")) {
        // `prevod status` then says why the article runs again: it was cut off, not new.
        state.articles[article.id] = { input, answers: plan.answersHash, ...(identities ? { models: identities } : {}), status: "interrupted", updated_at: new Date().toISOString() };
        return;
      }
      throw error;
    }
  };

  const limit = plan.config.defaults.articles_in_flight;
  const inFlight = new Set<Promise<void>>();
  let fatal: unknown;
  let index = 0;
  const opened = options.opened ?? (options.articles ? undefined : openSources(options.sources ?? [], { signal, onWarning: (message) => emit({ type: "warning", message }) }));
  const unread = opened?.unread ?? [];
  const skippedInputs = opened?.skipped ?? [];
  const source = options.articles ?? opened!.articles;
  try {
    for await (const article of source) {
      if (signal.aborted || fatal !== undefined) break;
      if (seen.has(article.id)) {
        emit({ type: "warning", message: `${article.origin}: article id ${article.id} appears twice in this run; the later one is skipped` });
        continue;
      }
      seen.add(article.id);
      const input = inputHash(article);
      const file = articlePath(plan.outputDir, article.id);
      const decision = decide(state.articles[article.id], input, plan.answersHash, existsSync(file) && articleFileIntact(file, article.id), options.force, identities);
      if (!decision.run) {
        entries[index] = { id: article.id, status: "ok", file, skipped: true };
        await jsonl.add(index, { unchangedId: article.id });
        emit({ type: "article-skipped", id: article.id, index, reason: decision.reason });
        index++;
        continue;
      }
      while (inFlight.size >= limit) await Promise.race(inFlight);
      const task = handle(article, index++, input)
        .catch((error: unknown) => {
          fatal ??= error;
        })
        .finally(() => inFlight.delete(task));
      inFlight.add(task);
    }
  } catch (error) {
    if (!signal.aborted) inputError = describeError(error);
    if (!signal.aborted && !isPrevodError(error)) fatal ??= error;
  }
  await Promise.all(inFlight);
  if (fatal !== undefined) {
    await jsonl.abort();
    throw fatal;
  }

  options.signal?.removeEventListener("abort", onOuterAbort);
  const interrupted = signal.aborted;
  const done = entries.filter((entry) => entry.status !== "interrupted");
  await writeRunState(plan.outputDir, state);
  if (!interrupted || done.length > 0) await jsonl.finish();
  else await jsonl.abort();
  const counts = { total: entries.length, ok: 0, partial: 0, failed: 0, interrupted: 0, skipped: 0 };
  for (const entry of entries) {
    counts[entry.status]++;
    if (entry.skipped) counts.skipped++;
  }
  // Each source that could not be read counts as one failed entry: nothing read from it is lost in silence.
  counts.total += unread.length;
  counts.failed += unread.length;
  failed.push(...unread);
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
        return [name, { provider: config.kind, model: config.model, endpoint: config.kind === "ollama" ? config.host : config.base_url, parallel: config.parallel }];
      }),
    ),
    steps: tally.steps(),
    failed,
    ...(skippedInputs.length > 0 ? { skipped_inputs: skippedInputs } : {}),
    ...(stopError ? { error: stopError.message } : inputError ? { error: inputError } : {}),
  };
  await writeRunManifest(plan.outputDir, manifest);
  // Bulletins read run.json (for failures it alone records), so they come after it.
  if (stopError) throw stopError;
  const bulletins = bulletinSettings(plan.config);
  if (!interrupted && done.length > 0 && bulletins.formats.length > 0) {
    // Over every article of the output folder in the configured window, not just this run's.
    await writeDeskBulletins(plan.outputDir, await readFolderArticles(plan.outputDir), { languages: plan.targets, formats: bulletins.formats, window: bulletins.window, timeZone: bulletins.timeZone, runFailures: runOnlyFailures(manifest) });
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
