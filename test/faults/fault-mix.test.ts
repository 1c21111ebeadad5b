import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runPipeline } from "../../src/engine/run-pipeline.js";
import { articleResultSchema, type ArticleResult } from "../../src/outputs/article-schema.js";
import { ROOT, temporaryDirectory } from "../support/cli.js";
import { FAULT_MIX, faultMix, faultName } from "../support/fault-mix.js";
import { planFor } from "../support/pipeline.js";
import { loadReferenceBook, referenceAnswerer } from "../support/reference-answerer.js";
import { startOllamaSimulator, type Simulator } from "../support/sim/index.js";
import { smallArticles } from "../support/small-articles.js";

/**
 * Issue 7, fault suite: 1,000 articles through an Ollama server that answers about one request
 * in six with a fault — 500, 503, 429 with Retry-After, a reset mid-answer, a slow first byte,
 * invalid JSON, off-schema JSON, the wrong language, an answer cut at the length limit. Every
 * article must be accounted for, every file valid, at least 99% ok, and every other article
 * must say why.
 */
const ARTICLES = 1000;
/** Our own sentences, with no reference translation anywhere. */
const UNANSWERABLE = "Тестов ред за проверка\n\nЧервената лодка стои на брега от три зими. Никой не помни кой я е оставил там.\n";
const MODEL = "faulty:7b";

describe("1,000 articles through a server that misbehaves in every way it can", () => {
  let simulator: Simulator;
  const temporary = temporaryDirectory("prevod-faults-");

  beforeAll(async () => {
    simulator = await startOllamaSimulator({
      answer: referenceAnswerer(await loadReferenceBook(join(ROOT, "samples"))),
      models: [MODEL],
      parallel: 8,
      faults: faultMix(7007),
    });
  });
  afterAll(async () => {
    await simulator?.close();
    temporary.cleanup();
  });

  it("accounts for every article, writes only valid files, ends ≥ 99% ok and gives a reason for the rest", async () => {
    const outputDir = join(temporary.dir, "out");
    const plan = await planFor({ host: simulator.url, model: MODEL, outputDir });
    // Two articles no server could save, so that the reasons of non-ok articles are checked too:
    // one with nothing to translate, one whose sentences no reference answer covers (the
    // simulator answers them with the Bulgarian text, which the gates reject every time).
    const articles = smallArticles(ARTICLES);
    articles[400] = { id: "nothing-to-translate", text: "\n\n   \n", origin: "fault-suite" };
    articles[800] = { id: "no-reference-answer", title: "Тестов ред", text: UNANSWERABLE, origin: "fault-suite" };
    const started = performance.now();
    // No cache: articles repeat sentences, and cached answers would spare them the faults.
    const result = await runPipeline({ plan, articles, cache: false });
    const seconds = (performance.now() - started) / 1000;

    const manifest = JSON.parse(readFileSync(join(outputDir, "run.json"), "utf8"));
    const { counts } = manifest;
    expect(counts.total).toBe(ARTICLES);
    expect(counts.interrupted).toBe(0);
    expect(counts.ok + counts.partial + counts.failed).toBe(ARTICLES);
    expect(result.articles.map((article) => article.id)).toEqual(articles.map((article) => article.id));

    const folder = join(outputDir, "articles");
    expect(readdirSync(folder).filter((file) => file.startsWith("."))).toEqual([]);
    // The results; their pages (articles/<id>.html) sit beside them.
    const files = readdirSync(folder).filter((file) => file.endsWith(".json"));
    expect(files.sort()).toEqual(articles.map((article) => `${article.id}.json`).sort());
    const written = new Map<string, ArticleResult>();
    for (const file of files) {
      const article = articleResultSchema.parse(JSON.parse(readFileSync(join(folder, file), "utf8")));
      written.set(article.id, article);
    }
    expect(readFileSync(join(outputDir, "articles.jsonl"), "utf8").trim().split("\n")).toHaveLength(ARTICLES);

    const statuses = [...written.values()].map((article) => article.status);
    expect(statuses.filter((status) => status === "ok").length).toBe(counts.ok);
    expect(counts.ok / ARTICLES).toBeGreaterThanOrEqual(0.99);
    const failedIds = new Map<string, string[]>(manifest.failed.map((entry: { id: string; reasons: string[] }) => [entry.id, entry.reasons]));
    for (const article of written.values()) {
      if (article.status === "ok") continue;
      expect(article.errors.length, `${article.id} is ${article.status} without a reason`).toBeGreaterThan(0);
      for (const error of article.errors) expect(error.message.trim()).not.toBe("");
      expect(failedIds.get(article.id)?.length).toBeGreaterThan(0);
    }

    expect(written.get("nothing-to-translate")).toMatchObject({ status: "failed", errors: expect.arrayContaining([expect.objectContaining({ step: "segment", code: "INPUT_INVALID" })]) });
    const unanswerable = written.get("no-reference-answer")!;
    expect(unanswerable.status).not.toBe("ok");
    expect(unanswerable.errors.some((error) => error.step === "translate" && error.code === "GATE_FAILED")).toBe(true);

    // Every kind of the mix really happened, and the run survived it by retrying and re-asking.
    const injected = new Map<string, number>();
    for (const request of simulator.requests) if (request.fault) injected.set(faultName(request.fault), (injected.get(faultName(request.fault)) ?? 0) + 1);
    for (const kind of Object.keys(FAULT_MIX)) expect(injected.get(kind) ?? 0, `no ${kind} fault was injected`).toBeGreaterThan(0);
    const transient = ["500", "503", "429", "reset-mid-stream"].reduce((sum, kind) => sum + (injected.get(kind) ?? 0), 0);
    expect(manifest.usage.retries).toBeGreaterThanOrEqual(transient);
    expect(manifest.usage.repairs).toBeGreaterThan(0);

    console.info(
      `fault suite: ${ARTICLES} articles in ${seconds.toFixed(1)} s: ${counts.ok} ok, ${counts.partial} partial, ${counts.failed} failed; ` +
        `${manifest.usage.calls} calls, ${manifest.usage.retries} retries, ${manifest.usage.repairs} re-asks; faults: ${JSON.stringify(Object.fromEntries(injected))}; ` +
        `not ok: ${manifest.failed.map((entry: { id: string; status: string; reasons: string[] }) => `${entry.id} (${entry.status}: ${entry.reasons[0]?.slice(0, 160)})`).join("; ")}`,
    );
  });
});
