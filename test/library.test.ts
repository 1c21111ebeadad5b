import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { loadPlan, runPipeline, type Article, type PlanOverrides } from "../src/index.js";
import { ROOT, temporaryDirectory } from "./support/cli.js";
import { loadReferenceBook, referenceAnswerer } from "./support/reference-answerer.js";
import { startOllamaSimulator, type Simulator } from "./support/sim/index.js";

/**
 * Issue 12, item 10: the library's options were CLI strings (`targets: "en,ru"`; an array gave
 * `TypeError: overrides.targets.split is not a function`) and the README had no library example.
 */
const temporary = temporaryDirectory("prevod-library-");
let simulator: Simulator;
beforeAll(async () => {
  simulator = await startOllamaSimulator({ answer: referenceAnswerer(await loadReferenceBook(join(ROOT, "samples"))), models: ["gemma3:12b"], parallel: 4 });
});
afterAll(async () => {
  await simulator?.close();
  temporary.cleanup();
});

describe("the library", () => {
  it("types its overrides as arrays and numbers", () => {
    expectTypeOf<{ targets: string[]; concurrency: number }>().toMatchTypeOf<PlanOverrides>();
    expectTypeOf<{ targets: readonly ["en", "ru"] }>().toMatchTypeOf<PlanOverrides>();
    expectTypeOf<{ concurrency: boolean }>().not.toMatchTypeOf<PlanOverrides>();
    expectTypeOf(runPipeline).parameter(0).toHaveProperty("articles");
  });

  it("runs the README's example: a pipeline on two articles from code, with typed options", async () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    expect(readme).toContain('await loadPlan("pipeline.yaml", { targets: ["en", "ru"], concurrency: 2, outputDir: "out/library" })');
    const article = (name: string): Article => {
      const text = readFileSync(join(ROOT, "samples", name, "article.txt"), "utf8");
      return { id: name, origin: "code", title: text.split("\n")[0]!, text };
    };
    const plan = await loadPlan(join(ROOT, "pipeline.yaml"), { targets: ["en", "ru"], concurrency: 2, outputDir: join(temporary.dir, "out"), environment: { OLLAMA_HOST: simulator.url } });
    const finished: string[] = [];
    const { manifest, articles } = await runPipeline({
      plan,
      articles: [article("court-ruling"), article("varna-buses")],
      environment: { OLLAMA_HOST: simulator.url },
      onEvent: (event) => void (event.type === "article-finished" && finished.push(event.id)),
    });
    expect(manifest.counts.total).toBe(2);
    expect(articles.map((entry) => entry.id)).toEqual(["court-ruling", "varna-buses"]);
    expect(finished.sort()).toEqual(["court-ruling", "varna-buses"]);
    const written = JSON.parse(readFileSync(join(temporary.dir, "out", "articles", "court-ruling.json"), "utf8")) as { translations: Record<string, unknown> };
    expect(Object.keys(written.translations).sort()).toEqual(["en", "ru"]);
  });
});
