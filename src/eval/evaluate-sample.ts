import { access } from "node:fs/promises";
import { join } from "node:path";
import { describeError } from "../errors.js";
import type { ArticleResult } from "../outputs/article-schema.js";
import { assertionHandlers } from "./assertions.js";
import { loadExpectations, type Expectations } from "./expectations.js";
import { loadReference, type SampleReference } from "./reference.js";
import type { AssertionTarget } from "./step-output.js";

/** The result of one assertion on one run of a sample. */
export interface AssertionOutcome {
  /** Stable across runs: "<step>/<target>/<handler>#<n>", or "status". */
  id: string;
  /** A step name, or "article" for the status assertion. */
  step: string;
  target: AssertionTarget;
  handler: string;
  pass: boolean;
  score?: number;
  reason: string;
}

/** The results of one golden sample in one run of `prevod test`. */
export interface SampleResult {
  /** The sample's folder name: "varna-buses". */
  sample: string;
  outcomes: AssertionOutcome[];
  /** Why the sample could not be evaluated at all (a missing recording, a pipeline crash); outcomes are then empty. */
  error?: string;
  timeMs?: number;
}

export interface EvaluateSampleInput {
  article: ArticleResult;
  expectations: Expectations;
  reference?: SampleReference;
  /** The sample folder; `ref:` files are relative to it. */
  sampleDir: string;
}

/** Checks every assertion of expect.yaml on an article result: the status first, then in file order. */
export function evaluateSample(input: EvaluateSampleInput): AssertionOutcome[] {
  const { article, expectations, reference, sampleDir } = input;
  const outcomes: AssertionOutcome[] = [statusOutcome(article, expectations.status)];
  for (const assertion of expectations.assertions) {
    const handler = assertionHandlers[assertion.handler];
    const context = { article, step: assertion.step, target: assertion.target, sampleDir, ...(reference ? { reference } : {}) };
    let verdict;
    try {
      verdict = handler.evaluate(context, assertion.args);
    } catch (error) {
      // One assertion that cannot be evaluated (an unreadable ref file) must not hide the others.
      verdict = { pass: false, reason: `could not evaluate: ${describeError(error)}` };
    }
    outcomes.push({
      id: assertion.id,
      step: assertion.step,
      target: assertion.target,
      handler: assertion.handler,
      pass: verdict.pass,
      ...(verdict.score === undefined ? {} : { score: verdict.score }),
      reason: verdict.reason,
    });
  }
  return outcomes;
}

function statusOutcome(article: ArticleResult, expected: Expectations["status"]): AssertionOutcome {
  const pass = article.status === expected;
  const errors = article.errors.map((error) => `${error.step}${error.target ? `/${error.target}` : ""} ${error.code}: ${error.message}`);
  const why = errors.length === 0 ? "" : `; errors: ${errors.slice(0, 3).join("; ")}${errors.length > 3 ? `; and ${errors.length - 3} more` : ""}`;
  return {
    id: "status",
    step: "article",
    target: "all",
    handler: "status",
    pass,
    reason: pass ? `status ${article.status}${why}` : `expected status ${expected}, found ${article.status}${why}`,
  };
}

/** A sample folder's expect.yaml (required) and reference.yaml (optional), both validated with located errors. */
export async function loadSampleFiles(sampleDir: string): Promise<{ expectations: Expectations; reference?: SampleReference }> {
  const expectations = await loadExpectations(join(sampleDir, "expect.yaml"));
  const referenceFile = join(sampleDir, "reference.yaml");
  const exists = await access(referenceFile).then(
    () => true,
    () => false,
  );
  if (!exists) return { expectations };
  return { expectations, reference: await loadReference(referenceFile) };
}
