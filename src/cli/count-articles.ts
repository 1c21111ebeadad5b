import { readArticles } from "../inputs/read-articles.js";

/** Counting longer than this is not worth delaying the run for; the bar then grows as it reads. */
const COUNT_BUDGET_MS = 2000;

/**
 * The number of articles in the inputs, for the progress bar's total and ETA, or undefined
 * when counting would take too long (large feeds, slow URLs) or fails.
 */
export async function countArticles(sources: string[], signal: AbortSignal): Promise<number | undefined> {
  const deadline = AbortSignal.timeout(COUNT_BUDGET_MS);
  let count = 0;
  try {
    for await (const _article of readArticles(sources, { signal: AbortSignal.any([signal, deadline]), onWarning: () => {} })) {
      count++;
      if (deadline.aborted) return undefined;
    }
    return count;
  } catch {
    return undefined;
  }
}
