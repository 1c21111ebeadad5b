import { z } from "zod";
import { checkLanguage } from "../checks/language.js";
import { countWords } from "../checks/summary.js";
import { LANGUAGE_NAMES, TARGET_LANGUAGES, type TargetLanguage } from "../common/languages.js";
import { defineHandler, type AssertionContext, type AssertionHandler, type AssertionVerdict } from "./assertion-types.js";
import { evaluateChrf } from "./chrf-assertion.js";
import { evaluateCount, evaluateQuote } from "./quote-assertions.js";
import {
  excerpt,
  normalizeSpace,
  outputText,
  partsNoun,
  quoteShort,
  stepOutput,
  stepTargets,
  untranslatedSegments,
  ASSERTABLE_STEPS,
  type AssertableStep,
} from "./step-output.js";

const TEXT_STEPS = ["translate", "summarize", "transliterate"] as const satisfies readonly AssertableStep[];

const strings = z.preprocess((value) => (typeof value === "string" ? [value] : value), z.array(z.string().min(1)).min(1));
const chrfArgs = z.strictObject({ min: z.number().min(0).max(100), ref: strings.optional() });
const kind = z.enum(["direct", "indirect"]);

/** A concrete target: handlers with perTarget never see "all" for per-target steps (see expandTargets). */
function target(context: AssertionContext): TargetLanguage {
  return context.target as TargetLanguage;
}

function label(context: AssertionContext): string {
  return `${context.step}/${context.target}`;
}

function relevant<T extends { step: string; target?: TargetLanguage | undefined }>(entries: T[], context: AssertionContext): T[] {
  return entries.filter((entry) => entry.step === context.step && (context.target === "all" || entry.target === undefined || entry.target === context.target));
}

function firstIds(ids: string[]): string {
  return ids.slice(0, 8).join(", ") + (ids.length > 8 ? ", …" : "");
}

function listed(items: string[], limit = 3): string {
  return items.slice(0, limit).join("; ") + (items.length > limit ? `; and ${items.length - limit} more` : "");
}

