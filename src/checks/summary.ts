import { LANGUAGE_NAMES, type TargetLanguage } from "../common/languages.js";
import { isBlank } from "./empty.js";
import { checkLanguage } from "./language.js";
import { listNumbers, numbersAbsentFrom } from "./numbers.js";
import type { CheckResult } from "./types.js";

/** A model's summary of one article in one target language, and what it must respect. */
export interface SummaryCheckInput {
  target: TargetLanguage;
  headline: string;
  summary: string;
  keyPoints?: string[];
  /** The article text the summary was made from (body only): every number must occur in it. */
  sourceText: string;
  /** Word limit of the summary. */
  maxWords: number;
  /**
   * Word limit of the headline.
   * @default 20
   */
  maxHeadlineWords?: number;
}

const WORD = /[\p{L}\p{N}]+(?:[-'’.,][\p{L}\p{N}]+)*/gu;

/** Words as a reader counts them: "2,5", "COVID-19" and "don't" are one word each. */
export function countWords(text: string): number {
  return text.match(WORD)?.length ?? 0;
}

/**
 * The gates of a summary: headline and summary present (and no empty key point), word limits,
 * every number occurring in the article (in any format: "5 млн. лв." ↔ "5 million leva"), and
 * the language of the target. Returns every failure and one `pass` per gate that did not fail.
 */
export function checkSummary(input: SummaryCheckInput): CheckResult[] {
  const language = LANGUAGE_NAMES[input.target];
  const maxHeadlineWords = input.maxHeadlineWords ?? 20;
  const parts: Array<{ label: string; text: string; limit?: number }> = [
    { label: "headline", text: input.headline, limit: maxHeadlineWords },
    { label: "summary", text: input.summary, limit: input.maxWords },
    ...(input.keyPoints ?? []).map((text, index) => ({ label: `key point ${index + 1}`, text })),
  ];
  const failures: CheckResult[] = [];
  const fail = (name: string, detail: string) => failures.push({ name, status: "fail", detail });

  for (const part of parts) {
    if (isBlank(part.text)) {
      const limit = part.limit === undefined ? "" : ` of at most ${part.limit} words`;
      fail("summary-present", `${part.label}: empty; write a ${part.label.replace(/ \d+$/u, "")}${limit} in ${language}, from the article`);
      continue;
    }
    const words = countWords(part.text);
    if (part.limit !== undefined && words > part.limit) {
      fail("summary-length", `${part.label}: ${words} words, the limit is ${part.limit}; shorten it`);
    }
    const absent = numbersAbsentFrom(part.text, input.target, input.sourceText);
    if (absent.length > 0) {
      const noun = absent.length === 1 ? "the number" : "the numbers";
      const verb = absent.length === 1 ? "does" : "do";
      fail("numbers", `${part.label}: ${noun} ${listNumbers(absent)} ${verb} not occur in the article; use only numbers the article gives`);
    }
    for (const result of checkLanguage({ target: input.target, text: part.text })) {
      if (result.status === "fail") failures.push({ name: result.name, status: "fail", detail: `${part.label}: ${result.detail}` });
    }
  }

  const failed = new Set(failures.map((result) => result.name));
  const headline = countWords(input.headline);
  const summary = countWords(input.summary);
  const passes: Record<string, string> = {
    "summary-present": `headline, summary${input.keyPoints?.length ? ` and ${input.keyPoints.length} key points` : ""} present`,
    "summary-length": `headline ${headline} of ${maxHeadlineWords} words, summary ${summary} of ${input.maxWords}`,
    numbers: "every number occurs in the article",
    language: `written in ${language}`,
  };
  const results = [...failures];
  for (const [name, detail] of Object.entries(passes)) if (!failed.has(name)) results.push({ name, status: "pass", detail });
  return results;
}
