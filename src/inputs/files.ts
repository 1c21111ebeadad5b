import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { basename, dirname, extname, resolve } from "node:path";
import { PrevodError } from "../errors.js";
import { articleFromRecord } from "./article-record.js";
import { sanitizeId } from "./article-id.js";
import { articlesFromDocument, formatOf } from "./document-articles.js";
import { readJsonlRecords, splitLines } from "./jsonl.js";
import { MAX_DOCUMENT_BYTES } from "./fetch-source.js";
import type { Article } from "./types.js";

/** File extensions a folder walk picks up; other files in a folder are not inputs. */
export const INPUT_EXTENSIONS = [".txt", ".md", ".html", ".htm", ".json", ".jsonl", ".xml", ".rss", ".atom"] as const;

/** True when a file name has one of {@link INPUT_EXTENSIONS}. */
export function isInputFile(path: string): boolean {
  return (INPUT_EXTENSIONS as readonly string[]).includes(extname(path).toLowerCase());
}

/**
 * The articles of one file. `.jsonl` is streamed line by line; every other file is one document
 * read whole (a .txt or .html file is one article whose id, when the page names no canonical
 * URL, is the file name stem, or its folder's name for generic stems like index or article). An unknown extension is decided by the first bytes.
 * @throws PrevodError INPUT_INVALID when the file cannot be read or is not what its name says.
 */
export async function* readFileArticles(path: string, warn: (message: string) => void): AsyncGenerator<Article> {
  const extension = extname(path).toLowerCase();
  if (extension === ".jsonl" || extension === ".ndjson") {
    yield* readJsonlFile(path, warn);
    return;
  }
  const bytes = await readCapped(path);
  const format = formatOf({ extension, bytes });
  yield* articlesFromDocument({ name: path, bytes, format, fallbackId: sanitizeId(fileStemId(path)) }, warn);
}

/** Names that say nothing about the article; scrapers often save `<slug>/index.html`. */
const GENERIC_STEMS = new Set(["article", "index", "page", "content", "story", "text", "body", "main", "default"]);

/** The file name stem, or `<folder>-<stem>`'s folder when the stem is generic (`varna-buses/article.txt` → `varna-buses`). */
export function fileStemId(path: string): string {
  const stem = basename(path, extname(path));
  if (!GENERIC_STEMS.has(stem.toLowerCase())) return stem;
  const folder = basename(dirname(resolve(path)));
  return folder && folder !== "." && folder !== "/" ? folder : stem;
}

async function* readJsonlFile(path: string, warn: (message: string) => void): AsyncGenerator<Article> {
  const stream = createReadStream(path);
  try {
    await new Promise<void>((resolve, reject) => {
      stream.once("open", () => resolve());
      stream.once("error", reject);
    });
  } catch (error) {
    throw unreadable(path, error);
  }
  try {
    for await (const { record, line } of readJsonlRecords(splitLines(stream), { name: path, warn })) {
      const article = articleFromRecord(record, { origin: `${path}:${line}`, warn });
      if (article) yield article;
    }
  } finally {
    stream.destroy();
  }
}

/**
 * The whole file, refused (INPUT_INVALID) past {@link MAX_DOCUMENT_BYTES} like a fetched URL: a
 * file of gigabytes, /dev/zero or a FIFO that never ends must not fill memory. The size is checked
 * before and while reading, since a file can grow and a device reports size 0.
 */
async function readCapped(path: string): Promise<Buffer> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, "r");
  } catch (error) {
    throw unreadable(path, error);
  }
  try {
    const info = await handle.stat();
    if (info.isFile() && info.size > MAX_DOCUMENT_BYTES) throw tooLargeFile(path, info.size);
    const chunks: Buffer[] = [];
    let size = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(1 << 20);
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      size += bytesRead;
      if (size > MAX_DOCUMENT_BYTES) throw tooLargeFile(path);
      chunks.push(bytesRead === chunk.length ? chunk : chunk.subarray(0, bytesRead));
    }
    return Buffer.concat(chunks, size);
  } catch (error) {
    throw error instanceof PrevodError ? error : unreadable(path, error);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

function tooLargeFile(path: string, size?: number): PrevodError {
  const what = size === undefined ? `larger than the ${MAX_DOCUMENT_BYTES} bytes prevod reads` : `${size} bytes, more than the ${MAX_DOCUMENT_BYTES} prevod reads`;
  return new PrevodError("INPUT_INVALID", `cannot read ${path}: the file is ${what}`, { details: { path } });
}

/** The INPUT_INVALID error for a path that cannot be read, with the system's reason. */
export function unreadable(path: string, error: unknown): PrevodError {
  const code = (error as NodeJS.ErrnoException)?.code;
  const reason =
    code === "ENOENT" ? "no such file or folder" : code === "EACCES" || code === "EPERM" ? "permission denied" : code === "EISDIR" ? "is a folder" : (code ?? String(error));
  return new PrevodError("INPUT_INVALID", `cannot read ${path}: ${reason}`, { cause: error, details: { path } });
}
