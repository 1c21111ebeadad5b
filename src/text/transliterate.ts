/**
 * Serbian transliteration between Cyrillic (sr-Cyrl) and Latin (sr-Latn) script.
 *
 * Cyrillic → Latin is a pure letter mapping and is exact: every Serbian Cyrillic letter has one
 * Latin spelling (Љ Њ Џ become Lj Nj Dž, or LJ NJ DŽ inside all-capitals words). Anything that
 * is not a Serbian Cyrillic letter (Latin names, digits, punctuation, Russian ы or щ) is copied.
 *
 * Latin → Cyrillic is not a pure mapping, for two reasons:
 * - lj, nj and dž are usually one letter (љ њ џ) but two across a prefix boundary
 *   (konjunktura → конјунктура, injekcija → инјекција, nadživeti → надживети);
 * - a Serbian Latin text also holds words that a Cyrillic text keeps in Latin script: foreign
 *   names in their own spelling (Google, Sainsbury's), foreign acronyms (CNN, BBC), URLs,
 *   e-mail addresses, @handles, #hashtags, Roman numerals and unit symbols such as km/h.
 *   Which Latin words are Serbian is decided in ./latin-words.ts; established Serbian acronyms
 *   (SAD, EU, NATO, FBI, HIV, …) are converted (САД, ЕУ, НАТО), other acronyms are kept.
 */
import { markForeignWords, protectedSpans, type LatinToken } from "./latin-words.js";

const CYRILLIC_TO_LATIN: Record<string, string> = {
  а: "a", б: "b", в: "v", г: "g", д: "d", ђ: "đ", е: "e", ж: "ž", з: "z", и: "i", ј: "j",
  к: "k", л: "l", љ: "lj", м: "m", н: "n", њ: "nj", о: "o", п: "p", р: "r", с: "s", т: "t",
  ћ: "ć", у: "u", ф: "f", х: "h", ц: "c", ч: "č", џ: "dž", ш: "š",
  А: "A", Б: "B", В: "V", Г: "G", Д: "D", Ђ: "Đ", Е: "E", Ж: "Ž", З: "Z", И: "I", Ј: "J",
  К: "K", Л: "L", Љ: "Lj", М: "M", Н: "N", Њ: "Nj", О: "O", П: "P", Р: "R", С: "S", Т: "T",
  Ћ: "Ć", У: "U", Ф: "F", Х: "H", Ц: "C", Ч: "Č", Џ: "Dž", Ш: "Š",
};

const DIGRAPH_CAPITALS: Record<string, string> = { Љ: "LJ", Њ: "NJ", Џ: "DŽ" };

const LATIN_TO_CYRILLIC: Record<string, string> = {
  a: "а", b: "б", c: "ц", č: "ч", ć: "ћ", d: "д", đ: "ђ", e: "е", f: "ф", g: "г", h: "х",
  i: "и", j: "ј", k: "к", l: "л", m: "м", n: "н", o: "о", p: "п", r: "р", s: "с", š: "ш",
  t: "т", u: "у", v: "в", z: "з", ž: "ж",
  A: "А", B: "Б", C: "Ц", Č: "Ч", Ć: "Ћ", D: "Д", Đ: "Ђ", E: "Е", F: "Ф", G: "Г", H: "Х",
  I: "И", J: "Ј", K: "К", L: "Л", M: "М", N: "Н", O: "О", P: "П", R: "Р", S: "С", Š: "Ш",
  T: "Т", U: "У", V: "В", Z: "З", Ž: "Ж",
  // The single-code-point digraph letters of Unicode (ǅ, ǉ, …) mean the same as their pairs.
  Ǉ: "Љ", ǈ: "Љ", ǉ: "љ", Ǌ: "Њ", ǋ: "Њ", ǌ: "њ", Ǆ: "Џ", ǅ: "Џ", ǆ: "џ",
};

const LATIN_DIGRAPHS: Record<string, string> = {
  lj: "љ", Lj: "Љ", LJ: "Љ", lJ: "љ", nj: "њ", Nj: "Њ", NJ: "Њ", nJ: "њ", dž: "џ", Dž: "Џ", DŽ: "Џ", dŽ: "џ",
};

/**
 * Words whose l+j, n+j or d+ž meet across a prefix boundary and so stay two letters. Each
 * pattern matches the lower-cased start of a word (after an optional ne-/pre-/naj-), and the
 * digraph to split is the one right after the prefix.
 * in-/kon-/van- + j: injekcija, injunkcija, konjugacija, konjunktura, konjunktiv, vanjezički, Tanjug.
 * nad-/pod-/od-/pred- + ž: nadživeti, podžupan, podžanr, odžaliti, predžetveni.
 */
