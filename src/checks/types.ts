import type { TargetLanguage } from "../common/languages.js";

export type CheckStatus = "pass" | "fail";

/** One verdict of one gate: recorded in the article's `checks[]` and, on failure, sent back to the model. */
export interface CheckResult {
  /** The gate: "alignment", "language", "script", "copied-source", "numbers", "length-ratio", "quote-verbatim", … */
  name: string;
  status: CheckStatus;
  /**
   * A reason a model can act on: what was expected and what was found.
   * @example "s4: expected Russian, found Bulgarian (letters ъ, function words 'на', 'от')"
   */
  detail: string;
  /** The sentence the verdict is about, for per-sentence gates. */
  segmentId?: string;
}

/** A sentence to translate, or its translation, as exchanged with the model. */
export interface IdText {
  id: string;
  text: string;
}

export interface TranslationCheckInput {
  target: TargetLanguage;
  /** The Bulgarian source sentences. */
  source: IdText[];
  /** The model's translations, in any order, possibly with missing or extra ids. */
  translation: IdText[];
}
