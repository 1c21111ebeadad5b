import { mkdtempSync, readFileSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { ArticleResult } from "./article-schema.js";
import { exportArticlesJsonl, openArticlesJsonl, writeArticle } from "./article-files.js";
import { openStore } from "../store/store.js";

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

describe("exportArticlesJsonl", () => {
  it("writes large results as the store holds them and small ones gathered, one line each, oldest first, the same bytes as JSON.stringify", async () => {
    const folder = mkdtempSync(join(tmpdir(), "prevod-export-"));
    try {
      const store = openStore(folder);
      const big = { ...result("big"), segments: Array.from({ length: 3000 }, (_, index) => ({ id: `s${index + 1}`, kind: "body" as const, text: `Голяма статия за съдебно решение ${index}.`, start: index * 40, end: index * 40 + 38, paragraph: index })) };
      const articles = [result("a"), big, result("c"), result("d")];
      articles.forEach((article, index) => store.putArticle(article.id, { input: "i", answers: "h", status: "ok", updated_at: `2026-12-0${index + 1}T00:00:00.000Z` }, article, "run"));
      expect(await exportArticlesJsonl(folder, store)).toBe(4);
      store.close();
      const text = readFileSync(join(folder, "articles.jsonl"), "utf8");
      expect(JSON.stringify(big).length).toBeGreaterThan(1 << 16);
      expect(text).toBe(articles.map((article) => `${JSON.stringify(article)}\n`).join(""));
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
