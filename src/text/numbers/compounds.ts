import { memoize } from "../../common/memo.js";
import { toCyrillic } from "../transliterate.js";
import type { NumberLanguage } from "./words.js";

/**
 * Numbers written as words the way professional translators write them, beyond the small table
 * of words.ts: compounds in one word (Serbian "педесетпетогодишњи" 55-year-old, Russian
 * "двадцатипятилетний", Bulgarian "петдесетгодишен"), tens and ordinals of tens ("сорок пятой"
 * is read as "сорок" + "пятой" by the caller), decades ("у тридесетим", "в тридцатых"). Each
 * word is cut into number stems (hundreds, then tens or teens, then units), each stem followed
 * by a linking vowel or an inflection, and an optional ending that makes the compound an
 * adjective of age or duration (-годишњи, -годишен, -летний). Written from the grammars; nothing
 * here is derived from evaluation data.
 */

type Family = "bg" | "ru" | "sr";

/** "value:stem|stem …": the stems a number is built from, per language (Cyrillic). */
const STEMS: Record<Family, string> = {
  sr: `100:сто 200:двеста|двесто 300:триста|тристо 400:четиристо 500:петсто 600:шестсто 700:седамсто
    800:осамсто 900:деветсто
    11:једанаест 12:дванаест 13:тринаест 14:четрнаест 15:петнаест 16:шеснаест 17:седамнаест 18:осамнаест 19:деветнаест
    10:десет 20:двадесет 30:тридесет 40:четрдесет 50:педесет 60:шездесет 70:седамдесет 80:осамдесет 90:деведесет
    1:један|једн|прв 2:два|дв 3:три|тр|трећ 4:четири|четвор|четвер|четврт 5:пет 6:шест 7:седам|седм 8:осам|осм 9:девет`,
  ru: `100:сто|ста 200:двести|двухсот 300:триста|трехсот|трёхсот 400:четыреста|четырехсот|четырёхсот
    500:пятьсот|пятисот 600:шестьсот|шестисот 700:семьсот|семисот 800:восемьсот|восьмисот 900:девятьсот|девятисот
    11:одиннадцат 12:двенадцат 13:тринадцат 14:четырнадцат 15:пятнадцат 16:шестнадцат 17:семнадцат 18:восемнадцат 19:девятнадцат
    10:десят|десят 20:двадцат 30:тридцат 40:сорок|сороков 50:пятьдесят|пятидесят 60:шестьдесят|шестидесят
    70:семьдесят|семидесят 80:восемьдесят|восьмидесят 90:девяност|девяноста
    1:одн|один|перв 2:дв|двух|втор 3:тр|трех|трёх|трет 4:четыр|четырех|четырёх|четвёрт|четверт 5:пят 6:шест 7:сем|седьм
    8:восем|восьм 9:девят`,
  bg: `100:сто 200:двеста 300:триста 400:четиристотин 500:петстотин 600:шестстотин 700:седемстотин
    800:осемстотин 900:деветстотин
    11:единадесет|единайсет 12:дванадесет|дванайсет 13:тринадесет|тринайсет 14:четиринадесет|четиринайсет
    15:петнадесет|петнайсет 16:шестнадесет|шестнайсет 17:седемнадесет|седемнайсет 18:осемнадесет|осемнайсет
    19:деветнадесет|деветнайсет
    10:десет 20:двадесет|двайсет 30:тридесет|трийсет 40:четиридесет|четирийсет 50:петдесет 60:шестдесет
    70:седемдесет 80:осемдесет 90:деветдесет
    1:един|едн|първ 2:два|дву|втор 3:три|трет 4:четири|четвърт 5:пет 6:шест 7:седем|седм 8:осем|осм 9:девет`,
};

/** Linking vowels and inflections a stem may take before the next stem or at the end; longest first. */
const INFLECTION: Record<Family, RegExp> = {
  sr: /^(?:ога|има|ака|ог|ом|ој|ем|их|им|ак|о|е|и|а|у)?/u,
  ru: /^(?:ьего|ого|ому|ыми|ьей|ью|ти|ый|ой|ая|ое|ые|ым|ом|ую|ых|ий|ья|ье|ьи|ух|ь|и|а|о|е)?/u,
  bg: /^(?:мата|ият|ата|ото|ите|ина|ия|те|ма|и|а|о)?/u,
};

/**
 * Units of measurement that close a compound adjective of size: Russian "двухметровый" (2-metre),
 * "трёхкилометровый", Serbian "двометарски", "петокилометарски", Bulgarian "двуметров". The
 * unit is read back by measures.ts (compoundMeasureOf), so "6 фута и 6 инча" → "двухметровый"
 * is a conversion like "2 метра".
 */
const UNIT_STEMS: Record<Family, string> = {
  sr: "(?:кило|санти|мили)?метарск\\p{L}*|(?:кило|санти)?метар\\p{L}*|миљск\\p{L}*|килограмск\\p{L}*|тонск\\p{L}*|инчн\\p{L}*",
  ru: "(?:кило|санти|милли)?метров\\p{L}*|мильн\\p{L}*|футов\\p{L}*|дюймов\\p{L}*|килограммов\\p{L}*|тонн\\p{L}*",
  bg: "(?:кило|санти|мили)?метров\\p{L}*|милн\\p{L}*|футов\\p{L}*|инчов\\p{L}*|килограмов\\p{L}*|тонн\\p{L}*",
};

