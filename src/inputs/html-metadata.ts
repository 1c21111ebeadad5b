import { textOf } from "./html-blocks.js";
import type { DomDocument } from "./html-dom.js";
import { normalizePublished } from "./published-date.js";

/** What a page says about itself, read from its markup before any content extraction. */
export interface PageMetadata {
  title?: string;
  /** Absolute http(s) URL from `<link rel=canonical>` or `og:url`. */
  canonical?: string;
  /** ISO 8601, from article:published_time, JSON-LD datePublished, meta date names or `<time>`. */
  published?: string;
  /** The outlet's name: og:site_name, application-name, JSON-LD publisher name. */
  siteName?: string;
  /** A date the page gives that could not be read, so the caller can say so. */
  unreadableDate?: string;
}

const DATE_META_NAMES = ["pubdate", "publishdate", "publish-date", "date", "dc.date", "dc.date.issued", "article.published", "sailthru.date"];

/** Reads title, canonical URL and published date; `baseUrl` resolves relative canonical links. */
export function readPageMetadata(document: DomDocument, baseUrl?: string): PageMetadata {
  const metadata: PageMetadata = {};
  const linkedData = readLinkedData(document);
  const title = pickTitle(document, linkedData.headline);
  if (title) metadata.title = title;
  const canonical = absoluteHttpUrl(document.querySelector('link[rel~="canonical"]')?.getAttribute("href"), baseUrl) ??
    absoluteHttpUrl(meta(document, "og:url"), baseUrl);
  if (canonical) metadata.canonical = canonical;
  const siteName = [meta(document, "og:site_name"), meta(document, "application-name"), linkedData.publisher].map((value) => oneLine(value ?? "")).find((value) => value !== "");
  if (siteName) metadata.siteName = siteName;
  const dates = [
    meta(document, "article:published_time"),
    document.querySelector('[itemprop="datePublished"]')?.getAttribute("content") ??
      document.querySelector('[itemprop="datePublished"]')?.getAttribute("datetime"),
    linkedData.datePublished,
    ...DATE_META_NAMES.map((name) => meta(document, name)),
    document.querySelector("time[datetime]")?.getAttribute("datetime"),
  ].filter((value): value is string => typeof value === "string" && value.trim() !== "");
  for (const value of dates) {
    const published = normalizePublished(value);
    if (published) {
      metadata.published = published;
      return metadata;
    }
  }
  if (dates[0] !== undefined) metadata.unreadableDate = dates[0];
  return metadata;
}

function meta(document: DomDocument, key: string): string | undefined {
  for (const element of Array.from(document.querySelectorAll("meta"))) {
    const name = (element.getAttribute("property") ?? element.getAttribute("name") ?? element.getAttribute("itemprop") ?? "").toLowerCase();
    const content = element.getAttribute("content");
    if (name === key && content) return content.trim();
  }
  return undefined;
}

// The headline is the <h1> the page's own <title>/og:title confirms (a logo can be an h1 too),
// else og:title / JSON-LD headline, else a lone h1, else <title> without the site name.
function pickTitle(document: DomDocument, headline: string | undefined): string | undefined {
  const documentTitle = oneLine(document.querySelector("title")?.textContent ?? "");
  const ogTitle = meta(document, "og:title") ?? meta(document, "twitter:title");
  const headings = Array.from(document.querySelectorAll("h1"))
    .map((element) => oneLine(textOf(element)))
    .filter((text) => text !== "");
  const confirmers = [documentTitle, ogTitle, headline].filter((value): value is string => !!value).map((value) => value.toLowerCase());
  const confirmed = headings.find((heading) => confirmers.some((value) => value.includes(heading.toLowerCase())));
  const siteless = documentTitle
    .split(/\s+[|–—:-]{1,2}\s+/)
    .reduce((longest, part) => (part.length > longest.length ? part : longest), "");
  const title = confirmed ?? ogTitle ?? headline ?? (headings.length === 1 ? headings[0] : undefined) ?? siteless;
  return title ? oneLine(title) : undefined;
}

function readLinkedData(document: DomDocument): { datePublished?: string; headline?: string; publisher?: string } {
  const found: { datePublished?: string; headline?: string; publisher?: string } = {};
  const visit = (value: unknown, depth: number): void => {
    if (depth > 6 || value === null || typeof value !== "object") return;
    if (Array.isArray(value)) return value.forEach((entry) => visit(entry, depth + 1));
    const record = value as Record<string, unknown>;
    if (found.datePublished === undefined && typeof record.datePublished === "string") found.datePublished = record.datePublished;
    if (found.headline === undefined && typeof record.headline === "string") found.headline = record.headline;
    const publisher = record.publisher as Record<string, unknown> | undefined;
    if (found.publisher === undefined && publisher !== null && typeof publisher === "object" && typeof publisher.name === "string") found.publisher = publisher.name;
    for (const key of ["@graph", "mainEntity", "mainEntityOfPage", "itemListElement"]) visit(record[key], depth + 1);
  };
  for (const script of Array.from(document.querySelectorAll('script[type="application/ld+json"]'))) {
    try {
      visit(JSON.parse(script.textContent ?? ""), 0);
    } catch {
      // Broken JSON-LD is common on news sites; the other date sources still apply.
    }
  }
  return found;
}

function absoluteHttpUrl(href: string | null | undefined, baseUrl: string | undefined): string | undefined {
  if (!href) return undefined;
  try {
    const url = new URL(href.trim(), baseUrl);
    return url.protocol === "http:" || url.protocol === "https:" ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

function oneLine(value: string): string {
  return value.replace(/\s+/g, " ").trim();
}
