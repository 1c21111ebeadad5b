import { createHash } from "node:crypto";
import { dirname, resolve } from "node:path";
import { configError, type ConfigIssue } from "../config/issues.js";
import { PrevodError } from "../errors.js";
import type { LoadedConfig } from "../config/load.js";
import { defaultsSchema, modelSchema, type ModelConfig, type PipelineConfig } from "../config/schema.js";
import type { PlannedStep } from "../steps/types.js";
import { isTargetLanguage, TARGET_LANGUAGES, type TargetLanguage } from "../common/languages.js";
import { validateSteps } from "./validate.js";

/** A validated pipeline, ready to run: steps in order, models resolved, paths absolute. */
export interface Plan {
  configFile: string;
  baseDir: string;
  /** The file as written (after the schema's defaults), with --targets and --model applied: for what reads the file's own sections (bulletins, inputs). */
  config: PipelineConfig;
  targets: TargetLanguage[];
  steps: PlannedStep[];
  /** The file's models as written (with --model's `cli`); what calls them is in `endpoints`. */
  models: Record<string, ModelConfig>;
  outputDir: string;
  cacheDir: string;
  /** Hash of everything that shapes model answers: steps, prompts, models, sampling, targets. */
  answersHash: string;
  /** How the run goes, resolved once (defaults < pipeline.yaml < flags): the engine reads only this. */
  run: PlannedRun;
  /** Where each model's calls go and how its provider is built, resolved from the file and the flags. */
  endpoints: Record<string, PlannedEndpoint>;
}

/** The run's settings, resolved: what the engine, the queue workers and the CLI read. */
export interface PlannedRun {
  /** Articles processed at once: defaults.articles_in_flight, or `prevod worker --concurrency`. */
  articlesInFlight: number;
  /** An article whose text is larger (UTF-8 bytes) fails before any call: defaults.max_article_bytes. */
  maxArticleBytes: number;
  /** Retries of one request on transient faults: defaults.retries. */
  retries: number;
  /** Re-asks after an answer fails its schema or a gate: defaults.repairs. */
  repairs: number;
  /** Sent with every model call: defaults.temperature, seed, max_output_tokens. */
  sampling: { temperature: number; seed: number | undefined; maxOutputTokens: number | undefined };
  /** Read and write the answer cache at `cacheDir`: cache.enabled, off with --no-cache. */
  cache: boolean;
  /** Worker threads for the gates (checks/pool): defaults.gate_threads; 0 keeps them in the run's thread. */
  gateThreads: number | "auto";
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

interface PlannedEndpointBase {
  model: string;
  /** One host, or a pool (`hosts:` in pipeline.yaml). */
  hosts: PlannedHost[];
  balance: "least-busy" | "round-robin";
  /** Calls the endpoint takes at once, over all its hosts: each host's parallel plus its queue-ahead. */
  slots: number;
  think: ModelConfig["think"];
  omit: ModelConfig["omit"];
  /** The longest request: the model's timeout, else defaults.timeout. */
  timeoutMs: number;
  idleTimeoutMs: number;
  loadTimeoutMs: number;
  /** How long an unreachable server is waited for before the run fails. */
  outageLimitMs: number;
}

/** A model as the engine builds it: provider, hosts, model name and the provider's options. */
export type PlannedEndpoint =
  | (PlannedEndpointBase & { kind: "ollama"; contextSize: number; keepAlive: string | number | undefined })
  | (PlannedEndpointBase & { kind: "openai"; apiKeyEnv: string; strict: boolean });

/** Ollama's queue-ahead when neither the host nor the model sets `queue_ahead`: half of parallel, at least 1. */
export function defaultQueueAhead(parallel: number): number {
  return Math.max(1, Math.floor(parallel / 2));
}

/** Where the answer cache lives when `cache.dir` is not set: inside the output folder. */
export const DEFAULT_CACHE_FOLDER = ".cache";

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
  /** Articles processed at once (1–10,000), instead of defaults.articles_in_flight: `prevod worker --concurrency`, `8` or `"8"`. */
  articlesInFlight?: number | string;
  /** Read and write the answer cache, whatever cache.enabled says: `false` is --no-cache. */
  cache?: boolean;
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
    else slotsFlag = slots;
  }
  let articlesInFlight: number | undefined;
  if (overrides.articlesInFlight !== undefined) {
    // The file's own rule for defaults.articles_in_flight, so the flag cannot allow what the file does not.
    const parsed = defaultsSchema.shape.articles_in_flight.safeParse(overrides.articlesInFlight);
    if (parsed.success) articlesInFlight = parsed.data;
    else flag(`--concurrency: expected a whole number of articles at once from 1 to 10000, got '${overrides.articlesInFlight}'`);
  }

  if (flags.length > 0) throw new PrevodError("USAGE", flags.join("\n"));

  const { steps, issues: graphIssues } = await validateSteps({ ...loaded, config }, baseDir, targets);
  issues.push(...graphIssues);
  if (issues.length > 0) throw configError(loaded.file, issues);

  const outputDir = resolve(overrides.outputDir ?? resolve(baseDir, config.outputs.dir));
  const cacheDir = config.cache.dir ? resolve(baseDir, config.cache.dir) : resolve(outputDir, DEFAULT_CACHE_FOLDER);
  const run = planRun(config, { articlesInFlight, cache: overrides.cache });
  return {
    configFile: loaded.file,
    baseDir,
    config,
    targets,
    steps,
    models: config.models,
    outputDir,
    cacheDir,
    answersHash: answersHash(run, config, steps, targets),
    run,
    endpoints: Object.fromEntries(Object.entries(config.models).map(([name, model]) => [name, planEndpoint(model, { slots: slotsFlag, timeoutMs: config.defaults.timeout })])),
  };
}

