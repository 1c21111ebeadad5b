import { memoize } from "../common/memo.js";
import type { TargetLanguage } from "../common/languages.js";
import { extractNumbers, mentionedMonths, numberValues, type NumberToken, type Reading } from "../text/numbers/tokens.js";
import { MONTH_NAMES_EN, type NumberLanguage } from "../text/numbers/words.js";
import { convertsTo, measureOf, type Measure } from "./measures.js";
import type { CheckResult } from "./types.js";

/** A translated sentence (or text) and its Bulgarian source. */
export interface NumbersCheckInput {
  /** The segment id, used to prefix the detail ("s3: …") and as `segmentId`. */
  id?: string;
  /** The Bulgarian original. */
  source: string;
  /** The translation to check. */
  text: string;
  target: TargetLanguage;
}

const same = (left: number, right: number): boolean => Math.abs(left - right) <= 1e-9 * Math.max(1, Math.abs(left), Math.abs(right));

function readingsMatch(wanted: Reading, given: Reading, givenMonths: Set<number>): boolean {
  if (wanted.kind === "number") {
    if (given.kind === "number") return same(wanted.value, given.value);
    // A bare "27" is kept by "27 February"; "16" by "16:00".
    if (given.kind === "date") return wanted.value === given.day;
    // "до 1 следобед" ↔ "by 1 p.m." ↔ "к 13:00": a bare hour is kept on either clock.
    return given.minutes % 60 === 0 && (wanted.value === given.minutes / 60 || wanted.value === given.minutes / 60 - 12);
  }
  if (wanted.kind === "date") {
    if (given.kind === "date") return wanted.day === given.day && wanted.month === given.month;
    // "from 26 to 27 February": the bare 26 is a February date when the text names February.
    return given.kind === "number" && given.value === wanted.day && givenMonths.has(wanted.month);
  }
  if (given.kind === "time") return wanted.minutes === given.minutes;
  const hour = wanted.minutes / 60;
  return given.kind === "number" && wanted.minutes % 60 === 0 && (given.value === hour || given.value === hour - 12);
}

/** True when `given` expresses what `wanted` says: a shared reading and no conflicting unit. */
export function tokensMatch(wanted: NumberToken, given: NumberToken, givenMonths: Set<number>): boolean {
  if (wanted.unit !== undefined && given.unit !== undefined && wanted.unit !== given.unit) return false;
  return wanted.readings.some((reading) => given.readings.some((other) => readingsMatch(reading, other, givenMonths)));
}

/** A token with the unit of measurement read around it in its text. */
interface Measured {
  token: NumberToken;
  measure: Measure | undefined;
}

/** Words that join the two ends of a range: "2 до 4 инча", "5–10 cm", "1 or 2 miles". */
const RANGE = /^[\s\u00a0]*(?:-|–|—|до|do|to|or|или|ili|и|i|and)[\s\u00a0]*$/u;

/** Each token with its unit; the first end of a range takes the unit written after the second. */
function measured(tokens: NumberToken[], text: string): Measured[] {
  const items = tokens.map((token) => ({ token, measure: measureOf(token, text) }));
  for (let index = items.length - 2; index >= 0; index -= 1) {
    const [left, right] = [items[index] as Measured, items[index + 1] as Measured];
    if (left.measure === undefined && right.measure !== undefined && RANGE.test(text.slice(left.token.end, right.token.start))) left.measure = right.measure;
  }
  return items;
}

/** True when `given` is `wanted` converted into another unit (miles → km, °F → °C, …), within rounding. */
function converted(wanted: Measured, given: Measured, tolerance?: number): boolean {
  // "80-те години на 20 век" is "the 1980s": a century is kept by a year in it.
  if (wanted.measure === "century") {
    const centuries = numberValues(wanted.token);
    return numberValues(given.token).some((year) => year >= 1000 && year <= 2999 && Number.isInteger(year) && centuries.includes(Math.floor((year - 1) / 100) + 1));
  }
  // "колекцията SS19" is the 2019 collection: a short year kept as the whole year.
  if (wanted.measure === "short-year") {
    const years = numberValues(wanted.token).flatMap((value) => [1900 + value, 2000 + value]);
    return numberValues(given.token).some((year) => years.includes(year));
  }
  if (wanted.measure === undefined || given.measure === undefined) return false;
  // Degrees on both sides with no scale named: Fahrenheit in the source, Celsius in the translation.
  if (wanted.measure === given.measure && wanted.measure !== "degree") return false;
  const values = numberValues(given.token);
  return numberValues(wanted.token).some((value) => values.some((other) => convertsTo(value, wanted.measure, other, given.measure, tolerance)));
}

/**
 * Pairs each wanted token with a distinct given token (maximum bipartite matching), so a number
 * that occurs twice in the source must occur twice in the translation. A given token matches
 * when it reads the same, or is the wanted amount converted into another unit.
 */
