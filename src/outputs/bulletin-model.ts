import { TARGET_LANGUAGES, type TargetLanguage } from "../common/languages.js";
import type { ArticleResult, ArticleStatus } from "./article-schema.js";
import { bulletinSpeaker, type TaggedText } from "./bulletin-speaker.js";
import { locateRunArticles, readRunFacts, scanRunArticles, type ArticleLocation, type ArticleReference, type RunFacts } from "./bulletin-source.js";
import { publishedInstant, type MissingPart } from "./bulletin-words.js";

/** Quotes shown per article: direct ones first, in article order. */
const KEY_QUOTES = 3;

/** One article of the run as the first pass saw it: just enough to order, count and find it again. */
export interface IndexedArticle {
  id: string;
  /** Position in the run's input order. */
  index: number;
  status: ArticleStatus;
  published?: string;
  instant?: number;
  reference: ArticleReference;
}

/** The run, indexed in one streaming pass; article contents are read again one at a time. */
export interface RunIndex {
  location: ArticleLocation;
  articles: IndexedArticle[];
  /** Target languages that occur anywhere in the results, in the usual order. */
  languages: TargetLanguage[];
  run?: RunFacts;
}

/** The header of one language's bulletin. */
export interface BulletinHead {
  language: TargetLanguage;
  /** Earliest and latest publication time among the run's articles; absent when none has one. */
  range?: { earliest: string; latest: string };
  counts: { total: number; ok: number; partial: number; failed: number; interrupted: number };
  inputError?: string;
  /** The zone times are shown in (IANA name); absent: as the source gave them. */
  timeZone?: string;
  /** The period as the title gives it, already formatted (a requested window); else `range`. */
  period?: string;
}

/** One quote as a bulletin shows it; a quote not translated into the language stays Bulgarian. */
export interface BulletinQuote {
  kind: "direct" | "indirect";
  text: TaggedText;
  speaker: TaggedText;
}

/** One ok or partial article in one language. */
export interface BulletinEntry {
  id: string;
  status: "ok" | "partial";
  /** ISO 8601 as the source gave it. */
  published?: string;
  /** The summary headline; else the translated title; else the Bulgarian title; else the id. */
  headline: TaggedText;
  /** An http(s) link to the article; other URLs are never made links. */
  url?: string;
  origin: string;
  summary?: string;
  /** With no summary: the first paragraph of the translation, so the reader still learns the gist. */
  opening?: string;
  keyPoints: string[];
  quotes: BulletinQuote[];
  /** What this language lacks (for partial articles, or a language the run did not target). */
  missing: MissingPart[];
  /** Relative link to the article's own page (articles/<id>.html). */
  page?: string;
  /** The outlet's name: feed title, site name, else the domain. */
  outlet?: string;
  /** Other outlets that carried the same story. */
  also?: string[];
  topic?: string;
}

/** An article that failed: listed with its reasons, never hidden. */
export interface FailedEntry {
  id: string;
  /** The Bulgarian source title, when known. */
  title?: string;
  url?: string;
  origin?: string;
  published?: string;
  reasons: string[];
}

/** A bulletin format as the pieces a writer puts together, article by article. */
export interface BulletinFormatter {
  /** The document's start and header. */
  start(head: BulletinHead): string;
  entry(entry: BulletinEntry, head: BulletinHead): string;
  /** Opens the "Not translated" section; called only when there are failed articles. */
  failedStart(head: BulletinHead): string;
  failed(entry: FailedEntry, head: BulletinHead): string;
  end(head: BulletinHead): string;
  /** A topic's heading, when the bulletin is grouped by topic. */
  group?(name: string, head: BulletinHead): string;
}

export async function indexRun(outputDir: string): Promise<RunIndex> {
  const location = await locateRunArticles(outputDir);
  const articles: IndexedArticle[] = [];
  const present = new Set<string>();
  for await (const { article, reference } of scanRunArticles(location)) {
    for (const key of [...Object.keys(article.translations), ...Object.keys(article.summaries), ...article.quotes.flatMap((quote) => Object.keys(quote.translations))]) present.add(key);
    const { published } = article.source;
    const instant = publishedInstant(published);
    articles.push({ id: article.id, index: articles.length, status: article.status, ...(published !== undefined ? { published } : {}), ...(instant !== undefined ? { instant } : {}), reference });
  }
  const run = await readRunFacts(outputDir);
  return { location, articles, languages: TARGET_LANGUAGES.filter((language) => present.has(language)), ...(run ? { run } : {}) };
}

/** Ok and partial articles in time order: published, else input order; undated ones last. */
export function timeOrder(index: RunIndex): IndexedArticle[] {
  return index.articles.filter((article) => article.status !== "failed").sort(byTime);
}

/** Failed articles with a result file, in input order. */
export function failedArticles(index: RunIndex): IndexedArticle[] {
  return index.articles.filter((article) => article.status === "failed");
}

/** Failures run.json records without an article result; they must still be listed. */
export function runOnlyFailures(index: RunIndex): FailedEntry[] {
  const known = new Set(index.articles.map((article) => article.id));
  return (index.run?.failed ?? []).filter((entry) => entry.status === "failed" && !known.has(entry.id)).map((entry) => ({ id: entry.id, reasons: entry.reasons }));
}

