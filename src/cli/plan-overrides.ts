import type { PlanOverrides } from "../graph/plan.js";
import type { PipelineCommandOptions } from "./run.js";

/**
 * What `run` and `watch` hand to the plan: the flags that override pipeline.yaml, resolved in
 * graph/plan.ts. commander's `cache` is false only with --no-cache; otherwise the file decides.
 */
export function planOverrides(options: PipelineCommandOptions): PlanOverrides {
  return { targets: options.targets, model: options.model, outputDir: options.out, concurrency: options.concurrency, ...(options.cache ? {} : { cache: false }) };
}