const handlers = {
  /** The step produced output for this target and recorded no error for it. */
  valid: defineHandler({
    args: z.boolean(),
    steps: ASSERTABLE_STEPS,
    perTarget: true,
    evaluate(context, expected) {
      const output = stepOutput(context.article, context.step, context.target);
      const problems: string[] = [];
      if (output.missing !== undefined) problems.push(output.missing);
      const empty = (output.parts ?? []).filter((part) => part.text.trim() === "").map((part) => part.id);
      if (empty.length > 0) problems.push(`${partsNoun(context.step, empty.length)} empty: ${firstIds(empty)}`);
      if (output.parts && (context.step === "translate" || context.step === "transliterate")) {
        const untranslated = untranslatedSegments(context.article, target(context));
        if (untranslated.length > 0) problems.push(`${partsNoun(context.step, untranslated.length)} without a translation: ${firstIds(untranslated)}`);
      }
      const errors = relevant(context.article.errors, context);
      if (errors.length > 0) problems.push(`${errors.length} error(s) recorded: ${listed(errors.map((error) => `${error.code}: ${error.message}`))}`);
      const valid = problems.length === 0;
      const found = valid ? `${partsNoun(context.step, output.parts!.length)}, no errors recorded` : problems.join("; ");
      if (expected) return { pass: valid, reason: `${label(context)}: ${found}` };
      return { pass: !valid, reason: valid ? `expected ${label(context)} to fail, found ${found}` : `${label(context)} failed as expected: ${found}` };
    },
  }),

  /** Every quality gate recorded for this step and target passed (or, with fail, at least one failed). */
  gates: defineHandler({
    args: z.enum(["pass", "fail"]),
    steps: ASSERTABLE_STEPS,
    perTarget: false,
    evaluate(context, expected) {
      const checks = relevant(context.article.checks, context);
      if (checks.length === 0) {
        const recorded = [...new Set(context.article.checks.map((check) => `${check.step}/${check.target ?? "all"}`))];
        return { pass: false, reason: `no checks recorded for ${label(context)} (checks recorded for: ${recorded.join(", ") || "nothing"})` };
      }
      const failed = checks.filter((check) => check.status === "fail");
      const names = [...new Set(checks.map((check) => check.name))].join(", ");
      const failures = failed.map((check) => `${check.name}${check.segment_id ? ` ${check.segment_id}` : ""}${check.target && context.target === "all" ? ` (${check.target})` : ""}: ${check.detail}`);
      if (expected === "pass") {
        return failed.length === 0
          ? { pass: true, reason: `${checks.length} checks passed (${names})` }
          : { pass: false, reason: `${failed.length} of ${checks.length} checks failed: ${listed(failures)}` };
      }
      return failed.length > 0
        ? { pass: true, reason: `${failed.length} of ${checks.length} checks failed as expected: ${listed(failures)}` }
        : { pass: false, reason: `expected a failed check, found ${checks.length} passed (${names})` };
    },
  }),

  /** Corpus chrF against reference.yaml (or ref: FILE, one line per output segment) is at least min. */
  chrf: defineHandler({
    args: chrfArgs,
    steps: TEXT_STEPS,
    perTarget: true,
    evaluate: (context, args) => evaluateChrf({ ...context, target: target(context) }, args, 0),
  }),

  /** Corpus chrF++ (word bigrams too) against the reference is at least min. */
  "chrf++": defineHandler({
    args: chrfArgs,
    steps: TEXT_STEPS,
    perTarget: true,
    evaluate: (context, args) => evaluateChrf({ ...context, target: target(context) }, args, 2),
  }),

  /** The output contains each string (case-sensitive; whitespace runs count as one space). */
  contains: defineHandler({
    args: strings,
    steps: ASSERTABLE_STEPS,
    perTarget: true,
    evaluate(context, needles) {
      const output = stepOutput(context.article, context.step, context.target);
      if (output.missing !== undefined) return { pass: false, reason: output.missing };
      const text = normalizeSpace(context.target === "all" ? output.parts.map((part) => part.text).join("\n") : outputText(context.article, context.step, target(context), output.parts));
      const missing = needles.filter((needle) => !text.includes(normalizeSpace(needle)));
      if (missing.length === 0) return { pass: true, reason: `${label(context)} contains ${needles.map((needle) => quoteShort(needle, 30)).join(", ")}` };
      const described = missing.map((needle) => {
        const index = text.toLowerCase().indexOf(normalizeSpace(needle).toLowerCase());
        return index < 0 ? quoteShort(needle, 40) : `${quoteShort(needle, 40)} (present with other case: ${quoteShort(text.slice(index, index + needle.length), 40)})`;
      });
      return { pass: false, reason: `${label(context)} lacks ${described.join(", ")}` };
    },
  }),

  /** The output contains none of the strings (case-sensitive). */
  "not-contains": defineHandler({
    args: strings,
    steps: ASSERTABLE_STEPS,
    perTarget: true,
    evaluate(context, needles) {
      const output = stepOutput(context.article, context.step, context.target);
      if (output.missing !== undefined) return { pass: false, reason: output.missing };
      const found: string[] = [];
      for (const needle of needles) {
        const wanted = normalizeSpace(needle);
        for (const part of output.parts) {
          const text = normalizeSpace(part.text);
          const index = text.indexOf(wanted);
          if (index >= 0) found.push(`${quoteShort(needle, 30)} in ${part.id}: "${excerpt(text, index, wanted.length)}"`);
        }
      }
      if (found.length === 0) return { pass: true, reason: `${label(context)} has none of ${needles.map((needle) => quoteShort(needle, 30)).join(", ")}` };
      return { pass: false, reason: `${label(context)} contains ${listed(found)}` };
    },
  }),

  /** Every part of the output passes the language and script check for that language. */
  language: defineHandler({
    args: z.enum(TARGET_LANGUAGES),
    steps: ASSERTABLE_STEPS,
    perTarget: true,
    evaluate(context, language) {
      const output = stepOutput(context.article, context.step, context.target);
      if (output.missing !== undefined) return { pass: false, reason: output.missing };
      const failures: string[] = [];
      for (const part of output.parts) {
        const failed = checkLanguage({ target: language, text: part.text, id: part.id }).filter((result) => result.status === "fail");
        // The checker names the part itself ("s4: expected …"); the first finding is enough to act on.
        if (failed.length === 0) continue;
        const detail = failed[0]!.detail;
        const own = detail.startsWith(`${part.id}: `) ? detail.slice(part.id.length + 2) : detail;
        failures.push(`${part.id}: ${own}${failed.length > 1 ? ` (+${failed.length - 1} more)` : ""}`);
      }
      const name = LANGUAGE_NAMES[language];
      const total = partsNoun(context.step, output.parts.length);
      if (failures.length === 0) return { pass: true, reason: `all ${total} of ${label(context)} read as ${name}` };
      return { pass: false, reason: `${failures.length} of ${total} of ${label(context)} fail as ${name}: ${listed(failures)}` };
    },
  }),

  /** The summary has at most this many words. */
  max_words: defineHandler({
    args: z.int().min(1),
    steps: ["summarize"],
    perTarget: true,
    evaluate: (context, limit) => wordLimit(context, limit, "summary"),
  }),

  /** The headline has at most this many words. */
  headline_max_words: defineHandler({
    args: z.int().min(1),
    steps: ["summarize"],
    perTarget: true,
    evaluate: (context, limit) => wordLimit(context, limit, "headline"),
  }),

  /** A quote whose speaker contains `speaker` and whose text equals `text` (Bulgarian under all, else the quote's translation). */
  quote: defineHandler({
    args: z
      .strictObject({ speaker: z.string().min(1).optional(), text: z.string().min(1).optional(), kind: kind.optional(), cue: z.string().min(1).optional() })
      .refine((value) => value.speaker !== undefined || value.text !== undefined, "a speaker or a text to look for"),
    steps: ["extract-quotes"],
    perTarget: false,
    evaluate: evaluateQuote,
  }),

  /** The number of quotes (of a kind) is within min and max. */
  count: defineHandler({
    args: z.preprocess(
      (value) => (typeof value === "number" ? { min: value, max: value } : value),
      z
        .strictObject({ min: z.int().min(0).optional(), max: z.int().min(0).optional(), kind: kind.optional() })
        .refine((value) => value.min !== undefined || value.max !== undefined, "min, max or both")
        .superRefine((value, context) => {
          if (value.min !== undefined && value.max !== undefined && value.min > value.max) {
            context.addIssue({ code: "custom", message: "min ≤ max", input: `min ${value.min} > max ${value.max}` });
          }
        }),
    ),
    steps: ["extract-quotes"],
    perTarget: false,
    evaluate: evaluateCount,
  }),
};