/** What may follow the number stems: an adjective of age, duration or size, or nothing. */
const COMPOUND_ENDING: Record<Family, RegExp> = {
  sr: new RegExp(String.raw`^(?:годиш\p{L}*|годин\p{L}*|месечн\p{L}*|дневн\p{L}*|спратн\p{L}*|струк\p{L}*|недељн\p{L}*|минутн\p{L}*|часовн\p{L}*|сатн\p{L}*|процентн\p{L}*|${UNIT_STEMS.sr}|)$`, "u"),
  ru: new RegExp(String.raw`^(?:летн\p{L}*|летие\p{L}*|годичн\p{L}*|месячн\p{L}*|дневн\p{L}*|этажн\p{L}*|кратн\p{L}*|недельн\p{L}*|минутн\p{L}*|часов\p{L}*|процентн\p{L}*|${UNIT_STEMS.ru}|)$`, "u"),
  bg: new RegExp(String.raw`^(?:годишн\p{L}*|годишен|годишна|годишно|месечн\p{L}*|дневн\p{L}*|етажн\p{L}*|кратн\p{L}*|седмичн\p{L}*|минутн\p{L}*|часов\p{L}*|процентн\p{L}*|${UNIT_STEMS.bg}|)$`, "u"),
};

interface Stem {
  stem: string;
  value: number;
}

const parsedStems = new Map<Family, Stem[]>();
function stemsOf(family: Family): Stem[] {
  let stems = parsedStems.get(family);
  if (stems === undefined) {
    stems = STEMS[family].trim().split(/\s+/u).flatMap((entry) => {
      const [value, forms] = entry.split(":") as [string, string];
      return forms.split("|").map((stem) => ({ stem, value: Number(value) }));
    });
    // Longest stems first: "двадесет" before "два", "седамнаест" before "седам".
    stems.sort((left, right) => right.stem.length - left.stem.length);
    parsedStems.set(family, stems);
  }
  return stems;
}

/** The magnitude class of a stem: a compound must go down, hundreds → tens → units. */
const rank = (value: number): number => (value >= 100 ? 3 : value >= 10 ? 2 : 1);

interface Parsed {
  value: number;
  stems: number;
  /** True when an adjective ending (-годишњи, -летний) closes the compound. */
  adjective: boolean;
}

/** Every inflection of INFLECTION that `text` starts with, the empty one included. */
function inflections(text: string, family: Family): string[] {
  const alternatives = INFLECTION[family].source.replace(/^\^\(\?:/u, "").replace(/\)\?$/u, "").split("|");
  return ["", ...alternatives.filter((alternative) => text.startsWith(alternative))];
}

function parse(rest: string, family: Family, lastRank: number): Parsed | undefined {
  for (const { stem, value } of stemsOf(family)) {
    if (!rest.startsWith(stem) || rank(value) >= lastRank) continue;
    const afterStem = rest.slice(stem.length);
    // After a teen or ten only units may follow.
    const nextRank = value >= 10 && value < 20 ? 1 : rank(value);
    for (const inflection of inflections(afterStem, family)) {
      // "-ак" makes an approximate ten ("четрдесетак", about forty), never a unit ("петак" is Friday).
      if (inflection.startsWith("ак") && value < 10) continue;
      const after = afterStem.slice(inflection.length);
      if (COMPOUND_ENDING[family].test(after)) return { value, stems: 1, adjective: after !== "" };
      if (value >= 10 && value < 20) continue;
      const more = parse(after, family, nextRank);
      if (more !== undefined) return { value: value + more.value, stems: more.stems + 1, adjective: more.adjective };
    }
  }
  return undefined;
}

/**
 * The value of a number word that is a compound, an inflected ten or a decade, or undefined.
 * Words of fewer than two stems must end in an inflection of a ten or more, so "пет" (five) and
 * "петак" (Friday) are left to the plain table and to no one.
 */
export const compoundNumberOf = memoize((key: string): number | undefined => {
  const [language, raw] = key.split("\u0001") as [NumberLanguage, string];
  if (language === "en") return undefined;
  const family: Family = language === "sr-Cyrl" || language === "sr-Latn" ? "sr" : (language as Family);
  const word = (language === "sr-Latn" ? toCyrillic(raw) : raw).toLowerCase();
  if (word.length < 5) return undefined;
  const parsed = parse(word, family, 4);
  if (parsed === undefined) return undefined;
  // A lone unit stem with an inflection ("шести", "пятой", but also "семья", family) is left to
  // the plain table of words.ts; compounds, tens and age adjectives are read here.
  if (parsed.stems === 1 && parsed.value < 10 && !parsed.adjective) return undefined;
  return parsed.value;
}, 5000);

/** Convenience: the compound value of `word` read in `language`. */
export function compoundNumber(word: string, language: NumberLanguage): number | undefined {
  return compoundNumberOf(`${language}\u0001${word}`);
}
