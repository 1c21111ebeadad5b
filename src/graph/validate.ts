import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { ConfigIssue } from "../config/issues.js";
import type { LoadedConfig } from "../config/load.js";
import type { StepConfig } from "../config/schema.js";
import { didYouMean } from "../config/suggest.js";
import { isPrevodError } from "../errors.js";
import { stepKinds } from "../steps/registry.js";
import type { PlannedStep, StepKind } from "../steps/types.js";
import { loadPromptTemplate, unknownPlaceholders } from "../structured/prompt-template.js";
import type { TargetLanguage } from "../common/languages.js";
import { ancestors, topologicalOrder } from "./order.js";

/** The package's own prompts/ folder (beside src/ and dist/). */
export const PACKAGE_PROMPTS = fileURLToPath(new URL("../../prompts/", import.meta.url));

interface Context {
  loaded: LoadedConfig;
  baseDir: string;
  targets: TargetLanguage[];
  issues: ConfigIssue[];
}

/**
 * Checks the steps of a schema-valid config as a graph — unknown kinds, unknown needs, cycles,
 * missing upstream artifacts, targets a kind cannot serve, models, prompt files and placeholders,
 * kind options — and returns the steps in run order. Every problem is collected; nothing runs.
 */
export async function validateSteps(loaded: LoadedConfig, baseDir: string, targets: TargetLanguage[]): Promise<{ steps: PlannedStep[]; issues: ConfigIssue[] }> {
  const context: Context = { loaded, baseDir, targets, issues: [] };
  const { config } = loaded;
  const entries = Object.entries(config.steps);
  const issue = (path: Array<string | number>, message: string, at: "key" | "value" = "value") =>
    context.issues.push({ path, message, position: loaded.locate(path, at) });

  if (entries.length === 0) issue(["steps"], "expected at least one step (segment, translate, …)");

  const references = checkReferences(
    entries.map(([name, step]) => ({ name, kind: step.kind, needs: step.needs })),
    loaded.locate,
  );
  context.issues.push(...references.issues);
  const { kinds, order, cycles } = references;

  const needsOf = new Map(entries.map(([name, step]) => [name, step.needs]));
  const planned = new Map<string, PlannedStep>();
  for (const name of cycles.length > 0 ? entries.map(([entry]) => entry) : order) {
    const kind = kinds.get(name);
    if (!kind) continue;
    const step = config.steps[name]!;
    const upstream = cycles.length > 0 ? new Set<string>() : ancestors(name, needsOf);
    const provided = new Set([...upstream].flatMap((ancestor) => kinds.get(ancestor)?.provides ?? []));
    const unknownNeeds = step.needs.some((need) => !(need in config.steps) || !kinds.has(need));
    if (cycles.length === 0 && !unknownNeeds) {
      for (const artifact of kind.requires) {
        if (!provided.has(artifact)) {
          const providers = [...kinds.entries()].filter(([, other]) => other.provides.includes(artifact)).map(([other]) => other);
          issue(["steps", name, "needs"], `${step.kind} needs ${artifact} from an earlier step${providers.length ? `: add ${providers.map((p) => `'${p}'`).join(" or ")} to needs` : ` (add a step that provides ${artifact})`}`, "key");
        }
      }
    }
    const plannedStep = await planStep(context, name, step, kind);
    if (plannedStep) planned.set(name, plannedStep);
  }

  for (const [name, kind] of kinds) {
    if (!planned.has(name)) continue;
    const extra = kind.validatePlan?.(planned.get(name)!, [...ancestors(name, needsOf)].map((other) => planned.get(other)).filter((p): p is PlannedStep => !!p));
    for (const message of extra ?? []) issue(["steps", name], message);
  }
  checkTargetsCovered(context, planned, kinds);
  const steps = order.map((name) => planned.get(name)).filter((step): step is PlannedStep => step !== undefined);
  return { steps, issues: context.issues };
}