const SPLIT_DIGRAPH_STARTS: readonly RegExp[] = [
  /^(?:ne|pre|naj)?(in)j(?:ek[ct]|unk|ekc)/,
  /^(?:ne|pre)?(kon)j(?:ug|unk)/,
  /^(?:ne)?(van)j(?:ez|ezi)/,
  /^(tan)jug/,
  /^(?:ne|pre)?(nad|pod|od|pred)ž(?:iv|ivl|al|up|anr|et|nje|nj|var|der|vak|ig)/,
];

/** sr-Cyrl → sr-Latn. Everything but Serbian Cyrillic letters is copied unchanged. */
export function toLatin(text: string): string {
  return text.replace(/[\p{L}\p{M}]+/gu, (word) => {
    if (!/[Ѐ-ӿ]/u.test(word)) return word;
    const allCapitals = isAllCapitals(word);
    let result = "";
    for (let index = 0; index < word.length; index += 1) {
      const letter = word[index] as string;
      const digraph = DIGRAPH_CAPITALS[letter];
      if (digraph !== undefined && (allCapitals || isUpperLetter(word[index + 1]))) {
        result += digraph;
      } else {
        result += CYRILLIC_TO_LATIN[letter] ?? letter;
      }
    }
    return result;
  });
}

/**
 * sr-Latn → sr-Cyrl. Foreign words, acronyms, URLs, e-mail addresses, handles, hashtags and
 * Roman numerals stay in Latin script (see the module comment); Cyrillic, digits, punctuation
 * and whitespace are copied unchanged.
 */
export function toCyrillic(text: string): string {
  const tokens = tokenize(text);
  markForeignWords(tokens);
  let result = "";
  for (const token of tokens) {
    result += token.kind === "word" && !token.foreign ? wordToCyrillic(token.text) : token.text;
  }
  return result;
}

function wordToCyrillic(word: string): string {
  const normalized = word.normalize("NFC");
  const lower = normalized.toLowerCase();
  const split = splitDigraphAt(lower);
  let result = "";
  let index = 0;
  while (index < normalized.length) {
    const pair = normalized.slice(index, index + 2);
    const digraph = index === split ? undefined : LATIN_DIGRAPHS[pair];
    if (digraph !== undefined) {
      result += digraph;
      index += 2;
      continue;
    }
    const letter = normalized[index] as string;
    result += LATIN_TO_CYRILLIC[letter] ?? letter;
    index += 1;
  }
  return result;
}

/** Index of a digraph that must be read as two letters, or -1. */
function splitDigraphAt(lower: string): number {
  for (const pattern of SPLIT_DIGRAPH_STARTS) {
    const match = pattern.exec(lower);
    if (match?.[1] !== undefined) return match.index + match[0].indexOf(match[1]) + match[1].length - 1;
  }
  return -1;
}

/**
 * Splits text into words (letters with inner apostrophes), protected spans (URLs, e-mail
 * addresses, handles, …) and everything else, and notes the context each word sits in.
 */
function tokenize(text: string): LatinToken[] {
  const tokens: LatinToken[] = [];
  const pushOther = (value: string): void => {
    if (value !== "") tokens.push({ kind: "other", text: value, foreign: false });
  };
  let cursor = 0;
  for (const span of protectedSpans(text)) {
    splitWords(text.slice(cursor, span.start), tokens, pushOther);
    tokens.push({ kind: "protected", text: text.slice(span.start, span.end), foreign: true });
    cursor = span.end;
  }
  splitWords(text.slice(cursor), tokens, pushOther);
  return tokens;
}

const WORD = /[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*/gu;

function splitWords(segment: string, tokens: LatinToken[], pushOther: (value: string) => void): void {
  let cursor = 0;
  for (const match of segment.matchAll(WORD)) {
    pushOther(segment.slice(cursor, match.index));
    const word = match[0];
    tokens.push({ kind: "word", text: word, foreign: false });
    cursor = match.index + word.length;
  }
  pushOther(segment.slice(cursor));
}

function isAllCapitals(word: string): boolean {
  let letters = 0;
  for (const character of word) {
    if (character.toLowerCase() === character.toUpperCase()) continue;
    if (character !== character.toUpperCase()) return false;
    letters += 1;
  }
  return letters >= 2;
}

function isUpperLetter(character: string | undefined): boolean {
  return character !== undefined && character !== character.toLowerCase() && character === character.toUpperCase();
}
