import type { NumberToken } from "../text/numbers/tokens.js";

/**
 * Units of measurement around numbers, and the conversions professional translators make
 * (200 мили → 320 km, 550-фунтово прасе → свиња од 250 килограма, 80 градуса → 27 °C). Written
 * from the definitions of the units; the tolerance allows the rounding translators use.
 */
export type Measure =
  | "mile" | "km" | "m" | "yard" | "foot" | "inch" | "cm" | "mm" | "pound" | "kg" | "fahrenheit" | "celsius" | "acre" | "hectare" | "degree" | "century"
  /** Two digits glued to letters or an apostrophe: "SS19", "'19", a year in short. */
  | "short-year";

const MEASURES: ReadonlyArray<readonly [RegExp, Measure]> = [
  [/^(?:мил[яиюье]|мили|милите|миль|милям|милях|милями|миља|миље|миљу|миљи|миљама|milj[aeiu]|miljama|miles?|mi|mph)$/u, "mile"],
  [/^(?:км|km|kph|kmh|километ\p{L}*|kilomet\p{L}*|kilometers?|kilometres?)$/u, "km"],
  [/^(?:м|m|метр\p{L}*|метар\p{L}*|метра|метара|метрима|metar\p{L}*|metr\p{L}*|meters?|metres?)$/u, "m"],
  [/^(?:ярд\p{L}*|jard\p{L}*|yards?|yd)$/u, "yard"],
  [/^(?:фут\p{L}*|стоп[аеиу]|стопа|стопама|stop[aeiu]|stopa|stopama|feet|foot|ft)$/u, "foot"],
  [/^(?:инч\p{L}*|дюйм\p{L}*|inč\p{L}*|inch\p{L}*|in)$/u, "inch"],
  [/^(?:см|цм|cm|сантимет\p{L}*|santimet\p{L}*|centimet\p{L}*)$/u, "cm"],
  [/^(?:мм|mm|милимет\p{L}*|миллимет\p{L}*|milimet\p{L}*|millimet\p{L}*)$/u, "mm"],
  [/^(?:паунд\p{L}*|фунт\p{L}*|pounds?|lbs?|funt\p{L}*)$/u, "pound"],
  [/^(?:кг|kg|килограм\p{L}*|kilogram\p{L}*|kilos?|кил[аеио]|kil[aeio])$/u, "kg"],
  [/^(?:°f|f|фаренхайт\p{L}*|фаренгейт\p{L}*|фаренхајт\p{L}*|farenhajt\p{L}*|fahrenheit)$/u, "fahrenheit"],
  [/^(?:°c|°с|c|с|целзи\p{L}*|цельси\p{L}*|celzijus\p{L}*|celsius)$/u, "celsius"],
  [/^(?:акр\p{L}*|акер\p{L}*|jutr\p{L}*|akr\p{L}*|acres?)$/u, "acre"],
  [/^(?:век|века|веке|веку|в|вв|столети\p{L}*|столећ\p{L}*|vek|veka|veku|stoleć\p{L}*|century|centuries)$/u, "century"],
  [/^(?:хектар\p{L}*|hektar\p{L}*|hectares?|ha|га)$/u, "hectare"],
];

/** Words that may stand between a number and its unit: "80 градуса по Фаренхайт", "27 степени Целзијуса". */
const DEGREE = /^(?:градус\p{L}*|степен\p{L}*|stepen\p{L}*|degrees?|°)$/u;

function measureOfWord(word: string): Measure | undefined {
  const lower = word.toLowerCase();
  return MEASURES.find(([pattern]) => pattern.test(lower))?.[1];
}

/**
 * The unit of measurement of a number token, from its own words ("550 фунта") or the words right
 * after it ("550-фунтовото", "85 мили в час", "80 градуса по Фаренхайт", "27 °C"). Degrees that
 * name no scale are "degree": converted as Fahrenheit (the news translated here comes from
 * American sources), and matched as they are otherwise.
 */
/** The unit closing a spelled compound adjective of size: "двухметровый", "dvometarski", "петокилометарски". */
const COMPOUND_UNITS: ReadonlyArray<readonly [RegExp, Measure]> = [
  [/(?:километ(?:ров|ар)|kilomet(?:rov|ar))\p{L}*$/u, "km"],
  [/(?:сантимет(?:ров|ар)|santimet(?:rov|ar))\p{L}*$/u, "cm"],
  [/(?:мил+имет(?:ров|ар)|milimet(?:rov|ar))\p{L}*$/u, "mm"],
  [/(?:мет(?:ров|ар)|met(?:rov|ar))\p{L}*$/u, "m"],
  [/(?:мильн|милн|миљск|miljsk)\p{L}*$/u, "mile"],
  [/(?:футов)\p{L}*$/u, "foot"],
  [/(?:дюймов|инчов|инчн|inčn)\p{L}*$/u, "inch"],
  [/(?:килограм+ов|килограмск|kilogramsk)\p{L}*$/u, "kg"],
];

