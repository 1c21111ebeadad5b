import { currentIdentities } from "../engine/model-stack.js";
import { previewRun } from "../engine/preview-run.js";
import { loadPlan } from "../graph/load-plan.js";
import { EXIT } from "./exit-codes.js";
import { writeOut } from "./io.js";
import { resolveSources } from "./sources.js";

export interface StatusOptions {
  config: string;
  out?: string;
  force?: boolean;
  /** The run's overrides, which change what shapes the answers (and so the decisions). */
  targets?: string;
  model?: string;
}

/**
 * `prevod status` (and `prevod run --dry-run`): per article, whether a run would process it and
 * why — `run<TAB>new<TAB>id`, `skip<TAB>unchanged<TAB>id` — on stdout; a count on stderr.
 */
export default async function status(inputs: string[], options: StatusOptions): Promise<number> {
  const plan = await loadPlan(options.config, { outputDir: options.out, targets: options.targets, model: options.model });
  const sources = resolveSources(inputs, plan);
  const reasons = new Map<string, number>();
  let lines: string[] = [];
  // The servers say which weights answer now; a model changed under the same name is a reason to run.
  const identities = await currentIdentities(plan);
  for await (const { article, decision } of previewRun(plan, sources, { force: options.force, identities, onWarning: (message) => process.stderr.write(`prevod: warning: ${message}\n`) })) {
    reasons.set(decision.reason, (reasons.get(decision.reason) ?? 0) + 1);
    lines.push(`${decision.run ? "run" : "skip"}\t${decision.reason}\t${article.id}\t${article.origin}\n`);
    if (lines.length >= 256) {
      await writeOut(lines.join(""));
      lines = [];
    }
  }
  await writeOut(lines.join(""));
  const wouldRun = [...reasons].filter(([reason]) => reason !== "unchanged").reduce((sum, [, count]) => sum + count, 0);
  const detail = [...reasons].map(([reason, count]) => `${count} ${reason}`).join(", ");
  process.stderr.write(`prevod: ${wouldRun} article(s) would run${detail ? ` (${detail})` : ""}; outputs in ${plan.outputDir}\n`);
  return EXIT.ok;
}
