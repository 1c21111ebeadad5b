import { memoize } from "../../common/memo.js";
import {
  currencyScaleOf,
  isEnglishMonth,
  isHourWord,
  monthOf,
  scaleOf,
  spelledNumberOf,
  unitOf,
  type NumberLanguage,
  type NumberUnit,
} from "./words.js";
import { compoundNumber } from "./compounds.js";

/** One way to read a number as written: "2.5." may be the decimal 2.5 or the date 2 May. */
export type Reading =
  | { kind: "number"; value: number }
  | { kind: "date"; day: number; month: number }
  | { kind: "time"; minutes: number };

/** A number, date, time, amount or percentage found in a text, with every plausible reading. */
export interface NumberToken {
  /** As written, with the words that belong to it: "5 млн. лв.", "27 февруари", "16:43". */
  text: string;
  start: number;
  end: number;
  /** At least one; a token matches another when any reading of one matches any of the other. */
  readings: Reading[];
  /** Set when the text names a unit ("%", "лв.", "долара", "$"). */
  unit?: NumberUnit;
  /** Written as a word ("пет", "five"): optional evidence, never required to appear. */
  spelled: boolean;
  /** Set when a scale word multiplied the digits: "5 млн." has scale 1e6. */
  scale?: number;
}

const GROUP_SPACE = "[ \\u00a0\\u202f\\u2009]";
const ISO_DATE = /(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)/y;
const FULL_DATE = /(\d{1,2})([./])(\d{1,2})\2(\d{4})(?!\d)/y;
const SHORT_DATE = /(\d{1,2})\.(\d{1,2})\.(?!\d)/y;
const CLOCK = /(\d{1,2}):(\d{2})(?::\d{2})?(?!\d)/y;
const SPACE_GROUPED = new RegExp(`\\d{1,3}(?:${GROUP_SPACE}\\d{3})+(?!\\d)(?:[.,]\\d+(?!\\d))?`, "y");
const MARK_GROUPED = /(\d{1,3})((?:([.,])\d{3})(?:\3\d{3})*)(?:(?!\3)[.,](\d+))?(?!\d)/y;
const DECIMAL = /(\d+)([.,])(\d+)(?!\d)/y;
const INTEGER = /\d+/y;
const DECADE_SUFFIX = /^-(?:е|х|ые|ых|ыми|те|ih|im|ima|их|им|има)$/u;

const validDate = (day: number, month: number): boolean => day >= 1 && day <= 31 && month >= 1 && month <= 12;
const validTime = (hours: number, minutes: number): boolean => hours <= 24 && minutes < 60;
const isWholeDay = (value: number): boolean => Number.isInteger(value) && value >= 1 && value <= 31;

/** The numbers-only readings of a token (none when it is only a date or a time). */
export function numberValues(token: NumberToken): number[] {
  return token.readings.flatMap((reading) => (reading.kind === "number" ? [reading.value] : []));
}

interface Literal {
  end: number;
  values: number[];
  /** Digits, one separator, exactly two digits: may be a clock time written "16.43". */
  clock?: number;
}

function sticky(pattern: RegExp, text: string, at: number): RegExpExecArray | null {
  pattern.lastIndex = at;
  return pattern.exec(text);
}

/** Reads the digits at `at` as one number, with every reading its separators allow. */
function readLiteral(text: string, at: number, language: NumberLanguage): Literal {
  let match = sticky(SPACE_GROUPED, text, at);
  if (match) {
    const plain = match[0].replace(/[ \u00a0\u202f\u2009]/gu, "").replace(",", ".");
    return { end: at + match[0].length, values: [Number(plain)] };
  }
  match = sticky(MARK_GROUPED, text, at);
  if (match) {
    const [whole, head, groups, mark, fraction] = match as unknown as [string, string, string, string, string | undefined];
    const grouped = Number(head + groups.replaceAll(mark, "") + (fraction === undefined ? "" : `.${fraction}`));
    // "1,200" is 1200 in English and 1.2 in Bulgarian; "1.200" the other way round. One group of
    // three digits with nothing after it is read both ways, the language's usual reading first.
    if (fraction === undefined && groups.length === 4) {
      const decimal = Number(`${head}.${groups.slice(1)}`);
      const groupedFirst = (mark === ",") === (language === "en");
      return { end: at + whole.length, values: groupedFirst ? [grouped, decimal] : [decimal, grouped] };
    }
    return { end: at + whole.length, values: [grouped] };
  }
  match = sticky(DECIMAL, text, at);
  if (match) {
    const [whole, units, mark, fraction] = match as unknown as [string, string, string, string];
    const literal: Literal = { end: at + whole.length, values: [Number(`${units}.${fraction}`)] };
    if (mark === "." && units.length <= 2 && fraction.length === 2 && validTime(Number(units), Number(fraction))) {
      literal.clock = Number(units) * 60 + Number(fraction);
    }
    return literal;
  }
  match = sticky(INTEGER, text, at) as RegExpExecArray;
  return { end: at + match[0].length, values: [Number(match[0])] };
}

