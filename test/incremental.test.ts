import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runPipeline } from "../src/engine/run-pipeline.js";
import { previewRun } from "../src/engine/preview-run.js";
import { chunkSegments } from "../src/text/chunks.js";
import { analyzeArticle } from "../src/text/structure.js";
import { loadReference } from "../src/eval/reference.js";
import { ROOT, temporaryDirectory } from "./support/cli.js";
import { planFor, sampleArticles } from "./support/pipeline.js";
import { loadReferenceBook, referenceAnswerer } from "./support/reference-answerer.js";
import { startOllamaSimulator, type Simulator } from "./support/sim/index.js";

/**
 * Issue 5, "must show": a feed of 200 articles runs; a second run makes no model call; after one
 * paragraph of one article is edited, a third run re-translates only that article's changed
 * chunk(s) — read from run.json.
 */
const temporary = temporaryDirectory();
let simulator: Simulator;

beforeAll(async () => {
  simulator = await startOllamaSimulator({ answer: referenceAnswerer(await loadReferenceBook(join(ROOT, "samples"))), models: ["feed:7b"], parallel: 8 });
});
afterAll(async () => {
  await simulator?.close();
  temporary.cleanup();
});

/** The translated chunks of a text, as the pipeline forms them (default budget). */
const chunkTexts = (text: string) => {
  const segments = analyzeArticle(text);
  return chunkSegments(segments, { maxTokens: 500 }).map((chunk) => chunk.segmentIds.map((id) => segments.find((segment) => segment.id === id)!.text).join("\n"));
};

describe("incremental runs over a feed", () => {
  it("pays only for what is new or changed", async () => {
    const samples = sampleArticles();
    const records = Array.from({ length: 200 }, (_, index) => {
      const sample = samples[index % samples.length]!;
      return { id: `feed-${index + 1}`, url: `https://news.example.bg/${sample.id}/${index + 1}`, title: sample.title, published: `2026-03-${String(1 + (index % 28)).padStart(2, "0")}T08:00:00+02:00`, text: sample.text };
    });
    const feed = join(temporary.dir, "feed.jsonl");
    const write = () => writeFileSync(feed, records.map((record) => JSON.stringify(record)).join("\n") + "\n");
    write();
    const outputDir = join(temporary.dir, "out");
    const plan = await planFor({ host: simulator.url, model: "feed:7b", outputDir });
    const manifest = () => JSON.parse(readFileSync(join(outputDir, "run.json"), "utf8"));

    await runPipeline({ plan, sources: [feed] });
    const first = manifest();
    expect(first.counts).toMatchObject({ total: 200, ok: 200, skipped: 0 });
    expect(first.usage.calls).toBeGreaterThan(0);

    await runPipeline({ plan, sources: [feed] });
    const second = manifest();
    expect(second.counts).toMatchObject({ total: 200, ok: 200, skipped: 200 });
    expect(second.usage).toMatchObject({ calls: 0, cached: 0 });

    // Edit one body paragraph of one article: a sentence added to its last paragraph (one the
    // references can translate). An edit that pushes a paragraph into the next chunk also changes
    // the chunks up to the next content-defined boundary; the run pays for exactly those.
    const target = records[15]!;
    const borrowedSentence = (await loadReference(join(ROOT, "samples", "inflation-report", "reference.yaml"))).translations[3]!;
    const borrowed = borrowedSentence.bg;
    const paragraphs = target.text.split("\n\n");
    const body = paragraphs.findLastIndex((paragraph) => paragraph.length > 100);
    paragraphs[body] = `${paragraphs[body]} ${borrowed}`;
    const before = chunkTexts(target.text);
    target.text = paragraphs.join("\n\n");
    write();
    const changedChunks = chunkTexts(target.text).filter((chunk) => !before.includes(chunk));
    expect(changedChunks.length).toBeGreaterThanOrEqual(1);
    expect(changedChunks.length).toBeLessThan(before.length);

    const decisions = [];
    for await (const { article, decision } of previewRun(plan, [feed])) if (decision.run) decisions.push([article.id, decision.reason]);
    expect(decisions).toEqual([[target.id, "text changed"]]);

    await runPipeline({ plan, sources: [feed] });
    const third = manifest();
    expect(third.counts).toMatchObject({ total: 200, ok: 200, skipped: 199 });
    // Three targets: each changed chunk is translated anew, every other chunk comes from the cache.
    expect(third.steps.translate.calls).toBe(changedChunks.length * 3);
    expect(third.steps.translate.cached).toBe((chunkTexts(target.text).length - changedChunks.length) * 3);
    const article = JSON.parse(readFileSync(join(outputDir, "articles", `${target.id}.json`), "utf8"));
    expect(article.translations.en.text).toContain(borrowedSentence.en);
    expect(article.status).toBe("ok");
  }, 120_000);
});
