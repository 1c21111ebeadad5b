import type { TargetLanguage } from "../../common/languages.js";
import { memoize } from "../../common/memo.js";

/**
 * The words around numbers that the numbers gate must understand in Bulgarian, English, Russian
 * and Serbian: month names, scale words ("млн.", "million"), units (currencies, per cent) and
 * small numbers written as words. Written from knowledge of the languages; none of it is derived
 * from evaluation data.
 */

/** The language a text is read in: the Bulgarian source or one of the targets. */
export type NumberLanguage = "bg" | TargetLanguage;

/** A unit that changes what a number means: "10%" is not "10 евро". */
export type NumberUnit = "percent" | "BGN" | "EUR" | "USD" | "GBP" | "RUB" | "RSD";

export const MONTH_NAMES_EN = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
] as const;

// Lower-case forms in every language (declined forms included). English names are matched
// case-insensitively except "may", which is only a month when written "May".
const MONTH_PATTERNS: readonly RegExp[] = [
  /^(?:януари|январ[ьяеюі]|јануар[аеу]?|januar[aeu]?|january|jan|siječ(?:anj|nja|nju)|сијеч(?:ањ|ња|њу))$/u,
  /^(?:февруари|феврал[ьяею]|фебруар[аеу]?|februar[aeu]?|february|feb|veljač[aei]|вељач[аеи])$/u,
  /^(?:март[ае]?|марту|mart[aeu]?|march|mar|ožu(?:jak|jka|jku)|ожу(?:јак|јка|јку))$/u,
  /^(?:април|апрел[ьяе]|април[аеу]|april[aeu]?|apr|trav(?:anj|nja|nju)|трав(?:ањ|ња|њу))$/u,
  /^(?:май|мая|мае|мај[аеу]?|maj[aeu]?|may|svib(?:anj|nja|nju)|свиб(?:ањ|ња|њу))$/u,
  /^(?:юни|июн[ьяе]|јун[аеу]?|jun[aeu]?|june|lip(?:anj|nja|nju)|лип(?:ањ|ња|њу))$/u,
  /^(?:юли|июл[ьяе]|јул[аеу]?|jul[aeu]?|july|srp(?:anj|nja|nju)|срп(?:ањ|ња|њу))$/u,
  /^(?:август[аеу]?|avgust[aeu]?|august|aug|kolovoz[au]?|коловоз[ау]?)$/u,
  /^(?:септември|сентябр[ьяе]|септемб(?:ар|ра|ру)|septemb(?:ar|ra|ru)|september|sept?|ruj(?:an|na|nu)|руј(?:ан|на|ну))$/u,
  /^(?:октомври|октябр[ьяе]|октоб(?:ар|ра|ру)|oktob(?:ar|ra|ru)|october|oct|listopad[au]?|листопад[ау]?)$/u,
  /^(?:ноември|ноябр[ьяе]|новемб(?:ар|ра|ру)|novemb(?:ar|ra|ru)|november|nov|studen(?:i|oga?|ome)|студен(?:и|ога?|оме))$/u,
  /^(?:декември|декабр[ьяе]|децемб(?:ар|ра|ру)|decemb(?:ar|ra|ru)|december|dec|prosin(?:ac|ca|cu)|просин(?:ац|ца|цу))$/u,
];

const ENGLISH_ABBREVIATIONS = new Set(["may", "jan", "feb", "mar", "apr", "aug", "sep", "sept", "oct", "nov", "dec"]);
const ENGLISH_MONTH = /^(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)$/u;

/**
 * The month (1–12) a word names, or undefined. Slavic month names are lower case, so a capitalised
 * "Марта" (a first name) is not a month; English month names must be capitalised ("may" is a verb).
 * Like scaleOf and unitOf, it runs for every word of every checked sentence, so answers are
 * remembered per word.
 */
