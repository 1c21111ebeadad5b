import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import type { ArticleResult } from "./article-schema.js";
import { bulletinHead, failedArticles, indexRun, runOnlyFailures, timeOrder, toEntry, toFailedEntry } from "./bulletin-model.js";

const FIXTURE = fileURLToPath(new URL("../../test/fixtures/bulletin", import.meta.url));
const temporary = mkdtempSync(join(tmpdir(), "prevod-bulletin-model-"));
afterAll(() => rmSync(temporary, { recursive: true, force: true }));

const fixtureArticle = (id: string) => JSON.parse(readFileSync(join(FIXTURE, "articles", `${id}.json`), "utf8")) as ArticleResult;

/** A small ok article of our own writing, translated into English only. */
function article(id: string, overrides: Partial<ArticleResult> = {}, source: Partial<ArticleResult["source"]> = {}): ArticleResult {
  return {
    id,
    status: "ok",
    source: { title: `Заглавие ${id}`, origin: `inputs/${id}.txt`, sha256: "0".repeat(64), ...source },
    segments: [
      { id: "s1", kind: "title", text: `Заглавие ${id}`, start: 0, end: 10, paragraph: 0 },
      { id: "s2", kind: "body", text: "Текст.", start: 12, end: 18, paragraph: 1 },
    ],
    translations: { en: { segments: [{ id: "s1", text: `Title ${id}` }, { id: "s2", text: "Text." }], text: `Title ${id}\n\nText.` } },
    summaries: { en: { headline: `Headline ${id}`, summary: "A summary.", key_points: ["A point."] } },
    quotes: [],
    checks: [],
    errors: [],
    usage: { calls: 1, cached: 0, replayed: 0, prompt_tokens: 10, completion_tokens: 5, repairs: 0 },
    ...overrides,
  };
}

let counter = 0;
/** An output folder holding these articles as articles.jsonl (and run.json when given). */
function runFolder(articles: ArticleResult[], run?: object): string {
  const out = join(temporary, `run-${(counter += 1)}`);
  mkdirSync(out);
  writeFileSync(join(out, "articles.jsonl"), articles.map((item) => `${JSON.stringify(item)}\n`).join(""));
  if (run) writeFileSync(join(out, "run.json"), JSON.stringify(run));
  return out;
}

describe("indexRun on the fixture run", () => {
  it("finds every language, orders articles by publication time and keeps the failed one apart", async () => {
    const index = await indexRun(FIXTURE);
    expect(index.languages).toEqual(["en", "ru", "sr-Cyrl", "sr-Latn"]);
    // Input order is metro (14th), varna (undated), burgas (failed), plovdiv (13th).
    expect(timeOrder(index).map((item) => item.id)).toEqual(["plovdiv-free-transport", "sofia-metro-line-3", "varna-security-festival"]);
    expect(failedArticles(index).map((item) => item.id)).toEqual(["burgas-port-strike"]);
    const head = bulletinHead(index, "en");
    expect(head.counts).toEqual({ total: 4, ok: 2, partial: 1, failed: 1, interrupted: 0 });
    expect(head.range).toEqual({ earliest: "2026-03-12T18:25:00+02:00", latest: "2026-03-14T09:12:00+02:00" });
  });

  it("keeps nothing of the articles but ids, statuses, times and where to read them again", async () => {
    const index = await indexRun(FIXTURE);
    expect(Object.keys(index.articles[0]!).sort()).toEqual(["id", "index", "instant", "published", "reference", "status"]);
    expect(index.articles[0]!.reference).toEqual({ offset: 0, length: Buffer.byteLength(readFileSync(join(FIXTURE, "articles.jsonl"), "utf8").split("\n")[0]!) });
  });
});