/** The next word after `at` (skipping spaces), with where it ends, a trailing dot included. */
function nextWord(text: string, at: number): { word: string; end: number } | undefined {
  const match = /[ \u00a0\u202f\u2009]*(%|[$€£]|\p{L}+)(\.)?/uy;
  const found = sticky(match, text, at);
  if (!found) return undefined;
  return { word: found[1] as string, end: at + found[0].length };
}

const ORDINAL_SUFFIX = /(?:st|nd|rd|th|-\p{Script=Cyrillic}{1,4}|-[a-z]{1,3})(?![\p{L}])/uy;
const MERIDIEM = /[ \u00a0]?([ap])\.?[ \u00a0]?m\.?(?![\p{L}])/iuy;
const MONTH_AFTER = /\.?[ \u00a0]+(?:of[ \u00a0]+)?(\p{L}+)/uy;
const ABBREVIATION_DOT = /(?:лв|млн|млрд|хил|трлн|тыс|mln|bn)\.$/u;

/** A number written with digits and the words that go with it: sign, scale, unit, month, hour. */
function readNumber(text: string, start: number, language: NumberLanguage): NumberToken {
  const literal = readLiteral(text, start, language);
  let end = literal.end;
  let values = literal.values;
  let unit: NumberUnit | undefined;
  let scale: number | undefined;
  let tokenStart = start;
  const token = (readings: Reading[]): NumberToken => {
    const written = text.slice(tokenStart, end);
    // A dot after an abbreviation ("лв.", "млн.") belongs to it; after anything else it ends the sentence.
    const shown = ABBREVIATION_DOT.test(written) ? written : written.replace(/\.$/u, "");
    return { text: shown, start: tokenStart, end, readings, spelled: false, ...(unit ? { unit } : {}), ...(scale ? { scale } : {}) };
  };

  const sign = /([$€£]|USD|EUR|BGN|GBP)[ \u00a0]?$/u.exec(text.slice(Math.max(0, start - 5), start));
  if (sign) {
    unit = unitOf(sign[1] as string);
    tokenStart = start - sign[0].length;
    const glued = sticky(/(bn|m|k|b)(?![\p{L}])/uy, text, end);
    const factor = glued ? currencyScaleOf(glued[1] as string) : undefined;
    if (glued && factor !== undefined) {
      values = values.map((value) => value * factor);
      scale = factor;
      end += glued[0].length;
    }
  }
  const single = values.length === 1 && Number.isInteger(values[0]) ? (values[0] as number) : undefined;
  // "1990s" is also "the 90s"; "30-е годы (прошлого века)" and "the '30s" are also 1930 (or 2030).
  const decadeOf = (year: number): Reading[] => [
    { kind: "number", value: year },
    ...(year >= 1000 ? [{ kind: "number" as const, value: year % 100 }] : year < 100 ? [1900, 2000].map((century) => ({ kind: "number" as const, value: century + year })) : []),
  ];

  // "1990s" is also "the 90s" ("90-те", "90-х"), so it answers to both.
  const decade = single !== undefined && single >= 10 && single % 10 === 0 ? sticky(/'?s(?![\p{L}])/uy, text, end) : null;
  if (decade) {
    end += decade[0].length;
    return token(decadeOf(single as number));
  }
  const ordinal = sticky(ORDINAL_SUFFIX, text, end);
  if (ordinal) {
    end += ordinal[0].length;
    // "1980-е", "1980-те": a decade, also written "80-те".
    if (ordinal[0].startsWith("-") && single !== undefined && single >= 1000 && single % 10 === 0) return token(decadeOf(single));
    // "30-е", "30-х", "80-те", "30-ih": the decade of a century left unsaid.
    if (DECADE_SUFFIX.test(ordinal[0]) && single !== undefined && single >= 10 && single < 100 && single % 10 === 0) return token(decadeOf(single));
  }

  const meridiem = sticky(MERIDIEM, text, end);
  const hours = literal.clock !== undefined ? Math.floor(literal.clock / 60) : single;
  if (meridiem && hours !== undefined && hours >= 1 && hours <= 12) {
    const minutes = literal.clock === undefined ? 0 : literal.clock % 60;
    const pm = (meridiem[1] as string).toLowerCase() === "p";
    end += meridiem[0].length;
    return token([{ kind: "time", minutes: ((hours % 12) + (pm ? 12 : 0)) * 60 + minutes }]);
  }

  if (single !== undefined && isWholeDay(single) && unit === undefined) {
    const month = sticky(MONTH_AFTER, text, end);
    const monthNumber = month ? monthOf(month[1] as string) : undefined;
    if (month && monthNumber !== undefined) {
      end += month[0].length;
      return token([{ kind: "date", day: single, month: monthNumber }]);
    }
    const previous = /(\p{L}+)\.?[ \u00a0]+$/u.exec(text.slice(Math.max(0, start - 12), start));
    if (previous && isEnglishMonth(previous[1] as string)) {
      tokenStart = start - previous[0].length;
      return token([{ kind: "date", day: single, month: monthOf(previous[1] as string) as number }]);
    }
  }

  let word = nextWord(text, end);
  if (word && isHourWord(word.word)) {
    const minutes = literal.clock ?? (single !== undefined && single <= 24 ? single * 60 : undefined);
    if (minutes !== undefined) {
      end = word.end;
      // "24 часа" is as often a duration as a time of day: the number reading comes first.
      const numbers = literal.clock === undefined ? values.map((value) => ({ kind: "number" as const, value })) : [];
      return token([...numbers, { kind: "time", minutes }]);
    }
  }
  const factor = word ? scaleOf(word.word) : undefined;
  if (word && factor !== undefined) {
    values = values.map((value) => value * factor);
    scale = factor;
    end = word.end;
    word = nextWord(text, end);
  }
  const perCent = sticky(/[ \u00a0]+per[ \u00a0]?cent(?![\p{L}])/iuy, text, end);
  const after = perCent ? "percent" : word ? unitOf(word.word) : undefined;
  if (after !== undefined && unit === undefined) {
    unit = after;
    end = perCent ? end + perCent[0].length : (word as { end: number }).end;
  }
  const readings: Reading[] = values.map((value) => ({ kind: "number", value }));
  if (literal.clock !== undefined && factor === undefined && unit === undefined) readings.push({ kind: "time", minutes: literal.clock });
  return token(readings);
}

/** Dates and times written with digits only: "2026-02-27", "27.02.2026", "27.02.", "16:43". */
function readDigitDate(text: string, start: number): NumberToken[] | undefined {
  const token = (from: number, to: number, readings: Reading[]): NumberToken => ({ text: text.slice(from, to), start: from, end: to, readings, spelled: false });
  let match = sticky(ISO_DATE, text, start);
  if (match && validDate(Number(match[3]), Number(match[2]))) {
    return [token(start, start + 4, [{ kind: "number", value: Number(match[1]) }]), token(start + 5, start + match[0].length, [{ kind: "date", day: Number(match[3]), month: Number(match[2]) }])];
  }
  match = sticky(FULL_DATE, text, start);
  if (match) {
    const first = Number(match[1]);
    const second = Number(match[3]);
    const readings: Reading[] = [];
    if (validDate(first, second)) readings.push({ kind: "date", day: first, month: second });
    // "2/27/2026" is American month/day order.
    if (match[2] === "/" && validDate(second, first)) readings.push({ kind: "date", day: second, month: first });
    if (readings.length > 0) {
      const yearStart = start + match[0].length - 4;
      return [token(start, yearStart - 1, readings), token(yearStart, start + match[0].length, [{ kind: "number", value: Number(match[4]) }])];
    }
  }
  match = sticky(SHORT_DATE, text, start);
  if (match && validDate(Number(match[1]), Number(match[2]))) {
    const decimal = Number(`${match[1]}.${match[2]}`);
    return [token(start, start + match[0].length, [{ kind: "date", day: Number(match[1]), month: Number(match[2]) }, { kind: "number", value: decimal }])];
  }
  match = sticky(CLOCK, text, start);
  if (match && validTime(Number(match[1]), Number(match[2]))) {
    let end = start + match[0].length;
    let hours = Number(match[1]);
    const meridiem = sticky(/[ \u00a0]?([ap])\.?[ \u00a0]?m\.?(?![\p{L}])/iuy, text, end);
    if (meridiem && hours >= 1 && hours <= 12) {
      hours = (hours % 12) + ((meridiem[1] as string).toLowerCase() === "p" ? 12 : 0);
      end += meridiem[0].length;
    }
    return [token(start, end, [{ kind: "time", minutes: hours * 60 + Number(match[2]) }])];
  }
  return undefined;
}

const ROMAN = /(?<![\p{L}\d])([IVXLC]{1,7})(?=(?:-?\p{Script=Cyrillic}{1,2})?[ \u00a0]+(?:век\p{L}*|вв?\.|столети\p{L}*|vek\p{L}*|vijek\p{L}*|century|centuries))/gu;

function romanValue(numeral: string): number | undefined {
  const values: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100 };
  let total = 0;
  for (let index = 0; index < numeral.length; index += 1) {
    const value = values[numeral[index] as string] as number;
    const next = values[numeral[index + 1] ?? ""] ?? 0;
    total += value < next ? -value : value;
  }
  return total > 0 && total <= 100 ? total : undefined;
}

