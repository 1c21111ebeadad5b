import { loadPlan } from "../graph/load-plan.js";
import type { Plan } from "../graph/plan.js";
import { describeModel, describeModelSettings } from "../engine/create-model.js";
import { stepKinds } from "../steps/registry.js";
import { EXIT } from "./exit-codes.js";
import { writeOut } from "./io.js";

/** `prevod validate`: every config mistake, before a single model call; or the plan. */
export default async function validate(options: { config: string }): Promise<number> {
  const plan = await loadPlan(options.config);
  await writeOut(formatPlan(plan));
  return EXIT.ok;
}

export function formatPlan(plan: Plan): string {
  const lines = [`${plan.configFile}: valid. ${plan.steps.length} step(s), targets ${plan.targets.join(", ")}`, ""];
  const width = Math.max(...plan.steps.map((step) => step.name.length), 4);
  plan.steps.forEach((step, index) => {
    const fanOut = step.targets.length > 0 ? `× ${step.targets.length} (${step.targets.join(", ")})` : stepKinds[step.kind]!.targets ? "skipped: none of the run's targets" : "once";
    const model = step.model ? `model ${step.model}: ${describeModel(plan.endpoints[step.model]!)}, ${describeModelSettings(plan.endpoints[step.model]!, plan.run.sampling.maxOutputTokens)}` : "no model";
    const needs = step.needs.length > 0 ? `after ${step.needs.join(", ")}` : "first";
    lines.push(`${String(index + 1).padStart(2)}. ${step.name.padEnd(width)}  ${step.kind.padEnd(14)} ${fanOut}`);
    lines.push(`    ${" ".repeat(width)}  ${needs}; ${model}${step.prompt ? `; prompt ${step.prompt.file}` : ""}`);
  });
  lines.push("", `outputs: ${plan.outputDir}`, `cache:   ${plan.run.cache ? plan.cacheDir : "off"}`);
  return `${lines.join("\n")}\n`;
}
