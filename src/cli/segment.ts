import { createWriteStream, type WriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { once } from "node:events";
import { PrevodError } from "../errors.js";
import { splitSentences } from "../text/sentences.js";
import { analyzeArticle } from "../text/structure.js";
import type { Segment } from "../text/types.js";
import { EXIT } from "./exit-codes.js";
import { readJsonLines, readTextInput, writeOut } from "./io.js";

/** Flags of `prevod segment` (src/cli/commands.ts). */
export interface SegmentOptions {
  json?: boolean;
  jsonl?: boolean;
}

/** Where output lines go: stdout, or a temporary file renamed onto OUT once complete. */
interface Sink {
  write(text: string): Promise<void>;
  finish(): Promise<void>;
  abandon(): Promise<void>;
}

/**
 * `prevod segment [FILE|-] [OUT]`: the structure of a page as a readable listing, `--json` the
 * segments and paragraphs, `--jsonl` sentence splitting of JSONL records `{"id","text"}` into
 * `{"id","sentences":[{"text","start","end"}],"boundaries":[end, …]}` (the scorer's format).
 */
export default async function segment(file: string | undefined, out: string | undefined, options: SegmentOptions): Promise<number> {
  if (options.json === true && options.jsonl === true) {
    throw new PrevodError("USAGE", "segment: --json and --jsonl exclude each other; choose one");
  }
  const sink = out === undefined || out === "-" ? stdoutSink() : fileSink(out);
  try {
    if (options.jsonl === true) await splitRecords(file, sink);
    else await describeArticle(await readTextInput(file), options.json === true, sink);
    await sink.finish();
  } catch (error) {
    await sink.abandon();
    throw error;
  }
  return EXIT.ok;
}

async function splitRecords(file: string | undefined, sink: Sink): Promise<void> {
  const name = file === undefined || file === "-" ? "stdin" : file;
  for await (const { value, line } of readJsonLines(file)) {
    const { id, text } = value;
    if (typeof text !== "string" || (typeof id !== "string" && typeof id !== "number")) {
      const found = `id ${JSON.stringify(id) ?? "missing"}, text ${typeof text === "string" ? "string" : (JSON.stringify(text) ?? "missing")}`;
      throw new PrevodError("INPUT_INVALID", `${name}:${line}: expected {"id": string, "text": string}, got ${found}`);
    }
    const sentences = splitSentences(text);
    await sink.write(`${JSON.stringify({ id, sentences, boundaries: sentences.map((sentence) => sentence.end) })}\n`);
  }
}

async function describeArticle(text: string, json: boolean, sink: Sink): Promise<void> {
  const segments = analyzeArticle(text);
  if (json) {
    await sink.write(`${JSON.stringify({ segments, paragraphs: paragraphsOf(segments) }, null, 2)}\n`);
    return;
  }
  const idWidth = Math.max(2, ...segments.map((segment) => segment.id.length));
  for (const segment of segments) {
    const place = `¶${segment.paragraph} ${segment.start}-${segment.end}`;
    const shown = segment.text.replace(/\r?\n/g, " ⏎ ");
    await sink.write(`${segment.id.padEnd(idWidth)}  ${segment.kind.padEnd(11)} ${place.padEnd(14)} ${shown}\n`);
  }
}

/** Paragraphs with their extent and segments, for --json. */
function paragraphsOf(segments: Segment[]): Array<{ index: number; start: number; end: number; segmentIds: string[] }> {
  const paragraphs: Array<{ index: number; start: number; end: number; segmentIds: string[] }> = [];
  for (const segment of segments) {
    const last = paragraphs[paragraphs.length - 1];
    if (last !== undefined && last.index === segment.paragraph) {
      last.end = segment.end;
      last.segmentIds.push(segment.id);
    } else {
      paragraphs.push({ index: segment.paragraph, start: segment.start, end: segment.end, segmentIds: [segment.id] });
    }
  }
  return paragraphs;
}

function stdoutSink(): Sink {
  return { write: writeOut, finish: async () => {}, abandon: async () => {} };
}

/** Writes to OUT.tmp-<pid> and renames it onto OUT at the end, so OUT is never half-written. */
function fileSink(path: string): Sink {
  const temporary = `${path}.tmp-${process.pid}`;
  let stream: WriteStream | undefined;
  const opened = (): WriteStream => (stream ??= createWriteStream(temporary, { encoding: "utf8" }));
  const failure = (error: unknown): PrevodError =>
    new PrevodError("OUTPUT_WRITE", `cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { cause: error });
  return {
    async write(text) {
      const target = opened();
      // events.once rejects when the stream emits "error" while we wait for "drain".
      if (!target.write(text)) await once(target, "drain").catch((error: unknown) => Promise.reject(failure(error)));
    },
    async finish() {
      const target = opened();
      try {
        target.end();
        await once(target, "finish");
        await rename(temporary, path);
      } catch (error) {
        await rm(temporary, { force: true });
        throw failure(error);
      }
    },
    async abandon() {
      stream?.destroy();
      await rm(temporary, { force: true });
    },
  };
}