/**
 * Parts of an hour said in words, as minutes: "on the quarter-hour mark" is the 15th minute,
 * "half an hour" 30 minutes, in every target ("четверть часа", "полчаса", "четврт сата", "pola sata").
 */
const HOUR_PARTS: ReadonlyArray<readonly [RegExp, number]> = [
  [/(?<!\p{L})(?:quarter[- ]hour|quarter of an hour|четверт\p{L}* часа|четврт(?:ина)? (?:сата|часа)|četvrt(?:ina)? (?:sata|časa))(?!\p{L})/giu, 15],
  [/(?<!\p{L})(?:half[- ]hour|half an hour|полчаса|получас\p{L}*|пола (?:сата|часа)|pola (?:sata|časa))(?!\p{L})/giu, 30],
];

function spelledNumbers(text: string, language: NumberLanguage, taken: NumberToken[]): NumberToken[] {
  const tokens: NumberToken[] = [];
  if (language !== "bg") {
    for (const [pattern, value] of HOUR_PARTS) {
      for (const match of text.matchAll(pattern)) {
        const start = match.index as number;
        if (taken.some((token) => start >= token.start && start < token.end)) continue;
        tokens.push({ text: match[0], start, end: start + match[0].length, readings: [{ kind: "number", value }], spelled: true });
      }
    }
  }
  const words = [...text.matchAll(/\p{L}+/gu)];
  for (let index = 0; index < words.length; index += 1) {
    const word = words[index] as RegExpMatchArray;
    let value = spelledNumberOf(word[0], language) ?? compoundNumber(word[0], language);
    const start = word.index as number;
    if (value === undefined || [...taken, ...tokens].some((token) => start >= token.start && start < token.end)) continue;
    let end = start + word[0].length;
    // "twenty-five", "two hundred", "пет милиона": one number, not two.
    for (let next = words[index + 1]; next !== undefined; next = words[index + 1]) {
      const gap = text.slice(end, next.index);
      const nextValue = spelledNumberOf(next[0], language) ?? compoundNumber(next[0], language);
      const factor = /^[ \u00a0]+$/u.test(gap) ? scaleOf(next[0]) ?? (nextValue === 100 || nextValue === 1000 ? nextValue : undefined) : undefined;
      // "twenty-five", "сорок восьми", "двадесет и пет", "сорок пятой": a ten and a unit are one number.
      const tenAndUnit = value >= 20 && value < 100 && value % 10 === 0 && nextValue !== undefined && nextValue < 10 && nextValue > 0;
      if (tenAndUnit && (gap === "-" || /^[ \u00a0]+(?:(?:и|i|and)[ \u00a0]+)?$/u.test(gap))) value += nextValue as number;
      else if (factor !== undefined && value < 1000) value *= factor;
      else break;
      end = (next.index as number) + next[0].length;
      index += 1;
    }
    const after = nextWord(text, end);
    const unit = after ? unitOf(after.word) : undefined;
    if (unit !== undefined) end = after!.end;
    tokens.push({ text: text.slice(start, end), start, end, readings: [{ kind: "number", value }], spelled: true, ...(unit ? { unit } : {}) });
  }
  return tokens;
}

