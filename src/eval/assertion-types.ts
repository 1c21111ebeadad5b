import type { z } from "zod";
import type { ArticleResult } from "../outputs/article-schema.js";
import type { SampleReference } from "./reference.js";
import type { AssertableStep, AssertionTarget } from "./step-output.js";

/** What an assertion handler sees: one article result, the step and target it is filed under. */
export interface AssertionContext {
  article: ArticleResult;
  step: AssertableStep;
  /** A target language, or "all": the step as a whole (quotes), or every target the step has. */
  target: AssertionTarget;
  /** The sample's reference.yaml, when it has one. */
  reference?: SampleReference;
  /** The sample folder; `ref:` files are relative to it. */
  sampleDir: string;
}

/** A handler's verdict. */
export interface AssertionVerdict {
  pass: boolean;
  /** A number worth tracking across runs (chrF, a word count), compared with the baseline. */
  score?: number;
  /**
   * One line a person reads in CI: on failure what was expected and what was found.
   * @example "chrF 41.20 < min 55 against reference.yaml (en, 23 sentences)"
   */
  reason: string;
}

/** One kind of assertion in expect.yaml (`chrf`, `contains`, …). */
export interface AssertionHandler<Args = unknown> {
  /** Validates the value written after the handler's name in expect.yaml. */
  args: z.ZodType<Args>;
  /** The steps the handler makes sense for; others are rejected when expect.yaml is read. */
  steps: readonly AssertableStep[];
  /** Whether the handler reads one target's output; under `all` it then runs for each target the step has. */
  perTarget: boolean;
  evaluate(context: AssertionContext, args: Args): AssertionVerdict;
}

/** Keeps a handler's argument type tied to its schema. */
export function defineHandler<S extends z.ZodType>(handler: AssertionHandler<z.output<S>> & { args: S }): AssertionHandler<z.output<S>> {
  return handler;
}
