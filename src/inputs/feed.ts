import { XMLParser, XMLValidator } from "fast-xml-parser";
import { PrevodError } from "../errors.js";
import type { ArticleRecord } from "./article-record.js";
import { textOf } from "./html-blocks.js";
import { parseDocument } from "./html-dom.js";

/** One feed entry as a record, with its position for messages. */
export interface FeedEntry {
  record: ArticleRecord;
  /** 1-based position of the item/entry in the feed. */
  index: number;
}

type XmlNode = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  // guids such as "00123" must stay strings.
  parseTagValue: false,
  trimValues: true,
  // Numeric character references (&#1041;) and the HTML entities feeds use (&nbsp;) are decoded.
  htmlEntities: true,
  // XHTML content is kept as markup, so it is read as HTML rather than as XML elements.
  stopNodes: ["feed.entry.content[type=xhtml]", "feed.entry.summary[type=xhtml]", "feed.entry.title[type=xhtml]"],
  isArray: (name) => ["item", "entry", "link", "category"].includes(name),
});

/**
 * Parses RSS 2.0, RSS 1.0 (RDF) and Atom into records. The guid (Atom id, RDF about) is the
 * record id; a short non-URL guid such as "4711" is prefixed with the site's host, since such
 * numbers repeat across feeds. Relative links are resolved against `baseUrl` (the feed's URL).
 * @throws PrevodError INPUT_INVALID when the document is not a feed.
 */
export function parseFeed(xml: string, options: { name: string; baseUrl?: string; warn: (message: string) => void }): FeedEntry[] {
  const validation = XMLValidator.validate(xml);
  if (validation !== true) {
    // Real feeds often carry small XML faults that readers tolerate; say so and read on.
    const { line, col, msg } = validation.err;
    options.warn(`${options.name}:${line}:${col}: XML is not well-formed (${msg}); reading it anyway`);
  }
  let document: XmlNode;
  try {
    document = parser.parse(xml) as XmlNode;
  } catch (error) {
    throw new PrevodError("INPUT_INVALID", `${options.name}: cannot parse the feed: ${(error as Error).message}`);
  }
  const rss = node(document.rss);
  const rdf = node(document["rdf:RDF"]);
  const atom = node(document.feed);
  if (rss) {
    const channel = node(rss.channel) ?? {};
    const base = resolve(text(channel.link), options.baseUrl) ?? options.baseUrl;
    const outlet = text(channel.title);
    return list(channel.item).map((item, index) => ({ record: withOutlet(rssRecord(item, base), outlet), index: index + 1 }));
  }
  if (rdf) {
    const base = resolve(text(node(rdf.channel)?.link), options.baseUrl) ?? options.baseUrl;
    const outlet = text(node(rdf.channel)?.title);
    return list(rdf.item).map((item, index) => ({ record: withOutlet(rssRecord(item, base, text(item["@_rdf:about"])), outlet), index: index + 1 }));
  }
  if (atom) {
    const base = resolve(text(atom["@_xml:base"]) ?? atomLink(atom), options.baseUrl) ?? options.baseUrl;
    const outlet = text(atom.title);
    return list(atom.entry).map((entry, index) => ({ record: withOutlet(atomRecord(entry, base), outlet), index: index + 1 }));
  }
  const root = Object.keys(document).find((key) => !key.startsWith("?")) ?? "nothing";
  throw new PrevodError("INPUT_INVALID", `${options.name}: expected an RSS or Atom feed (<rss>, <feed> or <rdf:RDF>), found <${root}>`);
}

/** The feed's title names the outlet of every item. */
function withOutlet(record: ArticleRecord, outlet: string | undefined): ArticleRecord {
  return outlet ? { ...record, outlet } : record;
}

function rssRecord(item: XmlNode, base: string | undefined, about?: string): ArticleRecord {
  const url = resolve(text(list(item.link)[0]) ?? text(item.link), base);
  const html = text(item["content:encoded"]) ?? text(item.description);
  const guid = text(item.guid) ?? about;
  return record({
    id: guid === undefined ? undefined : scopedGuid(guid, url ?? base),
    url,
    title: text(item.title) ?? text(item["dc:title"]),
    published: text(item.pubDate) ?? text(item["dc:date"]),
    ...content(html, "html"),
  });
}

function atomRecord(entry: XmlNode, base: string | undefined): ArticleRecord {
  const url = resolve(atomLink(entry), base);
  const body = node(entry.content);
  const usable = body && body["@_src"] === undefined ? entry.content : entry.summary;
  const type = (text(node(usable)?.["@_type"]) ?? "text").toLowerCase();
  const id = text(entry.id);
  const title = text(entry.title);
  const titleType = text(node(entry.title)?.["@_type"]);
  return record({
    id: id === undefined ? undefined : scopedGuid(id, url ?? base),
    url,
    title: title !== undefined && titleType !== undefined && titleType !== "text" ? textOf(parseDocument(title).body!) : title,
    published: text(entry.published) ?? text(entry.updated) ?? text(entry["dc:date"]),
    ...content(text(usable), type === "text" ? "text" : "html"),
  });
}

// RSS descriptions are HTML by the spec, but many feeds put plain text with line breaks there.
function content(value: string | undefined, type: "html" | "text"): Pick<ArticleRecord, "html" | "text"> {
  if (value === undefined) return {};
  return type === "html" && /<[a-z!/][^>]*>/i.test(value) ? { html: value } : { text: value };
}

function atomLink(entry: XmlNode): string | undefined {
  const links = list(entry.link);
  const alternate = links.find((link) => (text(link["@_rel"]) ?? "alternate") === "alternate") ?? links[0];
  return text(alternate?.["@_href"]);
}

function scopedGuid(guid: string, site: string | undefined): string {
  if (!/^[\p{L}\p{N}_-]{1,40}$/u.test(guid) || site === undefined) return guid;
  try {
    return `${new URL(site).hostname.replace(/^www\./, "").replace(/\./g, "-")}-${guid}`;
  } catch {
    return guid;
  }
}

function record(fields: ArticleRecord): ArticleRecord {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined && value !== "")) as ArticleRecord;
}

function node(value: unknown): XmlNode | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as XmlNode) : undefined;
}

function list(value: unknown): XmlNode[] {
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return values.map((entry) => (node(entry) ?? { "#text": entry }) as XmlNode);
}

function text(value: unknown): string | undefined {
  if (typeof value === "string") return value.trim() === "" ? undefined : value.trim();
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  const inner = node(value)?.["#text"];
  return inner === undefined ? undefined : text(inner);
}

function resolve(href: string | undefined, base: string | undefined): string | undefined {
  if (href === undefined) return undefined;
  try {
    return new URL(href, base).toString();
  } catch {
    return href;
  }
}
