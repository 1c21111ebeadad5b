/**
 * Token estimate without a model, meant as a slight over-estimate for the BPE tokenizers of
 * common chat models on Cyrillic and Latin text.
 *
 * Basis: a character's cost depends on its script, and whitespace is free (BPE merges a leading
 * space into the next word). Calibrated against OpenAI's cl100k_base, which spends the most
 * tokens on Cyrillic among widely used vocabularies (o200k_base, Llama 3, Qwen and Gemma spend
 * fewer, so for them the estimate is higher still). On the 1,000 NTREX-128 dev news sentences of
 * each language the ratio estimate / cl100k_base count was: Bulgarian 1.10, Russian 1.22, Serbian
 * Cyrillic 1.06, Macedonian 1.10, Serbian Latin 1.08, Croatian 1.08, English 1.14 (o200k_base:
 * 1.34–2.09). Single sentences can still come out lower (about 1 in 12 Bulgarian ones, by at
 * most a few tokens), so budgets should keep some headroom.
 *
 * - Cyrillic letter: 1/1.5 token (cl100k_base averages about 1.9 characters per token on
 *   Bulgarian text, spaces included); Serbian and Macedonian letters absent from Russian and
 *   Bulgarian (ј љ њ ћ ђ џ ѓ ќ ѕ) cost 1.5 more, being rare in vocabularies.
 * - English words (text where common English function words make up at least 8% of the Latin
 *   words): 0.6 + length/8 tokens each; most frequent words are one token.
 * - Other Latin words (Serbian, Croatian, names): 1 + length/4 tokens, plus 1 per letter with a
 *   diacritic (č ć š ž đ …).
 * - Digit: 1/2 token (numbers are split into groups of up to three digits, often fewer).
 * - Any other visible character (punctuation, symbols, other scripts): 1 token.
 */

/** Extra cost per Cyrillic code point (U+0400–U+04FF): Serbian and Macedonian letters. */
const CYRILLIC_EXTRA = new Float64Array(256);
for (const letter of "јљњћђџѓќѕЈЉЊЋЂЏЃЌЅ") CYRILLIC_EXTRA[letter.charCodeAt(0) - 0x400] = 1.5;

const ENGLISH_FUNCTION_WORDS = new Set(
  "the of and is was were with for that are by from this it be has have had will which an at as his her their not been or in on to would can could should there they he she we you its".split(" "),
);

const CYRILLIC_PER_TOKEN = 1.5;
const ENGLISH_WORD = { base: 0.6, lettersPerToken: 8 };
const OTHER_LATIN_WORD = { base: 1, lettersPerToken: 4 };
const DIGITS_PER_TOKEN = 2;
const ENGLISH_SHARE = 0.08;


/**
 * Estimated tokens of `text` for a typical BPE tokenizer; deterministic, 0 for empty or blank text.
 *
 * @example estimateTokens("Казахстан и Сърбия ще си сътрудничат.") // → 22
 */
export function estimateTokens(text: string): number {
  // A call's user message is estimated twice in a row (its output cap, then its prompt size):
  // the last text is kept, so the second is a string comparison (one pointer when the same string).
  if (text === lastText) return lastTokens;
  const tokens = countTokens(text);
  // Not a whole long article: it would stay alive until the next estimate.
  if (text.length <= 65_536) {
    lastText = text;
    lastTokens = tokens;
  }
  return tokens;
}

let lastText = "";
let lastTokens = 0;

function countTokens(text: string): number {
  let total = 0;
  let index = 0;
  while (index < text.length) {
    const code = text.charCodeAt(index);
    if (code >= 0x400 && code <= 0x4ff) {
      total += 1 / CYRILLIC_PER_TOKEN + CYRILLIC_EXTRA[code - 0x400]!;
    } else if (code >= 48 && code <= 57) {
      total += 1 / DIGITS_PER_TOKEN;
    } else if (!isLatinLetter(code) && !isWhitespace(code) && (code < 0xdc00 || code > 0xdfff)) {
      // Latin letters are counted by word below; a surrogate pair counts once, on its high half.
      total += 1;
    }
    index++;
  }
  return Math.ceil(total + latinTokens(text));
}

/** Start, end and diacritic count of each Latin word of the text being measured (reused: no array per call). */
let wordStarts = new Int32Array(256);
let wordEnds = new Int32Array(256);
let wordDiacritics = new Int32Array(256);
/** The longest English function word: only words this short are compared with the list. */
const LONGEST_FUNCTION_WORD = Math.max(...[...ENGLISH_FUNCTION_WORDS].map((word) => word.length));

/**
 * Tokens of the Latin words, at the English rate when the text reads as English. A word is a run
 * of Latin letters ([A-Za-z\u00c0-\u024f]); scanned by char code, so a prompt of thousands
 * of words builds no word strings (only the short ones are looked up in the function words).
 */
function latinTokens(text: string): number {
  let count = 0;
  let functionWords = 0;
  let index = 0;
  const length = text.length;
  while (index < length) {
    const code = text.charCodeAt(index);
    if (!isWordLetter(code)) {
      index++;
      continue;
    }
    const start = index;
    let diacritics = 0;
    while (index < length) {
      const letter = text.charCodeAt(index);
      if (!isWordLetter(letter)) break;
      if (letter > 122) diacritics++;
      index++;
    }
    if (count === wordStarts.length) {
      const grow = (array: Int32Array) => {
        const larger = new Int32Array(array.length * 2);
        larger.set(array);
        return larger;
      };
      wordStarts = grow(wordStarts);
      wordEnds = grow(wordEnds);
      wordDiacritics = grow(wordDiacritics);
    }
    wordStarts[count] = start;
    wordEnds[count] = index;
    wordDiacritics[count] = diacritics;
    count++;
    if (index - start <= LONGEST_FUNCTION_WORD && ENGLISH_FUNCTION_WORDS.has(text.slice(start, index).toLowerCase())) functionWords++;
  }
  if (count === 0) return 0;
  const english = functionWords >= ENGLISH_SHARE * count;
  let total = 0;
  for (let word = 0; word < count; word++) {
    const diacritics = wordDiacritics[word]!;
    const letters = wordEnds[word]! - wordStarts[word]!;
    const rate = english && diacritics === 0 ? ENGLISH_WORD : OTHER_LATIN_WORD;
    total += rate.base + letters / rate.lettersPerToken + (rate === OTHER_LATIN_WORD ? diacritics : 0);
  }
  return total;
}

/** A letter of a Latin word: A–Z, a–z, U+00C0–U+024F (× and ÷ included, as the regular expression has them). */
function isWordLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || (code >= 0xc0 && code <= 0x24f);
}

function isLatinLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || (code >= 0xc0 && code <= 0x24f && code !== 0xd7 && code !== 0xf7);
}

function isWhitespace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code === 160 || (code >= 0x2000 && code <= 0x200b) || code === 0x202f || code === 0x3000 || code === 0xfeff;
}
