import { resolve } from "node:path";
import { runPipeline } from "../engine/run-pipeline.js";
import { PrevodError } from "../errors.js";
import { loadPlan } from "../graph/load-plan.js";
import { EXIT } from "./exit-codes.js";
import { requireFolder, writeOut } from "./io.js";
import { countArticles } from "./count-articles.js";
import { createProgress } from "./progress.js";
import { onInterrupt } from "./interrupt.js";
import { resolveSources } from "./sources.js";
import status from "./status.js";

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
  force?: boolean;
  dryRun?: boolean;
}

/** `prevod run`: articles in, one JSON file per article out; data on stdout, progress on stderr. */
export default async function run(inputs: string[], options: RunCommandOptions): Promise<number> {
  if (options.record && options.replay) throw new PrevodError("USAGE", "--record and --replay exclude each other: record from a model, or replay a recording");
  if (options.replay !== undefined) requireFolder(options.replay, "--replay");
  if (options.dryRun) return status(inputs, { config: options.config, out: options.out, force: options.force, targets: options.targets, model: options.model });
  const plan = await loadPlan(options.config, { targets: options.targets, model: options.model, outputDir: options.out, concurrency: options.concurrency });
  const sources = resolveSources(inputs, plan);

  const controller = new AbortController();
  const stopListening = onInterrupt(controller);
  const progress = createProgress(options.progress);
  if (progress.wantsTotal) progress.setTotal(await countArticles(sources, controller.signal));
  try {
    const result = await runPipeline({
      plan,
      sources,
      cache: options.cache && plan.config.cache.enabled,
      record: options.record ? resolve(options.record) : undefined,
      replay: options.replay ? resolve(options.replay) : undefined,
      force: options.force,
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
