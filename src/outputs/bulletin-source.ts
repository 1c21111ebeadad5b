import { createReadStream } from "node:fs";
import { open, readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { PrevodError } from "../errors.js";
import { articleResultSchema, type ArticleResult } from "./article-schema.js";
import type { RunManifest } from "./run-manifest.js";

/** Where a run's articles are: `articles.jsonl` (input order) or, failing that, `articles/*.json`. */
export interface ArticleLocation {
  kind: "jsonl" | "folder";
  path: string;
}

/** How to find one article again: a file of its own, or a byte range of articles.jsonl. */
export type ArticleReference = { path: string } | { offset: number; length: number };

/** What a bulletin takes from `out/run.json`, when the run left one. */
export interface RunFacts {
  /** Articles the run read but never finished (it was interrupted). */
  interruptedCount: number;
  /** A problem that stopped reading inputs. */
  error?: string;
  failed: RunManifest["failed"];
}

/** Checks that `outputDir` holds a run's results and says where its articles are. */
export async function locateRunArticles(outputDir: string): Promise<ArticleLocation> {
  const folder = await stat(outputDir).catch(() => undefined);
  if (!folder?.isDirectory()) {
    throw new PrevodError("USAGE", `${outputDir}: expected the output folder of a run (prevod run -o ${outputDir}), found ${folder ? "a file" : "nothing"}`);
  }
  const jsonl = join(outputDir, "articles.jsonl");
  if ((await stat(jsonl).catch(() => undefined))?.isFile()) return { kind: "jsonl", path: jsonl };
  const articles = join(outputDir, "articles");
  if ((await stat(articles).catch(() => undefined))?.isDirectory()) return { kind: "folder", path: articles };
  throw new PrevodError("INPUT_INVALID", `${outputDir}: no results to render: expected articles.jsonl or articles/<id>.json written by prevod run`);
}

/**
 * Streams the run's articles one at a time, each with a reference to read it again later, so that a
 * run of any length never sits in memory whole.
 */
export async function* scanRunArticles(location: ArticleLocation): AsyncGenerator<{ article: ArticleResult; reference: ArticleReference }> {
  if (location.kind === "folder") {
    // Without articles.jsonl the input order is unknown; file-name order at least is stable.
    const names = (await readdir(location.path)).filter((name) => name.endsWith(".json") && !name.startsWith(".")).sort();
    for (const name of names) {
      const path = join(location.path, name);
      yield { article: parseArticle(await readFile(path, "utf8"), path), reference: { path } };
    }
    return;
  }
  let pending: Buffer[] = [];
  let pendingLength = 0;
  let offset = 0;
  let number = 0;
  for await (const chunk of createReadStream(location.path) as AsyncIterable<Buffer>) {
    let start = 0;
    for (let newline = chunk.indexOf(10); newline !== -1; newline = chunk.indexOf(10, start)) {
      const line = Buffer.concat([...pending, chunk.subarray(start, newline)]);
      const length = pendingLength + newline - start;
      number += 1;
      const text = line.toString("utf8");
      if (text.trim() !== "") yield { article: parseArticle(text, `${location.path}:${number}`), reference: { offset, length } };
      offset += length + 1;
      pending = [];
      pendingLength = 0;
      start = newline + 1;
    }
    if (start < chunk.length) {
      pending.push(chunk.subarray(start));
      pendingLength += chunk.length - start;
    }
  }
  const last = Buffer.concat(pending).toString("utf8");
  if (last.trim() !== "") yield { article: parseArticle(last, `${location.path}:${number + 1}`), reference: { offset, length: pendingLength } };
}

/** Reads articles again by reference; `close()` when done. */
export async function openArticleReader(location: ArticleLocation): Promise<{ read(reference: ArticleReference, id: string): Promise<ArticleResult>; close(): Promise<void> }> {
  const handle = location.kind === "jsonl" ? await open(location.path, "r") : undefined;
  return {
    async read(reference, id) {
      // The first pass validated every article; reading one again only needs its JSON.
      let article: ArticleResult;
      if ("path" in reference) {
        article = parseJson(await readFile(reference.path, "utf8"), reference.path) as ArticleResult;
      } else {
        const buffer = Buffer.alloc(reference.length);
        await handle!.read(buffer, 0, reference.length, reference.offset);
        try {
          article = parseJson(buffer.toString("utf8"), location.path) as ArticleResult;
        } catch {
          throw changedWhileReading(location);
        }
      }
      if (article.id !== id) throw changedWhileReading(location);
      return article;
    },
    async close() {
      await handle?.close();
    },
  };
}

function changedWhileReading(location: ArticleLocation): PrevodError {
  return new PrevodError("INPUT_INVALID", `${location.path} changed while the bulletins were rendered (another run writing?); run prevod bulletin again`);
}

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new PrevodError("INPUT_INVALID", `${where}: not valid JSON`);
  }
}

function parseArticle(text: string, where: string): ArticleResult {
  const value = parseJson(text, where);
  const parsed = articleResultSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.length > 0 ? issue.path.join(".") : "(top level)";
    throw new PrevodError("INPUT_INVALID", `${where}: not an article result of prevod run: ${path}: ${issue.message}`);
  }
  return parsed.data;
}

/** Reads `out/run.json`; undefined when the folder has none (results copied without it). */
export async function readRunFacts(outputDir: string): Promise<RunFacts | undefined> {
  const path = join(outputDir, "run.json");
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    return undefined;
  }
  let manifest: Partial<RunManifest>;
  try {
    manifest = JSON.parse(text) as Partial<RunManifest>;
  } catch {
    throw new PrevodError("INPUT_INVALID", `${path}: not valid JSON`);
  }
  const failed = Array.isArray(manifest.failed) ? manifest.failed.filter((entry) => typeof entry?.id === "string") : [];
  return {
    interruptedCount: typeof manifest.counts?.interrupted === "number" ? manifest.counts.interrupted : 0,
    ...(typeof manifest.error === "string" ? { error: manifest.error } : {}),
    failed: failed.map((entry) => ({ id: entry.id, status: entry.status, reasons: Array.isArray(entry.reasons) ? entry.reasons.map(String) : [] })),
  };
}