/** A step as far as the graph cares: its name, kind and needs, possibly not yet schema-valid. */
export interface StepReference {
  name: string;
  kind: unknown;
  needs: unknown[];
}

/**
 * The checks that need only names, kinds and needs: unknown kinds, unknown or self needs, and
 * cycles. They run on schema-valid steps, and on the raw file when the schema already failed, so
 * a user sees these mistakes together with the others.
 */
export function checkReferences(steps: StepReference[], locate: LoadedConfig["locate"]): { kinds: Map<string, StepKind<any>>; order: string[]; cycles: string[][]; issues: ConfigIssue[] } {
  const issues: ConfigIssue[] = [];
  const issue = (path: Array<string | number>, message: string) => issues.push({ path, message, position: locate(path) });
  const names = steps.map((step) => step.name);
  const kinds = new Map<string, StepKind<any>>();
  for (const step of steps) {
    if (typeof step.kind === "string") {
      // Own keys only: "constructor" or "__proto__" must be unknown kinds, not Object.prototype members.
      const kind = Object.hasOwn(stepKinds, step.kind) ? stepKinds[step.kind] : undefined;
      if (kind) kinds.set(step.name, kind);
      else issue(["steps", step.name, "kind"], `unknown step kind '${step.kind}'${didYouMean(step.kind, Object.keys(stepKinds))}; expected one of: ${Object.keys(stepKinds).join(", ")}`);
    }
    step.needs.forEach((need, index) => {
      if (typeof need !== "string") return;
      if (need === step.name) issue(["steps", step.name, "needs", index], "a step cannot need itself");
      else if (!names.includes(need)) issue(["steps", step.name, "needs", index], `unknown step '${need}'${didYouMean(need, names)}; steps are: ${names.join(", ")}`);
    });
  }
  const { order, cycles } = topologicalOrder(steps.map((step) => ({ name: step.name, needs: step.needs.filter((need): need is string => typeof need === "string" && need !== step.name) })));
  for (const cycle of cycles) {
    const first = steps.find((step) => step.name === cycle[0])!;
    issue(["steps", first.name, "needs", Math.max(first.needs.indexOf(cycle[1]), 0)], `cycle: ${cycle.join(" → ")}`);
  }
  return { kinds, order, cycles, issues };
}

/** The reference checks on a pipeline file's raw `steps:` (when the schema rejected the file). */
export function checkRawReferences(steps: unknown, locate: LoadedConfig["locate"]): ConfigIssue[] {
  if (steps === null || typeof steps !== "object" || Array.isArray(steps)) return [];
  const references = Object.entries(steps as Record<string, unknown>).map(([name, value]) => {
    const step = (value ?? {}) as { kind?: unknown; needs?: unknown };
    return { name, kind: step.kind, needs: Array.isArray(step.needs) ? step.needs : [] };
  });
  return checkReferences(references, locate).issues;
}