export const monthOf = memoize((word: string): number | undefined => {
  const lower = word.toLowerCase();
  if (/^[A-Za-z]+$/u.test(word)) {
    const english = ENGLISH_MONTH.test(word);
    // Lower-case Latin words are Serbian month names ("februar"), never English abbreviations
    // or the verbs "may" and "mar".
    if (!english && (word !== lower || ENGLISH_ABBREVIATIONS.has(lower))) return undefined;
  } else if (word !== lower) {
    return undefined;
  }
  const index = MONTH_PATTERNS.findIndex((pattern) => pattern.test(lower));
  return index === -1 ? undefined : index + 1;
});

/** True when the word is an English month name, for "February 27" (month before day). */
export function isEnglishMonth(word: string): boolean {
  return ENGLISH_MONTH.test(word);
}

const SCALES: ReadonlyArray<readonly [RegExp, number]> = [
  [/^(?:хил|хиляд[аи]|thousands?|тыс|тысяч\p{L}{0,3}|хиљ|хиљад\p{L}{0,3}|hilj|hiljad\p{L}{0,3})$/u, 1e3],
  [/^(?:млн|мил|mil|милион\p{L}{0,3}|millions?|mln|mn|миллион\p{L}{0,3}|milion\p{L}{0,3}|милијун\p{L}{0,2}|milijun\p{L}{0,2})$/u, 1e6],
  [/^(?:млрд|mlrd|милиард\p{L}{0,3}|billions?|bn|bln|миллиард\p{L}{0,3}|милијард\p{L}{0,3}|milijard\p{L}{0,3})$/u, 1e9],
  [/^(?:трлн|трилион\p{L}{0,3}|trillions?|триллион\p{L}{0,3}|trilion\p{L}{0,3})$/u, 1e12],
];

/** The factor a scale word stands for ("млн" → 1e6), or undefined. */
export const scaleOf = memoize((word: string): number | undefined => {
  const lower = word.toLowerCase();
  return SCALES.find(([pattern]) => pattern.test(lower))?.[1];
});

/** Scale letters glued to an amount after a currency sign: "£5m", "$2bn", "€300k". */
export function currencyScaleOf(suffix: string): number | undefined {
  return { k: 1e3, m: 1e6, bn: 1e9, b: 1e9 }[suffix.toLowerCase()];
}

const UNITS: ReadonlyArray<readonly [RegExp, NumberUnit]> = [
  [/^(?:%|процент\p{L}*|процена\p{L}*|percent(?:age)?|одсто|посто|odsto|posto|procen\p{L}*)$/u, "percent"],
  [/^(?:лв|лев|лева|левов|leva|lev|bgn)$/u, "BGN"],
  [/^(?:евро|евра|eur|euros?|evra|evro|€)$/u, "EUR"],
  [/^(?:долар\p{L}*|доллар\p{L}*|dollars?|dolar\p{L}*|usd|\$)$/u, "USD"],
  [/^(?:паунд\p{L}*|фунт\p{L}*|pounds?|funt\p{L}*|gbp|£)$/u, "GBP"],
  [/^(?:рубл\p{L}*|рубаљ\p{L}*|rubal?j?\p{L}*|roubles?|rubles?|rub)$/u, "RUB"],
  [/^(?:динар\p{L}*|dinar\p{L}*|rsd)$/u, "RSD"],
];

/** The unit a word or sign names ("лв", "%", "долара", "$"), or undefined. */
export const unitOf = memoize((word: string): NumberUnit | undefined => {
  const lower = word.toLowerCase();
  return UNITS.find(([pattern]) => pattern.test(lower))?.[1];
});

/** Words that mark an hour: "16 ч.", "16.30 часа", "16h". */
export function isHourWord(word: string): boolean {
  return /^(?:ч|часа|часов|часова|сати|сата|h|hrs|časova|sati|sata)$/u.test(word.toLowerCase());
}

