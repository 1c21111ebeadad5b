import { readArticles } from "../inputs/read-articles.js";
import type { Article } from "../inputs/types.js";
import type { RunManifest } from "../outputs/run-manifest.js";

/** A run's inputs being read: the articles, and what could not be read or was read around. */
export interface OpenedSources {
  articles: AsyncIterable<Article>;
  /** Sources that could not be read (a broken feed, a dead URL), located; filled while reading. */
  unread: RunManifest["failed"];
  /** Inputs read around (an empty file, a record without text); filled while reading. */
  skipped: string[];
}

/**
 * Opens the sources so that one that cannot be read is a located failure and the others still
 * run. The CLI opens them itself to see the first article before anything is written.
 */
export function openSources(sources: string[], options: { signal?: AbortSignal; onWarning?: (message: string) => void; fetch?: typeof fetch }): OpenedSources {
  const unread: RunManifest["failed"] = [];
  const skipped: string[] = [];
  const articles = readArticles(sources, {
    signal: options.signal,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    onWarning: options.onWarning,
    onSkipped: (message) => skipped.push(message),
    onSourceFailure: ({ source, message }) => {
      unread.push({ id: source, status: "failed", reasons: [message], source });
      options.onWarning?.(`${message}; the other inputs are read on`);
    },
  });
  return { articles, unread, skipped };
}
