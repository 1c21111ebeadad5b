import { stat } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { isDynamicPattern } from "tinyglobby";
import { redact } from "../common/redact.js";
import { PrevodError, isPrevodError } from "../errors.js";
import { UniqueIds } from "./article-id.js";
import { articlesFromDocument, formatOf } from "./document-articles.js";
import { fetchSource } from "./fetch-source.js";
import { readFileArticles, unreadable } from "./files.js";
import { expandGlob, walkFolder } from "./folders.js";
import { readStdinArticles } from "./stdin.js";
import type { Article } from "./types.js";

/** Options of {@link readArticles}. */
export interface ReadArticlesOptions {
  /** Stops reading (and any fetch in progress); the iteration then throws PrevodError ABORTED. */
  signal?: AbortSignal;
  /** Used for http(s) sources. @default globalThis.fetch */
  fetch?: typeof fetch;
  /**
   * Told about everything read around rather than read: skipped records and files (with their
   * location), renamed duplicate ids, mislabelled encodings, unreadable dates.
   * @default a line "prevod: warning: …" on stderr
   */
  onWarning?: (message: string) => void;
  /** What "-" reads. @default process.stdin */
  stdin?: AsyncIterable<Uint8Array>;
  /**
   * Told about a source given on the command line (a file, a feed URL, stdin) that could not be
   * read: a broken feed, a dead URL, a file over the size cap. The other sources are then read on.
   * Without it, such a source ends the reading with its PrevodError INPUT_INVALID.
   */
  onSourceFailure?: (failure: SourceFailure) => void;
  /**
   * Told about each input read around: an empty file, a record or feed item without text, a bad
   * JSONL line (every warning that ends in "; skipped", which it also is).
   */
  onSkipped?: (message: string) => void;
}

/** A source that could not be read, with the reason (which names the source). */
export interface SourceFailure {
  source: string;
  message: string;
}

type Source =
  | { kind: "stdin" }
  | { kind: "url"; url: string }
  | { kind: "file"; path: string }
  | { kind: "folder"; path: string }
  | { kind: "glob"; pattern: string };

/**
 * Reads articles from files, folders (recursively: .txt .md .html .htm .json .jsonl .xml .rss
 * .atom), glob patterns, http(s) URLs (feed or page, by Content-Type and content) and "-" (stdin),
 * one at a time, in the order given. Nothing is read ahead: a JSONL file or a folder of any size
 * costs the memory of one article.
 *
 * Every source is checked before the first article is read, so a mistyped path fails at once
 * (PrevodError INPUT_INVALID with the path and reason). A source that exists but cannot be read
 * (a broken feed, a dead URL, a file over the cap) fails when reached: through `onSourceFailure`
 * when given, and the next source is read; else by throwing.
 * Inside a folder or glob, a file that cannot be read is a warning and the walk goes on; a bad
 * record (JSONL line, feed item, JSON array entry) is always a warning and the rest is read.
 * Ids are unique within one call: a repeated id gets a suffix from its content ("id-3f9a1c2b"),
 * so it does not depend on the position in the input, with a warning.
 */
export async function* readArticles(sources: string[], options: ReadArticlesOptions = {}): AsyncGenerator<Article> {
  const report = options.onWarning ?? ((message: string) => void process.stderr.write(`prevod: warning: ${redact(message)}\n`));
  const warn = (message: string): void => {
    report(message);
    if (message.endsWith("; skipped")) options.onSkipped?.(message);
  };
  const classified = await Promise.all(sources.map(classify));
  if (classified.filter((source) => source.kind === "stdin").length > 1) {
    throw new PrevodError("INPUT_INVALID", `"-" (stdin) is given more than once; it can be read only once`);
  }
  const ids = new UniqueIds();
  for (const [position, source] of classified.entries()) {
    try {
      for await (const article of articlesOf(source, options, warn)) {
        if (options.signal?.aborted) throw new PrevodError("ABORTED", "reading inputs was cancelled", { cause: options.signal.reason });
        const { id, renamed } = ids.claim(article.id, `${article.title ?? ""}\n${article.text}`);
        if (renamed) warn(`${article.origin}: id "${article.id}" is already used by an earlier article; renamed to "${id}"`);
        yield renamed ? { ...article, id } : article;
      }
    } catch (error) {
      // One unreadable source must not cost the ones after it.
      if (!options.onSourceFailure || options.signal?.aborted || !isPrevodError(error, "INPUT_INVALID")) throw error;
      options.onSourceFailure({ source: redact(sources[position]!), message: redact(error.message) });
    }
  }
}

async function classify(source: string): Promise<Source> {
  if (source === "-") return { kind: "stdin" };
  if (/^https?:\/\//i.test(source)) return { kind: "url", url: source };
  const path = /^file:\/\//i.test(source) ? fileURLToPath(source) : source;
  try {
    const info = await stat(path);
    return info.isDirectory() ? { kind: "folder", path } : { kind: "file", path };
  } catch (error) {
    if (isDynamicPattern(path)) return { kind: "glob", pattern: path };
    throw unreadable(path, error);
  }
}

async function* articlesOf(source: Source, options: ReadArticlesOptions, warn: (message: string) => void): AsyncGenerator<Article> {
  switch (source.kind) {
    case "stdin":
      yield* readStdinArticles(options.stdin ?? process.stdin, warn);
      return;
    case "file":
      yield* readFileArticles(source.path, warn);
      return;
    case "folder":
      for await (const path of walkFolder(source.path, warn)) yield* readLeniently(path, warn);
      return;
    case "glob": {
      const paths = await expandGlob(source.pattern, warn);
      if (paths.length === 0) warn(`${source.pattern}: the pattern matches no input file`);
      for (const path of paths) yield* readLeniently(path, warn);
      return;
    }
    case "url": {
      const fetched = await fetchSource(source.url, options);
      const format = formatOf({ contentType: fetched.contentType, bytes: fetched.bytes });
      // The origin recorded for its articles is the URL without credentials (a feed's ?token=…).
      yield* articlesFromDocument({ name: redact(source.url), bytes: fetched.bytes, format, contentType: fetched.contentType, url: fetched.url }, warn);
    }
  }
}

// One file of many: if it cannot be read, the others still are.
async function* readLeniently(path: string, warn: (message: string) => void): AsyncGenerator<Article> {
  try {
    yield* readFileArticles(path, warn);
  } catch (error) {
    if (!isPrevodError(error, "INPUT_INVALID")) throw error;
    warn(`${error.message}; skipped`);
  }
}
