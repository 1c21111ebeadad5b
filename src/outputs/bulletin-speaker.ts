import type { TargetLanguage } from "../common/languages.js";

/** A piece of text and the BCP 47 tag of its language and script, for `lang` attributes. */
export interface TaggedText {
  text: string;
  lang: TargetLanguage | "bg" | "bg-Latn";
}

/**
 * Bulgarian → Latin by Bulgaria's official Streamlined System (Transliteration Act, 2009),
 * the spelling Bulgarian names have in passports and in English-language media:
 * Бойко Борисов → Boyko Borisov, Щерев → Shterev, Мария → Maria (final -ия is -ia).
 */
const STREAMLINED: Record<string, string> = {
  а: "a", б: "b", в: "v", г: "g", д: "d", е: "e", ж: "zh", з: "z", и: "i", й: "y", к: "k", л: "l",
  м: "m", н: "n", о: "o", п: "p", р: "r", с: "s", т: "t", у: "u", ф: "f", х: "h", ц: "ts", ч: "ch",
  ш: "sh", щ: "sht", ъ: "a", ь: "y", ю: "yu", я: "ya",
};

/**
 * Bulgarian → Serbian Latin: how Serbian writes Bulgarian names (Петър → Petar, Мария → Marija,
 * Щерев → Šterev). The Serbian transliterator cannot be used as is: it leaves the letters
 * Serbian lacks (ъ щ ю я й ь) in Cyrillic.
 */
const SERBIAN_LATIN: Record<string, string> = {
  а: "a", б: "b", в: "v", г: "g", д: "d", е: "e", ж: "ž", з: "z", и: "i", й: "j", к: "k", л: "l",
  м: "m", н: "n", о: "o", п: "p", р: "r", с: "s", т: "t", у: "u", ф: "f", х: "h", ц: "c", ч: "č",
  ш: "š", щ: "št", ъ: "a", ь: "j", ю: "ju", я: "ja",
};

function romanize(name: string, table: Record<string, string>, finalIa: boolean): string {
  return name.replace(/[\p{L}\p{M}]+/gu, (word) => {
    if (!/[а-яѐ-ѝ]/iu.test(word)) return word;
    const allCapitals = word.length > 1 && word === word.toUpperCase();
    let result = "";
    for (let index = 0; index < word.length; index += 1) {
      const letter = word[index]!;
      const lower = letter.toLowerCase();
      // Streamlined System: a word-final -ия is -ia (България → Bulgaria), not -iya.
      const finalIaLetter = finalIa && lower === "я" && index === word.length - 1 && word[index - 1]?.toLowerCase() === "и";
      let latin = finalIaLetter ? "a" : table[lower];
      if (latin === undefined) {
        result += letter;
        continue;
      }
      if (letter !== lower) latin = allCapitals ? latin.toUpperCase() : latin[0]!.toUpperCase() + latin.slice(1);
      result += latin;
    }
    return result;
  });
}

/**
 * A quote's speaker as a bulletin in `language` shows it. Names stay in Bulgarian Cyrillic for
 * Russian and Serbian Cyrillic readers (both read it at sight); English gets the official
 * Bulgarian romanisation and Serbian Latin the Serbian one, tagged `bg-Latn`.
 */
export function bulletinSpeaker(name: string, language: TargetLanguage): TaggedText {
  if (language === "en") return { text: romanize(name, STREAMLINED, true), lang: "bg-Latn" };
  if (language === "sr-Latn") return { text: romanize(name, SERBIAN_LATIN, false), lang: "bg-Latn" };
  return { text: name, lang: "bg" };
}