function wordLimit(context: AssertionContext, limit: number, field: "summary" | "headline"): AssertionVerdict {
  const summary = context.article.summaries[target(context)];
  if (!summary) return { pass: false, reason: `no ${context.target} summary in the article` };
  // Counted as the summary gate counts them, so a sample and the gate agree on a limit.
  const words = countWords(summary[field]);
  const pass = words <= limit;
  return { pass, score: words, reason: `${context.target} ${field} has ${words} words ${pass ? "≤" : ">"} max ${limit}` };
}

/**
 * Under `all`, a per-target handler on a per-target step runs for every target the article has
 * for that step and passes only when each does; quotes (extract-quotes/all) are read as they are.
 */
function expandTargets<Args>(handler: AssertionHandler<Args>): AssertionHandler<Args> {
  if (!handler.perTarget) return handler;
  return {
    ...handler,
    evaluate(context, args) {
      if (context.target !== "all" || context.step === "extract-quotes") return handler.evaluate(context, args);
      const targets = stepTargets(context.article, context.step);
      if (targets.length === 0) return { pass: false, reason: `no ${context.step} output in the article for any target` };
      const verdicts = targets.map((language) => ({ language, verdict: handler.evaluate({ ...context, target: language }, args) }));
      const failed = verdicts.filter((entry) => !entry.verdict.pass);
      // No combined score: "worst" means the lowest chrF but the highest word count; each target's is in the reason.
      if (failed.length === 0) return { pass: true, reason: `all ${targets.length} targets pass (${targets.join(", ")})` };
      return {
        pass: false,
        reason: `${failed.length} of ${targets.length} targets fail: ${failed.map((entry) => `${entry.language}: ${entry.verdict.reason}`).join(" | ")}`,
      };
    },
  };
}

export type AssertionName = keyof typeof handlers;

/**
 * Every assertion expect.yaml may use, by name. Each validates its arguments with `args` and
 * returns `{ pass, score?, reason }`; under target `all` per-target handlers check every target.
 */
export const assertionHandlers: Record<AssertionName, AssertionHandler<any>> = Object.fromEntries(
  Object.entries(handlers).map(([name, handler]) => [name, expandTargets(handler as AssertionHandler<any>)]),
) as Record<AssertionName, AssertionHandler<any>>;

export const ASSERTION_NAMES = Object.keys(handlers) as AssertionName[];
