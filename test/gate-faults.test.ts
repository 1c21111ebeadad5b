import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runPipeline } from "../src/engine/run-pipeline.js";
import type { ArticleResult } from "../src/outputs/article-schema.js";
import { ROOT, temporaryDirectory } from "./support/cli.js";
import { planFor, sampleArticles } from "./support/pipeline.js";
import { loadReferenceBook, parseTask, referenceAnswerer, type ReferenceBook } from "./support/reference-answerer.js";
import { startOllamaSimulator, type SimRequest, type Simulator } from "./support/sim/index.js";
import { readFileSync } from "node:fs";

/**
 * Issue 4, "must show": each content fault a model makes — wrong language, Russian letters in
 * Serbian, the source copied, a dropped number, a quote that is not verbatim, a quote taken from a
 * reader comment, a number invented in a summary — is caught by a gate, re-asked with the reason in
 * the prompt, and recorded in the article when it persists.
 */
type Mutation = (content: string, request: SimRequest, book: ReferenceBook) => string | undefined;

interface Scenario {
  name: string;
  sample: string;
  /** Changes the answer of matching requests; undefined leaves it alone. */
  mutate: Mutation;
  gate: string;
  /** Words of the gate's reason that the re-ask must carry. */
  reason: RegExp;
}

const translationsOf = (content: string) => (JSON.parse(content) as { translations: Array<{ id: string; text: string }> }).translations;
const withTranslations = (items: Array<{ id: string; text: string }>) => JSON.stringify({ translations: items });

const scenarios: Scenario[] = [
  {
    name: "Bulgarian copied into a Russian answer",
    sample: "court-ruling",
    gate: "language",
    reason: /expected Russian, found Bulgarian/,
    mutate: (content, request) => {
      const task = parseTask(request);
      if (task.kind !== "translate" || task.target !== "ru") return undefined;
      const items = translationsOf(content);
      const source = task.sentences.find((sentence) => sentence.text.length > 60)!;
      // One untranslated sentence inside an otherwise good answer; lightly edited so it is not a verbatim copy.
      return withTranslations(items.map((item) => (item.id === source.id ? { ...item, text: source.text.replace(/\.$/, "!") } : item)));
    },
  },
  {
    name: "English text in a Serbian answer",
    sample: "court-ruling",
    gate: "language",
    reason: /expected Serbian/,
    mutate: (content, request, book) => {
      const task = parseTask(request);
      if (task.kind !== "translate" || task.target !== "sr-Cyrl") return undefined;
      const source = task.sentences.find((sentence) => sentence.text.length > 60)!;
      const english = book.sentences.get(source.text.replace(/\s+/g, " ").trim())!.en;
      return withTranslations(translationsOf(content).map((item) => (item.id === source.id ? { ...item, text: english } : item)));
    },
  },
  {
    name: "Russian letters in Serbian Cyrillic",
    sample: "court-ruling",
    gate: "script",
    reason: /ы|э/,
    mutate: (content, request) => {
      const task = parseTask(request);
      if (task.kind !== "translate" || task.target !== "sr-Cyrl") return undefined;
      const items = translationsOf(content);
      return withTranslations(items.map((item, index) => (index === 0 ? { ...item, text: item.text.replace(/и/, "ы") } : item)));
    },
  },
  {
    name: "the source copied as the English answer",
    sample: "court-ruling",
    gate: "copied-source",
    reason: /unchanged|copied|source/i,
    mutate: (content, request) => {
      const task = parseTask(request);
      if (task.kind !== "translate" || task.target !== "en") return undefined;
      const source = task.sentences.find((sentence) => sentence.text.length > 60)!;
      return withTranslations(translationsOf(content).map((item) => (item.id === source.id ? { ...item, text: source.text } : item)));
    },
  },
  {
    name: "a dropped number",
    sample: "inflation-report",
    gate: "numbers",
    reason: /number|missing/i,
    mutate: (content, request) => {
      const task = parseTask(request);
      if (task.kind !== "translate" || task.target !== "en") return undefined;
      const items = translationsOf(content);
      const victim = items.find((item) => /\d{2,}/.test(item.text));
      if (!victim) return undefined;
      return withTranslations(items.map((item) => (item === victim ? { ...item, text: item.text.replace(/\d{2,}/, "several") } : item)));
    },
  },
  {
    name: "a quote that is not verbatim",
    sample: "varna-buses",
    gate: "quote-verbatim",
    reason: /not in the article word for word/,
    mutate: (content, request) => {
      if (parseTask(request).kind !== "quotes") return undefined;
      const answer = JSON.parse(content) as { quotes: Array<{ text: string }> };
      answer.quotes[0]!.text = answer.quotes[0]!.text.replace("Новите автобуси", "Новите електробуси");
      return JSON.stringify(answer);
    },
  },
  {
    name: "a quote taken from a reader comment",
    sample: "varna-buses",
    gate: "quote-source",
    reason: /comment/i,
    mutate: (content, request) => {
      if (parseTask(request).kind !== "quotes") return undefined;
      const answer = JSON.parse(content) as { quotes: Array<{ speaker: string; cue: string; kind: string; text: string }> };
      answer.quotes.push({ speaker: "Стефан Драганов", cue: "каза", kind: "direct", text: "нови автобуси до лятото" });
      return JSON.stringify(answer);
    },
  },
  {
    name: "a number in a summary that the article does not have",
    sample: "inflation-report",
    gate: "numbers",
    reason: /not in the (source|article)|does not occur|absent|not found/i,
    mutate: (content, request) => {
      const task = parseTask(request);
      if (task.kind !== "summarize" || task.target !== "en") return undefined;
      const answer = JSON.parse(content) as { summary: string };
      answer.summary = `${answer.summary} Prices rose by 97% in one district.`;
      return JSON.stringify(answer);
    },
  },
];

