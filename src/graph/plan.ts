import { createHash } from "node:crypto";
import { dirname, resolve } from "node:path";
import { configError, type ConfigIssue } from "../config/issues.js";
import type { LoadedConfig } from "../config/load.js";
import { modelSchema, type ModelConfig, type PipelineConfig } from "../config/schema.js";
import type { PlannedStep } from "../steps/types.js";
import { isTargetLanguage, TARGET_LANGUAGES, type TargetLanguage } from "../common/languages.js";
import { validateSteps } from "./validate.js";

/** A validated pipeline, ready to run: steps in order, models resolved, paths absolute. */
export interface Plan {
  configFile: string;
  baseDir: string;
  config: PipelineConfig;
  targets: TargetLanguage[];
  steps: PlannedStep[];
  models: Record<string, ModelConfig>;
  outputDir: string;
  cacheDir: string;
  /** Hash of everything that shapes model answers: steps, prompts, models, sampling, targets. */
  answersHash: string;
}

/** Command-line flags that override the file (defaults < file < flags). */
export interface PlanOverrides {
  /** "en,ru" */
  targets?: string;
  /** "ollama:qwen2.5:7b" or "openai:gpt-4o-mini": every model step uses it. */
  model?: string;
  outputDir?: string;
  concurrency?: string;
  environment?: NodeJS.ProcessEnv;
}

export async function buildPlan(loaded: LoadedConfig, overrides: PlanOverrides = {}): Promise<Plan> {
  const config = structuredClone(loaded.config);
  const baseDir = dirname(resolve(loaded.file));
  const issues: ConfigIssue[] = [];
  const flag = (message: string) => issues.push({ path: [], message });

  let targets = config.targets;
  if (overrides.targets !== undefined) {
    const asked = overrides.targets.split(",").map((tag) => tag.trim()).filter(Boolean);
    const bad = asked.filter((tag) => !isTargetLanguage(tag));
    if (bad.length > 0 || asked.length === 0) flag(`--targets: expected a comma-separated list of ${TARGET_LANGUAGES.join(", ")}, got '${overrides.targets}'`);
    else targets = asked as TargetLanguage[];
  }

  if (overrides.model !== undefined) {
    const override = modelOverride(overrides.model, overrides.environment ?? process.env);
    if (typeof override === "string") flag(override);
    else {
      config.models = { ...config.models, cli: override };
      for (const step of Object.values(config.steps)) if (step.model) step.model = "cli";
      config.defaults.model = "cli";
    }
  }
  if (overrides.concurrency !== undefined) {
    const slots = Number(overrides.concurrency);
    if (!Number.isInteger(slots) || slots < 1 || slots > 256) flag(`--concurrency: expected a whole number from 1 to 256, got '${overrides.concurrency}'`);
    else for (const model of Object.values(config.models)) model.parallel = slots;
  }

  const { steps, issues: graphIssues } = await validateSteps({ ...loaded, config }, baseDir, targets);
  issues.push(...graphIssues);
  if (issues.length > 0) throw configError(loaded.file, issues);

  const outputDir = resolve(overrides.outputDir ?? resolve(baseDir, config.outputs.dir));
  const cacheDir = config.cache.dir ? resolve(baseDir, config.cache.dir) : resolve(outputDir, ".cache");
  return {
    configFile: loaded.file,
    baseDir,
    config,
    targets,
    steps,
    models: config.models,
    outputDir,
    cacheDir,
    answersHash: answersHash(config, steps, targets),
  };
}

function modelOverride(spec: string, environment: NodeJS.ProcessEnv): ModelConfig | string {
  const separator = spec.indexOf(":");
  const provider = separator > 0 ? spec.slice(0, separator) : "";
  const model = separator > 0 ? spec.slice(separator + 1) : "";
  if ((provider !== "ollama" && provider !== "openai") || model === "") {
    return `--model: expected provider:model with provider ollama or openai (e.g. ollama:qwen2.5:7b), got '${spec}'`;
  }
  const raw =
    provider === "ollama"
      ? { kind: "ollama", model, ...(environment.OLLAMA_HOST ? { host: environment.OLLAMA_HOST } : {}) }
      : { kind: "openai", model, ...(environment.OPENAI_BASE_URL ? { base_url: environment.OPENAI_BASE_URL } : {}) };
  const parsed = modelSchema.safeParse(raw);
  return parsed.success ? parsed.data : `--model: ${parsed.error.issues[0]?.message ?? "invalid"}`;
}

function answersHash(config: PipelineConfig, steps: PlannedStep[], targets: TargetLanguage[]): string {
  const models = Object.fromEntries(Object.entries(config.models).map(([name, model]) => [name, { kind: model.kind, model: model.model }]));
  const shaping = {
    targets,
    models,
    sampling: { temperature: config.defaults.temperature, seed: config.defaults.seed, repairs: config.defaults.repairs, max: config.defaults.max_output_tokens },
    steps: steps.map((step) => ({
      name: step.name,
      kind: step.kind,
      needs: step.needs,
      targets: step.targets,
      model: step.model,
      options: step.options,
      prompt: step.prompt ? { system: step.prompt.system, user: step.prompt.user } : null,
    })),
  };
  return createHash("sha256").update(JSON.stringify(shaping)).digest("hex");
}
