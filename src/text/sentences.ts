import { lineBreakEndsSentence, periodEndsSentence } from "./sentence-rules.js";
import {
  CLOSERS,
  DASHES,
  TERMINATORS,
  isListMarkerAt,
  isLowerLetter,
  isSpaceCode,
  isUpperLetter,
  skipOpeners,
  skipSpace,
  trimEnd,
} from "./segment-characters.js";
import type { SentenceSpan } from "./types.js";

/** Candidate boundaries: a run of final punctuation, or a line break. */
const CANDIDATES = /[.!?…]+|\n/g;

/** Punctuation after which a following word continues the sentence ("?“, питат", "!“ – извика"). */
const CONTINUING = ",;:)]}";

/**
 * Splits text into sentences, for Bulgarian first and soundly for Russian and Serbian (Cyrillic
 * and Latin). Offsets are JavaScript string indices into `text`; every sentence is
 * `text.slice(start, end)` with no whitespace at either end, and every non-whitespace character
 * of the input lies in exactly one sentence.
 *
 * A sentence ends after `.`, `!`, `?`, `…` (with any closing quotes and brackets) when the next
 * word starts a sentence, at a blank line, before a list item or dialogue line on a new line, and
 * at the line break after a headline. Abbreviations, initials, dates, numbers, URLs, quoted
 * `?`/`!` followed by a comma, dash or lower-case word, and wrapped lines do not end one.
 *
 * @example splitSentences("Строежът ще завърши през 2027 г. Ще струва 300 млн. евро.")
 * // → two sentences, the first ending after "г."
 */
export function splitSentences(text: string): SentenceSpan[] {
  const sentences: SentenceSpan[] = [];
  const length = text.length;
  let start = skipSpace(text, 0);
  const push = (end: number): void => {
    const trimmed = trimEnd(text, end, start);
    if (trimmed > start) sentences.push({ text: text.slice(start, trimmed), start, end: trimmed });
  };

  const scanner = new RegExp(CANDIDATES.source, "g");
  let match: RegExpExecArray | null;
  while ((match = scanner.exec(text)) !== null) {
    const at = match.index;
    if (match[0] === "\n") {
      const next = skipSpace(text, at);
      if (next >= length) break;
      if (at > start && lineBreakEnds(text, at, next)) {
        push(at);
        start = next;
      }
      scanner.lastIndex = next;
      continue;
    }
    // "[…]" and "(…)" mark an omission inside a sentence.
    if (at > 0 && (text[at - 1] === "[" || text[at - 1] === "(")) continue;
    let end = at + match[0].length;
    while (end < length && (CLOSERS.includes(text[end]!) || TERMINATORS.includes(text[end]!))) end++;
    // "7.15", "www.cik.bg", "т.е." inside a word: no whitespace, no boundary.
    if (end < length && !isSpaceCode(text.charCodeAt(end))) {
      scanner.lastIndex = end;
      continue;
    }
    const next = skipSpace(text, end);
    if (next >= length) break;
    if (punctuationEnds(text, start, at, match[0], end, next)) {
      push(end);
      start = next;
    }
    scanner.lastIndex = next;
  }
  push(length);
  return sentences;
}

/** Line breaks in the whitespace between `from` and `to` (scanned by hand: indexOf would run past `to`). */
function lineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let index = from; index < to; index++) if (text.charCodeAt(index) === 10) count++;
  return count;
}

/** The gap between two non-blank characters holds an empty line. */
function hasBlankLine(text: string, from: number, to: number): boolean {
  return lineBreaks(text, from, to) >= 2;
}

function lineBreakEnds(text: string, at: number, next: number): boolean {
  if (hasBlankLine(text, at, next) || isListMarkerAt(text, next)) return true;
  return lineBreakEndsSentence(text, at, next);
}

/**
 * Whether the punctuation `marks` at `at` (closing quotes and brackets run on to `end`) ends the
 * sentence, `next` being the first non-whitespace character after it.
 */
function punctuationEnds(text: string, sentenceStart: number, at: number, marks: string, end: number, next: number): boolean {
  const breaks = lineBreaks(text, end, next);
  const lineBreak = breaks > 0;
  if (breaks >= 2 || (lineBreak && isListMarkerAt(text, next))) return true;
  const following = text[next]!;
  if (CONTINUING.includes(following)) return false;
  if (DASHES.includes(following)) {
    // "„Браво!“ – извика публиката" continues; "– Утре. – Добре." is the next line of dialogue.
    if (lineBreak) return true;
    const word = text[skipSpace(text, next + 1)];
    return word === undefined || !isLowerLetter(word);
  }
  if (insideQuotedTitle(text, sentenceStart, at, next)) return false;
  const firstIndex = skipOpeners(text, next);
  // "iPhone" and "eBay" start sentences although their first letter is lower-case.
  const camelCase = isUpperLetter(text[firstIndex + 1] ?? "");
  if (isLowerLetter(text[firstIndex] ?? following) && !camelCase) return false;
  if (marks !== ".") return true;
  return periodEndsSentence(text, sentenceStart, at, firstIndex < text.length ? firstIndex : next);
}

const QUOTE_PAIRS: Record<string, string> = { "„": "“", "«": "»" };
/** How far a title's closing quote may be from a full stop inside it. */
const TITLE_REST = 80;

/**
 * Whether the punctuation at `at` stands inside a quoted title that the sentence goes on after:
 * "„Война и мир. Том първи“ излиза отново". The quotation mark opened before `at` in this
 * sentence closes within a short stretch of the same line with no other final punctuation, and
 * a lower-case word follows it. Quoted speech closes with a comma, a dash or a full stop
 * ("„… хора.“, каза той"), so it still splits.
 */
function insideQuotedTitle(text: string, sentenceStart: number, at: number, next: number): boolean {
  for (const [open, close] of Object.entries(QUOTE_PAIRS)) {
    const opened = text.lastIndexOf(open, at);
    if (opened < sentenceStart || text.lastIndexOf(close, at) > opened) continue;
    const closed = text.indexOf(close, next);
    if (closed === -1 || closed - next > TITLE_REST) continue;
    const rest = text.slice(next, closed);
    if (/[.!?…\n]/u.test(rest) || rest.includes(open)) continue;
    const after = skipSpace(text, closed + 1);
    if (after === closed + 1 || after >= text.length) continue;
    if (isLowerLetter(text[after]!)) return true;
  }
  return false;
}
