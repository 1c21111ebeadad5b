import { resolve } from "node:path";
import { runPipeline } from "../engine/run-pipeline.js";
import { PrevodError } from "../errors.js";
import { loadPlan } from "../graph/load-plan.js";
import { EXIT } from "./exit-codes.js";
import { writeOut } from "./io.js";
import { createProgress } from "./progress.js";
import { onInterrupt } from "./interrupt.js";

export interface RunCommandOptions {
  config: string;
  out?: string;
  model?: string;
  targets?: string;
  concurrency?: string;
  cache: boolean;
  record?: string;
  replay?: string;
  progress: "auto" | "bar" | "json" | "none";
}

/** `prevod run`: articles in, one JSON file per article out; data on stdout, progress on stderr. */
export default async function run(inputs: string[], options: RunCommandOptions): Promise<number> {
  if (options.record && options.replay) throw new PrevodError("USAGE", "--record and --replay exclude each other: record from a model, or replay a recording");
  const plan = await loadPlan(options.config, { targets: options.targets, model: options.model, outputDir: options.out, concurrency: options.concurrency });
  const sources = inputs.length > 0 ? inputs : plan.config.inputs.map((input) => (/^https?:\/\//.test(input) ? input : resolve(plan.baseDir, input)));
  if (sources.length === 0) {
    throw new PrevodError("USAGE", "no inputs: give files, folders, globs or feed URLs, or list them under inputs: in the pipeline file");
  }

  const controller = new AbortController();
  const stopListening = onInterrupt(controller);
  const progress = createProgress(options.progress);
  try {
    const result = await runPipeline({
      plan,
      sources,
      cache: options.cache && plan.config.cache.enabled,
      record: options.record ? resolve(options.record) : undefined,
      replay: options.replay ? resolve(options.replay) : undefined,
      signal: controller.signal,
      onEvent: progress.onEvent,
    });
    progress.finish(result.manifest);
    const lines = result.articles.filter((entry) => entry.file).map((entry) => `${entry.status}\t${entry.id}\t${entry.file}\n`);
    await writeOut(lines.join(""));
    if (result.manifest.interrupted) return EXIT.interrupted;
    const { counts } = result.manifest;
    return counts.partial + counts.failed > 0 ? EXIT.failed : EXIT.ok;
  } finally {
    progress.close();
    stopListening();
  }
}
