import {
  AFTER_AND_ABBREVIATIONS,
  AFTER_T_LETTERS,
  AMOUNT_FOLLOWERS,
  AND_WORDS,
  CONTINUATION_WORDS,
  DATE_OPENER_PREPOSITIONS,
  DATE_OPENER_WORDS,
  FINAL_ABBREVIATIONS,
  MEASURE_PREFIXES,
  MONTH_ABBREVIATIONS,
  NAME_ABBREVIATIONS,
  NON_FINAL_ABBREVIATIONS,
  POSTPOSED_ABBREVIATIONS,
  SENTENCE_OPENING_WORDS,
  TIME_UNITS,
  UNIT_ABBREVIATIONS,
} from "./abbreviations.js";
import {
  CLOSERS,
  OPENERS,
  isDigit,
  isLowerLetter,
  isSpaceCode,
  isUpperLetter,
  scriptOf,
  skipOpeners,
  trimEnd,
} from "./segment-characters.js";

/**
 * The decisions of the sentence splitter that need linguistic knowledge: whether a period after a
 * word ends the sentence, and whether a line break without final punctuation does.
 */

const NUMBER = /^\d+(?:[.,:/\-–]\d+)*$/;
// "2027", "2025-2026", "30-те", "1.I.2025", "XIV", "XIX–XX"; Roman numerals also typed with Cyrillic Х and І.
const NUMBERISH = /^(?:\d+|[IVXLCХІ]+)(?:[.,:/\-–](?:\d+|[IVXLCХІ]+))*(?:-\p{L}{1,3})?$/u;
const ROMAN = /^[IVXLCХІ]+$/;
const ITEM_NUMBER = /^\d{1,3}$/;
const WORD_AT_END = /\p{L}[\p{L}.\-]*$/u;
const WORD_AT_START = /^\p{L}+(?:-\p{L}+)*/u;
const URL_LIKE = /(?:^|[(„«"])(?:[a-z][a-z0-9+.-]*:\/\/|www\.)|@[^@\s]+\.[a-z]{2,}$|^[\p{L}\d.-]+\.(?:bg|com|org|net|eu|info|ru|rs|srb|uk|de|io|gov|edu|tv|me|co|бг|рф|срб)(?:\/\S*)?$/iu;
const SENTENCE_FINAL_LETTERS = "йѝя";
const VOWELS = /[аъоуеиюяэыёієїaeiouy]/i;
const EDGE_PUNCTUATION = /^[„«“"'‘‚([‹]+|[,;:“”»’‘"')\]›]+$/g;

/** The whitespace-separated token that ends at `end`, and where it starts. */
function tokenBefore(text: string, end: number): { token: string; start: number } {
  let start = end;
  while (start > 0 && !isSpaceCode(text.charCodeAt(start - 1))) start--;
  return { token: text.slice(start, end), start };
}

function stripEdges(token: string): string {
  return token.replace(EDGE_PUNCTUATION, "");
}

/**
 * "През 1879", "В началото на 2020", "На 5 май 2026": only prepositions, date words and numbers,
 * so the unit that follows ("г.", "в.", "ч.") cannot end the sentence yet.
 */
function isDateOpener(prefix: string): boolean {
  const words = prefix.trim().split(/\s+/);
  if (words.length < 2 || words.length > 8) return false;
  if (!DATE_OPENER_PREPOSITIONS.has(stripEdges(words[0]!).toLowerCase())) return false;
  return words.every((word) => {
    const bare = stripEdges(word);
    return bare === "" || NUMBERISH.test(bare) || DATE_OPENER_WORDS.has(bare.toLowerCase());
  });
}

/** "Т.", "Хр.", "Ив.", "Дж.", "Н.В.": a first-name initial rather than a word. */
function isInitial(word: string): boolean {
  const first = word[0]!;
  if (!isUpperLetter(first)) return false;
  if (word.length === 1) return true;
  if (word.includes(".")) return word.split(".").every((part) => part.length === 1 && isUpperLetter(part));
  if (word.length > 3 || !isLowerLetter(word.slice(1))) return false;
  return !VOWELS.test(word) || (word.length === 2 && NAME_ABBREVIATIONS.has(word.toLowerCase()));
}

/** The letters (and inner hyphens) of the word starting at `index`. */
function wordAt(text: string, index: number): string {
  return WORD_AT_START.exec(text.slice(index, index + 40))?.[0] ?? "";
}

/**
 * A unit or "and so on" abbreviation ends the sentence unless a number, a currency code
 * ("млрд. долл. США") or a date opener ("През 1879 г. Търновската …") says otherwise.
 */
function finalAbbreviationEnds(text: string, abbreviation: string, sentenceStart: number, wordStart: number, next: number): boolean {
  if (isDigit(text[next])) return false;
  if (FINAL_ABBREVIATIONS.has(abbreviation) && AMOUNT_FOLLOWERS.has(wordAt(text, next).toLowerCase())) return false;
  if (TIME_UNITS.has(abbreviation) && isDateOpener(text.slice(sentenceStart, wordStart))) {
    // "През 1879 г. Търновската конституция …" continues; a capitalised function word cannot
    // continue a sentence ("… през 2019 г. Това …"): decided by what follows.
    // "В. В. Петров" is a name's initials, not the preposition.
    const following = wordAt(text, next);
    return text[next + following.length] !== "." && SENTENCE_OPENING_WORDS.has(following.toLowerCase());
  }
  return true;
}

/**
 * An acronym in capitals ("предаде АП.", "съобщи БТА.") is a name, not the abbreviation its
 * lower-case letters spell ("ап." for "апартамент"): it may end a sentence. Not in text written
 * all in capitals, where the word before is in capitals too.
 */
function isAcronym(word: string, previous: string): boolean {
  if (word.length < 2 || word.includes(".") || word.includes("-") || word !== word.toUpperCase() || word === word.toLowerCase()) return false;
  return previous === "" || previous !== previous.toUpperCase();
}

/**
 * Whether the single period at `at` ends the sentence that began at `sentenceStart`, given that
 * the next word starts at `nextIndex` (with a capital letter, a digit or a symbol; the caller
 * has already ruled out lower-case continuations).
 */
export function periodEndsSentence(text: string, sentenceStart: number, at: number, nextIndex: number): boolean {
  const next = text[nextIndex] ?? "";
  const { token, start: tokenStart } = tokenBefore(text, at);
  if (token === "" || CLOSERS.includes(token[token.length - 1]!)) return true;
  if (URL_LIKE.test(token)) return true;
  let offset = 0;
  while (offset < token.length && OPENERS.includes(token[offset]!)) offset++;
  const core = token.slice(offset);
  const atSentenceStart = tokenStart <= sentenceStart;

  if (NUMBER.test(core)) {
    if (isDigit(next)) return false; // "5. 3. 2020", "1. 000"
    return !(atSentenceStart && ITEM_NUMBER.test(core)); // "1. Часовете …" is an item number
  }
  if (ROMAN.test(core) && atSentenceStart) return false; // "IV. Заключение"

  const match = WORD_AT_END.exec(core);
  if (match === null) return true;
  const word = match[0];
  const lower = word.toLowerCase();
  // "2020г." is written without a space often enough: the number is then inside the token.
  const glued = core.slice(0, match.index);
  const isGlued = NUMBERISH.test(glued);
  const previous = isGlued ? glued : atSentenceStart ? "" : stripEdges(tokenBefore(text, trimEnd(text, tokenStart)).token);
  // Where the abbreviation starts: what comes before it may be a date opener ("През 2020г.").
  const wordStart = isGlued ? tokenStart + offset + match.index : tokenStart;

  if (MONTH_ABBREVIATIONS.has(lower) && (isDigit(next) || NUMBERISH.test(previous))) {
    // "1 ян. 2026 г." is one date; "… на 15 февр. Министрите …" ends after the day.
    return !isDigit(next);
  }
  if (isAcronym(word, previous)) return true;
  if (AFTER_AND_ABBREVIATIONS.has(lower)) {
    // "и др." and "i dr." close a list; "и Dr. PawPaw" is a title in another script.
    const closesList = AND_WORDS.has(previous.toLowerCase()) && word === lower && scriptOf(previous) === scriptOf(word);
    return closesList && finalAbbreviationEnds(text, lower, sentenceStart, wordStart, nextIndex);
  }
  if (AFTER_T_LETTERS.has(lower) && previous.toLowerCase() === "т.") {
    return finalAbbreviationEnds(text, lower, sentenceStart, wordStart, nextIndex);
  }
  if (UNIT_ABBREVIATIONS.has(lower) && (NUMBERISH.test(previous) || MEASURE_PREFIXES.has(previous.toLowerCase()))) {
    return finalAbbreviationEnds(text, lower, sentenceStart, wordStart, nextIndex);
  }
  if (POSTPOSED_ABBREVIATIONS.has(lower)) {
    return isUpperLetter(previous[0] ?? "") && finalAbbreviationEnds(text, lower, sentenceStart, wordStart, nextIndex);
  }
  if (FINAL_ABBREVIATIONS.has(lower)) return finalAbbreviationEnds(text, lower, sentenceStart, wordStart, nextIndex);
  if (NON_FINAL_ABBREVIATIONS.has(lower) || UNIT_ABBREVIATIONS.has(lower)) return false;
  // Single letters are abbreviations, except the pronouns "й"/"ѝ" (her) and Russian "я" (I).
  if (word.length === 1 && isLowerLetter(word)) return SENTENCE_FINAL_LETTERS.includes(word);
  if (isInitial(word)) {
    // "Т. Живков" continues; "оценка A. Данните" does not: names keep the script of their initials.
    // A function word after it shows the letter was a label: "получи оценка A. The …".
    if (!isUpperLetter(next) || scriptOf(next) !== scriptOf(word)) return true;
    const following = wordAt(text, nextIndex);
    if (following.length === 1 && text[nextIndex + 1] === ".") return false; // "А. С. Пушкин"
    return SENTENCE_OPENING_WORDS.has(following.toLowerCase());
  }
  if (word.includes(".") && isLowerLetter(word)) return false; // an unknown dotted abbreviation: "ж.к."
  return true;
}

const LINE_CONTINUES = ",;:(„«-–—/&+";
const WRAP_WINDOW = 3;

/**
 * Whether a line break after a line without final punctuation ends the sentence: a headline,
 * a byline or a list item ends at its line break; a wrapped line of a paragraph does not.
 * `lineEnd` is the position of the "\n", `next` the first non-whitespace character after it.
 */
export function lineBreakEndsSentence(text: string, lineEnd: number, next: number): boolean {
  const last = trimEnd(text, lineEnd);
  const character = text[last - 1];
  if (character === undefined || LINE_CONTINUES.includes(character)) return false;
  const lastWord = stripEdges(tokenBefore(text, last).token).toLowerCase();
  if (CONTINUATION_WORDS.has(lastWord)) return false;
  const first = text[skipOpeners(text, next)];
  if (first !== undefined && isLowerLetter(first)) return false;
  return !isHardWrappedLine(text, lineEnd);
}

/**
 * A line of a hard-wrapped paragraph (plain-text mail, fixed-width feeds): with its neighbours in
 * the block at least three lines, all but the last of nearly the same length, this line one of
 * the full ones, and most continuing in lower case (a list of headlines has equal lines too).
 */
function isHardWrappedLine(text: string, lineEnd: number): boolean {
  // Look only at the neighbouring lines, so a long block without blank lines stays linear.
  let blockStart = text.lastIndexOf("\n", lineEnd - 1) + 1;
  for (let seen = 0; blockStart > 0 && seen < WRAP_WINDOW; seen++) {
    const previous = text.lastIndexOf("\n", blockStart - 2) + 1;
    if (text.slice(previous, blockStart - 1).trim() === "") break;
    blockStart = previous;
  }
  const lengths: number[] = [];
  let lowerStarts = 0;
  let lineStart = blockStart;
  while (lengths.length < 2 * WRAP_WINDOW) {
    const end = text.indexOf("\n", lineStart);
    const line = text.slice(lineStart, end === -1 ? text.length : end).trim();
    if (line === "") break;
    lengths.push(line.length);
    if (lengths.length > 1 && isLowerLetter(line[0]!)) lowerStarts++;
    if (end === -1) break;
    lineStart = end + 1;
  }
  if (lengths.length < 3 || lowerStarts * 2 < lengths.length - 1) return false;
  const full = lengths.slice(0, -1);
  const longest = Math.max(...full);
  if (longest < 40 || longest > 200 || full.some((length) => length < 0.6 * longest)) return false;
  const current = text.slice(text.lastIndexOf("\n", lineEnd - 1) + 1, lineEnd).trim().length;
  return current >= 0.75 * longest;
}
