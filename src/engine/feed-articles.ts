import { existsSync } from "node:fs";
import { describeError, isPrevodError } from "../errors.js";
import type { Article } from "../inputs/types.js";
import { articleFileIntact, articlePath } from "../outputs/article-files.js";
import type { RunManifest } from "../outputs/run-manifest.js";
import { isWriteError } from "../storage/write-errors.js";
import { decide, inputHash } from "./incremental.js";
import { openSources } from "./open-sources.js";
import { runArticle } from "./run-article.js";
import type { StartedRun } from "./start-run.js";

/** What reading the inputs left for the end of the run. */
export interface FedArticles {
  /** An input that broke off mid-way (the articles before it ran): the run ends with it as its error. */
  inputError: string | undefined;
  /** An unexpected error of an article (a bug, not a failed article): the run throws it. */
  fatal: unknown;
  /** Sources that could not be read, located, and inputs read around. */
  unread: RunManifest["failed"];
  skippedInputs: string[];
}

/**
 * Reads the inputs and starts each article as soon as one of `articlesInFlight` places is free:
 * an id seen before in this run is skipped with a warning, an article the output folder holds
 * unchanged is skipped, the rest run (runArticle). Stops starting articles when the run is
 * aborted, stopFeeding fires or an article fails unexpectedly; after a write error the inputs
 * are still read, so run.json accounts for every article. Resolves when every started article ended.
 */
export async function feedArticles(run: StartedRun): Promise<FedArticles> {
  const { plan, options, control, emit, entries, store, identities } = run;
  const { signal } = control;
  const seen = new Set<string>();
  let inputError: string | undefined;
  const limit = options.remote?.inFlight ?? plan.run.articlesInFlight;
  const inFlight = new Set<Promise<void>>();
  let fatal: unknown;
  let index = 0;
  const opened = options.opened ?? (options.articles ? undefined : openSources(options.sources ?? [], { signal, onWarning: (message) => emit({ type: "warning", message }) }));
  const source: AsyncIterable<Article> | Iterable<Article> = options.articles ?? opened!.articles;
  try {
    for await (const article of source) {
      const diskStopped = isWriteError(control.stopError);
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
      const task = runArticle(run, article, index++, input)
        .catch((error: unknown) => {
          fatal ??= error;
        })
        .finally(() => inFlight.delete(task));
      inFlight.add(task);
    }
  } catch (error) {
    if (isWriteError(error)) control.stop(error);
    if (!signal.aborted) inputError = describeError(error);
    if (!signal.aborted && !isPrevodError(error)) fatal ??= error;
  }
  await Promise.all(inFlight);
  return { inputError, fatal, unread: opened?.unread ?? [], skippedInputs: opened?.skipped ?? [] };
}
