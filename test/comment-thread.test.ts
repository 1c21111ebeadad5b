import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runPipeline } from "../src/engine/run-pipeline.js";
import { readArticles } from "../src/inputs/read-articles.js";
import type { Article } from "../src/inputs/types.js";
import { articleResultSchema, type ArticleResult } from "../src/outputs/article-schema.js";
import { loadReference } from "../src/eval/reference.js";
import { ROOT, temporaryDirectory } from "./support/cli.js";
import { planFor } from "./support/pipeline.js";
import { loadReferenceBook, referenceAnswerer } from "./support/reference-answerer.js";
import { startOllamaSimulator, type Simulator } from "./support/sim/index.js";

/**
 * Issue 4, "must show": on the sample shaped like a scraped page with a reader-comment thread, the
 * named speaker's quotes are found verbatim with correct offsets, and nothing from the comment
 * thread appears in any quote or summary.
 */
const temporary = temporaryDirectory();
let simulator: Simulator;
let article: Article;
let result: ArticleResult;

beforeAll(async () => {
  simulator = await startOllamaSimulator({ answer: referenceAnswerer(await loadReferenceBook(join(ROOT, "samples"))), models: ["quotes:7b"], parallel: 4 });
  for await (const read of readArticles([join(ROOT, "samples", "varna-buses", "article.txt")])) article = read;
  const outputDir = join(temporary.dir, "out");
  await runPipeline({ plan: await planFor({ host: simulator.url, model: "quotes:7b", outputDir }), articles: [article], cache: false });
  result = articleResultSchema.parse(JSON.parse(readFileSync(join(outputDir, "articles", "varna-buses.json"), "utf8")));
});
afterAll(async () => {
  await simulator?.close();
  temporary.cleanup();
});

describe("quotes and summaries on a page with reader comments", () => {
  it("splits the page into title, meta, body and comments", () => {
    const kinds = new Set(result.segments.map((segment) => segment.kind));
    expect([...kinds].sort()).toEqual(["body", "comment", "meta", "title"]);
    expect(result.segments.filter((segment) => segment.kind === "comment").length).toBeGreaterThanOrEqual(3);
  });

  it("finds every quote of the named speakers verbatim, at its offsets, in body sentences", async () => {
    const reference = await loadReference(join(ROOT, "samples", "varna-buses", "reference.yaml"));
    expect(result.quotes.map((quote) => quote.text)).toEqual(reference.quotes.map((quote) => quote.text));
    const kinds = new Map(result.segments.map((segment) => [segment.id, segment]));
    for (const quote of result.quotes) {
      expect(article.text.slice(quote.start, quote.end)).toBe(quote.text);
      for (const id of quote.segment_ids) {
        const segment = kinds.get(id)!;
        expect(segment.kind).toBe("body");
        expect(quote.start < segment.end && quote.end > segment.start).toBe(true);
      }
      expect(article.text).toContain(quote.speaker.split(" ").pop()!);
      for (const lang of ["en", "ru", "sr-Cyrl", "sr-Latn"] as const) expect(result.translations[lang]!.text).toContain(quote.translations[lang]!);
    }
    expect(result.quotes.filter((quote) => quote.speaker === "Стефан Драганов").length).toBe(5);
  });

  it("takes nothing from the comment thread into a quote or a summary", () => {
    const comments = result.segments.filter((segment) => segment.kind === "comment");
    for (const quote of result.quotes) {
      for (const comment of comments) expect(quote.start >= comment.end || quote.end <= comment.start).toBe(true);
    }
    const commentTranslations = comments.flatMap((segment) =>
      (["en", "ru", "sr-Cyrl", "sr-Latn"] as const).map((lang) => result.translations[lang]!.segments.find((item) => item.id === segment.id)!.text),
    );
    for (const [lang, summary] of Object.entries(result.summaries)) {
      const text = `${summary.headline} ${summary.summary} ${summary.key_points.join(" ")}`;
      for (const translated of commentTranslations) expect(text, `${lang} summary`).not.toContain(translated);
    }
  });
});
