import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPlan } from "../src/graph/load-plan.js";
import { ROOT, runCliInProcess, temporaryDirectory } from "./support/cli.js";
import { loadReferenceBook, referenceAnswerer } from "./support/reference-answerer.js";
import { startOllamaSimulator, type Simulator } from "./support/sim/index.js";

/**
 * Issue 12, item 3: `--targets` with the shipped pipeline.yaml. `--targets en,ru` was exit 2
 * "sr-Cyrl is not among the pipeline's targets" (the translate step lists sr-Cyrl); `--targets en`
 * gave two errors. Every step's targets now narrow to the run's; only an empty intersection is an
 * error. The library takes arrays and numbers (an array was `overrides.targets.split is not a function`).
 */
const PIPELINE = join(ROOT, "pipeline.yaml");
const ARTICLE = join(ROOT, "samples", "court-ruling", "article.txt");
const temporary = temporaryDirectory("prevod-targets-");
let simulator: Simulator;
beforeAll(async () => {
  simulator = await startOllamaSimulator({ answer: referenceAnswerer(await loadReferenceBook(join(ROOT, "samples"))), models: ["gemma3:12b"], parallel: 4 });
});
afterAll(async () => {
  await simulator?.close();
  temporary.cleanup();
});
const env = () => ({ OLLAMA_HOST: simulator.url, PREVOD_MODEL: undefined, PREVOD_PARALLEL: undefined });
const translated = (out: string) => Object.keys(JSON.parse(readFileSync(join(out, "articles", "court-ruling.json"), "utf8")).translations).sort();

describe("--targets narrows the shipped pipeline", () => {
  it("--targets en,ru runs with the shipped pipeline.yaml and makes only en and ru", async () => {
    const out = join(temporary.dir, "en-ru");
    const result = await runCliInProcess(["run", ARTICLE, "-c", PIPELINE, "--targets", "en,ru", "-o", out, "--progress", "none"], { env: env() });
    expect(result.code, result.stderr).toBe(0);
    expect(translated(out)).toEqual(["en", "ru"]);
  });

  it("--targets en is not two errors: only en is made", async () => {
    const out = join(temporary.dir, "en");
    const result = await runCliInProcess(["run", ARTICLE, "-c", PIPELINE, "--targets", "en", "-o", out, "--progress", "none"], { env: env() });
    expect(result.code, result.stderr).toBe(0);
    expect(translated(out)).toEqual(["en"]);
  });

  it("sr-Latn goes with sr-Cyrl: asking for either makes both, dropping sr-Cyrl drops sr-Latn", async () => {
    const latin = await loadPlan(PIPELINE, { targets: "sr-Latn", environment: env() });
    expect(latin.targets).toEqual(["sr-Cyrl", "sr-Latn"]);
    expect(latin.steps.find((step) => step.name === "translate")!.targets).toEqual(["sr-Cyrl"]);
    expect(latin.steps.find((step) => step.name === "transliterate")!.targets).toEqual(["sr-Latn"]);
    const russian = await loadPlan(PIPELINE, { targets: "ru", environment: env() });
    expect(russian.targets).toEqual(["ru"]);
    expect(russian.steps.find((step) => step.name === "transliterate")!.targets).toEqual([]);
  });

  it("an empty intersection with the pipeline's targets is the one error", async () => {
    const dir = join(temporary.dir, "only-en");
    const { mkdirSync } = await import("node:fs");
    mkdirSync(dir, { recursive: true });
    const file = join(dir, "pipeline.yaml");
    writeFileSync(file, readFileSync(PIPELINE, "utf8").replace("targets: [en, ru, sr-Cyrl, sr-Latn]", "targets: [en]").replace("targets: [en, ru, sr-Cyrl]", "targets: [en]").replace(/\n  transliterate:\n    kind: transliterate\n    needs: \[translate, summarize, extract-quotes\]\n/, "\n"));
    const result = await runCliInProcess(["run", ARTICLE, "-c", file, "--targets", "ru", "-o", join(dir, "out")], { env: env() });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("prevod: --targets: none of ru is among the pipeline's targets (en)\n");
  });

  it("the library takes targets as an array and concurrency as a number (an array was a TypeError)", async () => {
    const plan = await loadPlan(PIPELINE, { targets: ["en", "ru"], concurrency: 3, environment: env() });
    expect(plan.targets).toEqual(["en", "ru"]);
    expect(plan.steps.find((step) => step.name === "translate")!.targets).toEqual(["en", "ru"]);
    expect(Object.values(plan.endpoints).map((endpoint) => endpoint.hosts.map((host) => host.parallel))).toEqual([[3]]);
  });
});

describe("a bad flag is the command line's error (issue 12, item 9)", () => {
  it("is not reported under the heading 'pipeline.yaml: 1 error'", async () => {
    const result = await runCliInProcess(["run", ARTICLE, "-c", PIPELINE, "--concurrency", "abc", "-o", join(temporary.dir, "flag")], { env: env() });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("prevod: --concurrency: expected a whole number from 1 to 256, got 'abc'\n");
  });
});
