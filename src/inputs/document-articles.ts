import { PrevodError } from "../errors.js";
import { articleFromRecord } from "./article-record.js";
import { binaryReason } from "./binary.js";
import { decodeBytes, sniffKind, type DocumentKind } from "./encoding.js";
import { parseFeed } from "./feed.js";
import { readJsonlRecords } from "./jsonl.js";
import { recordFromJson } from "./json-record.js";
import type { Article } from "./types.js";

/** How a document's bytes are read. */
export type InputFormat = "text" | "html" | "feed" | "json" | "jsonl";

const FORMAT_BY_EXTENSION: Record<string, InputFormat> = {
  ".txt": "text", ".md": "text", ".html": "html", ".htm": "html", ".json": "json", ".jsonl": "jsonl",
  ".ndjson": "jsonl", ".xml": "feed", ".rss": "feed", ".atom": "feed",
};

/** A whole document in memory (a file other than JSONL, a fetched URL, a non-JSONL stdin). */
export interface InputDocument {
  /** For messages and origins: a path, a URL or "stdin". */
  name: string;
  bytes: Uint8Array;
  format: InputFormat;
  contentType?: string;
  /** The URL it was fetched from, after redirects. */
  url?: string;
  /** Id when the content names none: a file name stem; else the content hash is used. */
  fallbackId?: string;
}

/**
 * Decides the format from the file extension, else the Content-Type, else the first bytes.
 * @example formatOf({ extension: ".rss", bytes }) === "feed"
 */
export function formatOf(options: { extension?: string; contentType?: string; bytes: Uint8Array }): InputFormat {
  const byExtension = options.extension === undefined ? undefined : FORMAT_BY_EXTENSION[options.extension.toLowerCase()];
  if (byExtension) return byExtension;
  const type = (options.contentType ?? "").split(";")[0]!.trim().toLowerCase();
  if (/ndjson|jsonl|json-seq/.test(type)) return "jsonl";
  if (/json/.test(type)) return "json";
  if (/html/.test(type)) return "html";
  if (/rss|atom|xml/.test(type)) return "feed";
  const start = Buffer.from(options.bytes.subarray(0, 64)).toString("utf8").replace(/^[\s\ufeff]+/, "");
  if (start.startsWith("[")) return "json";
  if (start.startsWith("{")) return "jsonl";
  const kind: DocumentKind = sniffKind(options.bytes);
  return kind === "xml" ? "feed" : kind;
}

/**
 * The articles of one document, in order. Problems with single records are warnings and the
 * rest is read; a document that cannot be read at all (not JSON, not a feed) is a PrevodError
 * INPUT_INVALID naming it.
 */
export async function* articlesFromDocument(document: InputDocument, warn: (message: string) => void): AsyncGenerator<Article> {
  const decode = (kind: DocumentKind): string => {
    const decoded = decodeBytes(document.bytes, { contentType: document.contentType, kind });
    if (decoded.note) warn(`${document.name}: ${decoded.note}`);
    return decoded.text;
  };
  // Checked before anything is decoded or sent: a binary file is no article, and would be paid for.
  const binary = binaryReason(document.bytes);
  if (binary) throw new PrevodError("INPUT_INVALID", `${document.name}: not text (${binary}); nothing of it is sent to a model`, { details: { reason: "not text" } });
  const base = { fallbackId: document.fallbackId, warn };
  switch (document.format) {
    case "text":
    case "html": {
      const content = decode(document.format);
      const record = document.format === "text" ? { text: content } : { html: content };
      const article = articleFromRecord(record, { ...base, origin: document.name, pageUrl: document.url });
      if (article) yield article;
      return;
    }
    case "feed": {
      for (const entry of parseFeed(decode("xml"), { name: document.name, baseUrl: document.url, warn })) {
        const article = articleFromRecord(entry.record, { origin: `${document.name}#${entry.index}`, warn });
        if (article) yield article;
      }
      return;
    }
    case "json": {
      let value: unknown;
      try {
        value = JSON.parse(decode("text"));
      } catch (error) {
        throw new PrevodError("INPUT_INVALID", `${document.name}: not valid JSON (${(error as Error).message})`);
      }
      const values = Array.isArray(value) ? value : [value];
      for (const [index, entry] of values.entries()) {
        const origin = Array.isArray(value) ? `${document.name}#${index + 1}` : document.name;
        const record = recordFromJson(entry, origin, warn);
        const article = record && articleFromRecord(record, { origin, warn, ...(Array.isArray(value) ? {} : { fallbackId: document.fallbackId }) });
        if (article) yield article;
      }
      return;
    }
    case "jsonl": {
      const lines = decode("text").split("\n").map((line) => Buffer.from(line, "utf8"));
      for await (const { record, line } of readJsonlRecords(toAsync(lines), { name: document.name, warn })) {
        const article = articleFromRecord(record, { origin: `${document.name}:${line}`, warn });
        if (article) yield article;
      }
    }
  }
}

async function* toAsync<T>(values: Iterable<T>): AsyncGenerator<T> {
  yield* values;
}