// Cardinal and ordinal numbers written as words, by language ("half" stands for 50%, "сутки" for 24 hours): "value:form|form|…". Only these
// small, unambiguous numbers; the gate treats them as optional evidence, never as required.
const SPELLED_SOURCE: Record<"bg" | "en" | "ru" | "sr", string> = {
  bg: `0:нула 1:един|една|едно|единия|единият|едната|едното 2:два|две|двама|двамата|двете|двата
    3:три|трима|тримата|трите 4:четири|четирима|четиримата|четирите 5:пет|петима|петимата|петте
    6:шест|шестима|шестте 7:седем|седмина|седемте 8:осем|осмина|осемте 9:девет|деветима|деветте
    10:десет|десетима|десетте 11:единадесет|единайсет 12:дванадесет|дванайсет 13:тринадесет|тринайсет
    14:четиринадесет|четиринайсет 15:петнадесет|петнайсет 16:шестнадесет|шестнайсет
    17:седемнадесет|седемнайсет 18:осемнадесет|осемнайсет 19:деветнадесет|деветнайсет
    20:двадесет|двайсет 30:тридесет|трийсет 40:четиридесет|четирийсет 50:петдесет 60:шестдесет
    70:седемдесет 80:осемдесет 90:деветдесет 100:сто|стоте 1000:хиляда|хилядата 50:половин|половината`,
  en: `0:zero|nil 1:one 2:two|both 3:three 4:four 5:five 6:six 7:seven 8:eight 9:nine 10:ten 11:eleven
    12:twelve|dozen 13:thirteen 14:fourteen 15:fifteen 16:sixteen 17:seventeen 18:eighteen 19:nineteen
    20:twenty|twenties 30:thirty|thirties 40:forty|forties 50:fifty|fifties 60:sixty|sixties
    70:seventy|seventies 80:eighty|eighties 90:ninety|nineties 100:hundred 1000:thousand 50:half
    1:first 2:second 3:third 4:fourth 5:fifth 6:sixth 7:seventh 8:eighth 9:ninth 10:tenth
    11:eleventh 12:twelfth 20:twentieth 30:thirtieth`,
  ru: `0:ноль|нуля 1:один|одна|одно|одного|одной|одному|одним|одну|одном 2:два|две|двух|двум|двумя|двое|двоих
    3:три|трёх|трех|трём|трем|тремя|трое|троих 4:четыре|четырёх|четырех|четырём|четырем|четырьмя|четверо
    5:пять|пяти|пятью|пятеро 6:шесть|шести|шестью|шестеро 7:семь|семи|семью|семеро
    8:восемь|восьми|восемью|восьмью 9:девять|девяти|девятью 10:десять|десяти|десятью|десятеро
    11:одиннадцать|одиннадцати 12:двенадцать|двенадцати 13:тринадцать|тринадцати
    14:четырнадцать|четырнадцати 15:пятнадцать|пятнадцати 16:шестнадцать|шестнадцати
    17:семнадцать|семнадцати 18:восемнадцать|восемнадцати 19:девятнадцать|девятнадцати
    20:двадцать|двадцати|двадцатых 30:тридцать|тридцати|тридцатых 40:сорок|сорока|сороковых
    50:пятьдесят|пятидесяти|пятидесятых 60:шестьдесят|шестидесяти|шестидесятых
    70:семьдесят|семидесяти|семидесятых 80:восемьдесят|восьмидесяти|восьмидесятых
    90:девяносто|девяноста|девяностых 100:сто|ста 1000:тысяча|тысячи|тысячу 50:половина|половину|половины 24:сутки|суток`,
  sr: `0:нула 1:један|једна|једно|једног|једнога|једном|једној|једну 2:два|две|двеју|двије|двоје|двојица|двојице
    3:три|трију|троје|тројица|тројице 4:четири|четворо|четворица|четворице 5:пет|петоро|петорица|петорице
    6:шест|шесторо|шесторица 7:седам|седморо 8:осам|осморо 9:девет|деветоро 10:десет|десеторо
    11:једанаест 12:дванаест 13:тринаест 14:четрнаест 15:петнаест 16:шеснаест 17:седамнаест
    18:осамнаест 19:деветнаест 20:двадесет|двадесетих 30:тридесет|тридесетих 40:четрдесет|четрдесетих
    50:педесет|педесетих 60:шездесет|шездесетих 70:седамдесет|седамдесетих 80:осамдесет|осамдесетих
    90:деведесет|деведесетих 100:сто|стотину 1000:хиљаду|хиљада|хиљаде 50:половина|половину|половине`,
};