const RANGE_JOIN = /^\.?[ \u00a0]*(?:[-–—,]|и|and|i|или|or|ili|до|to|по|through|until)[ \u00a0]*$/u;

/** "26-27 февруари", "February 26–27": the bare day in a range borrows its neighbour's month; "1950–53" is 1950–1953. */
function linkRanges(tokens: NumberToken[], text: string): void {
  for (let index = 1; index < tokens.length; index += 1) {
    const [left, right] = [tokens[index - 1] as NumberToken, tokens[index] as NumberToken];
    const year = numberValues(left)[0];
    const short = /^\d{2}$/u.test(right.text) ? Number(right.text) : undefined;
    if (year !== undefined && year >= 1000 && year <= 2999 && short !== undefined && /^[-–—]$/u.test(text.slice(left.end, right.start))) {
      const century = year - (year % 100);
      right.readings.push({ kind: "number", value: century + short + (century + short < year ? 100 : 0) });
    }
  }
  const onlyDate = (token: NumberToken) => (token.readings.length === 1 && token.readings[0]?.kind === "date" ? token.readings[0] : undefined);
  const bareDay = (token: NumberToken) => !token.spelled && token.unit === undefined && token.readings.length === 1 && token.readings[0]?.kind === "number" && isWholeDay(token.readings[0].value);
  for (let index = tokens.length - 2; index >= 0; index -= 1) {
    const [left, right] = [tokens[index] as NumberToken, tokens[index + 1] as NumberToken];
    const date = onlyDate(right);
    if (date && bareDay(left) && RANGE_JOIN.test(text.slice(left.end, right.start))) {
      left.readings = [{ kind: "date", day: numberValues(left)[0] as number, month: date.month }];
    }
  }
  for (let index = 1; index < tokens.length; index += 1) {
    const [left, right] = [tokens[index - 1] as NumberToken, tokens[index] as NumberToken];
    const date = onlyDate(left);
    if (date && bareDay(right) && RANGE_JOIN.test(text.slice(left.end, right.start))) {
      right.readings = [{ kind: "date", day: numberValues(right)[0] as number, month: date.month }];
    }
  }
}

