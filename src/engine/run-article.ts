import { isPrevodError } from "../errors.js";
import type { Article } from "../inputs/types.js";
import { toArticleResult } from "../outputs/article-result.js";
import { writeArticle } from "../outputs/article-files.js";
import { isWriteError } from "../storage/write-errors.js";
import { newWork, processArticle, type ProcessedArticle } from "./process-article.js";
import type { RunResult } from "./run-pipeline.js";
import type { StartedRun } from "./start-run.js";

/**
 * One article of a run, from start to its file: processed here (or by the workers), written
 * atomically, stored, counted. Cut off by the run's signal, it is stored as interrupted (so
 * `prevod status` says why it runs again) and nothing of it is written. A write error stops the run.
 */
export async function runArticle(run: StartedRun, article: Article, index: number, input: string): Promise<void> {
  const { plan, options, control, emit, identities } = run;
  const { signal } = control;
  const entry: RunResult["articles"][number] = { id: article.id, status: "interrupted" };
  run.entries[index] = entry;
  emit({ type: "article-started", id: article.id, index });
  const articleStarted = performance.now();
  try {
    const processed = tooLarge(article, plan.run.maxArticleBytes) ?? (await (options.remote ? options.remote.process(article, index, signal, emit) : processArticle(article, index, { plan, models: run.stack.models, signal, onEvent: emit, gates: run.gates() })));
    const result = toArticleResult(processed.work, processed.status);
    entry.file = await writeArticle(plan.outputDir, result);
    entry.status = processed.status;
    run.tally.addArticle(result.usage.repairs, processed.stepMs);
    run.toStore((s) => s.putArticle(article.id, { input, answers: plan.answersHash, ...(identities ? { models: identities } : {}), status: processed.status, updated_at: new Date().toISOString() }, result, run.runId));
    const reasons = result.errors.map((error) => `${error.step}${error.target ? `/${error.target}` : ""}: ${error.message}`);
    if (processed.status !== "ok") run.failed.push({ id: article.id, status: processed.status, reasons });
    emit({ type: "article-finished", id: article.id, index, status: processed.status, ms: performance.now() - articleStarted, file: entry.file, reasons });
  } catch (error) {
    if (isWriteError(error)) control.stop(error);
    if (signal.aborted || isPrevodError(error, "ABORTED")) {
      // `prevod status` then says why the article runs again: it was cut off, not new.
      try {
        run.toStore((s) => s.putArticle(article.id, { input, answers: plan.answersHash, ...(identities ? { models: identities } : {}), status: "interrupted", updated_at: new Date().toISOString() }, undefined, run.runId, { origin: article.origin, ...(article.url ? { url: article.url } : {}), ...(article.title ? { title: article.title } : {}), ...(article.published ? { published: article.published } : {}) }));
      } catch (stateError) {
        if (!isWriteError(stateError)) throw stateError;
        control.stop(stateError);
      }
      return;
    }
    throw error;
  }
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
