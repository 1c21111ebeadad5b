import { overrideRun, type Plan } from "../graph/plan.js";
import type { Article } from "../inputs/types.js";
import type { ArticleStatus } from "../outputs/article-schema.js";
import type { RunManifest } from "../outputs/run-manifest.js";
import type { RunEventListener } from "./events.js";
import { feedArticles } from "./feed-articles.js";
import { finishRun } from "./finish-run.js";
import type { OpenedSources } from "./open-sources.js";
import type { RemoteArticles } from "./remote.js";
import { startRun, type Held } from "./start-run.js";

export interface RunOptions {
  plan: Plan;
  /** Files, folders, globs, feeds; ignored when `articles` is given. */
  sources?: string[];
  /** Sources already opened (openSources): the CLI looks at the first article before the run. */
  opened?: OpenedSources;
  /** Articles to process instead of reading `sources` (library use, tests). */
  articles?: AsyncIterable<Article> | Iterable<Article>;
  /** Read and write the answer cache, as PlanOverrides.cache (resolved by graph/plan.ts). @default the plan's run.cache */
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
 *
 * In its parts: startRun (models checked and loaded, output folder locked, store opened),
 * feedArticles (inputs read, each article decided and started when a place is free), runArticle
 * (one article processed, written and stored), finishRun (articles.jsonl, run.json, bulletins).
 */
export async function runPipeline(options: RunOptions): Promise<RunResult> {
  const held: Held = {};
  try {
    return await runLocked(options, held);
  } finally {
    held.lock?.release();
    await held.gates?.close();
  }
}

async function runLocked(options: RunOptions, held: Held): Promise<RunResult> {
  const plan = overrideRun(options.plan, { cache: options.cache });
  const run = await startRun(plan, options, held);
  const fed = await feedArticles(run);
  if (fed.fatal !== undefined) {
    await run.reserve.release();
    run.store.close();
    throw fed.fatal;
  }
  run.control.detach();
  return finishRun(run, fed);
}