// Ordinal stems and the adjective endings they take. Serbian "други" is left out: it mostly means "other".
const ORDINALS: Record<"bg" | "ru" | "sr", { stems: string; endings: string }> = {
  bg: { stems: "1:първ 2:втор 3:трет 4:четвърт 5:пет 6:шест 7:седм 8:осм 9:девет 10:десет", endings: "и|а|о|ия|ият|ата|ото|ите" },
  ru: {
    stems: "1:перв 2:втор 4:четвёрт|четверт 5:пят 6:шест 7:седьм 8:восьм 9:девят 10:десят",
    endings: "ый|ой|ая|ое|ые|ого|ому|ым|ом|ую|ых|ыми",
  },
  sr: { stems: "1:прв 3:трећ 4:четврт 5:пет 6:шест 7:седм 8:осм 9:девет 10:десет", endings: "и|а|о|ог|ога|ом|ој|ем|е|у|их|им|има" },
};
const RUSSIAN_THIRD = "третий|третья|третье|третьего|третьему|третьей|третьи|третьих|третьим|третьем|третью";

// sr-Latn forms come from the Cyrillic tables by the plain letter map; these table words hold
// none of the digraph exceptions that make the reverse direction hard.
const SERBIAN_LATIN: Record<string, string> = {
  а: "a", б: "b", в: "v", г: "g", д: "d", ђ: "đ", е: "e", ж: "ž", з: "z", и: "i", ј: "j", к: "k", л: "l", љ: "lj",
  м: "m", н: "n", њ: "nj", о: "o", п: "p", р: "r", с: "s", т: "t", ћ: "ć", у: "u", ф: "f", х: "h", ц: "c", ч: "č",
  џ: "dž", ш: "š",
};
const serbianToLatin = (word: string): string => [...word].map((letter) => SERBIAN_LATIN[letter] ?? letter).join("");

function buildTable(language: NumberLanguage): Map<string, number> {
  const family = language === "sr-Cyrl" || language === "sr-Latn" ? "sr" : language;
  const table = new Map<string, number>();
  for (const entry of SPELLED_SOURCE[family].split(/\s+/u).filter(Boolean)) {
    const [value, forms] = entry.split(":") as [string, string];
    for (const form of forms.split("|")) table.set(form, Number(value));
  }
  if (family !== "en") {
    const { stems, endings } = ORDINALS[family];
    for (const entry of stems.split(" ")) {
      const [value, forms] = entry.split(":") as [string, string];
      for (const stem of forms.split("|")) for (const ending of endings.split("|")) table.set(stem + ending, Number(value));
    }
  }
  if (family === "ru") for (const form of RUSSIAN_THIRD.split("|")) table.set(form, 3);
  if (language === "sr-Latn") return new Map([...table].map(([word, value]) => [serbianToLatin(word), value]));
  return table;
}

const TABLES = new Map<NumberLanguage, Map<string, number>>();

/** The value of a number written as a word in the given language ("пет" → 5, "fifth" → 5), or undefined. */
export function spelledNumberOf(word: string, language: NumberLanguage): number | undefined {
  let table = TABLES.get(language);
  if (table === undefined) {
    table = buildTable(language);
    TABLES.set(language, table);
  }
  return table.get(word.toLowerCase());
}
