import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runPipeline } from "../src/engine/run-pipeline.js";
import { articleResultSchema } from "../src/outputs/article-schema.js";
import { temporaryDirectory, ROOT } from "./support/cli.js";
import { repeatedSamples, planFor } from "./support/pipeline.js";
import { loadReferenceBook, referenceAnswerer } from "./support/reference-answerer.js";
import { seededFaults, startOllamaSimulator, type Simulator } from "./support/sim/index.js";

/**
 * Issue 2, "must show": against the Ollama simulator with 10% 500s, 5% 429 (Retry-After 1 s),
 * 5% invalid JSON and 5% off-schema answers, 50 articles all end ok and run.json adds up.
 */
describe("a run through a misbehaving server", () => {
  let simulator: Simulator;
  const temporary = temporaryDirectory();

  beforeAll(async () => {
    const book = await loadReferenceBook(join(ROOT, "samples"));
    simulator = await startOllamaSimulator({
      answer: referenceAnswerer(book),
      models: ["faulty:7b"],
      parallel: 8,
      faults: seededFaults({ "500": 0.1, "429": 0.05, "invalid-json": 0.05, "off-schema": 0.05 }, 2026),
    });
  });
  afterAll(async () => {
    await simulator?.close();
    temporary.cleanup();
  });

  it("ends every one of 50 articles ok and accounts for all of them", async () => {
    const outputDir = join(temporary.dir, "out");
    const plan = await planFor({ host: simulator.url, model: "faulty:7b", outputDir });
    // No cache: identical sample texts would otherwise be answered once and spare the faults.
    const result = await runPipeline({ plan, articles: repeatedSamples(50), cache: false });

    const manifest = JSON.parse(readFileSync(join(outputDir, "run.json"), "utf8"));
    expect(manifest.counts).toMatchObject({ total: 50, ok: 50, partial: 0, failed: 0, interrupted: 0 });
    expect(manifest.counts.ok + manifest.counts.partial + manifest.counts.failed).toBe(50);
    expect(result.articles.map((article) => article.status)).toEqual(Array(50).fill("ok"));

    const stats = simulator.stats();
    expect(stats.faults["http"]).toBeGreaterThan(10);
    expect(stats.faults["invalid-json"]).toBeGreaterThan(3);
    expect(stats.faults["off-schema"]).toBeGreaterThan(3);
    // Faults were survived by retrying (HTTP) and by re-asking (bad answers), not by luck.
    expect(manifest.usage.retries).toBeGreaterThanOrEqual(stats.faults["http"]!);
    expect(manifest.usage.repairs).toBeGreaterThan(0);

    const files = readdirSync(join(outputDir, "articles")).filter((file) => file.endsWith(".json"));
    expect(files).toHaveLength(50);
    for (const file of files) {
      const article = articleResultSchema.parse(JSON.parse(readFileSync(join(outputDir, "articles", file), "utf8")));
      expect(article.errors).toEqual([]);
      for (const lang of ["en", "ru", "sr-Cyrl", "sr-Latn"] as const) expect(article.translations[lang]?.text.length).toBeGreaterThan(0);
    }
    const lines = readFileSync(join(outputDir, "articles.jsonl"), "utf8").trim().split("\n");
    expect(lines).toHaveLength(50);
  }, 120_000);
});
