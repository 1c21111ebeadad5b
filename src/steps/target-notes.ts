import type { TargetLanguage } from "../common/languages.js";

/**
 * What a model most often gets wrong per target, said in the prompt's per-target part. These are
 * the same faults the gates catch afterwards; saying them first saves re-asks.
 */
export const TARGET_NOTES: Record<TargetLanguage, string> = {
  en: "Write natural British or American news English. Transliterate Bulgarian names the standard English way (Токаев → Tokayev, Вучич → Vucic). Keep every number, date and amount; write decimals with a point (2,5 → 2.5).",
  ru: "Write standard Russian. Do not leave Bulgarian words or letters (ѝ, 'що', 'е' as a verb) in the text; Russian uses ы, э, ё where Bulgarian does not. Keep every number, date and amount; decimals keep the comma (2,5).",
  "sr-Cyrl": "Write standard Serbian (ekavian) in Cyrillic script. Use ђ ћ ј љ њ џ; never use the letters ы э ё ъ щ й, which are Russian or Bulgarian. Keep every number, date and amount; decimals keep the comma (2,5).",
  "sr-Latn": "Write standard Serbian (ekavian) in Latin script (č ć đ š ž, dž lj nj). Keep every number, date and amount.",
};
