import { createHash } from "node:crypto";
import { dirname, resolve } from "node:path";
import { configError, type ConfigIssue } from "../config/issues.js";
import { PrevodError } from "../errors.js";
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
  /** Where each model's calls go: its hosts with their slots, resolved from the file and the flags. */
  endpoints: Record<string, PlannedEndpoint>;
}

/** One server of a model, its settings resolved (host's own < the model's < --concurrency). */
export interface PlannedHost {
  url: string;
  /** Requests it runs at once. */
  parallel: number;
  /** Requests sent beyond `parallel` to wait in the server's queue: Ollama only, else 0. */
  queueAhead: number;
  weight: number;
}

export interface PlannedEndpoint {
  kind: ModelConfig["kind"];
  model: string;
  /** One host, or a pool (`hosts:` in pipeline.yaml). */
  hosts: PlannedHost[];
  balance: "least-busy" | "round-robin";
}

/**
 * Command-line flags that override the file (defaults < file < flags). The library passes arrays
 * and numbers; the CLI passes the strings it was given.
 */
export interface PlanOverrides {
  /**
   * Only these of the pipeline's targets: every step's targets narrow to them, sr-Latn going
   * with sr-Cyrl. `["en", "ru"]`, or the CLI's `"en,ru"`. Only an empty intersection is an error.
   */
  targets?: readonly string[] | string;
  /** "ollama:qwen2.5:7b" or "openai:gpt-4o-mini": every model step uses it. */
  model?: string;
  outputDir?: string;
  /** Parallel model calls per endpoint (1–256): `4`, or the CLI's `"4"`. */
  concurrency?: number | string;
  environment?: NodeJS.ProcessEnv;
}

export async function buildPlan(loaded: LoadedConfig, overrides: PlanOverrides = {}): Promise<Plan> {
  const config = structuredClone(loaded.config);
  const baseDir = dirname(resolve(loaded.file));
  const issues: ConfigIssue[] = [];
  // A bad flag is the command line's mistake, not the file's: reported on its own, not under
  // the heading "pipeline.yaml: 1 error" (issue 12).
  const flags: string[] = [];
  const flag = (message: string) => flags.push(message);

  let targets = config.targets;
  if (overrides.targets !== undefined) {
    const narrowed = narrowTargets(config.targets, overrides.targets);
    if (typeof narrowed === "string") flag(narrowed);
    else {
      targets = narrowed;
      // Every step's own targets narrow to the run's: a step that lists sr-Cyrl simply does not
      // make it when the run asks only for en and ru (it used to be an error).
      for (const step of Object.values(config.steps)) if (Array.isArray(step.targets)) step.targets = step.targets.filter((target) => narrowed.includes(target));
    }
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
  let slotsFlag: number | undefined;
  if (overrides.concurrency !== undefined) {
    const slots = typeof overrides.concurrency === "number" ? overrides.concurrency : Number(overrides.concurrency);
    if (!Number.isInteger(slots) || slots < 1 || slots > 256) flag(`--concurrency: expected a whole number from 1 to 256, got '${overrides.concurrency}'`);
    else {
      slotsFlag = slots;
      for (const model of Object.values(config.models)) model.parallel = slots;
    }
  }

  if (flags.length > 0) throw new PrevodError("USAGE", flags.join("\n"));

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
    endpoints: Object.fromEntries(Object.entries(config.models).map(([name, model]) => [name, planEndpoint(model, slotsFlag)])),
  };
}

/**
 * A model's hosts: `hosts:` when given, else its one `host` / `base_url`. Each host's `parallel`
 * is its own, else the model's, and --concurrency sets them all; Ollama's queue_ahead is the
 * host's, else the model's, else half of the host's parallel (at least 1).
 */
export function planEndpoint(model: ModelConfig, slotsFlag?: number): PlannedEndpoint {
  const listed = model.hosts ?? [model.kind === "ollama" ? model.host : model.base_url];
  const hosts = listed.map((entry): PlannedHost => {
    const own: { url: string; parallel?: number; weight?: number; queue_ahead?: number } = typeof entry === "string" ? { url: entry } : entry;
    const parallel = slotsFlag ?? own.parallel ?? model.parallel;
    const queueAhead = model.kind === "ollama" ? (own.queue_ahead ?? model.queue_ahead ?? Math.max(1, Math.floor(parallel / 2))) : 0;
    return { url: own.url.replace(/\/+$/, ""), parallel, queueAhead, weight: own.weight ?? 1 };
  });
  return { kind: model.kind, model: model.model, hosts, balance: model.balance };
}

/**
 * The run's targets: the pipeline's targets that were asked for, in the pipeline's order. sr-Latn
 * goes with sr-Cyrl (it is transliterated from it): kept when sr-Cyrl is, dropped when sr-Cyrl is,
 * and asking for sr-Latn keeps sr-Cyrl. A message when a tag is unknown or nothing is left.
 */
export function narrowTargets(pipeline: readonly TargetLanguage[], asked: readonly string[] | string): TargetLanguage[] | string {
  const shown = typeof asked === "string" ? asked : asked.join(",");
  const tags = (typeof asked === "string" ? asked.split(",") : [...asked]).map((tag) => String(tag).trim()).filter(Boolean);
  const bad = tags.filter((tag) => !isTargetLanguage(tag));
  if (bad.length > 0 || tags.length === 0) return `--targets: expected a comma-separated list of ${TARGET_LANGUAGES.join(", ")}, got '${shown}'`;
  const wanted = new Set(tags);
  if (wanted.has("sr-Latn")) wanted.add("sr-Cyrl");
  if (wanted.has("sr-Cyrl")) wanted.add("sr-Latn");
  const narrowed = pipeline.filter((target) => wanted.has(target));
  if (narrowed.length === 0) return `--targets: none of ${tags.join(", ")} is among the pipeline's targets (${pipeline.join(", ")})`;
  return narrowed;
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