function matchTokens(wanted: Measured[], given: Measured[], givenMonths: Set<number>): { missing: Measured[]; unused: NumberToken[]; byConversion: Set<number> } {
  const owner = new Array<number>(given.length).fill(-1);
  // Numbers kept as written are paired first; conversions only pair what is left, so "800 км/ч
  // (497 м/ч)" → "803 kph (497 mph)" cannot pass by reading 497 mph as the 800 and 803 as the 497.
  const direct = wanted.map((token) => given.flatMap((other, index) => (tokensMatch(token.token, other.token, givenMonths) ? [index] : [])));
  const byConverting = wanted.map((token) => given.flatMap((other, index) => (converted(token, other) ? [index] : [])));
  const assign = (edges: number[][], index: number, seen: Set<number>, free: (candidate: number) => boolean): boolean => {
    for (const candidate of edges[index] as number[]) {
      if (seen.has(candidate) || !free(candidate)) continue;
      seen.add(candidate);
      if ((owner[candidate] as number) === -1 || assign(edges, owner[candidate] as number, seen, free)) {
        owner[candidate] = index;
        return true;
      }
    }
    return false;
  };
  const unmatched = wanted.map((_, index) => index).filter((index) => !assign(direct, index, new Set(), () => true));
  const firstRound = new Set(owner.flatMap((index, candidate) => (index === -1 ? [] : [candidate])));
  const both = wanted.map((_, index) => [...(direct[index] as number[]), ...(byConverting[index] as number[])]);
  const missingIndices = new Set(unmatched.filter((index) => !assign(both, index, new Set(), (candidate) => !firstRound.has(candidate))));
  const missing = wanted.filter((_, index) => missingIndices.has(index));
  const byConversion = new Set<number>();
  owner.forEach((index, candidate) => {
    if (index !== -1 && converted(wanted[index] as Measured, given[candidate] as Measured)) byConversion.add(index);
  });
  return { missing, unused: given.filter((_, index) => owner[index] === -1).map((item) => item.token), byConversion };
}

/** How loosely a parenthesis in the source may repeat the amount before it in another unit. */
const PARENTHESIS_TOLERANCE = 0.15;

/**
 * Wanted tokens a translation may leave out: the second of "15 метра (50 фута)" or
 * "300 км (190 мили)", a parenthesis that repeats the amount before it in another unit.
 */
function duplicatedInParentheses(wanted: Measured[], source: string): Set<NumberToken> {
  return new Set(parenthesisPairs(wanted, source).map(([, inside]) => inside.token));
}

/** The pairs "15 метра (50 фута)": the amount before a parenthesis and the same amount inside it in another unit. */
function parenthesisPairs(wanted: Measured[], source: string): Array<[Measured, Measured]> {
  const optional: Array<[Measured, Measured]> = [];
  for (let index = 1; index < wanted.length; index += 1) {
    const [before, inside] = [wanted[index - 1] as Measured, wanted[index] as Measured];
    const between = source.slice(before.token.end, inside.token.start);
    if (!/^[^()\d]{0,24}\([\s\u00a0]*(?:около|приблизително|ок\.)?[\s\u00a0]*$/u.test(between)) continue;
    const closes = /^[^()]{0,24}\)/u.test(source.slice(inside.token.end));
    // The source's own parenthesis is often rounded loosely ("шест метра (18 фута)"): 15 % either way.
    if (closes && (converted(before, inside, PARENTHESIS_TOLERANCE) || converted(inside, before, PARENTHESIS_TOLERANCE))) optional.push([before, inside]);
  }
  return optional;
}

/**
 * "около 27-28 метра" is one approximate amount: a translation may keep one end of a range whose
 * ends differ by at most 5 %. The other end is then optional, unless the translation holds another
 * number close to it (a changed end, not a dropped one).
 */
function closeRanges(wanted: Measured[], source: string): Array<[Measured, Measured]> {
  const pairs: Array<[Measured, Measured]> = [];
  for (let index = 0; index + 1 < wanted.length; index += 1) {
    const [left, right] = [wanted[index] as Measured, wanted[index + 1] as Measured];
    if (!/^[-–—]$/u.test(source.slice(left.token.end, right.token.start))) continue;
    const [low, high] = [numberValues(left.token)[0], numberValues(right.token)[0]];
    if (low === undefined || high === undefined || high <= low || high - low > 0.05 * high) continue;
    pairs.push([left, right]);
  }
  return pairs;
}

/**
 * "6 фута и 6 инча" is one height: translated "2 метра". The inches of such a pair need no
 * partner of their own when the feet matched the metres of both together.
 */
