import { resolve } from "node:path";
import { runPipeline } from "../engine/run-pipeline.js";
import { PrevodError } from "../errors.js";
import { loadPlan } from "../graph/load-plan.js";
import { planOverrides } from "./plan-overrides.js";
import { EXIT } from "./exit-codes.js";
import { requireFolder } from "./io.js";
import { countArticles } from "./count-articles.js";
import { createProgress } from "./progress.js";
import { onInterrupt } from "./interrupt.js";
import { peekArticles } from "./peek-articles.js";
import { resolveSources } from "./sources.js";
import type { RunEvent } from "../engine/events.js";
import { openSources } from "../engine/open-sources.js";
import { articlePath } from "../outputs/article-files.js";
import status from "./status.js";
import { parseQueueUrl } from "../queue/connection.js";
import { openCoordinator, type Coordinator } from "../queue/coordinator.js";

/** The options `run` and `watch` share (commands.ts runOptions). */
export interface PipelineCommandOptions {
  config: string;
  out?: string;
  model?: string;
  targets?: string;
  concurrency?: string;
  cache: boolean;
  /** `--no-wait`: fail at once when another prevod holds the output folder. @default true */
  wait?: boolean;
}

export interface RunCommandOptions extends PipelineCommandOptions {
  record?: string;
  replay?: string;
  progress: "auto" | "bar" | "json" | "none";
  force?: boolean;
  dryRun?: boolean;
  /** `--queue redis://…`: workers (`prevod worker`) process the articles; this run collects them. */
  queue?: string;
}

/** `prevod run`: articles in, one JSON file per article out; data on stdout, progress on stderr. */
export default async function run(inputs: string[], options: RunCommandOptions): Promise<number> {
  if (options.record && options.replay) throw new PrevodError("USAGE", "--record and --replay exclude each other: record from a model, or replay a recording");
  if (options.queue !== undefined && (options.record || options.replay)) throw new PrevodError("USAGE", `--${options.record ? "record" : "replay"} and --queue exclude each other: with --queue the workers call the models, not this run`);
  const queue = options.queue === undefined ? undefined : parseQueueUrl(options.queue);
  if (options.replay !== undefined) requireFolder(options.replay, "--replay");
  if (options.dryRun) return status(inputs, { config: options.config, out: options.out, force: options.force, targets: options.targets, model: options.model, preview: true });
  const plan = await loadPlan(options.config, planOverrides(options));
  const sources = resolveSources(inputs, plan);

  const controller = new AbortController();
  const progress = createProgress(options.progress);
  const stopListening = onInterrupt(controller, () => progress.interrupted());
  if (progress.wantsTotal) progress.setTotal(await countArticles(sources, controller.signal));
  let coordinator: Coordinator | undefined;
  try {
    if (queue) coordinator = await openCoordinator({ address: queue, plan, force: options.force, onEvent: (event) => progress.onEvent(event) });
    // No article in the inputs (an empty folder) is one warning and exit 1, before anything is
    // written: the previous articles.jsonl and bulletins stay as they were.
    const opened = openSources(sources, { signal: controller.signal, onWarning: (message) => progress.onEvent({ type: "warning", message }) });
    const articles = await peekArticles(opened.articles);
    // Sources that could not be read still reach run.json as located failures.
    if (articles === undefined && opened.unread.length === 0) {
      if (controller.signal.aborted) return EXIT.interrupted;
      progress.note(`prevod: warning: no articles in ${sources.join(", ")}; nothing was run and ${plan.outputDir} is unchanged`);
      return EXIT.failed;
    }
    // Each article's line goes to stdout as it finishes, not all at the end of the run.
    const onEvent = (event: RunEvent) => {
      progress.onEvent(event);
      if (event.type === "article-finished") {
        process.stdout.write(`${event.status}\t${event.id}\t${event.file}\n`);
        if (event.status !== "ok" && event.reasons[0]) progress.note(`prevod: ${event.id} ${event.status}: ${event.reasons[0]}${event.reasons.length > 1 ? ` (and ${event.reasons.length - 1} more in its file)` : ""}`);
      } else if (event.type === "article-skipped") {
        process.stdout.write(`ok\t${event.id}\t${articlePath(plan.outputDir, event.id)}\n`);
      }
    };
    const result = await runPipeline({
      plan,
      opened: { ...opened, articles: articles ?? opened.articles },
      record: options.record ? resolve(options.record) : undefined,
      replay: options.replay ? resolve(options.replay) : undefined,
      force: options.force,
      wait: options.wait !== false,
      signal: controller.signal,
      onEvent,
      ...(coordinator ? { remote: coordinator } : {}),
    });
    progress.finish(result.manifest);
    if (result.manifest.interrupted) return EXIT.interrupted;
    const { counts } = result.manifest;
    return counts.partial + counts.failed > 0 ? EXIT.failed : EXIT.ok;
  } finally {
    await coordinator?.close();
    progress.close();
    stopListening();
  }
}