let simulator: Simulator;
let book: ReferenceBook;
let mutation: { mutate: Mutation; persist: boolean } | undefined;
const temporary = temporaryDirectory();

beforeAll(async () => {
  book = await loadReferenceBook(join(ROOT, "samples"));
  simulator = await startOllamaSimulator({
    answer: referenceAnswerer(book),
    models: ["gates:7b"],
    parallel: 8,
    faults: (request) => {
      if (!mutation) return undefined;
      const isReask = request.messages.some((message) => message.role === "user" && /rejected|fixing these problems/.test(message.content));
      if (isReask && !mutation.persist) return undefined;
      const { mutate } = mutation;
      return { kind: "mutate", apply: (content, sim) => mutate(content, sim, book) ?? content };
    },
  });
});
afterAll(async () => {
  await simulator?.close();
  temporary.cleanup();
});

async function run(scenario: Scenario, persist: boolean, label: string): Promise<{ article: ArticleResult; requests: SimRequest[] }> {
  mutation = { mutate: scenario.mutate, persist };
  const outputDir = join(temporary.dir, label);
  const plan = await planFor({ host: simulator.url, model: "gates:7b", outputDir });
  const before = simulator.requests.length;
  const article = sampleArticles().find((sample) => sample.id === scenario.sample)!;
  await runPipeline({ plan, articles: [article], cache: false });
  mutation = undefined;
  const requests = simulator.requests.slice(before).filter((request) => request.index !== undefined);
  const result = JSON.parse(readFileSync(join(outputDir, "articles", `${scenario.sample}.json`), "utf8")) as ArticleResult;
  return { article: result, requests: requests.map((request) => ({ messages: (request.body as { messages: SimRequest["messages"] }).messages }) as SimRequest) };
}

describe.each(scenarios)("gate fault: $name", (scenario) => {
  it("is caught, re-asked with the reason, and the re-ask is accepted", async () => {
    const { article, requests } = await run(scenario, false, `${scenario.name}-once`.replace(/\W+/g, "-"));
    const reasks = requests.filter((request) => request.messages.some((message) => message.role === "user" && /rejected|fixing these problems/.test(message.content)));
    expect(reasks.length).toBeGreaterThan(0);
    expect(reasks.map((request) => request.messages.map((message) => message.content).join("\n")).join("\n")).toMatch(scenario.reason);
    expect(article.status).toBe("ok");
    expect(article.errors).toEqual([]);
    expect(article.usage.repairs).toBeGreaterThan(0);
  });

  it("is recorded in checks[] and the status when it persists", async () => {
    const { article } = await run(scenario, true, `${scenario.name}-always`.replace(/\W+/g, "-"));
    expect(article.status).toBe("partial");
    const failures = article.checks.filter((check) => check.status === "fail" && check.name === scenario.gate);
    expect(failures.length).toBeGreaterThan(0);
    expect(failures[0]!.detail).toMatch(scenario.reason);
    expect(article.errors.some((error) => error.code === "GATE_FAILED")).toBe(true);
  });
});
