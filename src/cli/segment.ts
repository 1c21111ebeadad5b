import { PrevodError } from "../errors.js";
import { openAtomicFile, type AtomicFile } from "../storage/atomic-write.js";
import { splitSentences } from "../text/sentences.js";
import { analyzeArticle } from "../text/structure.js";
import type { Segment } from "../text/types.js";
import { EXIT } from "./exit-codes.js";
import { readJsonLines, readTextInput, writeOut } from "./io.js";

/** Flags of `prevod segment` (src/cli/commands.ts). */
export interface SegmentOptions {
  json?: boolean;
  jsonl?: boolean;
  /** With --jsonl: sentences as plain strings, `{"id","sentences":["…"]}` (the external scorer's form). */
  strings?: boolean;
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
 * `{"id","sentences":[{"text","start","end"}],"boundaries":[end, …]}`; with `--strings`,
 * `{"id","sentences":["…"]}`, the form an external scorer reads (`segment --jsonl --strings IN OUT`).
 */
export default async function segment(file: string | undefined, out: string | undefined, options: SegmentOptions): Promise<number> {
  if (options.json === true && options.jsonl === true) {
    throw new PrevodError("USAGE", "segment: --json and --jsonl exclude each other; choose one");
  }
  if (options.strings === true && options.jsonl !== true) throw new PrevodError("USAGE", "segment: --strings goes with --jsonl");
  const sink = out === undefined || out === "-" ? stdoutSink() : fileSink(out);
  try {
    if (options.jsonl === true) await splitRecords(file, sink, options.strings === true);
    else await describeArticle(await readTextInput(file), options.json === true, sink);
    await sink.finish();
  } catch (error) {
    await sink.abandon();
    throw error;
  }
  return EXIT.ok;
}

async function splitRecords(file: string | undefined, sink: Sink, strings: boolean): Promise<void> {
  const name = file === undefined || file === "-" ? "stdin" : file;
  for await (const { value, line } of readJsonLines(file)) {
    const { id, text } = value;
    if (typeof text !== "string" || (typeof id !== "string" && typeof id !== "number")) {
      const found = `id ${JSON.stringify(id) ?? "missing"}, text ${typeof text === "string" ? "string" : (JSON.stringify(text) ?? "missing")}`;
      throw new PrevodError("INPUT_INVALID", `${name}:${line}: expected {"id": string, "text": string}, got ${found}`);
    }
    const sentences = splitSentences(text);
    const record = strings ? { id, sentences: sentences.map((sentence) => sentence.text) } : { id, sentences, boundaries: sentences.map((sentence) => sentence.end) };
    await sink.write(`${JSON.stringify(record)}\n`);
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

/** OUT appears only when complete (written beside it under a hidden name, then renamed). */
function fileSink(path: string): Sink {
  let file: Promise<AtomicFile> | undefined;
  const opened = () => (file ??= openAtomicFile(path));
  const failure = (error: unknown): PrevodError =>
    new PrevodError("OUTPUT_WRITE", `cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { cause: error });
  return {
    async write(text) {
      await (await opened()).write(text).catch((error: unknown) => Promise.reject(failure(error)));
    },
    async finish() {
      await (await opened()).commit().catch((error: unknown) => Promise.reject(failure(error)));
    },
    async abandon() {
      if (file) await (await file).abort();
    },
  };
}
