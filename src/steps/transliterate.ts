import { z } from "zod";
import { PrevodError } from "../errors.js";
import { toLatin } from "../text/transliterate.js";
import type { StepKind } from "./types.js";

const options = z.strictObject({});

/**
 * sr-Latn for every Serbian output — translations, summaries, quotes — by exact
 * transliteration of sr-Cyrl, never by a model. Runs after the steps whose output it converts.
 */
export const transliterateStep: StepKind<z.output<typeof options>> = {
  kind: "transliterate",
  description: "sr-Latn from sr-Cyrl for translations, summaries and quotes (no model)",
  usesModel: false,
  targets: ["sr-Latn"],
  requires: ["translations"],
  provides: ["translations"],
  options,
  validatePlan(step, upstream) {
    if (step.targets.length === 0 || upstream.some((other) => other.targets.includes("sr-Cyrl"))) return [];
    return [`${step.name} converts sr-Cyrl to sr-Latn, but no step it needs produces sr-Cyrl: add sr-Cyrl to the targets of the translate step it needs`];
  },
  async run({ work }) {
    const cyrillic = work.translations["sr-Cyrl"];
    if (!cyrillic || cyrillic.size === 0) throw new PrevodError("GATE_FAILED", "there is no accepted sr-Cyrl translation to transliterate");
    work.translations["sr-Latn"] = new Map([...cyrillic].map(([id, text]) => [id, toLatin(text)]));
    const summary = work.summaries["sr-Cyrl"];
    if (summary) {
      work.summaries["sr-Latn"] = { ...summary, headline: toLatin(summary.headline), summary: toLatin(summary.summary), key_points: summary.key_points.map(toLatin) };
    }
    for (const quote of work.quotes ?? []) {
      const text = quote.translations["sr-Cyrl"];
      if (text !== undefined) quote.translations["sr-Latn"] = toLatin(text);
    }
    return "ok";
  },
};
