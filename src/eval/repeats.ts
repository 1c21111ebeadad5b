import type { AssertionOutcome } from "./evaluate-sample.js";

/** How one assertion fared over repeated runs of a sample (`prevod test --repeat N`, live models vary). */
export interface RepeatSummary {
  id: string;
  step: string;
  target: string;
  handler: string;
  /** Runs in which the assertion was evaluated. */
  runs: number;
  passes: number;
  /** passes / runs, 0–1. */
  passRate: number;
  /** Over the runs that gave a score. */
  meanScore?: number;
  minScore?: number;
  maxScore?: number;
  /** The reason of the last failing run, to show why it flakes. */
  lastFailure?: string;
}

/** Pass rate and score spread per assertion id, in the order the ids first appear. */
export function summarizeRepeats(runs: AssertionOutcome[][]): RepeatSummary[] {
  const byId = new Map<string, AssertionOutcome[]>();
  for (const run of runs) {
    for (const outcome of run) {
      const list = byId.get(outcome.id);
      if (list) list.push(outcome);
      else byId.set(outcome.id, [outcome]);
    }
  }
  return [...byId.values()].map((outcomes) => {
    const first = outcomes[0]!;
    const passes = outcomes.filter((outcome) => outcome.pass).length;
    const scores = outcomes.map((outcome) => outcome.score).filter((score): score is number => score !== undefined);
    const lastFailure = outcomes.findLast((outcome) => !outcome.pass)?.reason;
    return {
      id: first.id,
      step: first.step,
      target: first.target,
      handler: first.handler,
      runs: outcomes.length,
      passes,
      passRate: passes / outcomes.length,
      ...(scores.length > 0
        ? { meanScore: scores.reduce((sum, score) => sum + score, 0) / scores.length, minScore: Math.min(...scores), maxScore: Math.max(...scores) }
        : {}),
      ...(lastFailure === undefined ? {} : { lastFailure }),
    };
  });
}
