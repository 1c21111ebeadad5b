import type { CheckResult } from "../checks/types.js";
import { describeError, isPrevodError } from "../errors.js";
import { isOutputFailure } from "../structured/generate-object.js";
import type { TargetLanguage } from "../common/languages.js";
import type { StepContext } from "./types.js";

export interface AttemptLoop<T> {
  /**
   * Asks the model; `feedback` holds the previous attempt's gate failures (empty at first).
   * `reject` forgets the stored answer when the gates fail it.
   */
  ask(feedback: CheckResult[], attempt: number): Promise<{ value: T; reject?: () => Promise<void> }>;
  /**
   * Runs the gates on an answer and returns every verdict; failures are re-asked. May answer
   * later: the gates can run in a worker thread (StepContext.gates).
   */
  judge(answer: T): CheckResult[] | Promise<CheckResult[]>;
}

export interface AttemptOutcome {
  /** The last answer passed every gate. */
  accepted: boolean;
  /** At least one answer was judged. */
  answered: boolean;
  /** Gates that judged any answer. */
  gates: Set<string>;
  /** The last answer's failures (empty when accepted). */
  failures: CheckResult[];
}

/**
 * The re-ask loop every model step shares: ask, judge, and ask again with the gates' reasons,
 * at most `repairs` more times. An answer that stays invalid or cut off (after the structured
 * layer's own re-asks) uses up an attempt; any other error ends the loop and is recorded.
 */
export async function askUntilAccepted<T>(context: StepContext, target: TargetLanguage | undefined, label: string, loop: AttemptLoop<T>): Promise<AttemptOutcome> {
  const { work, step } = context;
  const gates = new Set<string>();
  let failures: CheckResult[] = [];
  let answered = false;
  for (let attempt = 0; attempt <= context.repairs; attempt++) {
    if (attempt > 0) work.usage.repairs++;
    let answer: T;
    let reject: (() => Promise<void>) | undefined;
    try {
      ({ value: answer, reject } = await loop.ask(failures, attempt));
    } catch (error) {
      if (isPrevodError(error, "ABORTED")) throw error;
      if (isOutputFailure(error) && attempt < context.repairs) continue;
      work.errors.push({ step: step.name, ...(target ? { target } : {}), code: isPrevodError(error) ? error.code : "UNEXPECTED", message: `${label}: ${describeError(error)}` });
      return { accepted: false, answered, gates, failures };
    }
    answered = true;
    const results = await loop.judge(answer);
    for (const result of results) gates.add(result.name);
    failures = results.filter((result) => result.status === "fail");
    if (failures.length === 0) return { accepted: true, answered, gates, failures };
    // A rejected answer is never served from the cache again: a re-run asks afresh.
    await reject?.();
  }
  work.errors.push({
    step: step.name,
    ...(target ? { target } : {}),
    code: "GATE_FAILED",
    message: `${label}: rejected after ${context.repairs + 1} attempt(s): ${[...new Set(failures.map((failure) => failure.detail))].slice(0, 5).join("; ")}`,
  });
  return { accepted: false, answered, gates, failures };
}
