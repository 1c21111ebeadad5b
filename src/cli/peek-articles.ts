import type { Article } from "../inputs/types.js";

/**
 * The inputs' articles, read lazily as the run goes, or undefined when there is none: the first
 * one is read before the run starts, so an empty input never reaches the output folder. A
 * consumer that stops early (SIGTERM in watch) closes the inputs too.
 */
export async function peekArticles(source: AsyncIterable<Article>): Promise<AsyncIterable<Article> | undefined> {
  const iterator = source[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) return undefined;
  return (async function* () {
    try {
      yield first.value;
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
    } finally {
      await iterator.return?.();
    }
  })();
}
