import type { TargetLanguage } from "../common/languages.js";

/**
 * What a model most often gets wrong per target, said in the prompt's per-target part. These are
 * the same faults the gates catch afterwards; saying them first saves re-asks.
 */
export const TARGET_NOTES: Record<TargetLanguage, string> = {
  en: [
    "Write natural news English. Keep every number, date and amount; write decimals with a point (2,5 → 2.5).",
    "Bulgarian names take the official Bulgarian romanisation: ж zh, ц ts, ч ch, ш sh, щ sht, ъ a, ю yu, я ya, й y, х h (Христо → Hristo, Щерев → Shterev, Търново → Tarnovo, Жеков → Zhekov); other people keep the usual English spelling of their own name (Вучич → Vucic, Токаев → Tokayev).",
    "Quotation marks: “…” (or \"…\"). A quotation may open in one sentence and close in a later one: keep each mark in the sentence where it stands.",
  ].join("\n"),
  ru: [
    "Write standard Russian. Do not leave Bulgarian words or letters (ѝ, 'що', 'е' as a verb) in the text; Russian uses ы, э, ё where Bulgarian does not. Keep every number, date and amount; decimals keep the comma (2,5).",
    "Quotation marks: «…» („…“ inside a quotation). A quotation may open in one sentence and close in a later one: keep each mark in the sentence where it stands.",
  ].join("\n"),
  "sr-Cyrl": [
    "Write standard Serbian in Cyrillic script, ekavian, never ijekavian or Croatian: дете (not дијете), река (not ријека), млеко (not млијеко), хиљада (not тисућа), воз (not влак). Use ђ ћ ј љ њ џ; never the letters ы э ё ъ щ й, which are Russian or Bulgarian. Keep every number, date and amount; decimals keep the comma (2,5).",
    "Bulgarian names in Serbian Cyrillic: й → ј, щ → шт, ъ → а, я → ја, ю → ју (Бойко → Бојко, Щерев → Штерев, Мария → Марија, Търново → Трново).",
    "Quotation marks: „…“. A quotation may open in one sentence and close in a later one: keep each mark in the sentence where it stands.",
  ].join("\n"),
  "sr-Latn": "Write standard Serbian (ekavian) in Latin script (č ć đ š ž, dž lj nj). Keep every number, date and amount.",
};
