/** Languages prevod translates into (BCP 47). sr-Latn is derived from sr-Cyrl by transliteration. */
export const TARGET_LANGUAGES = ["en", "ru", "sr-Cyrl", "sr-Latn"] as const;
export type TargetLanguage = (typeof TARGET_LANGUAGES)[number];

/** Targets a model translates directly; sr-Latn is never asked of a model. */
export const MODEL_TARGETS = ["en", "ru", "sr-Cyrl"] as const satisfies readonly TargetLanguage[];

/** Every tag language identification may answer. `und`: cannot tell. */
export const DETECTABLE_LANGUAGES = ["bg", "ru", "sr-Cyrl", "sr-Latn", "mk", "hr", "bs", "en", "und"] as const;
export type DetectedLanguage = (typeof DETECTABLE_LANGUAGES)[number];

export const LANGUAGE_NAMES: Record<TargetLanguage | "bg", string> = {
  bg: "Bulgarian",
  en: "English",
  ru: "Russian",
  "sr-Cyrl": "Serbian (Cyrillic script)",
  "sr-Latn": "Serbian (Latin script)",
};

export function isTargetLanguage(value: string): value is TargetLanguage {
  return (TARGET_LANGUAGES as readonly string[]).includes(value);
}
