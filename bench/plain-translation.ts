import { analyzeArticle } from "../src/text/structure.js";
import { translate, type ReferenceBook } from "../test/support/reference-answerer.js";

/**
 * The request a hand-written script sends (the baselines): the whole article in one prompt per
 * target, free text back, no schema, no segmentation, no gates.
 */

const LANGUAGES = { en: "English", ru: "Russian", "sr-Cyrl": "Serbian (Cyrillic script)" } as const;
export type PlainTarget = keyof typeof LANGUAGES;
export const PLAIN_TARGETS = Object.keys(LANGUAGES) as PlainTarget[];

const OPENING = "Translate this Bulgarian news article into ";

export function plainTranslationMessages(text: string, target: PlainTarget) {
  return [
    { role: "system" as const, content: `${OPENING}${LANGUAGES[target]}. Answer with the translation only, paragraph by paragraph.` },
    { role: "user" as const, content: text },
  ];
}

/**
 * The simulator side: recognises a baseline request and answers it with the reference
 * translations of the article's sentences (so its answer is as long as prevod's), or undefined.
 */
export function plainTranslationAnswer(book: ReferenceBook, messages: Array<{ role: string; content: string }>): string | undefined {
  const system = messages.find((message) => message.role === "system")?.content ?? "";
  if (!system.startsWith(OPENING)) return undefined;
  const target = PLAIN_TARGETS.find((tag) => system.startsWith(`${OPENING}${LANGUAGES[tag]}.`)) ?? "en";
  const text = messages.find((message) => message.role === "user")?.content ?? "";
  const paragraphs = new Map<number, string[]>();
  for (const segment of analyzeArticle(text)) {
    const line = paragraphs.get(segment.paragraph) ?? [];
    line.push(translate(book, segment.text, target));
    paragraphs.set(segment.paragraph, line);
  }
  return [...paragraphs.values()].map((sentences) => sentences.join(" ")).join("\n\n");
}
