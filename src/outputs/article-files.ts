import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { finished } from "node:stream/promises";
import { PrevodError } from "../errors.js";
import { writeFileAtomic } from "../storage/atomic-write.js";
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
  await mkdir(outputDir, { recursive: true });
  const target = join(outputDir, "articles.jsonl");
  const temporary = join(outputDir, `.articles.jsonl.${process.pid}.tmp`);
  const out = createWriteStream(temporary);
  try {
    for (const id of ids) {
      const chunks: Buffer[] = [];
      for await (const chunk of createReadStream(articlePath(outputDir, id))) chunks.push(chunk as Buffer);
      const line = JSON.stringify(JSON.parse(Buffer.concat(chunks).toString("utf8")));
      if (!out.write(`${line}\n`)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
    }
    out.end();
    await finished(out);
    await rename(temporary, target);
  } catch (error) {
    out.destroy();
    await rm(temporary, { force: true });
    throw error;
  }
}
