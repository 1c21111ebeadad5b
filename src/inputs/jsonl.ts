import type { ArticleRecord } from "./article-record.js";
import { decodeBytes } from "./encoding.js";
import { recordFromJson } from "./json-record.js";
import { MAX_DOCUMENT_BYTES } from "./fetch-source.js";

const NEWLINE = 0x0a;
const STRICT_UTF8 = new TextDecoder("utf-8", { fatal: true });

/** Lines longer than this are dropped whole (with a warning), like a file or URL past the cap. */
export const MAX_LINE_BYTES = MAX_DOCUMENT_BYTES;
/** The empty lines {@link splitLines} yields in place of over-long ones. */
const OVERSIZED = new WeakSet<Buffer>();

/**
 * Splits a byte stream into lines, holding only the current line in memory. Lines end at "\n"
 * only (a bare "\r" is JSON whitespace, not a line end); a trailing "\r" is dropped; the last
 * line counts even without a final newline. A line longer than `maxLineBytes` is not held: its
 * bytes are dropped up to the next newline and an empty line that {@link isOversized} knows
 * stands in its place, so line numbers still match.
 */
export async function* splitLines(chunks: AsyncIterable<Uint8Array>, maxLineBytes = MAX_LINE_BYTES): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let dropping = false;
  const oversized = (): Buffer => {
    const line = Buffer.alloc(0);
    OVERSIZED.add(line);
    return line;
  };
  for await (const chunk of chunks) {
    const buffer = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let start = 0;
    for (let end = buffer.indexOf(NEWLINE, start); end !== -1; end = buffer.indexOf(NEWLINE, start)) {
      if (dropping || pendingBytes + end - start > maxLineBytes) yield oversized();
      else {
        pending.push(buffer.subarray(start, end));
        yield withoutCarriageReturn(Buffer.concat(pending));
      }
      pending = [];
      pendingBytes = 0;
      dropping = false;
      start = end + 1;
    }
    if (start < buffer.length && !dropping) {
      pendingBytes += buffer.length - start;
      if (pendingBytes > maxLineBytes) {
        dropping = true;
        pending = [];
      } else {
        // Copied: the stream may reuse the chunk's memory for the next read.
        pending.push(Buffer.from(buffer.subarray(start)));
      }
    }
  }
  if (dropping) yield oversized();
  else if (pending.length > 0) yield withoutCarriageReturn(Buffer.concat(pending));
}

/** True for the stand-in of a line that {@link splitLines} dropped for its length. */
export function isOversized(line: Buffer): boolean {
  return OVERSIZED.has(line);
}

function withoutCarriageReturn(line: Buffer): Buffer {
  return line.length > 0 && line[line.length - 1] === 0x0d ? line.subarray(0, -1) : line;
}

/**
 * Reads JSON Lines records `{id?, url?, title?, published?, text | html}` one line at a time.
 *
 * "Never lose one" here means: a bad line never stops the reading and is never dropped in
 * silence. Each line is handled on its own; a line that is not JSON, not an object, or has no
 * text is reported through `warn` as `INPUT_INVALID <name>:<line>: <reason>; skipped`, and the
 * next line is read. A line that is not UTF-8 is decoded by detection and kept, with a warning.
 * Blank lines are skipped quietly. Line numbers count every line, blank ones included, so they
 * match an editor's.
 */
export async function* readJsonlRecords(
  lines: AsyncIterable<Buffer>,
  options: { name: string; warn: (message: string) => void },
): AsyncGenerator<{ record: ArticleRecord; line: number }> {
  let number = 0;
  for await (const bytes of lines) {
    number += 1;
    const where = `${options.name}:${number}`;
    if (isOversized(bytes)) {
      options.warn(`INPUT_INVALID ${where}: the line is longer than the ${MAX_LINE_BYTES} bytes prevod reads; skipped`);
      continue;
    }
    const text = decodeLine(number === 1 ? withoutBom(bytes) : bytes, where, options.warn).trim();
    if (text === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      options.warn(`INPUT_INVALID ${where}: not valid JSON (${(error as Error).message}); skipped`);
      continue;
    }
    const record = recordFromJson(value, where, options.warn);
    if (record) yield { record, line: number };
  }
}

function decodeLine(bytes: Buffer, where: string, warn: (message: string) => void): string {
  try {
    return STRICT_UTF8.decode(bytes);
  } catch {
    const decoded = decodeBytes(bytes, { kind: "text" });
    warn(`${where}: the line is not UTF-8; decoded as ${decoded.encoding}`);
    return decoded.text;
  }
}

function withoutBom(bytes: Buffer): Buffer {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
}