function combinedHeights(wanted: Measured[], given: Measured[], source: string): Set<Measured> {
  const covered = new Set<Measured>();
  for (let index = 0; index + 1 < wanted.length; index += 1) {
    const [feet, inches] = [wanted[index] as Measured, wanted[index + 1] as Measured];
    if (feet.measure !== "foot" || inches.measure !== "inch") continue;
    if (!/^[^\d]{0,12}?(?:и|and|i)[\s\u00a0]*$/u.test(source.slice(feet.token.end, inches.token.start))) continue;
    const metres = (numberValues(feet.token)[0] ?? 0) * 0.3048 + (numberValues(inches.token)[0] ?? 0) * 0.0254;
    const found = given.some((item) => (item.measure === "m" || item.measure === "cm") && numberValues(item.token).some((value) => {
      const wantedValue = item.measure === "cm" ? metres * 100 : metres;
      return Math.abs(value - wantedValue) <= Math.max(0.05, 0.03 * wantedValue);
    }));
    if (found) {
      covered.add(feet);
      covered.add(inches);
    }
  }
  return covered;
}

function kindOf(token: NumberToken): string {
  const reading = token.readings[0] as Reading;
  if (token.readings.every((each) => each.kind === "date")) return "date";
  if (reading.kind === "time") return "time";
  if (token.unit === "percent") return "percentage";
  if (token.unit !== undefined) return "amount";
  return "number";
}

/** The token as written, with a plain reading where the written form needs one: "27 февруари (27 February)". */
export function describeNumber(token: NumberToken): string {
  const reading = token.readings[0] as Reading;
  if (reading.kind === "date") {
    const month = MONTH_NAMES_EN[reading.month - 1] as string;
    return token.text.includes(month) ? token.text : `${token.text} (${reading.day} ${month})`;
  }
  if (reading.kind === "number" && token.scale !== undefined) {
    return `${token.text} (${reading.value.toLocaleString("en-US")})`;
  }
  return token.text;
}

