import iconv from "iconv-lite";
import { guessEncoding } from "./encoding-guess.js";

/** What kind of document the bytes are; decides which in-document declaration is looked for. */
export type DocumentKind = "html" | "xml" | "text";

/** Decoded text and how its encoding was decided, for messages and tests. */
export interface DecodedText {
  text: string;
  /** The encoding used, as iconv-lite names it, e.g. "utf-8", "windows-1251". */
  encoding: string;
  /** Where the encoding came from: "bom", "http", "xml-declaration", "meta", "utf-8", "detected". */
  source: "bom" | "http" | "xml-declaration" | "meta" | "utf-8" | "detected";
  /** Set when a declaration was present but contradicted by the bytes. */
  note?: string;
}

const STRICT_UTF8 = new TextDecoder("utf-8", { fatal: true });

// WHATWG maps these labels to windows-1252; pages that say latin1 are nearly always cp1252.
const LABEL_ALIASES: Record<string, string> = {
  "iso-8859-1": "windows-1252", latin1: "windows-1252", "us-ascii": "windows-1252", ascii: "windows-1252",
  "x-cp1251": "windows-1251", "win-1251": "windows-1251", cp1251: "windows-1251",
  utf8: "utf-8", "unicode-1-1-utf-8": "utf-8",
};

/**
 * Decodes bytes to text. Order (WHATWG and RFC 7303): a BOM; the HTTP Content-Type charset;
 * the document's own declaration (XML declaration, `<meta charset>`, `<meta http-equiv>`);
 * else strict UTF-8; else detection (chardet plus a plausibility check tuned for Cyrillic).
 * A declared single-byte charset on bytes that are valid multi-byte UTF-8 is a mislabelled
 * page, and a declared UTF-8 on invalid bytes is detected instead; both say so in `note`.
 */
export function decodeBytes(bytes: Uint8Array, options: { contentType?: string; kind?: DocumentKind } = {}): DecodedText {
  const bom = detectBom(bytes);
  if (bom) return { text: iconv.decode(Buffer.from(bytes.subarray(bom.length)), bom.encoding), encoding: bom.encoding, source: "bom" };
  const declared = charsetFromContentType(options.contentType);
  if (declared) return decodeDeclared(bytes, declared, "http");
  const kind = options.kind ?? sniffKind(bytes);
  const inDocument = kind === "xml" ? xmlDeclaredCharset(bytes) : kind === "html" ? htmlDeclaredCharset(bytes) : undefined;
  if (inDocument) return decodeDeclared(bytes, inDocument, kind === "xml" ? "xml-declaration" : "meta");
  const utf8 = tryUtf8(bytes);
  if (utf8 !== undefined) return { text: utf8, encoding: "utf-8", source: "utf-8" };
  return decodeDamaged(bytes) ?? detected(bytes);
}

function detected(bytes: Uint8Array, note?: string): DecodedText {
  const encoding = guessEncoding(bytes);
  return { text: iconv.decode(Buffer.from(bytes), encoding), encoding, source: "detected", ...(note ? { note: note.replace("%s", encoding) } : {}) };
}

/** At least this many valid multi-byte sequences make bytes "mostly UTF-8". */
const MIN_UTF8_SEQUENCES = 20;
/** "A few invalid bytes": at most one per this many valid multi-byte sequences. */
const SEQUENCES_PER_INVALID_BYTE = 50;
const OFFSETS_NAMED = 10;

/**
 * Bytes that are UTF-8 except for a few bytes stay UTF-8, with U+FFFD for the bad bytes and a
 * note naming their offsets (a whole file read as KOI8-R for three bad bytes was mojibake
 * throughout). Bytes that are UTF-8 in some lines and a legacy encoding in others are read line
 * by line, each line in the encoding it is valid in, with a note. Otherwise undefined: the bytes
 * are a legacy encoding throughout, and detection decides.
 */
export function decodeDamaged(bytes: Uint8Array, declared?: string): DecodedText | undefined {
  const scan = scanUtf8(bytes);
  if (scan.sequences < MIN_UTF8_SEQUENCES) return undefined;
  const where = declared ? `declared utf-8 (${declared}) but ` : "";
  if (scan.invalid.length * SEQUENCES_PER_INVALID_BYTE <= scan.sequences) {
    const named = scan.invalid.slice(0, OFFSETS_NAMED).join(", ") + (scan.invalid.length > OFFSETS_NAMED ? ", …" : "");
    const note = `${where}${scan.invalid.length} byte(s) are not UTF-8 (at byte offset${scan.invalid.length === 1 ? "" : "s"} ${named}); decoded as utf-8 with U+FFFD in their place`;
    return { text: new TextDecoder("utf-8").decode(bytes), encoding: "utf-8", source: "utf-8", note };
  }
  // Mixed: each line in the encoding it is valid in; the non-UTF-8 lines' encoding is guessed from all of them.
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lines: Buffer[] = [];
  for (let start = 0; start <= buffer.length; ) {
    const end = buffer.indexOf(0x0a, start);
    const stop = end === -1 ? buffer.length : end + 1;
    lines.push(buffer.subarray(start, stop));
    if (end === -1) break;
    start = stop;
  }
  const legacy = lines.map((line, index) => ({ line, index })).filter(({ line }) => tryUtf8(line) === undefined);
  const encoding = guessEncoding(Buffer.concat(legacy.map(({ line }) => line)));
  const legacyLines = new Set(legacy.map(({ index }) => index));
  const text = lines.map((line, index) => (legacyLines.has(index) ? iconv.decode(line, encoding) : line.toString("utf8"))).join("");
  const numbers = legacy.slice(0, OFFSETS_NAMED).map(({ index }) => index + 1).join(", ") + (legacy.length > OFFSETS_NAMED ? ", …" : "");
  const note = `${where}the file mixes encodings: ${legacy.length} of ${lines.length} line(s) are not UTF-8 (line${legacy.length === 1 ? "" : "s"} ${numbers}); those were decoded as ${encoding}, the others as utf-8`;
  return { text, encoding: `utf-8+${encoding}`, source: "detected", note };
}

