import { LANGUAGE_NAMES, type TargetLanguage } from "../common/languages.js";
import { memoize } from "../common/memo.js";
import { toCyrillic } from "../text/transliterate.js";
import { wordsToTranslate } from "./copied-source.js";
import type { CheckResult, IdText } from "./types.js";

/**
 * A stretch of Bulgarian left inside a translation: the model glued an untranslated sentence (a
 * headline without a final stop, the neighbour sentence) to its translation, or kept the source
 * beside it. Copied-source misses it, because the answer as a whole is mostly translated, and
 * the language gate may judge the whole line as the target.
 *
 * Evidence: a run of consecutive words, identical letter for letter (sr-Latn compared in
 * Cyrillic), shared by a Bulgarian source sentence and the answer, that holds words a translation
 * must change (lower-case Cyrillic words, names and numbers aside; see wordsToTranslate). Russian
 * and Serbian share single words with Bulgarian ("посещение", "на", "в"), rarely three content
 * words in a row in the same forms.
 */

/** Content words (of at least this many letters; shorter ones are mostly shared function words) a copied run must hold. */
const MINIMUM_LETTERS = 4;
/** A run with this many content words is a copy wherever it comes from. */
const RUN_CONTENT_WORDS = 3;
/** A whole source sentence found in the answer needs only this many content words. */
const WHOLE_SENTENCE_CONTENT_WORDS = 2;
/**
 * A whole short source sentence ("Тормозиха ме!") of at least two words, glued to a longer
 * answer, needs only one content word of this length.
 */
const SHORT_SENTENCE_LETTERS = 5;

const WORD = /[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu;

const tokens = memoize((text: string): string[] => [...text.normalize("NFC").toLowerCase().matchAll(WORD)].map((match) => match[0]), 2000);

/**
 * Words of the source a translation must change (see wordsToTranslate), of MINIMUM_LETTERS or
 * more; a capitalised first word ("Помпео планира …") may be a name, so it is kept apart and
 * only counts for a whole short sentence ("Тормозиха ме!").
 */
const contentOf = memoize((source: string): { content: Set<string>; first?: string } => {
  const words = [...source.normalize("NFC").matchAll(WORD)].map((match) => match[0]);
  const first = words[0] !== undefined && words[0] !== words[0].toLowerCase() ? words[0].toLowerCase() : undefined;
  const content = new Set(wordsToTranslate(source).filter((word) => word.length >= MINIMUM_LETTERS));
  if (first === undefined || !content.has(first)) return { content };
  content.delete(first);
  return { content, first };
}, 2000);

export interface CopiedRun {
  /** The copied words, as in the source. */
  words: string[];
  /** How many of them needed translating. */
  content: number;
  /** True when the run is the whole source sentence. */
  whole: boolean;
}

/**
 * The longest run of the source's words found unchanged in the text, when it is evidence of an
 * untranslated stretch (see the module comment); undefined otherwise.
 */
export function copiedRun(source: string, text: string, target: TargetLanguage): CopiedRun | undefined {
  const { content, first } = contentOf(source);
  if (content.size === 0 && first === undefined) return undefined;
  const left = tokens(source);
  const right = tokens(target === "sr-Latn" ? toCyrillic(text) : text);
  // Cheap exit: fewer shared content words than any verdict needs.
  const present = new Set(right);
  let shared = 0;
  for (const word of content) if (present.has(word)) shared += 1;
  if (first !== undefined && present.has(first)) shared += 1;
  if (shared === 0) return undefined;
  let best: CopiedRun | undefined;
  // Longest common runs by dynamic programming over word positions.
  let previous = new Int32Array(right.length + 1);
  let current = new Int32Array(right.length + 1);
  for (let row = 1; row <= left.length; row += 1) {
    for (let column = 1; column <= right.length; column += 1) {
      current[column] = left[row - 1] === right[column - 1] ? (previous[column - 1] as number) + 1 : 0;
      const length = current[column] as number;
      if (length === 0) continue;
      const words = left.slice(row - length, row);
      const count = new Set(words.filter((word) => content.has(word))).size;
      const whole = length === left.length;
      const short = whole && length >= 2 && right.length >= 2 * length && words.some((word) => (content.has(word) || word === first) && word.length >= SHORT_SENTENCE_LETTERS);
      const copied = count >= RUN_CONTENT_WORDS || (whole && count >= WHOLE_SENTENCE_CONTENT_WORDS) || short;
      if (copied && (best === undefined || count > best.content)) best = { words, content: count, whole };
    }
    [previous, current] = [current, previous];
    current.fill(0);
  }
  return best;
}

/**
 * Part of the `copied-source` gate for one answer: fails when it holds a stretch of one of the given
 * Bulgarian sentences (its own source, or a neighbour's) unchanged.
 */
export function checkUntranslated(input: { id?: string; text: string; target: TargetLanguage; sources: IdText[] }): CheckResult[] {
  const prefix = input.id === undefined ? "" : `${input.id}: `;
  const where = input.id === undefined ? {} : { segmentId: input.id };
  for (const source of input.sources) {
    const run = copiedRun(source.text, input.text, input.target);
    if (run === undefined) continue;
    const whose = source.id === input.id || input.sources.length === 1 ? "the source" : `the source of ${source.id}`;
    const shown = run.words.length > 10 ? `${run.words.slice(0, 10).join(" ")} …` : run.words.join(" ");
    const what = run.whole ? `the whole Bulgarian sentence of ${whose}` : `Bulgarian words of ${whose} left untranslated`;
    return [{
      name: "copied-source",
      status: "fail",
      detail: `${prefix}the translation holds ${what} ("${shown}"); translate every sentence into ${LANGUAGE_NAMES[input.target]} and give only the translation of this one`,
      ...where,
    }];
  }
  return [{ name: "copied-source", status: "pass", detail: `${prefix}no Bulgarian left in the translation`, ...where }];
}