/** "60", "60 and 2,5", "60, 2,5 and 16:43". Items holding a comma are quoted so the list stays readable. */
export function listNumbers(tokens: NumberToken[]): string {
  const items = tokens.map((token) => (token.text.includes(",") && tokens.length > 1 ? `"${token.text}"${describeNumber(token).slice(token.text.length)}` : describeNumber(token)));
  return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

function missingPhrase(missing: NumberToken[]): string {
  if (missing.length === 1) return `the ${kindOf(missing[0] as NumberToken)} ${listNumbers(missing)} from the source is missing`;
  const kinds = new Set(missing.map(kindOf));
  const noun = kinds.size === 1 ? `${[...kinds][0]}s` : "numbers";
  return `the ${noun} ${listNumbers(missing)} from the source are missing`;
}

/** Digits, or capitals that could be a Roman-numeral century: the only numbers the gate requires. */
const MAY_HOLD_NUMBERS = /[\dIVXLC]/;

/**
 * Numbers, dates, times, amounts and percentages of the Bulgarian source must all be in the
 * translation, in whatever form the target writes them ("2,5" ↔ "2.5", "27 февруари" ↔
 * "February 27", "5 млн. лв." ↔ "5 million leva"). Extra numbers alone do not fail: only
 * missing or changed ones, named in the detail.
 */
export function checkNumbers(input: NumbersCheckInput): CheckResult[] {
  const prefix = input.id === undefined ? "" : `${input.id}: `;
  // Most sentences hold no number at all: nothing can be missing, and nothing need be read.
  if (!MAY_HOLD_NUMBERS.test(input.source)) {
    return [{ name: "numbers", status: "pass", detail: `${prefix}the source has no numbers`, ...(input.id === undefined ? {} : { segmentId: input.id }) }];
  }
  const sourceTokens = extractNumbers(input.source, "bg");
  const wantedTokens = measured(sourceTokens.filter((token) => !token.spelled), input.source);
  // A number the source spells ("два полицейски вана") is answered by the translation's spelled
  // number ("dva policijska kombija"): that word cannot also stand for a digit of the source.
  const reserved = sourceTokens.filter((token) => token.spelled).flatMap(numberValues);
  const givenTokens = measured(extractNumbers(input.text, input.target), input.text).filter((item) => {
    if (!item.token.spelled) return true;
    const at = reserved.findIndex((value) => numberValues(item.token).includes(value));
    if (at === -1) return true;
    reserved.splice(at, 1);
    return false;
  });
  // The amount before a parenthesis may be spelled ("шест метра (18 фута)"): all source tokens count there.
  const optional = duplicatedInParentheses(measured(sourceTokens, input.source), input.source);
  const heights = combinedHeights(wantedTokens, givenTokens, input.source);
  const matched = matchTokens(wantedTokens.filter((token) => !heights.has(token)), givenTokens, mentionedMonths(input.text));
  for (const [low, high] of closeRanges(wantedTokens, input.source)) {
    // One end kept, the other missing: the approximate range was given as one amount.
    const lost = matched.missing.includes(low) ? low : high;
    const near = (value: number) => numberValues(lost.token).some((wantedValue) => Math.abs(value - wantedValue) <= 0.2 * wantedValue);
    const changedEnd = matched.unused.some((token) => numberValues(token).some(near));
    if (matched.missing.includes(low) !== matched.missing.includes(high) && !changedEnd) optional.add(low.token).add(high.token);
  }
  // "45 мили (72 километра)" given as "72 км": the parenthesis kept instead of the amount before it,
  // unless the translation holds another number in the first unit ("803 kph (497 mph)": changed).
  const leftOver = givenTokens.filter((given) => matched.unused.includes(given.token));
  const textMonths = mentionedMonths(input.text);
  for (const [before, inside] of parenthesisPairs(measured(sourceTokens, input.source), input.source)) {
    const wantedBefore = wantedTokens.find((token) => token.token === before.token);
    if (wantedBefore === undefined || !matched.missing.includes(wantedBefore) || matched.missing.some((token) => token.token === inside.token)) continue;
    const insideKept = givenTokens.some((given) => given.measure === inside.measure && tokensMatch(inside.token, given.token, textMonths));
    if (insideKept && !leftOver.some((given) => given.measure === before.measure)) optional.add(before.token);
  }
  // A century ("20 век") is kept by any year in it, even one that also keeps the decade ("the 1980s").
  for (const token of matched.missing) if (token.measure === "century" && givenTokens.some((given) => converted(token, given))) optional.add(token.token);
  // Matched only through a conversion while the translation holds the same unit with a number
  // close to it: "45 мили (72 км)" → "48 miles (72 km)" changed the miles, it did not convert them.
  const unusedSet = new Set(matched.unused);
  const changedUnits = [...matched.byConversion].map((index) => wantedTokens.filter((token) => !heights.has(token))[index] as Measured).filter((token) =>
    givenTokens.some((given) => unusedSet.has(given.token) && given.measure === token.measure && numberValues(given.token).some((value) => numberValues(token.token).some((wantedValue) => value !== wantedValue && Math.abs(value - wantedValue) <= 0.2 * wantedValue))),
  );
  const missing = [...matched.missing.filter((token) => !optional.has(token.token)), ...changedUnits].map((token) => token.token);
  const unused = matched.unused;
  const wanted = wantedTokens.map((token) => token.token);
  const where = input.id === undefined ? {} : { segmentId: input.id };
  if (missing.length === 0) {
    const detail = wanted.length === 0 ? `${prefix}the source has no numbers` : `${prefix}the translation keeps the source's ${wanted.length === 1 ? "number" : `${wanted.length} numbers`}`;
    return [{ name: "numbers", status: "pass", detail, ...where }];
  }
  // A "2" in the translation may stand for the source's "двама": not an invented number.
  const sourceMonths = mentionedMonths(input.source);
  const spelledInSource = sourceTokens.filter((token) => token.spelled);
  const found = unused.filter((token) => !token.spelled && !spelledInSource.some((spelled) => tokensMatch(token, spelled, sourceMonths)));
  const foundPhrase = found.length === 0 ? "" : `; found ${listNumbers(found)}`;
  return [{ name: "numbers", status: "fail", detail: `${prefix}${missingPhrase(missing)}${foundPhrase}`, ...where }];
}

/**
 * The numbers of `text` (written with digits) that occur nowhere in `source`, e.g. the numbers of a
 * summary that the article does not contain. Each number only has to occur once in the source.
 */
/**
 * The numbers of a source text with their measures, and the months it names: one article's text
 * is the source of every target's summary and of each re-ask, so it is read once (by language;
 * the text itself is the key, the same string each time, whose hash the engine keeps).
 */
const sourceReaders = new Map<NumberLanguage, (source: string) => { sourceTokens: Measured[]; months: ReturnType<typeof mentionedMonths> }>();
function sourceNumbers(language: NumberLanguage) {
  let reader = sourceReaders.get(language);
  if (!reader) {
    reader = memoize((source: string) => ({ sourceTokens: measured(extractNumbers(source, language), source), months: mentionedMonths(source) }), 64);
    sourceReaders.set(language, reader);
  }
  return reader;
}

export function numbersAbsentFrom(text: string, language: NumberLanguage, source: string, sourceLanguage: NumberLanguage = "bg"): NumberToken[] {
  if (!MAY_HOLD_NUMBERS.test(text)) return [];
  const { sourceTokens, months } = sourceNumbers(sourceLanguage)(source);
  // A number the article gives in another unit is the article's number converted (27 метра → 30 yards).
  return measured(extractNumbers(text, language), text)
    .filter((item) => !item.token.spelled && !sourceTokens.some((other) => tokensMatch(item.token, other.token, months) || converted(other, item)))
    .map((item) => item.token);
}
