import { existsSync, readdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import type { RunEventListener } from "../engine/events.js";
import { runPipeline } from "../engine/run-pipeline.js";
import { describeError, PrevodError } from "../errors.js";
import type { Plan } from "../graph/plan.js";
import { articleResultSchema } from "../outputs/article-schema.js";
import { evaluateSample, loadSampleFiles, type SampleResult } from "./evaluate-sample.js";

/** A golden sample: a folder with expect.yaml, an `article.*` input and usually reference.yaml. */
export interface GoldenSample {
  name: string;
  dir: string;
  input: string;
}

/**
 * The samples named on the command line, or every folder of `samplesDir` that holds an
 * expect.yaml. A named folder without one, or without an `article.*` file, is a usage error.
 */
export function findSamples(named: string[], samplesDir = "samples"): GoldenSample[] {
  const dirs = named.length > 0 ? named.map((dir) => resolve(dir)) : listSampleDirs(resolve(samplesDir));
  if (dirs.length === 0) throw new PrevodError("USAGE", `no golden samples: no folder of ${samplesDir}/ has an expect.yaml`);
  return dirs.map((dir) => {
    if (!existsSync(join(dir, "expect.yaml"))) throw new PrevodError("USAGE", `${dir} is not a golden sample: it has no expect.yaml`);
    const input = readdirSync(dir).find((file) => /^article\.[a-z0-9]+$/i.test(file));
    if (!input) throw new PrevodError("USAGE", `${dir} has no article.* input file (article.txt, article.html, …)`);
    return { name: basename(dir), dir, input: join(dir, input) };
  });
}

function listSampleDirs(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(root, entry.name, "expect.yaml")))
    .map((entry) => join(root, entry.name))
    .sort();
}

export interface GoldenRunOptions {
  plan: Plan;
  samples: GoldenSample[];
  /** Answer from recordings (CI), or undefined to call the configured model (live). */
  replay?: string;
  /** With live runs: record every answer here. */
  record?: string;
  /** Where each run's outputs go: `<outputDir>/<run number>/articles/…`. */
  outputDir: string;
  signal?: AbortSignal;
  onEvent?: RunEventListener;
}

/**
 * One run of the pipeline over every sample (all samples in one run, so their calls overlap),
 * then each sample's assertions on its article. Every run is fresh: no cache, all articles forced.
 */
export async function runGoldenOnce(options: GoldenRunOptions): Promise<SampleResult[]> {
  const plan: Plan = { ...options.plan, outputDir: options.outputDir };
  const started = performance.now();
  const run = await runPipeline({
    plan,
    sources: options.samples.map((sample) => sample.input),
    cache: false,
    force: true,
    replay: options.replay,
    record: options.record,
    signal: options.signal,
    onEvent: options.onEvent,
  });
  const timeMs = Math.round(performance.now() - started);
  const results: SampleResult[] = [];
  for (const sample of options.samples) {
    const entry = run.articles.find((article) => article.id === sample.name);
    try {
      if (!entry?.file) throw new Error(`the pipeline wrote no result for ${sample.name} (${entry ? entry.status : "not read"})`);
      const article = articleResultSchema.parse(JSON.parse(await readFile(entry.file, "utf8")));
      const misses = article.errors.filter((error) => error.code === "REPLAY_MISS");
      if (misses.length > 0) {
        results.push({ sample: sample.name, outcomes: [], error: `replay: ${misses[0]!.message}${misses.length > 1 ? ` (and ${misses.length - 1} more missing recording(s))` : ""}`, timeMs });
        continue;
      }
      const { expectations, reference } = await loadSampleFiles(sample.dir);
      results.push({ sample: sample.name, outcomes: evaluateSample({ article, expectations, reference, sampleDir: sample.dir }), timeMs });
    } catch (error) {
      results.push({ sample: sample.name, outcomes: [], error: describeError(error), timeMs });
    }
  }
  return results;
}