/** Valid multi-byte UTF-8 sequences, and the offsets of bytes that start no valid sequence. */
function scanUtf8(bytes: Uint8Array): { sequences: number; invalid: number[] } {
  let sequences = 0;
  const invalid: number[] = [];
  for (let index = 0; index < bytes.length; ) {
    const byte = bytes[index]!;
    if (byte < 0x80) {
      index++;
      continue;
    }
    const length = byte >= 0xc2 && byte <= 0xdf ? 2 : byte >= 0xe0 && byte <= 0xef ? 3 : byte >= 0xf0 && byte <= 0xf4 ? 4 : 0;
    let valid = length > 0 && index + length <= bytes.length;
    for (let next = 1; valid && next < length; next++) valid = (bytes[index + next]! & 0xc0) === 0x80;
    if (valid) {
      sequences++;
      index += length;
    } else {
      invalid.push(index);
      index++;
    }
  }
  return { sequences, invalid };
}

/** The charset parameter of a Content-Type header, normalised, if iconv-lite knows it. */
export function charsetFromContentType(contentType: string | undefined | null): string | undefined {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? "");
  return match ? knownEncoding(match[1]!) : undefined;
}

function decodeDeclared(bytes: Uint8Array, encoding: string, source: DecodedText["source"]): DecodedText {
  if (encoding === "utf-8" || encoding === "utf8") {
    const text = tryUtf8(bytes);
    if (text !== undefined) return { text, encoding: "utf-8", source };
    return decodeDamaged(bytes, source) ?? detected(bytes, `declared utf-8 (${source}) but the bytes are not UTF-8; decoded as %s`);
  }
  if (/^utf-16/.test(encoding)) return { text: iconv.decode(Buffer.from(bytes), encoding), encoding, source };
  const utf8 = hasMultibyteSequence(bytes) ? tryUtf8(bytes) : undefined;
  if (utf8 !== undefined) {
    const note = `declared ${encoding} (${source}) but the bytes are UTF-8; decoded as utf-8`;
    return { text: utf8, encoding: "utf-8", source: "utf-8", note };
  }
  return { text: iconv.decode(Buffer.from(bytes), encoding), encoding, source };
}

function detectBom(bytes: Uint8Array): { encoding: string; length: number } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: "utf-8", length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: "utf-16le", length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: "utf-16be", length: 2 };
  return undefined;
}

function tryUtf8(bytes: Uint8Array): string | undefined {
  try {
    return STRICT_UTF8.decode(bytes);
  } catch {
    return undefined;
  }
}

function hasMultibyteSequence(bytes: Uint8Array): boolean {
  return bytes.some((byte) => byte >= 0x80);
}

// Declarations are ASCII, so a latin1 view of the head finds them whatever the encoding.
function head(bytes: Uint8Array, length: number): string {
  return Buffer.from(bytes.subarray(0, length)).toString("latin1");
}

function xmlDeclaredCharset(bytes: Uint8Array): string | undefined {
  const match = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']/i.exec(head(bytes, 512));
  return match ? knownEncoding(match[1]!) : undefined;
}

function htmlDeclaredCharset(bytes: Uint8Array): string | undefined {
  // Many sites put <meta charset> after long <script> blocks, beyond the 1024 bytes of the spec.
  const text = head(bytes, 16_384).replace(/<!--[\s\S]*?-->/g, "");
  for (const tag of text.match(/<meta\b[^>]*>/gi) ?? []) {
    const direct = /\bcharset\s*=\s*["']?([^"'\s/>;]+)/i.exec(tag);
    if (direct) {
      const encoding = knownEncoding(direct[1]!);
      if (encoding) return encoding;
    }
  }
  return xmlDeclaredCharset(bytes);
}

function knownEncoding(label: string): string | undefined {
  const name = label.trim().toLowerCase();
  const encoding = LABEL_ALIASES[name] ?? name;
  return iconv.encodingExists(encoding) ? encoding : undefined;
}

/** Guesses the kind of a document from its first characters. */
export function sniffKind(bytes: Uint8Array): DocumentKind {
  const start = head(bytes, 1024).replace(/^[\s\u00ef\u00bb\u00bf]+/, "").toLowerCase();
  if (start.startsWith("<?xml")) return /<(rss|feed|rdf:rdf)\b/.test(start) || !/<html\b/.test(start) ? "xml" : "html";
  if (/^<(rss|feed|rdf:rdf)\b/.test(start)) return "xml";
  if (/^(<!--[\s\S]*?-->\s*)*<(!doctype html|html|head|body|meta|title|article|div|p)\b/.test(start)) return "html";
  return "text";
}
