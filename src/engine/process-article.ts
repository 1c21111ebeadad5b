import type { GateRunner } from "../checks/pool/gate-pool.js";
import { describeError, isPrevodError } from "../errors.js";
import type { Plan } from "../graph/plan.js";
import type { Article } from "../inputs/types.js";
import type { Model, ModelAnswer } from "../models/types.js";
import type { ArticleStatus } from "../outputs/article-schema.js";
import { stepKinds } from "../steps/registry.js";
import type { ArticleWork, ObjectRequest, PlannedStep, StepStatus } from "../steps/types.js";
import { generateObject } from "../structured/generate-object.js";
import type { RunEventListener } from "./events.js";

export interface ArticleRuntime {
  plan: Plan;
  models: Map<string, Model>;
  signal: AbortSignal;
  onEvent?: RunEventListener;
  /** Where the steps' gates run (checks/pool); in this thread when absent. */
  gates?: GateRunner;
}

export interface ProcessedArticle {
  work: ArticleWork;
  status: ArticleStatus;
  /** Milliseconds per step, for run.json. */
  stepMs: Record<string, number>;
}

export function newWork(article: Article): ArticleWork {
  return {
    article,
    translations: {},
    summaries: {},
    results: {},
    checks: [],
    errors: [],
    usage: { calls: 0, cached: 0, replayed: 0, promptTokens: 0, completionTokens: 0, repairs: 0 },
  };
}

/**
 * Runs every step of the plan on one article. A step starts when the steps it needs have
 * finished, so independent steps (summaries, quotes) overlap; fan-out over targets and chunks
 * happens inside the steps. A step whose needs failed is skipped with the reason. Throws only
 * when the run is interrupted (ABORTED); every other failure is recorded in the article.
 */
export async function processArticle(article: Article, index: number, runtime: ArticleRuntime): Promise<ProcessedArticle> {
  const work = newWork(article);
  const stepMs: Record<string, number> = {};
  const outcomes = new Map<string, Promise<StepStatus | "skipped">>();

  for (const step of runtime.plan.steps) {
    outcomes.set(step.name, runStep(step));
  }

  async function runStep(step: PlannedStep): Promise<StepStatus | "skipped"> {
    const needs = await Promise.all(step.needs.map((need) => outcomes.get(need)!));
    const kind = stepKinds[step.kind]!;
    // Only a failed need that provides something this step requires blocks it; other needs
    // just order the steps (transliterate runs after quotes, and without them if they failed).
    const blocked = step.needs.filter((need, position) => {
      if (needs[position] !== "failed" && needs[position] !== "skipped") return false;
      const provided = stepKinds[runtime.plan.steps.find((other) => other.name === need)!.kind]!.provides;
      return provided.some((artifact) => kind.requires.includes(artifact));
    });
    if (blocked.length > 0) {
      work.errors.push({ step: step.name, code: "GATE_FAILED", message: `skipped: ${blocked.join(", ")} did not succeed` });
      runtime.onEvent?.({ type: "step-finished", articleId: article.id, step: step.name, status: "skipped", ms: 0 });
      return "skipped";
    }
    // A step of a target-producing kind with none of this run's targets has nothing to do.
    if (kind.targets && !kind.targetsOptional && step.targets.length === 0) return "ok";
    const started = performance.now();
    let status: StepStatus;
    try {
      status = await kind.run({
        work,
        step,
        repairs: runtime.plan.run.repairs,
        signal: runtime.signal,
        slots: step.model === undefined ? undefined : runtime.plan.endpoints[step.model]?.slots,
        gates: runtime.gates,
        generate: (request) => generateFor(step, request),
      });
    } catch (error) {
      if (isPrevodError(error, "ABORTED") || runtime.signal.aborted) throw error;
      work.errors.push({ step: step.name, code: isPrevodError(error) ? error.code : "UNEXPECTED", message: describeError(error) });
      status = "failed";
    }
    const ms = performance.now() - started;
    stepMs[step.name] = ms;
    runtime.onEvent?.({ type: "step-finished", articleId: article.id, step: step.name, status, ms });
    return status;
  }

  function generateFor<T>(step: PlannedStep, request: ObjectRequest<T>) {
    const model = runtime.models.get(step.model!)!;
    const run = runtime.plan.run;
    return generateObject(model, { ...request, origin: { ...request.origin, articleId: article.id } }, {
      repairs: run.repairs,
      sampling: run.sampling,
      signal: runtime.signal,
      // Earlier articles first: results stream out in input order and few articles are open at once.
      priority: -index,
      onAnswer: (answer, repair) => count(answer, repair, request.origin.step, request.origin.target),
    });
  }

  function count(answer: ModelAnswer, repair: boolean, step?: string, target?: string): void {
    const usage = work.usage;
    if (repair) usage.repairs++;
    if (answer.source === "cache") usage.cached++;
    else if (answer.source === "replay") usage.replayed++;
    else {
      usage.calls++;
      usage.promptTokens += answer.usage.promptTokens;
      usage.completionTokens += answer.usage.completionTokens;
    }
    runtime.onEvent?.({
      type: "model-call",
      articleId: article.id,
      step,
      target,
      source: answer.source ?? "model",
      promptTokens: answer.usage.promptTokens,
      completionTokens: answer.usage.completionTokens,
      thinkingTokens: answer.usage.thinkingTokens ?? 0,
      ms: answer.durationMs,
      ...(answer.host && !answer.source ? { host: answer.host } : {}),
    });
  }

  // allSettled first: an interrupted step must not leave its siblings' rejections unhandled.
  const settled = await Promise.allSettled(outcomes.values());
  const interrupted = settled.find((result): result is PromiseRejectedResult => result.status === "rejected");
  if (interrupted) throw interrupted.reason;
  // Independent steps finish in any order; list their checks and errors in plan and target order
  // (a stable sort) so that the same article always gets the same file, resumed or not.
  const stepOrder = new Map(runtime.plan.steps.map((step, position) => [step.name, position]));
  const targetOrder = new Map<string, number>(runtime.plan.targets.map((target, position) => [target, position]));
  const byPlanOrder = (a: { step: string; target?: string }, b: { step: string; target?: string }) =>
    (stepOrder.get(a.step) ?? 0) - (stepOrder.get(b.step) ?? 0) || (targetOrder.get(a.target ?? "") ?? -1) - (targetOrder.get(b.target ?? "") ?? -1);
  work.checks.sort(byPlanOrder);
  work.errors.sort(byPlanOrder);
  const statuses = new Map<string, StepStatus | "skipped">();
  [...outcomes.keys()].forEach((name, position) => statuses.set(name, (settled[position] as PromiseFulfilledResult<StepStatus | "skipped">).value));
  return { work, status: articleStatus(runtime.plan.steps, statuses), stepMs };
}

/**
 * failed: nothing usable (segmentation failed, or every step failed or was skipped);
 * ok: every step ok; partial: anything in between.
 */
export function articleStatus(steps: PlannedStep[], statuses: Map<string, StepStatus | "skipped">): ArticleStatus {
  const values = steps.map((step) => statuses.get(step.name));
  if (values.every((status) => status === "ok")) return "ok";
  const segmentation = steps.find((step) => stepKinds[step.kind]?.provides.includes("segments"));
  if (segmentation && statuses.get(segmentation.name) !== "ok") return "failed";
  const modelSteps = steps.filter((step) => stepKinds[step.kind]?.usesModel);
  if (modelSteps.length > 0 && modelSteps.every((step) => statuses.get(step.name) === "failed" || statuses.get(step.name) === "skipped")) return "failed";
  return "partial";
}
