import { mkdtempSync, readFileSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { ArticleResult } from "./article-schema.js";
import { openArticlesJsonl, writeArticle } from "./article-files.js";

const dir = mkdtempSync(join(tmpdir(), "prevod-jsonl-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const result = (id: string) => ({ id, status: "ok", source: { origin: id, sha256: "0" }, segments: [], translations: {}, summaries: {}, quotes: [], checks: [], errors: [], usage: { calls: 0, cached: 0, replayed: 0, prompt_tokens: 0, completion_tokens: 0, repairs: 0 } }) as ArticleResult;

describe("openArticlesJsonl", () => {
  it("writes lines in input order whatever order articles finish in, skipping interrupted ones, and appears only when finished", async () => {
    await writeArticle(dir, result("kept"));
    const jsonl = await openArticlesJsonl(dir);
    await jsonl.add(2, { result: result("c") });
    await jsonl.add(0, { result: result("a") });
    expect(existsSync(join(dir, "articles.jsonl"))).toBe(false);
    await jsonl.add(3, { unchangedId: "kept" });
    // Index 1 was interrupted and never reported.
    await jsonl.finish();
    const ids = readFileSync(join(dir, "articles.jsonl"), "utf8").trim().split("\n").map((line) => JSON.parse(line).id);
    expect(ids).toEqual(["a", "c", "kept"]);
  });
});
