import type { ReaderComment } from "./article-text.js";
import { blocksOf, textOf } from "./html-blocks.js";
import { allElements, nameTokens, type DomDocument, type DomElement } from "./html-dom.js";
import { normalizePublished } from "./published-date.js";

// A thread is an element named like a comment section (id/class), or a schema.org Comment.
// Words that name a comment *counter*, *link*, *form* or a "most commented" widget are excluded,
// and so are page-level classes such as WordPress's body.comments-open.
const THREAD_WORD = /comment|koment|коментар|disqus/;
const NOT_THREAD =
  /count|counter|num|total|link|icon|btn|button|form|respond|reply-title|policy|rules|open|closed|enabled|disabled|allowed|^has-|^no-|most|popular|top|latest|recent|widget|commented|author|avatar|meta|date|time|vote|rating|like|share|toggle|title|heading|header|nav|pagination|rss/;
const NEVER_THREAD = new Set(["html", "head", "body", "main", "a", "span", "button", "form", "textarea", "input", "label", "time", "img"]);

// One comment: a schema.org Comment, an <article> or <li> inside a thread, or a class like these.
const ITEM_TOKEN =
  /^(comment|comments?[-_]item|comment[-_](entry|wrap|wrapper|container|block|box|single|\d+)|single[-_]comment|user[-_]comment|media[-_]comment|div-comment-\d+)$/;
const BODY_TOKEN = /^(comment[-_]?(body|content|text|message)|message|text|content|post-text)$/;
const AUTHOR_TOKEN = /author|user|nick|commenter|poster|^fn$|^name$/;
const WRAPPER_TOKEN = /list|wrap|inner|container|items|thread|holder/;
const TIME_TOKEN = /date|time|posted|when|ago/;
// Parts of a comment that are about it rather than its words: they never enter the comment text.
const META_TOKEN =
  /meta|info|header|footer|avatar|vcard|actions?$|reply|vote|rating|like|report|share|toolbar|tools|buttons|says|permalink|edit|quote-link|flag/;

/**
 * Takes the reader-comment thread(s) out of a page, so that neither the body extraction nor the
 * date lookup sees them, and returns the comments in page order. Author and time are returned
 * apart from each comment's words (the article text carries them as a `meta` line).
 */
export function extractComments(document: DomDocument): ReaderComment[] {
  // A "thread" holding the page's headline is a wrapper of the whole article, not a thread;
  // the real thread may still be inside it.
  const candidates = allElements(document).filter(
    (element) => (isThread(element) || isSchemaComment(element)) && element.querySelector("h1") === null,
  );
  const candidateSet = new Set(candidates);
  const roots = candidates.filter((element) => !withinAny(element.parentElement, candidateSet, undefined));
  const comments: ReaderComment[] = [];
  for (const root of roots) {
    const inside = allElements(root);
    let items = [root, ...inside].filter((element) => isItem(element, element !== root));
    if (items.length === 0) items = fallbackItems(root);
    const itemSet = new Set(items);
    for (const item of items) {
      const comment = readItem(item, itemSet);
      if (comment) comments.push(comment);
    }
    root.remove();
  }
  return comments;
}

/** True when `element` or one of its ancestors below `stop` is in `set`. */
function withinAny(element: DomElement | null, set: ReadonlySet<DomElement>, stop: DomElement | undefined): boolean {
  for (let node = element; node !== null && node !== stop; node = node.parentElement) {
    if (set.has(node)) return true;
  }
  return false;
}

function isThread(element: DomElement): boolean {
  if (NEVER_THREAD.has(element.localName.toLowerCase())) return false;
  return nameTokens(element).some((token) => THREAD_WORD.test(token) && !NOT_THREAD.test(token));
}

function isSchemaComment(element: DomElement): boolean {
  return /schema\.org\/comment\b/i.test(element.getAttribute("itemtype") ?? "") || element.getAttribute("itemprop") === "comment";
}

function isItem(element: DomElement, insideThread: boolean): boolean {
  if (isSchemaComment(element)) return true;
  const name = element.localName.toLowerCase();
  if (insideThread && (name === "article" || name === "li")) return true;
  return nameTokens(element).some((token) => ITEM_TOKEN.test(token));
}

// Threads without recognisable item markup: each child of the innermost list or wrapper is one
// comment. A lone child that is not a wrapper is a thread of one comment.
function fallbackItems(root: DomElement): DomElement[] {
  const isWrapper = (element: DomElement): boolean =>
    /^(ul|ol|section)$/.test(element.localName.toLowerCase()) || nameTokens(element).some((token) => WRAPPER_TOKEN.test(token));
  let wrapper = root;
  while (wrapper.children.length === 1 && isWrapper(wrapper.children[0]!)) wrapper = wrapper.children[0]!;
  return Array.from(wrapper.children).filter((child) => !/^(h[1-6]|form|script|style)$/.test(child.localName.toLowerCase()));
}

function readItem(item: DomElement, itemSet: ReadonlySet<DomElement>): ReaderComment | undefined {
  const nested = new Set(allElements(item).filter((element) => itemSet.has(element)));
  const own = allElements(item).filter((element) => !withinAny(element, nested, item));
  const author = findAuthor(own);
  const timeElement = own.find(
    (element) =>
      element.localName.toLowerCase() === "time" ||
      /^(datecreated|datepublished|commenttime)$/i.test(element.getAttribute("itemprop") ?? "") ||
      nameTokens(element).some((token) => TIME_TOKEN.test(token)),
  );
  const isMeta = (element: DomElement): boolean =>
    nested.has(element) ||
    element === author ||
    element === timeElement ||
    /^(header|footer)$/.test(element.localName.toLowerCase()) ||
    nameTokens(element).some((token) => META_TOKEN.test(token) && !BODY_TOKEN.test(token));
  const body = own.find(
    (element) => !isMeta(element) && (element.getAttribute("itemprop") === "text" || nameTokens(element).some((token) => BODY_TOKEN.test(token))),
  );
  const source = body ?? item;
  const text = blocksOf(source, isMeta).join("\n");
  // Lists of headlines ("most read") are links only; a comment has words of its own.
  const unlinked = textOf(source, (element) => isMeta(element) || element.localName.toLowerCase() === "a");
  if (text === "" || unlinked === "") return undefined;
  const comment: ReaderComment = { text };
  const authorName = author === undefined ? "" : authorText(author);
  if (authorName !== "") comment.author = authorName;
  const time = timeElement === undefined ? undefined : timeText(timeElement);
  if (time) comment.time = time;
  return comment;
}

function findAuthor(elements: DomElement[]): DomElement | undefined {
  return (
    elements.find((element) => element.getAttribute("itemprop") === "author") ??
    elements.find((element) => nameTokens(element).includes("fn")) ??
    elements.find((element) => nameTokens(element).some((token) => AUTHOR_TOKEN.test(token))) ??
    elements.find((element) => element.localName.toLowerCase() === "cite")
  );
}

function authorText(element: DomElement): string {
  const named = element.querySelector('[itemprop="name"], .fn') ?? element;
  return textOf(named, (child) => nameTokens(child).includes("says")).replace(/\s+/g, " ").replace(/[:\s]+$/, "");
}

function timeText(element: DomElement): string | undefined {
  const machine = element.getAttribute("datetime") ?? element.getAttribute("content") ?? element.querySelector("time")?.getAttribute("datetime");
  const normalized = normalizePublished(machine);
  if (normalized) return normalized;
  const shown = textOf(element).replace(/\s+/g, " ");
  return normalizePublished(shown) ?? (shown === "" ? undefined : shown);
}
