import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { PrevodError } from "../errors.js";
import { openAtomicFile, writeFileAtomic } from "../storage/atomic-write.js";
import type { ArticleResult } from "./article-schema.js";

const SAFE_ID = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,199}$/;

/** `<out>/articles/<id>.json`. The id must already be a safe file name (inputs sanitise ids). */
export function articlePath(outputDir: string, id: string): string {
  if (!SAFE_ID.test(id) || id.includes("..")) {
    throw new PrevodError("OUTPUT_WRITE", `refusing to write article id ${JSON.stringify(id)}: not a safe file name`);
  }
  return join(outputDir, "articles", `${id}.json`);
}

export async function writeArticle(outputDir: string, result: ArticleResult): Promise<string> {
  const path = articlePath(outputDir, result.id);
  await writeFileAtomic(path, `${JSON.stringify(result, null, 2)}\n`);
  return path;
}

/**
 * Writes `<out>/articles.jsonl`: one line per article of this run's inputs, in input order,
 * read back from the article files (so memory stays flat), then renamed into place at once.
 */
export async function writeArticlesJsonl(outputDir: string, ids: Iterable<string>): Promise<void> {
  const file = await openAtomicFile(join(outputDir, "articles.jsonl"));
  try {
    for (const id of ids) {
      const line = JSON.stringify(JSON.parse(await readFile(articlePath(outputDir, id), "utf8")));
      await file.write(`${line}\n`);
    }
    await file.commit();
  } catch (error) {
    await file.abort();
    throw error;
  }
}
