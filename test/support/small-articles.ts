import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { checkTranslation } from "../../src/checks/translation.js";
import type { Article } from "../../src/inputs/types.js";
import { MODEL_TARGETS } from "../../src/common/languages.js";
import { analyzeArticle } from "../../src/text/structure.js";
import { parseReference } from "../../src/eval/reference.js";
import { ROOT } from "./cli.js";

/**
 * Short articles (a title and a paragraph of 2 to 4 sentences) made of sentences that have
 * reference translations: from the samples' reference.yaml, and from the human NTREX
 * translations when a file is given. Only sentences the reference answerer can answer so that
 * every gate passes at the first attempt are used: the segmenter keeps them whole, their
 * reference translations pass the translation gates, and (because the answerer summarises a
 * made-up article from its own sentences, split after every . ! ? … “) they hold no number and
 * no inner full stop, and end on one of those marks. A run over these articles costs 7 calls per
 * article: one chunk per target, a summary per target and one quote request.
 */

export interface ReferencedSentence {
  bulgarian: string;
  translations: { en: string; ru: string; "sr-Cyrl": string };
}

/** `count` articles with ids `small-00001`, …, cycling through the usable sentences. */
export function smallArticles(count: number, options: { ntrexFile?: string } = {}): Article[] {
  const sentences = summarisableSentences(options);
  const titles = sentences.filter((sentence) => sentence.split(/\s+/).length <= 12);
  if (titles.length === 0) throw new Error("smallArticles: no usable sentences in the samples");
  return Array.from({ length: count }, (_, index) => {
    const title = titles[(index * 7) % titles.length]!;
    // A body sentence equal to the title would be taken for a repeated title (meta), not body.
    const body = Array.from({ length: 2 + (index % 3) }, (_, offset) => sentences[(index * 5 + offset) % sentences.length]!).filter((sentence) => sentence !== title);
    const id = `small-${String(index + 1).padStart(5, "0")}`;
    return { id, title, text: `${title}\n\n${body.join(" ")}\n`, origin: `generated:${index + 1}` };
  });
}

/** Sentences whose reference translations pass the translation gates, samples first. */
export function referencedSentences(options: { ntrexFile?: string } = {}): ReferencedSentence[] {
  const key = options.ntrexFile ?? "";
  const known = cache.get(key);
  if (known) return known;
  const found = new Map<string, ReferencedSentence>();
  for (const sentence of [...sampleSentences(), ...ntrexSentences(options.ntrexFile)]) {
    if (!found.has(sentence.bulgarian) && usable(sentence)) found.set(sentence.bulgarian, sentence);
  }
  const list = [...found.values()];
  cache.set(key, list);
  return list;
}

const cache = new Map<string, ReferencedSentence[]>();

function summarisableSentences(options: { ntrexFile?: string }): string[] {
  return referencedSentences(options)
    .filter((sentence) => !/\d/.test(sentence.bulgarian + Object.values(sentence.translations).join(" ")))
    .filter((sentence) => !/[.!?…“]\s/.test(sentence.bulgarian) && /[.!?…“]$/.test(sentence.bulgarian))
    .map((sentence) => sentence.bulgarian);
}

function usable(sentence: ReferencedSentence): boolean {
  const { bulgarian } = sentence;
  // A sentence without a full stop would run into the next one of its paragraph.
  if (!/[.!?…]["“”»]?$/.test(bulgarian)) return false;
  const segments = analyzeArticle(`${bulgarian}\n`);
  if (segments.length !== 1 || segments[0]!.text !== bulgarian) return false;
  return MODEL_TARGETS.every((target) =>
    checkTranslation({ target, source: [{ id: "s1", text: bulgarian }], translation: [{ id: "s1", text: sentence.translations[target] }] }).every(
      (result) => result.status === "pass",
    ),
  );
}

function sampleSentences(): ReferencedSentence[] {
  const dir = join(ROOT, "samples");
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, "reference.yaml")))
    .map((entry) => entry.name)
    .sort()
    .flatMap((name) => readReference(join(dir, name, "reference.yaml")));
}

function readReference(file: string): ReferencedSentence[] {
  const reference = parseReference(readFileSync(file, "utf8"), file);
  return reference.translations.map((sentence) => ({
    bulgarian: sentence.bg.replace(/\s+/g, " ").trim(),
    translations: { en: sentence.en, ru: sentence.ru, "sr-Cyrl": sentence["sr-Cyrl"] },
  }));
}

function ntrexSentences(file: string | undefined): ReferencedSentence[] {
  if (!file || !existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Record<string, string | undefined>)
    .filter((row) => row.bul && row.eng && row.rus && row["srp-Cyrl"])
    .map((row) => ({ bulgarian: row.bul!.replace(/\s+/g, " ").trim(), translations: { en: row.eng!, ru: row.rus!, "sr-Cyrl": row["srp-Cyrl"]! } }));
}
