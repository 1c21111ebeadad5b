import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { loadReference, type SampleReference } from "../../src/eval/reference.js";
import { defaultAnswer, type Answerer, type SimRequest } from "./sim/index.js";

/**
 * Answers prevod's translate, summarize and extract-quotes requests the way a good model would,
 * from REFERENCE OUTPUTS written by the prevod authors for the samples (samples/<name>/
 * reference.yaml), and, when ../shared is present, from the human NTREX translations. Nothing
 * here was recorded from a model. Anything else gets the simulator's default schema-valid answer.
 */

type Translations = { en: string; ru: string; "sr-Cyrl": string };

export interface ReferenceBook {
  /** Bulgarian sentence (whitespace-normalised) → its reference translations. */
  sentences: Map<string, Translations>;
  samples: Array<{ name: string; reference: SampleReference; keys: Set<string> }>;
}

const normalise = (text: string) => text.replace(/\s+/g, " ").trim();

export async function loadReferenceBook(samplesDir: string, options: { ntrexFile?: string } = {}): Promise<ReferenceBook> {
  const book: ReferenceBook = { sentences: new Map(), samples: [] };
  for (const name of readdirSync(samplesDir).sort()) {
    const file = join(samplesDir, name, "reference.yaml");
    if (!existsSync(file)) continue;
    const reference = await loadReference(file);
    const keys = new Set<string>();
    for (const sentence of reference.translations) {
      const key = normalise(sentence.bg);
      keys.add(key);
      book.sentences.set(key, { en: sentence.en, ru: sentence.ru, "sr-Cyrl": sentence["sr-Cyrl"] });
    }
    book.samples.push({ name, reference, keys });
  }
  if (options.ntrexFile && existsSync(options.ntrexFile)) {
    for (const line of readFileSync(options.ntrexFile, "utf8").split("\n")) {
      if (!line.trim()) continue;
      const row = JSON.parse(line) as Record<string, string>;
      const key = normalise(row.bul ?? "");
      if (key && !book.sentences.has(key)) book.sentences.set(key, { en: row.eng!, ru: row.rus!, "sr-Cyrl": row["srp-Cyrl"]! });
    }
  }
  return book;
}

export type Task =
  | { kind: "translate"; sentences: Array<{ id: string; text: string }>; target: string }
  | { kind: "summarize"; article: string; target: string; maxWords: number; headlineMaxWords: number; keyPoints: number }
  | { kind: "quotes"; sentences: Array<{ id: string; text: string }> }
  | { kind: "other" };

/** Reads what prevod asked, from the schema's shape and the prompt's data blocks. */
export function parseTask(request: SimRequest): Task {
  const properties = (request.schema?.properties ?? {}) as Record<string, unknown>;
  const user = request.messages.filter((message) => message.role === "user").map((message) => message.content).join("\n\n");
  const system = request.messages.find((message) => message.role === "system")?.content ?? "";
  const json = /```json\n([\s\S]*?)\n```/.exec(user);
  const afterData = (block: RegExpExecArray | null) => (block ? user.slice(block.index + block[0].length) : user);
  const target = (text: string) => /\((en|ru|sr-Cyrl|sr-Latn)\)/.exec(text)?.[1] ?? "en";
  if ("translations" in properties && json) {
    return { kind: "translate", sentences: JSON.parse(json[1]!), target: target(afterData(json)) };
  }
  if ("headline" in properties) {
    // The article is one JSON string in a json block (issue 13: raw text could forge the fence's end).
    const article = json;
    const number = (pattern: RegExp, fallback: number) => Number(pattern.exec(system)?.[1] ?? fallback);
    return {
      kind: "summarize",
      article: article ? String(JSON.parse(article[1]!)) : "",
      target: target(afterData(article)),
      maxWords: number(/summary at most (\d+) words/, 80),
      headlineMaxWords: number(/headline has at most (\d+) words/, 14),
      keyPoints: number(/at most (\d+) key points/, 3),
    };
  }
  if ("quotes" in properties && json) return { kind: "quotes", sentences: JSON.parse(json[1]!) };
  return { kind: "other" };
}

export function referenceAnswerer(book: ReferenceBook): Answerer {
  return (request) => {
    const task = parseTask(request);
    switch (task.kind) {
      case "translate":
        return JSON.stringify({ translations: task.sentences.map((sentence) => ({ id: sentence.id, text: translate(book, sentence.text, task.target) })) });
      case "summarize":
        return JSON.stringify(summarize(book, task));
      case "quotes":
        return JSON.stringify({ quotes: quotes(book, task.sentences) });
      default:
        return defaultAnswer(request);
    }
  };
}

/** A sentence with no reference is answered with a labelled copy, which the gates reject. */
export function translate(book: ReferenceBook, bulgarian: string, target: string): string {
  const found = book.sentences.get(normalise(bulgarian));
  if (!found) return `[no reference] ${bulgarian}`;
  return target === "ru" ? found.ru : target === "sr-Cyrl" ? found["sr-Cyrl"] : found.en;
}

function summarize(book: ReferenceBook, task: Extract<Task, { kind: "summarize" }>) {
  const lines = task.article.split(/\n+/).flatMap((paragraph) => paragraph.split(/(?<=[.!?…“])\s+/));
  const keys = new Set(lines.map(normalise));
  const sample = book.samples.find((candidate) => [...candidate.keys].filter((key) => task.article.includes(key)).length >= candidate.keys.size * 0.6);
  const written = sample?.reference.summaries[task.target as "en" | "ru" | "sr-Cyrl"];
  if (written) return { ...written, key_points: written.key_points.slice(0, task.keyPoints) };
  // An article made up from sample and NTREX sentences: its own first sentences, translated.
  const translated = [...keys].map((key) => book.sentences.get(key)).filter((entry): entry is Translations => !!entry);
  const pick = (entry: Translations) => (task.target === "ru" ? entry.ru : task.target === "sr-Cyrl" ? entry["sr-Cyrl"] : entry.en);
  const words = (text: string, limit: number) => text.split(/\s+/).slice(0, limit).join(" ");
  return {
    headline: translated[0] ? words(pick(translated[0]), task.headlineMaxWords) : "",
    summary: words(translated.slice(1, 3).map(pick).join(" "), task.maxWords),
    key_points: [],
  };
}

function quotes(book: ReferenceBook, sentences: Array<{ text: string }>) {
  const article = sentences.map((sentence) => sentence.text).join(" ");
  const found = [];
  for (const sample of book.samples) {
    for (const quote of sample.reference.quotes) {
      const surname = quote.speaker.split(/\s+/).pop() ?? quote.speaker;
      if (article.includes(quote.text) && article.includes(surname.slice(0, Math.max(3, surname.length - 2)))) found.push(quote);
    }
  }
  return found.sort((a, b) => article.indexOf(a.text) - article.indexOf(b.text));
}