describe("toEntry and toFailedEntry", () => {
  it("say what a partial article lacks in each language, and fall back to what exists", () => {
    const plovdiv = fixtureArticle("plovdiv-free-transport");
    expect(toEntry(plovdiv, "en").missing).toEqual([]);
    expect(toEntry(plovdiv, "ru").missing).toEqual(["summary"]);
    expect(toEntry(plovdiv, "ru").headline).toEqual({ text: "Пловдив вводит бесплатный городской транспорт в дни с грязным воздухом", lang: "ru" });
    expect(toEntry(plovdiv, "ru").opening).toMatch(/^Городской совет Пловдива решил, что общественный транспорт будет бесплатным/);
    expect(toEntry(plovdiv, "en").opening).toBeUndefined();
    expect(toEntry(plovdiv, "sr-Cyrl").missing).toEqual(["incompleteTranslation", "quoteTranslations"]);
    expect(toEntry(plovdiv, "sr-Cyrl").quotes[0]!.text).toEqual({ text: "Искаме хората да оставят колите у дома, когато въздухът е най-мръсен", lang: "bg" });
  });

  it("never turn a javascript: URL from a feed into a link", () => {
    const varna = toEntry(fixtureArticle("varna-security-festival"), "en");
    expect(varna.url).toBeUndefined();
    expect(varna.origin).toBe("feeds/varna.rss#item-4");
  });

  it("list a failed article with its reasons", () => {
    expect(toFailedEntry(fixtureArticle("burgas-port-strike"))).toEqual({
      id: "burgas-port-strike",
      title: "Пристанище Бургас спира работа заради стачка на докерите",
      url: "https://novini.example/burgas/port-strike",
      origin: "https://novini.example/rss.xml",
      published: "2026-03-12T18:25:00+02:00",
      reasons: ["translate/en: no answer from ollama:gemma3:12b within 120 s (3 attempts)", "translate/ru: no answer from ollama:gemma3:12b within 120 s (3 attempts)"],
    });
  });

  it("show an article in a language the run did not produce by its Bulgarian title, saying what is missing", () => {
    const entry = toEntry(article("only-english"), "ru");
    expect(entry.headline).toEqual({ text: "Заглавие only-english", lang: "bg" });
    expect(entry.missing).toEqual(["summary", "translation"]);
  });

  it("drop quotation marks around a whole quote, since the bulletin adds the language's own", () => {
    const quote = { id: "q1", speaker: "Иван Петров", cue: "каза", kind: "direct" as const, text: "„Ще успеем“", start: 0, end: 1, segment_ids: ["s2"], translations: { en: "“We will make it”", ru: "Ответ — «нет»" } };
    const entry = (language: "en" | "ru" | "sr-Cyrl") => toEntry(article("marks", { quotes: [quote] }), language).quotes[0]!.text.text;
    expect(entry("en")).toBe("We will make it");
    expect(entry("ru")).toBe("Ответ — «нет»");
    expect(entry("sr-Cyrl")).toBe("Ще успеем");
  });

  it("pick up to three key quotes, direct ones first", () => {
    const quote = (id: string, kind: "direct" | "indirect") => ({ id, speaker: "Иван Петров", cue: "каза", kind, text: `цитат ${id}`, start: 0, end: 1, segment_ids: ["s2"], translations: { en: `quote ${id}` } });
    const entry = toEntry(article("quotes", { quotes: [quote("q1", "indirect"), quote("q2", "direct"), quote("q3", "indirect"), quote("q4", "direct"), quote("q5", "direct")] }), "en");
    expect(entry.quotes.map((item) => item.text.text)).toEqual(["quote q2", "quote q4", "quote q5"]);
    expect(entry.quotes[0]!.speaker).toEqual({ text: "Ivan Petrov", lang: "bg-Latn" });
  });
});

describe("ordering and counting", () => {
  it("orders by the moment of publication across zones, keeps input order on ties and puts undated articles last", async () => {
    const index = await indexRun(
      runFolder([
        article("undated"),
        article("sofia-nine", {}, { published: "2026-03-14T09:00:00+02:00" }),
        article("london-half-past-eight", {}, { published: "2026-03-14T08:30:00Z" }),
        article("same-moment", {}, { published: "2026-03-14T07:00:00Z" }),
        article("early", {}, { published: "2026-03-13" }),
      ]),
    );
    expect(timeOrder(index).map((item) => item.id)).toEqual(["early", "sofia-nine", "same-moment", "london-half-past-eight", "undated"]);
    expect(bulletinHead(index, "en").range).toEqual({ earliest: "2026-03-13", latest: "2026-03-14T08:30:00Z" });
  });

  it("lists a failure that only run.json records, and counts interrupted articles", async () => {
    const index = await indexRun(runFolder([article("fine")], { interrupted: true, counts: { interrupted: 2 }, failed: [{ id: "lost", status: "failed", reasons: ["read: connection reset"] }] }));
    expect(runOnlyFailures(index)).toEqual([{ id: "lost", reasons: ["read: connection reset"] }]);
    expect(bulletinHead(index, "en").counts).toEqual({ total: 4, ok: 1, partial: 0, failed: 1, interrupted: 2 });
  });
});
