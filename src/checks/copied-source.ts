import { LANGUAGE_NAMES, type TargetLanguage } from "../common/languages.js";
import { memoize } from "../common/memo.js";
import { identifyLanguage } from "../text/langid.js";
import { toCyrillic } from "../text/transliterate.js";
import type { CheckResult } from "./types.js";
import { checkUntranslated } from "./untranslated.js";

/** A translated sentence (or text) and its Bulgarian source. */
export interface CopiedSourceCheckInput {
  /** The segment id, used to prefix the detail ("s3: …") and as `segmentId`. */
  id?: string;
  source: string;
  text: string;
  target: TargetLanguage;
}

/**
 * Share of the source's wording (its words that need translating, compared letter by letter)
 * at or above which a translation counts as the source copied.
 *
 * Russian and Serbian share many words with Bulgarian, so the bar sits well above what genuine
 * translations reach: on the 1,000 NTREX dev lines, Bulgarian against the human Russian and
 * Serbian translations peaks at 0.68 and 0.71 (Macedonian, closer still, at 0.92 once);
 * close literal Serbian/Russian translations written for the tests reach 0.84, while Bulgarian
 * with one or two words changed scores 0.93 and more.
 */
export const COPY_SIMILARITY = 0.9;

/** Fewer letters than this to translate (names, numbers and "и" aside): nothing to judge. */
const MINIMUM_CONTENT_LETTERS = 4;

