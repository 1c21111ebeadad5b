import type { z } from "zod";
import type { CheckResult } from "../checks/types.js";
import type { GateRunner } from "../checks/pool/gate-pool.js";
import type { PrevodErrorCode } from "../errors.js";
import type { Article } from "../inputs/types.js";
import type { ObjectRequest, ObjectResult } from "../structured/types.js";
import type { TargetLanguage } from "../common/languages.js";
import type { Chunk, Segment } from "../text/types.js";
import type { PromptTemplate } from "../structured/prompt-template.js";
export type { ObjectRequest, ObjectResult } from "../structured/types.js";

/** What a step produces for later steps; used to check a plan before it runs. */
export type Artifact = "segments" | "translations" | "summaries" | "quotes";

export interface Summary {
  headline: string;
  summary: string;
  key_points: string[];
  /** Set when the article was longer than the step's max_input_tokens: the summary was written from its first `segments` of `of`. */
  written_from?: { segments: number; of: number };
}

export interface Quote {
  /** "q1", "q2", … in text order. */
  id: string;
  speaker: string;
  cue: string;
  kind: "direct" | "indirect";
  /** Verbatim Bulgarian text. */
  text: string;
  start: number;
  end: number;
  segmentIds: string[];
  /** The quote in each target, taken verbatim from that target's translation. */
  translations: Partial<Record<TargetLanguage, string>>;
}

/** A gate verdict as recorded in the article: which step and target it belongs to. */
export interface CheckRecord extends CheckResult {
  step: string;
  target?: TargetLanguage;
}

export interface ErrorRecord {
  step: string;
  target?: TargetLanguage;
  code: PrevodErrorCode | "UNEXPECTED";
  message: string;
}

export interface UsageCounter {
  /** Model calls answered by the provider in this run. */
  calls: number;
  /** Calls answered from the cache. */
  cached: number;
  /** Calls answered from a recording. */
  replayed: number;
  promptTokens: number;
  completionTokens: number;
  /** Re-asks after a schema or gate failure. */
  repairs: number;
}

/** Everything known about one article while it moves through the plan. Steps fill it in. */
export interface ArticleWork {
  article: Article;
  segments?: Segment[];
  chunks?: Chunk[];
  /** Per target: sentence id → translated text (only accepted sentences). */
  translations: Partial<Record<TargetLanguage, Map<string, string>>>;
  summaries: Partial<Record<TargetLanguage, Summary>>;
  quotes?: Quote[];
  /** Answers of user-defined (llm) steps: step name → target (or "all") → the validated answer. */
  results: Record<string, Record<string, unknown>>;
  /** Steps that read only the lead of a long article: step name → target (or "all") → segments read of how many. */
  writtenFrom?: Record<string, Record<string, { segments: number; of: number }>>;
  checks: CheckRecord[];
  errors: ErrorRecord[];
  usage: UsageCounter;
}

/** A step as the plan runs it: config resolved, prompt loaded, options parsed. */
export interface PlannedStep {
  name: string;
  kind: string;
  needs: string[];
  /** Targets this step produces, in pipeline order; empty for target-independent steps. */
  targets: TargetLanguage[];
  /** Name of the model (key of `models:`) for steps that call one. */
  model?: string;
  prompt?: PromptTemplate;
  options: unknown;
}

/** A request for one JSON object from the step's model. */

export interface StepContext {
  work: ArticleWork;
  step: PlannedStep;
  /** Asks the step's model for a schema-valid object (retries, cache, schema re-asks included). */
  generate<T>(request: ObjectRequest<T>): Promise<ObjectResult<T>>;
  /** Re-asks allowed after a gate failure (pipeline `defaults.repairs`). */
  repairs: number;
  signal: AbortSignal;
  /**
   * Calls the step's model takes at once (its endpoint's `parallel` plus what waits in the
   * server's queue); a step with many parts keeps a few times this many in flight, not all.
   * @default 8
   */
  slots?: number;
  /** Where the gates run (checks/pool): in this thread when absent. */
  gates?: GateRunner;
}

/** How a step ended for one article. `partial`: some targets or items failed. */
export type StepStatus = "ok" | "partial" | "failed";

export interface StepKind<Options = unknown> {
  kind: string;
  description: string;
  usesModel: boolean;
  /** Targets the kind can produce; undefined for target-independent kinds. */
  targets?: readonly TargetLanguage[];
  /**
   * The step runs once per target only when it lists `targets`; without them it runs once
   * (instead of once per pipeline target). @default false
   */
  targetsOptional?: boolean;
  requires: Artifact[];
  provides: Artifact[];
  options: z.ZodType<Options>;
  /** Prompt file in the package's prompts/ folder used when the step names none. */
  defaultPrompt?: string;
  /** Placeholders the kind fills in its prompt. */
  placeholders?: readonly string[];
  /** Kind-specific plan rules (e.g. transliterate needs sr-Cyrl upstream); messages for the user. */
  validatePlan?(step: PlannedStep, upstream: PlannedStep[]): string[];
  run(context: StepContext & { step: PlannedStep & { options: Options } }): Promise<StepStatus>;
}
