import type { ArticleResult } from "../outputs/article-schema.js";
import { TARGET_LANGUAGES, type TargetLanguage } from "../common/languages.js";

/** The pipeline steps whose output an expect.yaml can assert on, and where it lives in the article JSON. */
export const ASSERTABLE_STEPS = ["translate", "summarize", "extract-quotes", "transliterate"] as const;
export type AssertableStep = (typeof ASSERTABLE_STEPS)[number];
export type AssertionTarget = TargetLanguage | "all";

/** One piece of a step's output with an id a reader can find in the article JSON ("s4", "headline", "q2"). */
export interface OutputPart {
  id: string;
  text: string;
}

/** A step's output for one target, as text parts; `missing` says why there is none. */
export type StepOutput = { parts: OutputPart[]; missing?: undefined } | { parts?: undefined; missing: string };

function present(keys: Iterable<string>): string {
  const list = [...keys];
  return list.length === 0 ? "none" : list.join(", ");
}

/**
 * Where each step's output lives: translate → translations[target] (per segment);
 * transliterate → translations["sr-Latn"]; summarize → headline, summary, key points;
 * extract-quotes → the Bulgarian quote texts (target "all") or their translations.
 */
export function stepOutput(article: ArticleResult, step: AssertableStep, target: TargetLanguage | "all"): StepOutput {
  if (step === "extract-quotes") {
    if (target === "all") return { parts: article.quotes.map((quote) => ({ id: quote.id, text: quote.text })) };
    const translated = article.quotes.filter((quote) => quote.translations[target] !== undefined);
    if (article.quotes.length > 0 && translated.length === 0) {
      return { missing: `none of the ${article.quotes.length} quotes has a ${target} translation` };
    }
    return { parts: translated.map((quote) => ({ id: quote.id, text: quote.translations[target]! })) };
  }
  if (target === "all") return { missing: `${step} output is per target; name one (${TARGET_LANGUAGES.join(", ")})` };
  if (step === "transliterate" && target !== "sr-Latn") {
    return { missing: `transliterate produces sr-Latn only, not ${target}` };
  }
  if (step === "summarize") {
    const summary = article.summaries[target];
    if (!summary) return { missing: `no ${target} summary in the article (summaries: ${present(Object.keys(article.summaries))})` };
    return {
      parts: [
        { id: "headline", text: summary.headline },
        { id: "summary", text: summary.summary },
        ...summary.key_points.map((text, index) => ({ id: `key_points[${index}]`, text })),
      ],
    };
  }
  const translation = article.translations[target];
  if (!translation) {
    return { missing: `no ${target} translation in the article (translations: ${present(Object.keys(article.translations))})` };
  }
  return { parts: translation.segments.map((segment) => ({ id: segment.id, text: segment.text })) };
}

/** What a step's parts are called in reasons. */
export function partsNoun(step: AssertableStep, count: number): string {
  const noun = step === "extract-quotes" ? "quote" : step === "summarize" ? "part" : "segment";
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

/**
 * Segments a translation lacks: body segments (always translated) and any segment another
 * target has, so a dropped sentence shows even when no gate recorded it.
 */
export function untranslatedSegments(article: ArticleResult, target: TargetLanguage): string[] {
  const have = new Set(article.translations[target]?.segments.map((segment) => segment.id) ?? []);
  const expected = new Set(article.segments.filter((segment) => segment.kind === "body").map((segment) => segment.id));
  for (const translation of Object.values(article.translations)) for (const segment of translation?.segments ?? []) expected.add(segment.id);
  return article.segments.map((segment) => segment.id).filter((id) => expected.has(id) && !have.has(id));
}

/** The text an assertion reads: the joined translation, or the parts one per line. */
export function outputText(article: ArticleResult, step: AssertableStep, target: TargetLanguage, parts: OutputPart[]): string {
  if (step === "translate" || step === "transliterate") return article.translations[target]?.text ?? "";
  return parts.map((part) => part.text).join("\n");
}

/**
 * The targets a step has anything for in the article: output, checks or errors. Used to
 * expand target `all` for per-target steps, so a target that failed outright is not skipped.
 */
export function stepTargets(article: ArticleResult, step: AssertableStep): TargetLanguage[] {
  if (step === "transliterate") return ["sr-Latn"];
  const found = new Set<TargetLanguage>(Object.keys(step === "summarize" ? article.summaries : article.translations) as TargetLanguage[]);
  for (const entry of [...article.checks, ...article.errors]) {
    if (entry.step === step && entry.target !== undefined) found.add(entry.target);
  }
  return TARGET_LANGUAGES.filter((language) => found.has(language));
}

/** Whitespace runs as one space, no leading or trailing space, Unicode NFC. */
export function normalizeSpace(text: string): string {
  return text.normalize("NFC").replace(/\s+/gu, " ").trim();
}

/** A short excerpt around a match, for failure reasons. */
export function excerpt(text: string, index: number, length: number, context = 30): string {
  const start = Math.max(0, index - context);
  const end = Math.min(text.length, index + length + context);
  return `${start > 0 ? "…" : ""}${text.slice(start, end)}${end < text.length ? "…" : ""}`.replace(/\s+/gu, " ");
}

/** A text for a reason: quoted, cut at `limit` characters. */
export function quoteShort(text: string, limit = 60): string {
  const flat = text.replace(/\s+/gu, " ").trim();
  return `"${flat.length > limit ? flat.slice(0, limit - 1) + "…" : flat}"`;
}
