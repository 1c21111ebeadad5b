import { articleFromRecord } from "./article-record.js";
import { articlesFromDocument, formatOf } from "./document-articles.js";
import { readJsonlRecords, splitLines } from "./jsonl.js";
import { MAX_DOCUMENT_BYTES } from "./fetch-source.js";
import { PrevodError } from "../errors.js";
import type { Article } from "./types.js";

/**
 * The articles piped into stdin. When the first non-blank character is "{", the input is JSON
 * Lines and is streamed line by line ("stdin:3" is line 3). Otherwise it is read whole and read
 * as what its first bytes say: a feed, an HTML page, a JSON array, else one plain-text article
 * whose id is its content hash.
 */
export async function* readStdinArticles(input: AsyncIterable<Uint8Array>, warn: (message: string) => void): AsyncGenerator<Article> {
  const iterator = input[Symbol.asyncIterator]();
  const head: Uint8Array[] = [];
  let first: number | undefined;
  while (first === undefined) {
    const next = await iterator.next();
    if (next.done) break;
    head.push(next.value);
    first = firstNonBlank(next.value, head.length === 1);
  }
  const replay = (async function* () {
    yield* head;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  })();
  if (first === 0x7b) {
    for await (const { record, line } of readJsonlRecords(splitLines(replay), { name: "stdin", warn })) {
      const article = articleFromRecord(record, { origin: `stdin:${line}`, warn });
      if (article) yield article;
    }
    return;
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of replay) {
    size += chunk.byteLength;
    // Like a file or a URL: an endless pipe must not fill memory.
    if (size > MAX_DOCUMENT_BYTES) throw new PrevodError("INPUT_INVALID", `cannot read stdin: the input is larger than the ${MAX_DOCUMENT_BYTES} bytes prevod reads`);
    chunks.push(chunk);
  }
  const bytes = Buffer.concat(chunks);
  if (first === undefined) {
    warn("stdin: no input; nothing to read");
    return;
  }
  yield* articlesFromDocument({ name: "stdin", bytes, format: formatOf({ bytes }) }, warn);
}

function firstNonBlank(chunk: Uint8Array, isFirst: boolean): number | undefined {
  const start = isFirst && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf ? 3 : 0;
  for (let index = start; index < chunk.length; index += 1) {
    const byte = chunk[index]!;
    if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) return byte;
  }
  return undefined;
}
