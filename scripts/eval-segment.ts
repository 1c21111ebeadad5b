/**
 * Scores sentence splitters on a gold JSONL file (format: ../shared/data/segmentation/README.md):
 * boundary precision, recall and F1 (micro-averaged; a boundary is a sentence end after trimming,
 * the end of the text not counted), the share of records with every boundary right, and
 * throughput. prevod's splitter and Node's Intl.Segmenter (ICU) run on the same data in the same
 * run.
 *
 *   npm run eval:segment -- [FILE.jsonl] [--passes N] [--errors]
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { splitSentences } from "../src/text/sentences.js";

interface GoldRecord {
  id: string;
  text: string;
  sentences: string[];
}

interface Score {
  name: string;
  precision: number;
  recall: number;
  f1: number;
  exact: number;
  megabytesPerSecond: number;
}

type Splitter = (text: string) => number[];

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const defaultFile = path.resolve(repoRoot, "../shared/data/segmentation/bg-dev.jsonl");

function parseArguments(argv: string[]): { file: string; passes: number; errors: boolean } {
  let file = defaultFile;
  let passes = 20;
  let errors = false;
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index]!;
    if (argument === "--errors") errors = true;
    else if (argument === "--passes") passes = Number(argv[++index]);
    else file = path.resolve(argument);
  }
  if (!Number.isInteger(passes) || passes < 1) {
    throw new Error(`--passes: expected a positive integer, got ${argv[argv.indexOf("--passes") + 1]}`);
  }
  return { file, passes, errors };
}

function readGold(file: string): GoldRecord[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line, index) => {
      const record = JSON.parse(line) as Partial<GoldRecord>;
      if (typeof record.text !== "string" || !Array.isArray(record.sentences)) {
        throw new Error(`${file}:${index + 1}: expected {"id","text","sentences"}`);
      }
      return record as GoldRecord;
    });
}

/** Trimmed end offsets of the gold sentences, located in order in the text. */
function goldBoundaries(record: GoldRecord): number[] {
  const ends: number[] = [];
  let from = 0;
  for (const sentence of record.sentences) {
    const trimmed = sentence.trim();
    const at = record.text.indexOf(trimmed, from);
    if (at === -1) throw new Error(`${record.id}: gold sentence not found in text: ${trimmed.slice(0, 40)}`);
    from = at + trimmed.length;
    ends.push(from);
  }
  return ends;
}

/** Boundaries without the end of the text, which every splitter gets right for free. */
function scored(ends: number[], text: string): Set<number> {
  const last = text.trimEnd().length;
  return new Set(ends.filter((end) => end < last));
}

const ours: Splitter = (text) => splitSentences(text).map((sentence) => sentence.end);

const icuSegmenter = new Intl.Segmenter("bg", { granularity: "sentence" });
const icu: Splitter = (text) => {
  const ends: number[] = [];
  for (const { segment, index } of icuSegmenter.segment(text)) ends.push(index + segment.trimEnd().length);
  return ends;
};

function measure(name: string, split: Splitter, records: GoldRecord[], passes: number, showErrors: boolean): Score {
  let truePositives = 0;
  let predicted = 0;
  let expected = 0;
  let exact = 0;
  for (const record of records) {
    const gold = scored(goldBoundaries(record), record.text);
    const found = scored(split(record.text), record.text);
    let hits = 0;
    for (const end of found) if (gold.has(end)) hits++;
    truePositives += hits;
    predicted += found.size;
    expected += gold.size;
    const right = hits === gold.size && hits === found.size;
    if (right) exact++;
    if (!right && showErrors) {
      const missed = [...gold].filter((end) => !found.has(end)).map((end) => `missed …${record.text.slice(Math.max(0, end - 30), end)}|${record.text.slice(end, end + 20)}`);
      const extra = [...found].filter((end) => !gold.has(end)).map((end) => `extra  …${record.text.slice(Math.max(0, end - 30), end)}|${record.text.slice(end, end + 20)}`);
      console.log(`${name} ${record.id}\n  ${[...missed, ...extra].join("\n  ")}`);
    }
  }
  const bytes = records.reduce((sum, record) => sum + Buffer.byteLength(record.text, "utf8"), 0);
  for (const record of records) split(record.text); // warm up the JIT before timing
  const started = process.hrtime.bigint();
  for (let pass = 0; pass < passes; pass++) for (const record of records) split(record.text);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const precision = predicted === 0 ? 0 : truePositives / predicted;
  const recall = expected === 0 ? 0 : truePositives / expected;
  return {
    name,
    precision,
    recall,
    f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
    exact: records.length === 0 ? 0 : exact / records.length,
    megabytesPerSecond: (bytes * passes) / 1e6 / seconds,
  };
}

function printTable(scores: Score[], records: GoldRecord[], passes: number, file: string): void {
  const boundaries = records.reduce((sum, record) => sum + scored(goldBoundaries(record), record.text).size, 0);
  console.log(`${path.relative(process.cwd(), file)}: ${records.length} records, ${boundaries} scored boundaries, throughput over ${passes} passes`);
  console.log("splitter         precision  recall     F1      exact    MB/s");
  for (const score of scores) {
    const cells = [score.precision, score.recall, score.f1, score.exact].map((value) => value.toFixed(4).padStart(8));
    console.log(`${score.name.padEnd(16)} ${cells.join(" ")} ${score.megabytesPerSecond.toFixed(1).padStart(7)}`);
  }
}

function main(): number {
  const { file, passes, errors } = parseArguments(process.argv.slice(2));
  if (!existsSync(file)) {
    console.log(`skipped: ${file} is absent (pass a gold JSONL file, see ../shared/data/segmentation/README.md)`);
    return 0;
  }
  const records = readGold(file);
  const scores = [measure("prevod", ours, records, passes, errors), measure("Intl.Segmenter", icu, records, passes, false)];
  printTable(scores, records, passes, file);
  return 0;
}

process.exitCode = main();
