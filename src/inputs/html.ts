import { Readability } from "@mozilla/readability";
import type { StructureHint } from "../text/types.js";
import { composeArticleText, type ReaderComment } from "./article-text.js";
import { blocksOf } from "./html-blocks.js";
import { extractComments } from "./html-comments.js";
import { parseDocument, type DomElement } from "./html-dom.js";
import { readPageMetadata } from "./html-metadata.js";

/** An article read from HTML: its laid-out text and what the markup said about it. */
export interface HtmlArticle {
  text: string;
  hints: StructureHint[];
  title?: string;
  canonical?: string;
  published?: string;
  /** A date the page gives that could not be read. */
  unreadableDate?: string;
  /** The outlet's name from the page's metadata (og:site_name …). */
  siteName?: string;
  comments: ReaderComment[];
}

// Page furniture that is never article body when Readability finds no article and the whole
// body is used instead.
const FURNITURE = /^(nav|header|footer|aside|form|menu)$/;

/** True when the HTML is a whole page rather than a fragment (feed content, a JSON `html` field). */
export function isWholePage(html: string): boolean {
  return /<!doctype\s+html|<(html|head|body)[\s>]/i.test(html.slice(0, 4096));
}

/**
 * Reads a whole page: the reader-comment thread is taken out first (so it never leaks into the
 * body), metadata is read, then @mozilla/readability finds the article body. `title` overrides
 * the page's own (a feed or JSON record may know it better); `url` resolves relative links.
 */
export function readHtmlPage(html: string, options: { url?: string; title?: string } = {}): HtmlArticle {
  const document = parseDocument(html);
  const comments = extractComments(document);
  const metadata = readPageMetadata(document, options.url);
  // Readability's types expect the DOM lib's Document; linkedom's document is one at run time.
  const readable = new Readability(document as never, { charThreshold: 200 }).parse();
  let paragraphs: string[];
  if (readable?.content) {
    paragraphs = blocksOf(parseDocument(readable.content).body!);
  } else {
    const body = document.body ?? document.documentElement;
    paragraphs = blocksOf(body, (element: DomElement) => FURNITURE.test(element.localName.toLowerCase()));
  }
  const byline = readable?.byline?.replace(/\s+/g, " ").trim();
  const metaParagraphs = new Set(paragraphs.filter((paragraph) => byline && paragraph.replace(/\s+/g, " ").trim() === byline));
  const title = options.title ?? metadata.title ?? readable?.title ?? undefined;
  const { text, hints } = composeArticleText({ title, paragraphs, metaParagraphs, comments });
  return { text, hints, title: hints[0]?.kind === "title" ? text.slice(0, hints[0].end) : undefined, ...pick(metadata), comments };
}

/**
 * Reads an HTML fragment that is already the article content (RSS content:encoded, Atom html
 * content, a JSON record's `html`): no body extraction, but a comment thread is still recognised.
 */
export function readHtmlFragment(html: string, options: { title?: string } = {}): HtmlArticle {
  const document = parseDocument(html);
  const comments = extractComments(document);
  const paragraphs = blocksOf(document.body ?? document.documentElement);
  const { text, hints } = composeArticleText({ title: options.title, paragraphs, comments });
  return { text, hints, title: hints[0]?.kind === "title" ? text.slice(0, hints[0].end) : undefined, comments };
}

function pick(metadata: ReturnType<typeof readPageMetadata>): Pick<HtmlArticle, "canonical" | "published" | "unreadableDate" | "siteName"> {
  const result: Pick<HtmlArticle, "canonical" | "published" | "unreadableDate" | "siteName"> = {};
  if (metadata.canonical) result.canonical = metadata.canonical;
  if (metadata.published) result.published = metadata.published;
  if (metadata.unreadableDate) result.unreadableDate = metadata.unreadableDate;
  if (metadata.siteName) result.siteName = metadata.siteName;
  return result;
}
