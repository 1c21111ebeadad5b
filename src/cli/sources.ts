import { resolve } from "node:path";
import { PrevodError } from "../errors.js";
import type { Plan } from "../graph/plan.js";

/** The command line's inputs, else the pipeline's `inputs:` (relative to the pipeline file). */
export function resolveSources(inputs: string[], plan: Plan): string[] {
  const sources = inputs.length > 0 ? inputs : plan.config.inputs.map((input) => (/^https?:\/\//.test(input) ? input : resolve(plan.baseDir, input)));
  if (sources.length === 0) {
    throw new PrevodError("USAGE", "no inputs: give files, folders, globs or feed URLs, or list them under inputs: in the pipeline file");
  }
  return sources;
}
