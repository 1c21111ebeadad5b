import { existsSync, statSync } from "node:fs";
import { rm } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import { DEFAULT_BASELINE_FILE, compareWithBaseline, mergeBaseline, readBaseline, writeBaseline } from "../eval/baseline.js";
import { loadSampleFiles, type SampleResult } from "../eval/evaluate-sample.js";
import { toJUnitXml } from "../eval/junit.js";
import { formatRepeats, formatReport, toJUnitSuites } from "../eval/report.js";
import { summarizeRepeats } from "../eval/repeats.js";
import { findSamples, runGoldenOnce } from "../eval/run-golden.js";
import { PrevodError } from "../errors.js";
import { loadPlan } from "../graph/load-plan.js";
import { writeFileAtomic } from "../storage/atomic-write.js";
import { EXIT } from "./exit-codes.js";
import { onInterrupt } from "./interrupt.js";
import { requireFolder, writeOut } from "./io.js";

export interface TestOptions {
  config: string;
  replay?: string;
  live?: boolean;
  record?: string;
  model?: string;
  out?: string;
  junit?: string;
  repeat: string;
  update?: boolean;
  baseline?: string;
}

/**
 * `prevod test`: runs the pipeline on golden samples — replaying recorded answers (CI) or live —
 * checks each sample's expect.yaml, prints a table and the changes since the blessed baseline,
 * writes JUnit, and exits 1 on any failure. `--update` blesses the results as the new baseline.
 */
export default async function testCommand(named: string[], options: TestOptions): Promise<number> {
  // With neither flag, `options.live === !!options.replay` was `undefined === false`: a bare
  // `prevod test` ran live against whatever answered. Each case is spelled out.
  if (options.live === true && options.replay !== undefined) throw new PrevodError("USAGE", "--replay and --live exclude each other: choose one");
  if (options.live !== true && options.replay === undefined) {
    throw new PrevodError("USAGE", "choose one: --replay DIR (recorded answers, no model, as in CI) or --live (calls the configured model)");
  }
  if (options.replay !== undefined) requireFolder(options.replay, "--replay");
  if (options.record && !options.live) throw new PrevodError("USAGE", "--record goes with --live: recordings are made from a model's answers");
  const repeat = Number(options.repeat);
  if (!Number.isInteger(repeat) || repeat < 1 || repeat > 100) throw new PrevodError("USAGE", `--repeat: expected a whole number from 1 to 100, got '${options.repeat}'`);

  const plan = await loadPlan(options.config, { model: options.model });
  const samples = findSamples(samplesAmong(named));
  // Every expect.yaml and reference.yaml is checked before anything runs: a typo is exit 2, not a red test.
  for (const sample of samples) await loadSampleFiles(sample.dir);

  const controller = new AbortController();
  const stopListening = onInterrupt(controller);
  const runs: SampleResult[][] = [];
  const outputRoot = options.out ? resolve(options.out) : join(plan.outputDir, "test");
  try {
    for (let index = 1; index <= repeat && !controller.signal.aborted; index++) {
      // Only this run's own numbered folder is cleared, never the folder given with --out.
      await rm(join(outputRoot, String(index)), { recursive: true, force: true });
      runs.push(
        await runGoldenOnce({
          plan,
          samples,
          replay: options.replay ? resolve(options.replay) : undefined,
          record: options.record ? resolve(options.record) : undefined,
          outputDir: join(outputRoot, String(index)),
          signal: controller.signal,
        }),
      );
    }
  } finally {
    stopListening();
  }
  if (controller.signal.aborted) return EXIT.interrupted;

  const last = runs[runs.length - 1]!;
  const baselineFile = resolve(options.baseline ?? DEFAULT_BASELINE_FILE);
  const baseline = await readBaseline(baselineFile);
  await writeOut(formatReport(last, baseline ? compareWithBaseline(last, baseline) : undefined));
  if (repeat > 1) {
    for (const sample of samples) {
      const outcomes = runs.map((results) => results.find((result) => result.sample === sample.name)?.outcomes ?? []);
      await writeOut(`\n${formatRepeats(sample.name, summarizeRepeats(outcomes))}`);
    }
  }
  if (options.junit) await writeFileAtomic(resolve(options.junit), toJUnitXml(toJUnitSuites(last)));
  if (options.update) {
    await writeBaseline(baselineFile, mergeBaseline(baseline, last));
    process.stderr.write(`prevod: blessed ${last.length} sample(s) as the baseline in ${baselineFile}\n`);
  }
  const failed = runs.some((results) => results.some((result) => result.error !== undefined || result.outcomes.some((outcome) => !outcome.pass)));
  return failed ? EXIT.failed : EXIT.ok;
}

/**
 * The named samples, without what a shell glob like `samples/*` also names: files (README.md,
 * baseline.json) and folders with no expect.yaml (recordings/). Those are skipped with one note on
 * stderr; a name that does not exist is left in, so findSamples reports it.
 */
function samplesAmong(named: string[]): string[] {
  const skipped: string[] = [];
  const kept = named.filter((name) => {
    if (!existsSync(name)) return true;
    if (statSync(name).isDirectory() && existsSync(join(name, "expect.yaml"))) return true;
    skipped.push(basename(name));
    return false;
  });
  if (named.length > 0 && kept.length === 0) throw new PrevodError("USAGE", `no golden samples among ${named.join(", ")}: a sample is a folder with an expect.yaml`);
  if (skipped.length > 0) process.stderr.write(`prevod: not samples, skipped: ${skipped.join(", ")}\n`);
  return kept;
}
