import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { jsonChunks } from "../common/json-chunks.js";
import { PrevodError } from "../errors.js";
import { openAtomicFile } from "../storage/atomic-write.js";
import type { Store } from "../store/store.js";
import { writeReason } from "../storage/write-errors.js";
import { beforeWrite } from "../storage/write-fault.js";
import type { ArticleResult } from "./article-schema.js";

const SAFE_ID = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,199}$/;

/** `<out>/articles/<id>.json`. The id must already be a safe file name (inputs sanitise ids). */
export function articlePath(outputDir: string, id: string): string {
  if (!SAFE_ID.test(id) || id.includes("..")) {
    throw new PrevodError("OUTPUT_WRITE", `refusing to write article id ${JSON.stringify(id)}: not a safe file name`);
  }
  return join(outputDir, "articles", `${id}.json`);
}

/**
 * True when `<out>/articles/<id>.json` is a whole article file of that id. A file cut short (a
 * full disk, a crash of another tool) used to pass as "unchanged" and crash every later run when
 * articles.jsonl copied it; such a file is made again (its answers come from the cache).
 */
export function articleFileIntact(path: string, id: string): boolean {
  try {
    const value = JSON.parse(readFileSync(path, "utf8")) as { id?: unknown; status?: unknown };
    return value.id === id && typeof value.status === "string";
  } catch {
    return false;
  }
}

/**
 * Checks that the output folder and its articles/ folder can be written, before any model call:
 * an unwritable folder used to cost every call of the run and then end in a stack trace.
 * @throws PrevodError OUTPUT_WRITE, one line naming the folder and the reason
 */
export async function checkOutputFolder(outputDir: string): Promise<void> {
  for (const dir of [outputDir, join(outputDir, "articles")]) {
    const probe = join(dir, `.prevod-write-check.${process.pid}.${randomBytes(4).toString("hex")}`);
    try {
      await mkdir(dir, { recursive: true });
      beforeWrite(probe, 0);
      await writeFile(probe, "");
      await rm(probe, { force: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException)?.code;
      const reason = writeReason(code, String(error));
      throw new PrevodError("OUTPUT_WRITE", `cannot write to the output folder ${dir}: ${reason}`, { cause: error, details: { path: dir } });
    }
  }
}

/** `<out>/articles/<id>.json`, written piece by piece (a large article's JSON is never one string). */
export async function writeArticle(outputDir: string, result: ArticleResult): Promise<string> {
  const path = articlePath(outputDir, result.id);
  const file = await openAtomicFile(path);
  try {
    for (const chunk of jsonChunks(result, 2)) await file.write(chunk);
    await file.write("\n");
    await file.commit();
  } catch (error) {
    await file.abort();
    throw error;
  }
  return path;
}

/** A run's articles.jsonl, written while the run goes on. */
export interface ArticlesJsonl {
  /** The article at `index` (input order) is done: its result, or the id of a file it kept. */
  add(index: number, done: { result: ArticleResult } | { unchangedId: string }): Promise<void>;
  /** Writes whatever is still held, in input order (articles never added were interrupted), and puts the file in place. */
  finish(): Promise<void>;
  abort(): Promise<void>;
}

/**
 * `<out>/articles.jsonl`: one line per article of the run, in input order, written as the run
 * goes (the file appears, complete, when the run ends). Articles finish out of order, so a line
 * waits until every earlier article is done or known never to be; earlier articles go first
 * through the queues, so few wait, and memory stays flat.
 */
export async function openArticlesJsonl(outputDir: string): Promise<ArticlesJsonl> {
  const file = await openAtomicFile(join(outputDir, "articles.jsonl"));
  const waiting = new Map<number, string>();
  let next = 0;
  let writing = Promise.resolve();
  const line = async (done: { result: ArticleResult } | { unchangedId: string }): Promise<string> =>
    "result" in done ? JSON.stringify(done.result) : JSON.stringify(JSON.parse(await readFile(articlePath(outputDir, done.unchangedId), "utf8")));
  // Writes run one after another, in index order, whatever order the calls come in.
  const flush = (all: boolean) =>
    (writing = writing.then(async () => {
      const last = all ? Math.max(next - 1, ...waiting.keys()) : Infinity;
      while (next <= last && (waiting.has(next) || all)) {
        const text = waiting.get(next);
        waiting.delete(next);
        next++;
        if (text) await file.write(`${text}\n`);
      }
    }));
  return {
    async add(index, done) {
      waiting.set(index, await line(done));
      await flush(false);
    },
    async finish() {
      await flush(true);
      await file.commit();
    },
    async abort() {
      await writing.catch(() => undefined);
      await file.abort();
    },
  };
}

/**
 * `<out>/articles.jsonl` as an export of the store: every article it holds a result for, oldest
 * first (published, else first seen), written row by row (flat memory) and put in place whole.
 */
export async function exportArticlesJsonl(outputDir: string, store: Store): Promise<number> {
  const file = await openAtomicFile(join(outputDir, "articles.jsonl"));
  let count = 0;
  try {
    // The store's own text, line by line: nothing parsed and written again (a 5 MB article's result
    // cost 120 MB here; a year's store, 11 s).
    const newline = Buffer.from("\n");
    let batch: Buffer[] = [];
    let size = 0;
    for (const json of store.iterateResultJson({ order: "oldest" })) {
      if (json.length >= 1 << 16) {
        // A large result is written as the store gave it: gathered with its neighbours it was
        // copied once more (a 5 MB article's result, 28 MB).
        if (size > 0) await file.write(Buffer.concat(batch, size));
        batch = [];
        size = 0;
        await file.write(json);
        await file.write(newline);
        count++;
        continue;
      }
      batch.push(json, newline);
      size += json.length + 1;
      count++;
      if (size >= 1 << 20) {
        await file.write(Buffer.concat(batch, size));
        batch = [];
        size = 0;
      }
    }
    if (size > 0) await file.write(Buffer.concat(batch, size));
    await file.commit();
  } catch (error) {
    await file.abort();
    throw error;
  }
  return count;
}
