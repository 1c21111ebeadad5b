import type { Article } from "./types.js";
import { canonicalUrl, contentHashId, idFromGuid, idFromUrl } from "./article-id.js";
import { composeArticleText, composePlainText } from "./article-text.js";
import { datelineOf } from "./published-date.js";
import { isWholePage, readHtmlFragment, readHtmlPage } from "./html.js";
import { normalizePublished } from "./published-date.js";

/**
 * One article as JSON records and feed entries describe it, before it is laid out as text.
 * @example { id: "42", url: "https://example.bg/a/42", title: "Заглавие", published: "2026-03-04T08:15:00+02:00", text: "…" }
 */
export interface ArticleRecord {
  /** A guid or any id the source gives; URLs get the URL treatment. */
  id?: string;
  url?: string;
  title?: string;
  /** Any date format normalizePublished reads. */
  published?: string;
  /** Plain text; paragraphs separated by blank lines. */
  text?: string;
  /** The outlet: a feed's channel title. */
  outlet?: string;
  /** HTML: a whole page (Readability finds the body) or a fragment that is the content. */
  html?: string;
}

/** Where a record came from and what to do with what cannot be used. */
export interface RecordContext {
  /** E.g. "feed.xml#3", "items.jsonl:12". */
  origin: string;
  /** Used when the record has neither id nor URL: a file name stem. Else the content hash is used. */
  fallbackId?: string;
  /** Where a page was fetched from: resolves relative links; its URL when it names no canonical one. */
  pageUrl?: string;
  warn: (message: string) => void;
}

/**
 * Builds an Article from a record. Id: the record's id (guid), else its URL, else the page's
 * canonical URL, else the URL it was fetched from, else `fallbackId`, else "sha256-" + 16 hex
 * of the text. Returns undefined, after a warning, when the record has no text at all.
 */
export function articleFromRecord(record: ArticleRecord, context: RecordContext): Article | undefined {
  let text: string;
  let hints: Article["hints"];
  let title = record.title;
  let canonical: string | undefined;
  let published = record.published;
  let outlet = record.outlet;
  if (record.html !== undefined && record.html.trim() !== "") {
    const page = isWholePage(record.html)
      ? readHtmlPage(record.html, { url: record.url ?? context.pageUrl, title: record.title })
      : readHtmlFragment(record.html, { title: record.title });
    ({ text, hints } = page);
    title = page.title;
    canonical = page.canonical;
    published ??= page.published ?? page.unreadableDate;
    outlet ??= page.siteName;
  } else if (record.text !== undefined && record.text.trim() !== "") {
    const plain = composePlainText(record.text, record.title);
    ({ text, hints, title } = plain);
    published ??= datelineOf(text);
  } else if (record.title !== undefined && record.title.trim() !== "") {
    // A feed item with a headline only is still news: it is kept, as a title-only article.
    ({ text, hints } = composeArticleText({ title: record.title, paragraphs: [] }));
    title = text;
  } else {
    context.warn(`INPUT_INVALID ${context.origin}: no text, html or title; skipped`);
    return undefined;
  }
  if (text === "") {
    context.warn(`INPUT_INVALID ${context.origin}: the content has no readable text; skipped`);
    return undefined;
  }
  const url = record.url ?? canonical ?? context.pageUrl;
  const id = record.id?.trim()
    ? idFromGuid(record.id)
    : url
      ? idFromUrl(url)
      : (context.fallbackId ?? contentHashId(text));
  const article: Article = { id, text, origin: context.origin };
  if (title) article.title = title;
  if (url) article.url = canonicalUrl(url);
  if (outlet?.trim()) article.outlet = outlet.replace(/\s+/g, " ").trim();
  const normalized = normalizePublished(published);
  if (normalized) article.published = normalized;
  else if (published?.trim()) context.warn(`${context.origin}: published date "${published.trim()}" is not a date prevod reads; left out`);
  if (hints && hints.length > 0) article.hints = hints;
  return article;
}