async function planStep(context: Context, name: string, step: StepConfig, kind: StepKind<any>): Promise<PlannedStep | undefined> {
  const { loaded, issues } = context;
  const { config } = loaded;
  const before = issues.length;
  const issue = (path: Array<string | number>, message: string, at: "key" | "value" = "value") =>
    issues.push({ path: ["steps", name, ...path], message, position: loaded.locate(["steps", name, ...path], at) });

  let targets: TargetLanguage[] = [];
  if (kind.targets) {
    if (step.targets) {
      step.targets.forEach((target, index) => {
        if (!kind.targets!.includes(target)) issue(["targets", index], `${step.kind} cannot produce ${target}; expected one of ${kind.targets!.join(", ")}${target === "sr-Latn" ? " (sr-Latn comes from the transliterate step)" : ""}`);
        else if (!context.targets.includes(target)) issue(["targets", index], `${target} is not among the pipeline's targets (${context.targets.join(", ")})`);
      });
      targets = step.targets.filter((target) => kind.targets!.includes(target) && context.targets.includes(target));
    } else if (!kind.targetsOptional) {
      targets = context.targets.filter((target) => kind.targets!.includes(target));
    }
  } else if (step.targets) {
    issue(["targets"], `${step.kind} does not take targets`, "key");
  }

  let model: string | undefined;
  if (kind.usesModel) {
    const names = Object.keys(config.models);
    model = step.model ?? config.defaults.model ?? (names.length === 1 ? names[0] : undefined);
    if (model === undefined) {
      issue([], names.length === 0 ? `${step.kind} calls a model, but models: is empty; add one (kind: ollama or openai)` : `which model? set model: (one of ${names.join(", ")}) or defaults.model`, "key");
    } else if (!(model in config.models)) {
      const where = step.model ? ["model"] : [];
      if (step.model) issue(where, `unknown model '${model}'${didYouMean(model, names)}; models are: ${names.join(", ") || "none"}`);
      else issues.push({ path: ["defaults", "model"], message: `unknown model '${model}'${didYouMean(model, names)}; models are: ${names.join(", ") || "none"}`, position: loaded.locate(["defaults", "model"]) });
      model = undefined;
    }
  } else {
    if (step.model) issue(["model"], `${step.kind} does not call a model`, "key");
    if (step.prompt) issue(["prompt"], `${step.kind} does not use a prompt`, "key");
  }

  let prompt: PlannedStep["prompt"];
  if (kind.usesModel) {
    const file = step.prompt ? resolve(context.baseDir, step.prompt) : kind.defaultPrompt ? resolve(PACKAGE_PROMPTS, kind.defaultPrompt) : undefined;
    if (file && !existsSync(file)) {
      issue(["prompt"], `prompt file not found: ${step.prompt ?? file}${step.prompt ? ` (looked in ${context.baseDir})` : ""}`);
    } else if (file) {
      try {
        prompt = await loadPromptTemplate(file);
        const unknown = unknownPlaceholders(prompt, kind.placeholders ?? []);
        if (unknown.length > 0) {
          issue(["prompt"], `${step.prompt ?? file} uses ${unknown.map((p) => `{{${p}}}`).join(", ")}, which ${step.kind} does not fill; it fills ${(kind.placeholders ?? []).map((p) => `{{${p}}}`).join(", ")}`);
        }
      } catch (error) {
        issue(["prompt"], isPrevodError(error) ? error.message : String(error));
      }
    }
  }

  const options = kind.options.safeParse(step.options, { reportInput: true });
  if (!options.success) {
    for (const problem of options.error.issues) {
      const path = problem.path.map((part) => (typeof part === "symbol" ? String(part) : part));
      const message = problem.code === "unrecognized_keys" ? `unknown option${problem.keys.length > 1 ? "s" : ""} ${problem.keys.map((key) => `'${key}'`).join(", ")} for ${step.kind}` : problem.message;
      issue(["options", ...path], message, problem.code === "unrecognized_keys" ? "key" : "value");
    }
  }
  if (issues.length > before) return undefined;
  return { name, kind: step.kind, needs: step.needs, targets, model, prompt, options: options.data };
}

/** Every pipeline target must be produced by some step, or the user would silently get nothing. */
function checkTargetsCovered(context: Context, planned: Map<string, PlannedStep>, kinds: Map<string, StepKind<any>>): void {
  if (context.issues.length > 0) return;
  const produced = new Set([...planned.values()].filter((step) => kinds.get(step.name)?.usesModel || step.kind === "transliterate").flatMap((step) => step.targets));
  for (const target of context.targets) {
    if (!produced.has(target)) {
      const index = context.loaded.config.targets.indexOf(target);
      context.issues.push({
        path: index >= 0 ? ["targets", index] : ["targets"],
        message: `no step produces ${target}${target === "sr-Latn" ? ": add a transliterate step that needs the step translating into sr-Cyrl" : ""}`,
        position: context.loaded.locate(index >= 0 ? ["targets", index] : ["targets"]),
      });
    }
  }
}
