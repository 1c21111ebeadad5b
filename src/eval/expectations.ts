/**
 * samples/<name>/expect.yaml: the assertions `prevod test` checks on a sample's article result.
 *
 * ```yaml
 * status: ok                       # expected article status: ok | partial | failed (default ok)
 * steps:                           # translate, summarize, extract-quotes, transliterate
 *   translate:
 *     en:                          # a target: en, ru, sr-Cyrl, sr-Latn, or all
 *       - valid: true              # output for this target, no error recorded for it (false: expect failure)
 *       - gates: pass              # every check of translate/en passed (fail: at least one failed)
 *       - chrf: { min: 55 }        # corpus chrF against reference.yaml, sentences aligned by their Bulgarian text
 *       - chrf++: { min: 50, ref: en.txt }   # or against a file (or a list of files) with one line per output segment
 *       - contains: ["Tokayev"]    # substrings (or one string); case-sensitive
 *       - not-contains: "Токаев"
 *       - language: en             # each segment passes the language and script check for en
 *     all:                         # every target the step has; each must pass
 *       - gates: pass
 *   transliterate:
 *     sr-Latn:                     # the only target of transliterate
 *       - chrf: { min: 50 }        # against reference.yaml's sr-Cyrl, transliterated
 *   summarize:
 *     en:
 *       - max_words: 70            # words of the summary
 *       - headline_max_words: 12
 *       - contains: "Varna"        # headline, summary and key points
 *   extract-quotes:
 *     all:                         # the Bulgarian quotes; a target key reads their translations instead
 *       - quote: { speaker: "Иванов", text: "…", kind: direct }   # speaker contains (any case), text equals (whitespace-normalised)
 *       - count: { min: 2, max: 4 }                              # or count: 3
 * ```
 *
 * Each list item holds exactly one assertion. Assertions are evaluated and reported in a fixed
 * order, the same for every sample: steps translate, summarize, extract-quotes, transliterate;
 * targets en, ru, sr-Cyrl, sr-Latn, all; the items of a list in file order. Ids are
 * `<step>/<target>/<assertion>#<n>`, n counting that assertion's earlier uses under the same step
 * and target, so adding a different assertion does not renumber the others (the baseline keys on ids).
 */
import { z } from "zod";
import { parseYaml, readYamlFile } from "../config/yaml-file.js";
import { TARGET_LANGUAGES } from "../common/languages.js";
import { ASSERTION_NAMES, assertionHandlers, type AssertionName } from "./assertions.js";
import { ASSERTABLE_STEPS, type AssertableStep, type AssertionTarget } from "./step-output.js";

/** One assertion from expect.yaml, ready to evaluate. */
export interface ExpectedAssertion {
  /** Stable across runs: "translate/en/chrf#0". */
  id: string;
  step: AssertableStep;
  target: AssertionTarget;
  handler: AssertionName;
  /** Validated by the handler's `args` schema. */
  args: unknown;
}

/** A sample's expectations. */
export interface Expectations {
  /** The file they were read from. */
  file: string;
  /** @default "ok" */
  status: "ok" | "partial" | "failed";
  assertions: ExpectedAssertion[];
}

function itemSchema(step: AssertableStep) {
  const shape = Object.fromEntries(ASSERTION_NAMES.map((name) => [name, assertionHandlers[name].args.optional()]));
  return z.strictObject(shape).superRefine((value, context) => {
    const names = Object.keys(value).filter((key): key is AssertionName => key in assertionHandlers);
    // An unknown name is already reported (with the known ones); "no assertion" would only repeat it.
    const misspelt = context.issues.some((issue) => issue.code === "unrecognized_keys");
    if (names.length === 0 && !misspelt) {
      context.addIssue({ code: "custom", message: `one assertion, e.g. "- valid: true" (known: ${ASSERTION_NAMES.join(", ")})`, input: "{}" });
    } else if (names.length > 1) {
      context.addIssue({ code: "custom", message: `one assertion per list item (write each as its own "- name: …" line)`, input: names.join(", ") });
    }
    for (const name of names) {
      const allowed = assertionHandlers[name].steps;
      if (!allowed.includes(step)) {
        const fits = ASSERTION_NAMES.filter((other) => assertionHandlers[other].steps.includes(step));
        context.addIssue({
          code: "custom",
          path: [name],
          message: `an assertion that applies to ${step} (${fits.join(", ")}); '${name}' applies to ${allowed.join(", ")}`,
          input: name,
        });
      }
    }
  });
}

function stepSchema(step: AssertableStep) {
  const targets = step === "transliterate" ? (["sr-Latn", "all"] as const) : ([...TARGET_LANGUAGES, "all"] as const);
  const list = z.array(itemSchema(step));
  return z.strictObject(Object.fromEntries(targets.map((target) => [target, list.optional()]))).optional();
}

export const expectationsSchema = z.strictObject({
  status: z.enum(["ok", "partial", "failed"]).default("ok"),
  steps: z.strictObject(Object.fromEntries(ASSERTABLE_STEPS.map((step) => [step, stepSchema(step)]))).default({}),
});

const EXPECTED = "a mapping with status and steps (expect.yaml)";

/** Reads expect.yaml; any mistake (an unknown assertion, bad arguments) is a CONFIG_INVALID error with file:line:col. */
export async function loadExpectations(file: string): Promise<Expectations> {
  const source = await readYamlFile(file, expectationsSchema, { expected: EXPECTED });
  return toExpectations(source.data, file);
}

export function parseExpectations(text: string, file: string): Expectations {
  return toExpectations(parseYaml(text, file, expectationsSchema, { expected: EXPECTED }).data, file);
}

function toExpectations(data: z.output<typeof expectationsSchema>, file: string): Expectations {
  const assertions: ExpectedAssertion[] = [];
  for (const [step, targets] of Object.entries(data.steps) as Array<[AssertableStep, Record<string, Array<Record<string, unknown>> | undefined> | undefined]>) {
    for (const [target, items] of Object.entries(targets ?? {})) {
      const uses = new Map<string, number>();
      for (const item of items ?? []) {
        const [handler, args] = Object.entries(item).find(([, value]) => value !== undefined)! as [AssertionName, unknown];
        const n = uses.get(handler) ?? 0;
        uses.set(handler, n + 1);
        assertions.push({ id: `${step}/${target}/${handler}#${n}`, step, target: target as AssertionTarget, handler, args });
      }
    }
  }
  return { file, status: data.status, assertions };
}