export function bulletinHead(index: RunIndex, language: TargetLanguage): BulletinHead {
  const count = (status: ArticleStatus) => index.articles.filter((article) => article.status === status).length;
  const failed = count("failed") + runOnlyFailures(index).length;
  const interrupted = index.run?.interruptedCount ?? 0;
  const dated = index.articles.filter((article) => article.instant !== undefined).sort(byTime);
  return {
    language,
    ...(dated.length > 0 ? { range: { earliest: dated[0]!.published!, latest: dated[dated.length - 1]!.published! } } : {}),
    counts: { total: count("ok") + count("partial") + failed + interrupted, ok: count("ok"), partial: count("partial"), failed, interrupted },
    ...(index.run?.error ? { inputError: index.run.error } : {}),
  };
}

function byTime(a: IndexedArticle, b: IndexedArticle): number {
  if (a.instant !== undefined && b.instant !== undefined && a.instant !== b.instant) return a.instant - b.instant;
  if (a.instant === undefined && b.instant !== undefined) return 1;
  if (a.instant !== undefined && b.instant === undefined) return -1;
  return a.index - b.index;
}

/** What `language`'s bulletin shows of one ok or partial article. */
export function toEntry(article: ArticleResult, language: TargetLanguage): BulletinEntry {
  const { source } = article;
  const translation = article.translations[language];
  const summary = article.summaries[language];
  const titleIds = new Set(article.segments.filter((segment) => segment.kind === "title").map((segment) => segment.id));
  const title = translation?.segments.filter((segment) => titleIds.has(segment.id)).map((segment) => segment.text.trim()).join(" ");
  const headline: TaggedText = summary?.headline.trim()
    ? { text: summary.headline.trim(), lang: language }
    : title
      ? { text: title, lang: language }
      : source.title?.trim()
        ? { text: source.title.trim(), lang: "bg" }
        : { text: article.id, lang: language };

  const ranked = [...article.quotes.filter((quote) => quote.kind === "direct"), ...article.quotes.filter((quote) => quote.kind === "indirect")];
  const quotes = ranked.slice(0, KEY_QUOTES).map((quote): BulletinQuote => {
    const translated = unquoted(quote.translations[language] ?? "");
    return { kind: quote.kind, text: translated ? { text: translated, lang: language } : { text: unquoted(quote.text), lang: "bg" }, speaker: bulletinSpeaker(quote.speaker, language) };
  });

  const missing: MissingPart[] = [];
  const summaryText = summary?.summary.trim();
  if (!summaryText) missing.push("summary");
  if (!translation) missing.push("translation");
  else if (article.status === "partial" && !translationComplete(article, language)) missing.push("incompleteTranslation");
  if (quotes.some((quote) => quote.text.lang === "bg")) missing.push("quoteTranslations");

  const opening = summaryText ? undefined : openingParagraph(article, language);
  const url = webLink(source.url);
  return {
    id: article.id,
    status: article.status === "partial" ? "partial" : "ok",
    ...(source.published !== undefined ? { published: source.published } : {}),
    headline,
    ...(url ? { url } : {}),
    origin: source.origin,
    ...(summaryText ? { summary: summaryText } : {}),
    ...(opening ? { opening } : {}),
    keyPoints: (summary?.key_points ?? []).map((point) => point.trim()).filter((point) => point !== ""),
    quotes,
    missing,
  };
}

/** The translated sentences of the first body paragraph. */
function openingParagraph(article: ArticleResult, language: TargetLanguage): string | undefined {
  const translated = new Map(article.translations[language]?.segments.map((segment) => [segment.id, segment.text.trim()]));
  const body = article.segments.filter((segment) => segment.kind === "body" && translated.has(segment.id));
  if (body.length === 0) return undefined;
  return body.filter((segment) => segment.paragraph === body[0]!.paragraph).map((segment) => translated.get(segment.id)).join(" ");
}

/** Renderers add the language's own quotation marks, so marks around the whole quote go. */
function unquoted(text: string): string {
  const trimmed = text.trim();
  return /^["„“«‘'‚]/u.test(trimmed) && /["“”»’']$/u.test(trimmed) ? trimmed.slice(1, -1).trim() : trimmed;
}

/**
 * A complete translation covers the title and body, plus whatever any language translated
 * (reader comments, when the pipeline translates them).
 */
function translationComplete(article: ArticleResult, language: TargetLanguage): boolean {
  const expected = new Set(article.segments.filter((segment) => segment.kind === "title" || segment.kind === "body").map((segment) => segment.id));
  for (const translation of Object.values(article.translations)) for (const segment of translation.segments) expected.add(segment.id);
  const covered = new Set(article.translations[language]?.segments.map((segment) => segment.id));
  return [...expected].every((id) => covered.has(id));
}

export function toFailedEntry(article: ArticleResult): FailedEntry {
  const { source } = article;
  const url = webLink(source.url);
  return {
    id: article.id,
    ...(source.title?.trim() ? { title: source.title.trim() } : {}),
    ...(url ? { url } : {}),
    origin: source.origin,
    ...(source.published !== undefined ? { published: source.published } : {}),
    reasons: article.errors.map((error) => `${error.step}${error.target ? `/${error.target}` : ""}: ${error.message}`),
  };
}

/** Only absolute http(s) URLs become links: `javascript:` and the like in a feed stay text. */
export function webLink(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    const parsed = new URL(url.trim());
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}