export function measureOf(token: NumberToken, text: string): Measure | undefined {
  if (token.spelled && /^\p{L}+$/u.test(token.text)) {
    const lower = token.text.toLowerCase();
    const compound = COMPOUND_UNITS.find(([pattern]) => pattern.test(lower))?.[1];
    if (compound !== undefined) return compound;
  }
  if (/^\d{2}$/u.test(token.text) && /[\p{L}'’]$/u.test(text.slice(Math.max(0, token.start - 1), token.start))) return "short-year";
  // "497 м/ч" and "85 mph" are miles per hour (metres per hour are never written).
  if (/^[\s\u00a0]?(?:м\/ч|mph)(?![\p{L}])/u.test(text.slice(token.end, token.end + 6))) return "mile";
  const own = token.text.match(/\p{L}+$/u)?.[0];
  if (own !== undefined && !/^\d/u.test(token.text.slice(-own.length))) {
    const measure = measureOfWord(own);
    if (measure !== undefined) return measure;
  }
  const after = text.slice(token.end, token.end + 48);
  const words = [...after.matchAll(/°\s?[FCС]|°|\p{L}+/gu)].slice(0, 3);
  const first = words[0];
  if (first === undefined) return undefined;
  const gap = after.slice(0, first.index);
  if (!/^[\s\u00a0]*-?[\s\u00a0]*$/u.test(gap)) return undefined;
  const firstWord = first[0].replace(/\s/gu, "");
  const measure = measureOfWord(firstWord);
  if (measure !== undefined) return measure;
  if (DEGREE.test(firstWord.toLowerCase())) {
    for (const next of words.slice(1)) {
      if (/^(?:по|po|in)$/iu.test(next[0])) continue;
      const named = measureOfWord(next[0].replace(/\s/gu, ""));
      if (named === "fahrenheit" || named === "celsius") return named;
      break;
    }
    return "degree";
  }
  return undefined;
}

/** How one unit converts to another, for the pairs translators convert between. */
const CONVERSIONS: ReadonlyArray<readonly [Measure, Measure, (value: number) => number]> = [
  ["mile", "km", (value) => value * 1.609344],
  ["mile", "m", (value) => value * 1609.344],
  ["foot", "m", (value) => value * 0.3048],
  ["yard", "m", (value) => value * 0.9144],
  ["m", "yard", (value) => value / 0.9144],
  ["foot", "cm", (value) => value * 30.48],
  ["inch", "cm", (value) => value * 2.54],
  ["inch", "mm", (value) => value * 25.4],
  ["inch", "m", (value) => value * 0.0254],
  ["pound", "kg", (value) => value * 0.45359237],
  ["fahrenheit", "celsius", (value) => ((value - 32) * 5) / 9],
  ["acre", "hectare", (value) => value * 0.40468564],
  ["km", "mile", (value) => value / 1.609344],
  ["m", "foot", (value) => value / 0.3048],
  ["cm", "inch", (value) => value / 2.54],
  ["kg", "pound", (value) => value / 0.45359237],
  ["celsius", "fahrenheit", (value) => (value * 9) / 5 + 32],
  ["hectare", "acre", (value) => value / 0.40468564],
];

/**
 * Rounding translators allow themselves: within 6 % of the exact value, or the exact value
 * rounded to a whole number, or (from 20 up) to the nearest 5 or 10. Looser would let a changed
 * number pass (45 miles ≈ 72 km, but 48 miles is not).
 */
const TOLERANCE = 0.06;

/** The value `value` of unit `from` takes in unit `to`, when translators convert so; undefined otherwise. */
export function convert(value: number, from: Measure | undefined, to: Measure | undefined): number | undefined {
  const kind = from === "degree" ? "fahrenheit" : from;
  const target = to === "degree" ? "celsius" : to;
  return CONVERSIONS.find(([left, right]) => left === kind && right === target)?.[2](value);
}

/** True when `given` (in unit `to`) is `wanted` (in unit `from`) converted and rounded. */
export function convertsTo(wanted: number, from: Measure | undefined, given: number, to: Measure | undefined, tolerance = TOLERANCE): boolean {
  const converted = convert(wanted, from, to);
  if (converted === undefined) return false;
  if (Math.abs(given - converted) <= tolerance * Math.abs(converted)) return true;
  if (given === Math.round(converted)) return true;
  return Math.abs(converted) >= 20 && (given === Math.round(converted / 5) * 5 || given === Math.round(converted / 10) * 10);
}
