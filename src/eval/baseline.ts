import { readFile } from "node:fs/promises";
import { z } from "zod";
import { PrevodError } from "../errors.js";
import { writeFileAtomic } from "../storage/atomic-write.js";
import type { AssertionOutcome, SampleResult } from "./evaluate-sample.js";
import { formatScore } from "./signature.js";

const entrySchema = z.strictObject({ pass: z.boolean(), score: z.number().optional() });
const baselineSchema = z.record(z.string(), z.record(z.string(), entrySchema));

/** One blessed assertion result. */
export type BaselineEntry = z.infer<typeof entrySchema>;
/** samples/baseline.json: sample → assertion id → { pass, score }. */
export type Baseline = z.infer<typeof baselineSchema>;

export const DEFAULT_BASELINE_FILE = "samples/baseline.json";

/** Reads a baseline; undefined when the file does not exist yet (nothing blessed). */
export async function readBaseline(file: string): Promise<Baseline | undefined> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new PrevodError("INPUT_INVALID", `cannot read baseline ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new PrevodError("INPUT_INVALID", `${file}: expected JSON (sample → assertion id → {pass, score}), found a syntax error: ${(error as Error).message}`);
  }
  const parsed = baselineSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new PrevodError("INPUT_INVALID", `${file}: ${issue.path.join(".") || "top level"}: ${issue.message} (expected sample → assertion id → {pass, score}); bless again with prevod test --update`);
  }
  return parsed.data;
}

/** Scores are stored to 4 decimals: enough to see any printed change, no float noise in git diffs. */
function entry(outcome: AssertionOutcome): BaselineEntry {
  return outcome.score === undefined ? { pass: outcome.pass } : { pass: outcome.pass, score: Number(outcome.score.toFixed(4)) };
}

/** The baseline these results would bless. Samples that could not be evaluated are left out. */
export function baselineFromResults(results: SampleResult[]): Baseline {
  const baseline: Baseline = {};
  for (const result of results) {
    if (result.error !== undefined) continue;
    baseline[result.sample] = Object.fromEntries(result.outcomes.map((outcome) => [outcome.id, entry(outcome)]));
  }
  return baseline;
}

/**
 * The old baseline with the samples of this run replaced, so blessing a subset of samples keeps
 * the others; a sample that could not be evaluated keeps its old entry.
 */
export function mergeBaseline(previous: Baseline | undefined, results: SampleResult[]): Baseline {
  return { ...(previous ?? {}), ...baselineFromResults(results) };
}

/** Writes the baseline atomically, samples and ids sorted and one entry per line, for readable diffs. */
export async function writeBaseline(file: string, baseline: Baseline): Promise<void> {
  const lines: string[] = ["{"];
  const samples = Object.keys(baseline).sort();
  samples.forEach((sample, sampleIndex) => {
    const ids = Object.keys(baseline[sample]!).sort(compareIds);
    lines.push(`  ${JSON.stringify(sample)}: {`);
    ids.forEach((id, idIndex) => {
      const value = baseline[sample]![id]!;
      const ordered = value.score === undefined ? { pass: value.pass } : { pass: value.pass, score: value.score };
      lines.push(`    ${JSON.stringify(id)}: ${JSON.stringify(ordered)}${idIndex < ids.length - 1 ? "," : ""}`);
    });
    lines.push(`  }${sampleIndex < samples.length - 1 ? "," : ""}`);
  });
  lines.push("}", "");
  await writeFileAtomic(file, lines.length === 3 ? "{}\n" : lines.join("\n"));
}

/** "status" first, then by step, target, assertion; "#10" after "#9". */
function compareIds(a: string, b: string): number {
  if (a === "status" || b === "status") return a === b ? 0 : a === "status" ? -1 : 1;
  const chunksA = a.match(/\d+|\D+/g) ?? [];
  const chunksB = b.match(/\d+|\D+/g) ?? [];
  for (let index = 0; index < Math.min(chunksA.length, chunksB.length); index += 1) {
    const [x, y] = [chunksA[index]!, chunksB[index]!];
    if (x === y) continue;
    const numeric = /^\d/.test(x) && /^\d/.test(y);
    // Code-unit order, not the locale's: the file must sort the same on every machine.
    return numeric ? Number(x) - Number(y) : x < y ? -1 : 1;
  }
  return chunksA.length - chunksB.length;
}

/** How one assertion differs from its blessed result. */
export interface AssertionChange {
  sample: string;
  id: string;
  /** regressed: pass → fail; fixed: fail → pass; score: same verdict, the score moved; new / removed: only on one side. */
  kind: "regressed" | "fixed" | "score" | "new" | "removed";
  before?: BaselineEntry;
  after?: BaselineEntry;
  /** after.score − before.score, when both have one. */
  delta?: number;
}

export interface BaselineComparison {
  /** Regressions first, then fixes, score moves, new and removed; by sample and id within each. */
  changes: AssertionChange[];
  /** Samples of this run that the baseline does not know. */
  newSamples: string[];
}

const KIND_ORDER: Record<AssertionChange["kind"], number> = { regressed: 0, fixed: 1, score: 2, new: 3, removed: 4 };

/**
 * What changed since the blessed baseline, for the samples of this run only (a run of a
 * subset does not report the others as removed). A score counts as moved when it prints
 * differently at two decimals. A sample that could not be evaluated regresses every
 * assertion that passed before.
 */
export function compareWithBaseline(current: SampleResult[], baseline: Baseline): BaselineComparison {
  const changes: AssertionChange[] = [];
  const newSamples: string[] = [];
  for (const result of current) {
    const blessed = baseline[result.sample];
    if (!blessed) {
      newSamples.push(result.sample);
      continue;
    }
    if (result.error !== undefined) {
      for (const [id, before] of Object.entries(blessed)) {
        if (before.pass) changes.push({ sample: result.sample, id, kind: "regressed", before, after: { pass: false } });
      }
      continue;
    }
    const seen = new Set<string>();
    for (const outcome of result.outcomes) {
      seen.add(outcome.id);
      const after = entry(outcome);
      const before = blessed[outcome.id];
      if (!before) {
        changes.push({ sample: result.sample, id: outcome.id, kind: "new", after });
        continue;
      }
      const delta = before.score !== undefined && after.score !== undefined ? after.score - before.score : undefined;
      const moved = delta !== undefined && formatScore(before.score!) !== formatScore(after.score!);
      const kind = before.pass && !after.pass ? "regressed" : !before.pass && after.pass ? "fixed" : moved ? "score" : undefined;
      if (kind) changes.push({ sample: result.sample, id: outcome.id, kind, before, after, ...(delta === undefined ? {} : { delta }) });
    }
    for (const [id, before] of Object.entries(blessed)) {
      if (!seen.has(id)) changes.push({ sample: result.sample, id, kind: "removed", before });
    }
  }
  changes.sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || compareIds(a.sample, b.sample) || compareIds(a.id, b.id));
  return { changes, newSamples };
}
