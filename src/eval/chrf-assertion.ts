import { basename, resolve } from "node:path";
import type { ArticleResult } from "../outputs/article-schema.js";
import type { TargetLanguage } from "../common/languages.js";
import type { AssertionVerdict } from "./assertion-types.js";
import { chrfCorpus } from "./chrf.js";
import { alignReference } from "./reference-alignment.js";
import { readReferenceLines, referenceSummary, referenceTranslation, type SampleReference } from "./reference.js";
import { formatScore } from "./signature.js";
import { quoteShort, type AssertableStep } from "./step-output.js";

/** `chrf: { min: 55 }` / `chrf++: { min: 50, ref: en.txt }`. */
export interface ChrfArguments {
  /** The lowest corpus score that passes, 0–100. */
  min: number;
  /** Plain reference files (one line per output segment), relative to the sample folder; default reference.yaml. */
  ref?: string[];
}

interface ScoringInput {
  hypotheses: string[];
  referenceStreams: string[][];
  /** "reference.yaml (en, 23 sentences)" */
  against: string;
  /** Why the score cannot be trusted; the assertion fails with these even above the minimum. */
  problems: string[];
  /** Facts worth a reader's attention that do not fail the assertion on their own. */
  notes: string[];
}

export interface ChrfContext {
  article: ArticleResult;
  step: AssertableStep;
  target: TargetLanguage;
  reference?: SampleReference;
  sampleDir: string;
}

/** Corpus chrF (wordOrder 0) or chrF++ (wordOrder 2) of a step's output against its reference. */
export function evaluateChrf(context: ChrfContext, args: ChrfArguments, wordOrder: 0 | 2): AssertionVerdict {
  const metric = wordOrder === 0 ? "chrF" : "chrF++";
  const input = args.ref ? fromFiles(context, args.ref) : fromReference(context);
  if (typeof input === "string") return { pass: false, reason: `${metric}: ${input}` };
  const score = chrfCorpus(input.hypotheses, input.referenceStreams, { wordOrder }).score;
  const shown = formatScore(score);
  const above = score >= args.min;
  const verdict = `${metric} ${shown} ${above ? "≥" : "<"} min ${args.min} against ${input.against}`;
  const extra = [...input.problems, ...input.notes];
  return {
    pass: above && input.problems.length === 0,
    score: Number(score.toFixed(4)),
    reason: extra.length === 0 ? verdict : `${verdict}; ${extra.join("; ")}`,
  };
}

/** Hypotheses are the output segments in order; each file must have exactly one line per segment. */
function fromFiles(context: ChrfContext, files: string[]): ScoringInput | string {
  const hypotheses = outputSegments(context);
  if (typeof hypotheses === "string") return hypotheses;
  const referenceStreams: string[][] = [];
  for (const file of files) {
    const lines = readReferenceLines(resolve(context.sampleDir, file));
    if (lines.length !== hypotheses.length) {
      return `cannot align ${file} (${lines.length} lines) with the ${context.target} output (${hypotheses.length} segments): a ref file needs one line per output segment, in order`;
    }
    referenceStreams.push(lines);
  }
  return { hypotheses, referenceStreams, against: `${files.join(", ")} (${context.target}, ${hypotheses.length} segments)`, problems: [], notes: [] };
}

function outputSegments(context: ChrfContext): string[] | string {
  if (context.step === "summarize") {
    const summary = context.article.summaries[context.target];
    if (!summary) return `no ${context.target} summary in the article`;
    return [summary.headline, summary.summary, summary.key_points.join(" ")];
  }
  const translation = context.article.translations[context.target];
  if (!translation) return `no ${context.target} translation in the article`;
  return translation.segments.map((segment) => segment.text);
}

function fromReference(context: ChrfContext): ScoringInput | string {
  const { reference, target } = context;
  if (!reference) return `no reference: ${context.sampleDir}/reference.yaml is absent and no ref: file is given`;
  const name = basename(reference.file);
  if (context.step === "summarize") {
    const expected = referenceSummary(reference, target);
    if (!expected) return `${name} has no ${target} summary`;
    const summary = context.article.summaries[target];
    if (!summary) return `no ${target} summary in the article`;
    return {
      hypotheses: [summary.headline, summary.summary, summary.key_points.join(" ")],
      referenceStreams: [[expected.headline, expected.summary, expected.key_points.join(" ")]],
      against: `${name} (${target} summary)`,
      problems: [],
      notes: [],
    };
  }
  const translation = context.article.translations[target];
  if (!translation) return `no ${target} translation in the article`;
  if (reference.translations.length === 0) return `${name} has no translations`;
  return alignedInput(context.article, translation.segments, reference, target, name);
}

function alignedInput(
  article: ArticleResult,
  translated: Array<{ id: string; text: string }>,
  reference: SampleReference,
  target: TargetLanguage,
  name: string,
): ScoringInput | string {
  const sources = referenceTranslation(reference, "bg");
  const targets = referenceTranslation(reference, target);
  const alignment = alignReference(sources, article.segments);
  if (alignment.groups.length === 0) {
    return `none of the ${sources.length} sentences of ${name} matches an article segment (first: ${quoteShort(sources[0]!, 50)}); is it the reference of this article?`;
  }
  const byId = new Map(translated.map((segment) => [segment.id, segment.text]));
  const untranslated: string[] = [];
  const hypotheses: string[] = [];
  const references: string[] = [];
  for (const group of alignment.groups) {
    const texts = group.segmentIds.map((id) => {
      const text = byId.get(id);
      if (text === undefined) untranslated.push(id);
      return text ?? "";
    });
    hypotheses.push(texts.join(" ").trim());
    references.push(group.referenceIndexes.map((index) => targets[index]!).join(" "));
  }
  const problems: string[] = [];
  if (alignment.unaligned.length > 0) {
    const shown = alignment.unaligned.slice(0, 3).map((index) => `#${index + 1} ${quoteShort(sources[index]!, 50)}`);
    const more = alignment.unaligned.length > 3 ? ` and ${alignment.unaligned.length - 3} more` : "";
    problems.push(
      `${alignment.unaligned.length} of ${sources.length} reference sentences match no article segment, so they were not scored: ${shown.join(", ")}${more}`,
    );
  }
  const notes: string[] = [];
  if (untranslated.length > 0) {
    notes.push(`${untranslated.length} aligned segments have no ${target} translation and scored as empty: ${untranslated.slice(0, 8).join(", ")}${untranslated.length > 8 ? ", …" : ""}`);
  }
  const scored = alignment.groups.reduce((sum, group) => sum + group.referenceIndexes.length, 0);
  return { hypotheses, referenceStreams: [references], against: `${name} (${target}, ${scored} sentences)`, problems, notes };
}