/** The run's settings: the schema's defaults < pipeline.yaml (both in `config`) < the flags. */
function planRun(config: PipelineConfig, overrides: { articlesInFlight?: number; cache?: boolean }): PlannedRun {
  const defaults = config.defaults;
  return {
    articlesInFlight: overrides.articlesInFlight ?? defaults.articles_in_flight,
    maxArticleBytes: defaults.max_article_bytes,
    retries: defaults.retries,
    repairs: defaults.repairs,
    sampling: { temperature: defaults.temperature, seed: defaults.seed, maxOutputTokens: defaults.max_output_tokens },
    cache: overrides.cache ?? config.cache.enabled,
    gateThreads: defaults.gate_threads,
  };
}

/**
 * The plan with run settings given after it was built (runPipeline's `cache`), resolved as
 * buildPlan resolves the flags: they win over the file.
 */
export function overrideRun(plan: Plan, overrides: Pick<PlanOverrides, "cache">): Plan {
  if (overrides.cache === undefined || overrides.cache === plan.run.cache) return plan;
  return { ...plan, run: { ...plan.run, cache: overrides.cache } };
}

/**
 * A model's endpoint: its hosts (`hosts:` when given, else its one `host` / `base_url`) and its
 * provider's options. Each host's `parallel` is its own, else the model's, and --concurrency
 * (`slots`) sets them all; Ollama's queue_ahead is the host's, else the model's, else
 * defaultQueueAhead of the host's parallel. The model's timeout is its own, else `timeoutMs`
 * (defaults.timeout).
 */
export function planEndpoint(model: ModelConfig, resolved: { slots?: number; timeoutMs?: number } = {}): PlannedEndpoint {
  const listed = model.hosts ?? [model.kind === "ollama" ? model.host : model.base_url];
  const hosts = listed.map((entry): PlannedHost => {
    const own: { url: string; parallel?: number; weight?: number; queue_ahead?: number } = typeof entry === "string" ? { url: entry } : entry;
    const parallel = resolved.slots ?? own.parallel ?? model.parallel;
    const queueAhead = model.kind === "ollama" ? (own.queue_ahead ?? model.queue_ahead ?? defaultQueueAhead(parallel)) : 0;
    return { url: own.url.replace(/\/+$/, ""), parallel, queueAhead, weight: own.weight ?? 1 };
  });
  const base: PlannedEndpointBase = {
    model: model.model,
    hosts,
    balance: model.balance,
    slots: hosts.reduce((sum, host) => sum + host.parallel + host.queueAhead, 0),
    think: model.think,
    omit: model.omit,
    timeoutMs: model.timeout ?? resolved.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    idleTimeoutMs: model.idle_timeout,
    loadTimeoutMs: model.load_timeout,
    outageLimitMs: model.outage_limit,
  };
  return model.kind === "ollama"
    ? { ...base, kind: "ollama", contextSize: model.context_size, keepAlive: model.keep_alive }
    : { ...base, kind: "openai", apiKeyEnv: model.api_key_env, strict: model.strict };
}

/** defaults.timeout as the schema fills it in, for a model planned without a pipeline (the library's createModel). */
const DEFAULT_TIMEOUT_MS: number = defaultsSchema.parse({}).timeout;

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

function answersHash(run: PlannedRun, config: PipelineConfig, steps: PlannedStep[], targets: TargetLanguage[]): string {
  const models = Object.fromEntries(Object.entries(config.models).map(([name, model]) => [name, { kind: model.kind, model: model.model }]));
  const shaping = {
    targets,
    models,
    // Keys as they were when the hash was first made: a changed shape would make every stored article "changed".
    sampling: { temperature: run.sampling.temperature, seed: run.sampling.seed, repairs: run.repairs, max: run.sampling.maxOutputTokens },
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
