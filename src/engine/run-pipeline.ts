import { setMaxListeners } from "node:events";
import { describeError, isPrevodError, PrevodError } from "../errors.js";
import type { Plan } from "../graph/plan.js";
import { readArticles } from "../inputs/read-articles.js";
import type { Article } from "../inputs/types.js";
import { toArticleResult } from "../outputs/article-result.js";
import { writeArticle, writeArticlesJsonl } from "../outputs/article-files.js";
import type { ArticleStatus } from "../outputs/article-schema.js";
import { writeRunManifest, type RunManifest } from "../outputs/run-manifest.js";
import { VERSION } from "../version.js";
import type { RunEvent, RunEventListener } from "./events.js";
import { buildModelStack, preflight } from "./model-stack.js";
import { processArticle } from "./process-article.js";

export interface RunOptions {
  plan: Plan;
  /** Files, folders, globs, feeds; ignored when `articles` is given. */
  sources?: string[];
  /** Articles to process instead of reading `sources` (library use, tests). */
  articles?: AsyncIterable<Article> | Iterable<Article>;
  /** @default the pipeline's cache.enabled */
  cache?: boolean;
  record?: string;
  replay?: string;
  signal?: AbortSignal;
  onEvent?: RunEventListener;
  environment?: NodeJS.ProcessEnv;
}

export interface RunResult {
  manifest: RunManifest;
  /** One entry per article read, in input order. */
  articles: Array<{ id: string; status: ArticleStatus | "interrupted"; file?: string }>;
}

/**
 * Runs the plan over a stream of articles. Articles flow independently: each starts as soon as
 * one of `articles_in_flight` places is free, and its model calls share the endpoints' slots.
 * Every article read ends as ok, partial or failed in its own file, written atomically; when the
 * signal aborts, in-flight articles are dropped (their answers stay in the cache), nothing is
 * half-written, and the manifest says the run was interrupted.
 */
export async function runPipeline(options: RunOptions): Promise<RunResult> {
  const { plan } = options;
  const signal = options.signal ?? new AbortController().signal;
  // Every in-flight call listens to the run's signal; hundreds at once are expected, not a leak.
  setMaxListeners(0, signal);
  const started = new Date();
  const startedAt = performance.now();
  let retries = 0;
  const emit = (event: RunEvent) => {
    if (event.type === "retry") retries++;
    options.onEvent?.(event);
  };

  const stack = await buildModelStack(plan, {
    cache: options.cache ?? plan.config.cache.enabled,
    record: options.record,
    replay: options.replay,
    onEvent: emit,
    environment: options.environment,
  });
  await preflight(stack, signal);
  emit({ type: "run-started", steps: plan.steps.map((step) => step.name), models: [...stack.models.keys()] });

  const entries: RunResult["articles"] = [];
  const usage = { calls: 0, cached: 0, replayed: 0, prompt_tokens: 0, completion_tokens: 0, repairs: 0 };
  const steps: RunManifest["steps"] = {};
  const failed: RunManifest["failed"] = [];
  const seen = new Set<string>();
  let inputError: string | undefined;

  const handle = async (article: Article, index: number): Promise<void> => {
    const entry: RunResult["articles"][number] = { id: article.id, status: "interrupted" };
    entries[index] = entry;
    emit({ type: "article-started", id: article.id, index });
    const articleStarted = performance.now();
    try {
      const processed = await processArticle(article, index, { plan, models: stack.models, signal, onEvent: emit });
      const result = toArticleResult(processed.work, processed.status);
      entry.file = await writeArticle(plan.outputDir, result);
      entry.status = processed.status;
      usage.calls += result.usage.calls;
      usage.cached += result.usage.cached;
      usage.replayed += result.usage.replayed;
      usage.prompt_tokens += result.usage.prompt_tokens;
      usage.completion_tokens += result.usage.completion_tokens;
      usage.repairs += result.usage.repairs;
      for (const [name, ms] of Object.entries(processed.stepMs)) {
        const step = (steps[name] ??= { runs: 0, total_ms: 0, mean_ms: 0 });
        step.runs++;
        step.total_ms += ms;
      }
      const reasons = result.errors.map((error) => `${error.step}${error.target ? `/${error.target}` : ""}: ${error.message}`);
      if (processed.status !== "ok") failed.push({ id: article.id, status: processed.status, reasons });
      emit({ type: "article-finished", id: article.id, index, status: processed.status, ms: performance.now() - articleStarted, file: entry.file, reasons });
    } catch (error) {
      if (signal.aborted || isPrevodError(error, "ABORTED")) return;
      throw error;
    }
  };

  const limit = plan.config.defaults.articles_in_flight;
  const inFlight = new Set<Promise<void>>();
  let fatal: unknown;
  let index = 0;
  const source = options.articles ?? readArticles(options.sources ?? [], { signal, onWarning: (message) => emit({ type: "warning", message }) });
  try {
    for await (const article of source) {
      if (signal.aborted || fatal !== undefined) break;
      if (seen.has(article.id)) {
        emit({ type: "warning", message: `${article.origin}: article id ${article.id} appears twice in this run; the later one is skipped` });
        continue;
      }
      seen.add(article.id);
      while (inFlight.size >= limit) await Promise.race(inFlight);
      const task = handle(article, index++)
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
  if (fatal !== undefined) throw fatal;

  const interrupted = signal.aborted;
  const done = entries.filter((entry) => entry.status !== "interrupted");
  if (!interrupted || done.length > 0) await writeArticlesJsonl(plan.outputDir, done.map((entry) => entry.id));
  for (const step of Object.values(steps)) step.mean_ms = step.runs ? step.total_ms / step.runs : 0;
  const counts = { total: entries.length, ok: 0, partial: 0, failed: 0, interrupted: 0 };
  for (const entry of entries) counts[entry.status]++;
  const manifest: RunManifest = {
    prevod: VERSION,
    started_at: started.toISOString(),
    finished_at: new Date().toISOString(),
    wall_ms: Math.round(performance.now() - startedAt),
    interrupted,
    config: { file: plan.configFile, answers_hash: plan.answersHash },
    counts,
    usage: { ...usage, retries },
    models: Object.fromEntries(
      [...stack.models.keys()].map((name) => {
        const config = plan.models[name]!;
        return [name, { provider: config.kind, model: config.model, endpoint: config.kind === "ollama" ? config.host : config.base_url, parallel: config.parallel }];
      }),
    ),
    steps,
    failed,
    ...(inputError ? { error: inputError } : {}),
  };
  await writeRunManifest(plan.outputDir, manifest);
  emit({ type: "run-finished", counts: { ok: counts.ok, partial: counts.partial, failed: counts.failed }, interrupted, wallMs: manifest.wall_ms });
  if (inputError && !interrupted) {
    throw new PrevodError("INPUT_INVALID", `${inputError} (the ${done.length} article(s) read before it were processed and written)`);
  }
  return { manifest, articles: entries };
}
