import type { CheckResult } from "../checks/types.js";
import type { TargetLanguage } from "../common/languages.js";
import type { ArticleWork, StepStatus } from "./types.js";

/** How one unit of work (a chunk, a summary, a quote list) ended for one target. */
export interface TargetOutcome {
  accepted: number;
  total: number;
  /** Names of the gates that judged it. */
  gates: Set<string>;
  /** Gate failures that persisted after every re-ask. */
  failures: CheckResult[];
}

/**
 * Records a step's gate verdicts for one target in the article: each persisting failure, and one
 * `pass` for every gate that judged this target and never failed in the end. Returns the status.
 */
export function recordOutcomes(work: ArticleWork, step: string, target: TargetLanguage | undefined, outcomes: TargetOutcome[]): StepStatus {
  const gates = new Set(outcomes.flatMap((outcome) => [...outcome.gates]));
  const failures = outcomes.flatMap((outcome) => outcome.failures);
  const failedGates = new Set(failures.map((failure) => failure.name));
  for (const failure of failures) work.checks.push({ ...failure, step, ...(target ? { target } : {}) });
  for (const gate of [...gates].sort()) {
    if (!failedGates.has(gate)) work.checks.push({ step, ...(target ? { target } : {}), name: gate, status: "pass", detail: "" });
  }
  const accepted = outcomes.reduce((sum, outcome) => sum + outcome.accepted, 0);
  const total = outcomes.reduce((sum, outcome) => sum + outcome.total, 0);
  if (accepted === total) return "ok";
  return accepted === 0 ? "failed" : "partial";
}

/** ok when all are ok, failed when all failed, partial otherwise. */
export function rollUp(statuses: StepStatus[]): StepStatus {
  if (statuses.every((status) => status === "ok")) return "ok";
  if (statuses.length > 0 && statuses.every((status) => status === "failed")) return "failed";
  return "partial";
}