/**
 * Every number, date, time, amount and percentage in a text, read the way the given language
 * writes them: decimal comma or point, thousands separators, month names, scale words, units,
 * Roman-numeral centuries and small numbers written as words.
 */
export function extractNumbers(text: string, language: NumberLanguage): NumberToken[] {
  return rememberedNumbers(`${language}\u0001${text}`);
}

/**
 * Extraction remembered per language and text: a source sentence is checked against every
 * target, and a whole article against every summary. Callers only read the tokens.
 */
const rememberedNumbers = memoize((key: string): NumberToken[] => {
  const split = key.indexOf("\u0001");
  return readNumbers(key.slice(split + 1), key.slice(0, split) as NumberLanguage);
}, 256);

function readNumbers(text: string, language: NumberLanguage): NumberToken[] {
  const tokens: NumberToken[] = [];
  const digits = /\d+/g;
  for (let match = digits.exec(text); match !== null; match = digits.exec(text)) {
    const found = readDigitDate(text, match.index) ?? [readNumber(text, match.index, language)];
    tokens.push(...found);
    digits.lastIndex = Math.max(...found.map((token) => token.end), match.index + match[0].length);
  }
  for (const match of text.matchAll(ROMAN)) {
    const value = romanValue(match[1] as string);
    const start = match.index as number;
    if (value !== undefined) tokens.push({ text: match[1] as string, start, end: start + (match[1] as string).length, readings: [{ kind: "number", value }], spelled: false });
  }
  tokens.sort((left, right) => left.start - right.start);
  linkRanges(tokens, text);
  tokens.push(...spelledNumbers(text, language, tokens));
  return tokens.sort((left, right) => left.start - right.start);
}

/** The months a text names anywhere, so "from 26 to 27 February" can count 26 as a February date. */
export const mentionedMonths = memoize((text: string): Set<number> => {
  const months = new Set<number>();
  for (const match of text.matchAll(/\p{L}+/gu)) {
    const month = monthOf(match[0]);
    if (month !== undefined) months.add(month);
  }
  return months;
}, 1000);