const WORD = /[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu;

/**
 * The words of a text that a translation must change: lower-case Cyrillic words. Names
 * (capitalised words past the first, or a first word capitalised again later or followed by
 * another capitalised word), Latin-script words, acronyms and anything with a digit are left out,
 * because a translation rightly keeps them. Remembered per text: one source sentence is checked
 * against every target's translation.
 */
export const wordsToTranslate = memoize((text: string): string[] => {
  const words = [...text.normalize("NFC").matchAll(WORD)].map((match) => match[0]);
  const capitalised = (word: string | undefined) => word !== undefined && /^\p{Lu}/u.test(word);
  const namesLater = new Set(words.slice(1).filter(capitalised).map((word) => word.toLowerCase()));
  return words.flatMap((word, index) => {
    if (/\p{N}/u.test(word) || !/\p{Script=Cyrillic}/u.test(word)) return [];
    if (word.length >= 2 && word === word.toUpperCase()) return [];
    if (capitalised(word) && (index > 0 || namesLater.has(word.toLowerCase()) || capitalised(words[1]))) return [];
    return [word.toLowerCase()];
  });
}, 1000);

/** How much more a word may say for Bulgarian than for the target and still count as the target's own word. */
const SHARED_WORD_MARGIN = 0.3;
/**
 * A line of at most this many words to translate, none of them marked Bulgarian, may stay as it
 * is: a one-word headline both languages share ("Торнадо"), an interjection ("Да, да."). Longer
 * lines are judged by their wording; unmarked words there are mostly the languages' shared roots.
 */
const SHARED_LINE_WORDS = 2;

/**
 * True when a Bulgarian word says more for Bulgarian than for the target: its letters, endings
 * or its place in the word lists ("пожарът", "това", "е" against Russian). English shares no
 * Cyrillic word, so for English every word is marked.
 */
const markedBulgarian = memoize((key: string): boolean => {
  const [target, word] = key.split("\u0001") as [TargetLanguage, string];
  if (target === "en") return true;
  const scores = identifyLanguage(word).scores ?? {};
  const own = scores[target === "ru" ? "ru" : "sr-Cyrl"] ?? 0;
  return (scores.bg ?? 0) > own + SHARED_WORD_MARGIN;
}, 5000);

/**
 * The words of the source that a translation into `target` must change. Every word of
 * wordsToTranslate, except in a short line none of whose words is marked Bulgarian: there the
 * target writes them the same, and none needs translating.
 */
export function wordsNeedingTranslation(source: string, target: TargetLanguage): string[] {
  const words = wordsToTranslate(source);
  if (words.length > SHARED_LINE_WORDS) return words;
  return words.some((word) => markedBulgarian(`${target}\u0001${word}`)) ? words : [];
}

function editDistance<T>(left: ArrayLike<T>, right: ArrayLike<T>): number {
  let previous = Int32Array.from({ length: right.length + 1 }, (_, index) => index);
  let current = new Int32Array(right.length + 1);
  for (let row = 1; row <= left.length; row += 1) {
    current[0] = row;
    for (let column = 1; column <= right.length; column += 1) {
      const substitute = (previous[column - 1] as number) + (left[row - 1] === right[column - 1] ? 0 : 1);
      current[column] = Math.min((previous[column] as number) + 1, (current[column - 1] as number) + 1, substitute);
    }
    [previous, current] = [current, previous];
  }
  return previous[right.length] as number;
}

function sharedLetters(left: string, right: string): number {
  const counts = new Map<number, number>();
  for (let index = 0; index < left.length; index++) {
    const code = left.charCodeAt(index);
    counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  let shared = 0;
  for (let index = 0; index < right.length; index++) {
    const code = right.charCodeAt(index);
    const count = counts.get(code) ?? 0;
    if (count > 0) {
      shared++;
      counts.set(code, count - 1);
    }
  }
  return shared;
}

/** 1 when the two word lists are the same, 0 when nothing is shared; letters compared, words for long texts. */
export function wordingSimilarity(source: string[], text: string[]): number {
  const left = source.join(" ");
  const right = text.join(" ");
  const longest = Math.max(left.length, right.length);
  if (longest === 0) return 1;
  // Edit distance is at least the length difference: no need to compute it when that alone rules a copy out.
  const bound = 1 - Math.abs(left.length - right.length) / longest;
  if (bound < COPY_SIMILARITY) return bound;
  // Nor when the letters they share (as multisets) are too few: the distance is at least the
  // longer length minus the longest common subsequence, which cannot exceed the shared letters.
  const shared = sharedLetters(left, right) / longest;
  if (shared < COPY_SIMILARITY) return shared;
  if (longest > 3000) return 1 - editDistance(source, text) / Math.max(source.length, text.length);
  return 1 - editDistance(left, right) / longest;
}

const normalised = (text: string): string => text.normalize("NFC").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();

/**
 * Fails a translation that is the Bulgarian source unchanged, or nearly so (case, spacing,
 * punctuation and a word or two aside). Texts with nothing to translate (only names, numbers,
 * acronyms, URLs) pass. An sr-Latn text is compared in Cyrillic, so a Bulgarian source merely
 * romanised is caught as well.
 */
export function checkCopiedSource(input: CopiedSourceCheckInput): CheckResult[] {
  const prefix = input.id === undefined ? "" : `${input.id}: `;
  const where = input.id === undefined ? {} : { segmentId: input.id };
  const pass = (detail: string): CheckResult[] => [{ name: "copied-source", status: "pass", detail: `${prefix}${detail}`, ...where }];
  const text = input.target === "sr-Latn" ? toCyrillic(input.text) : input.text;
  const sourceWords = wordsToTranslate(input.source);
  if (sourceWords.join("").length < MINIMUM_CONTENT_LETTERS) return pass("nothing to translate (only names, numbers or acronyms)");
  // Decided by the words that need translating, not by the string: a one-word headline both
  // languages share, or an interjection, may rightly stay the same.
  if (wordsNeedingTranslation(input.source, input.target).length === 0) {
    return pass(`nothing to translate (its words are the same in ${LANGUAGE_NAMES[input.target]})`);
  }
  const language = LANGUAGE_NAMES[input.target];
  if (normalised(text) === normalised(input.source)) {
    return [{ name: "copied-source", status: "fail", detail: `${prefix}the translation is the Bulgarian source unchanged; translate it into ${language}`, ...where }];
  }
  const similarity = wordingSimilarity(sourceWords, wordsToTranslate(text));
  if (similarity < COPY_SIMILARITY) {
    // Mostly translated, yet a stretch of the source may be left in it (an untranslated headline glued on).
    const leftIn = checkUntranslated({ ...(input.id === undefined ? {} : { id: input.id }), text: input.text, target: input.target, sources: [{ id: input.id ?? "", text: input.source }] });
    if (leftIn[0]?.status === "fail") return leftIn;
    return pass(`translated (${Math.round(similarity * 100)}% of the source's wording kept)`);
  }
  const kept = new Set(wordsToTranslate(text));
  const examples = [...new Set(sourceWords.filter((word) => kept.has(word) && word.length > 2))].slice(0, 4);
  const shown = examples.length === 0 ? "" : ` (Bulgarian words left as they were: ${examples.map((word) => `"${word}"`).join(", ")})`;
  return [{
    name: "copied-source",
    status: "fail",
    detail: `${prefix}the translation is nearly the Bulgarian source, ${Math.round(similarity * 100)}% of its wording unchanged${shown}; translate it into ${language}`,
    ...where,
  }];
}
