import { readFileSync } from "node:fs";
import { z } from "zod";
import { readYamlFile, parseYaml } from "../config/yaml-file.js";
import { PrevodError } from "../errors.js";
import { MODEL_TARGETS, type TargetLanguage } from "../common/languages.js";
import { toLatin } from "../text/transliterate.js";
import { splitSegments } from "./segment-lines.js";

/**
 * samples/<name>/reference.yaml: reference outputs written by the prevod authors for a golden
 * sample (never recorded from a model). Translations are one entry per sentence in article order,
 * keyed by the Bulgarian sentence exactly as it appears in article.txt, so they can be aligned to
 * whatever segments the pipeline produced. sr-Latn is never written: it is derived from sr-Cyrl.
 */
const sentenceSchema = z.strictObject({
  bg: z.string().min(1),
  en: z.string().min(1),
  ru: z.string().min(1),
  "sr-Cyrl": z.string().min(1),
});

const summarySchema = z.strictObject({
  headline: z.string().min(1),
  summary: z.string().min(1),
  key_points: z.array(z.string().min(1)).default([]),
});

const quoteSchema = z.strictObject({
  speaker: z.string().min(1),
  cue: z.string().min(1),
  kind: z.enum(["direct", "indirect"]),
  text: z.string().min(1),
});

export const sampleReferenceSchema = z.strictObject({
  title: z.string().optional(),
  published: z.string().optional(),
  translations: z.array(sentenceSchema).default([]),
  summaries: z.strictObject({ en: summarySchema.optional(), ru: summarySchema.optional(), "sr-Cyrl": summarySchema.optional() }).default({}),
  quotes: z.array(quoteSchema).default([]),
});

/** A golden sample's reference outputs, as read from reference.yaml. */
export type SampleReference = z.infer<typeof sampleReferenceSchema> & {
  /** The file it was read from, for messages ("reference.yaml"). */
  file: string;
};

export type ReferenceSummary = z.infer<typeof summarySchema>;

const EXPECTED = "a mapping with translations, summaries and quotes (reference.yaml)";

/** Reads and validates reference.yaml; a bad file is a CONFIG_INVALID error with file:line:col per issue. */
export async function loadReference(file: string): Promise<SampleReference> {
  const source = await readYamlFile(file, sampleReferenceSchema, { expected: EXPECTED });
  return { ...source.data, file };
}

export function parseReference(text: string, file: string): SampleReference {
  return { ...parseYaml(text, file, sampleReferenceSchema, { expected: EXPECTED }).data, file };
}

/** The reference translation into `lang`, one string per sentence in article order; sr-Latn via toLatin. */
export function referenceTranslation(reference: SampleReference, lang: TargetLanguage | "bg"): string[] {
  if (lang === "sr-Latn") return reference.translations.map((sentence) => toLatin(sentence["sr-Cyrl"]));
  return reference.translations.map((sentence) => sentence[lang]);
}

/** The reference summary in `lang` (sr-Latn via toLatin), or undefined when the file has none. */
export function referenceSummary(reference: SampleReference, lang: TargetLanguage): ReferenceSummary | undefined {
  if (lang !== "sr-Latn") return reference.summaries[lang as (typeof MODEL_TARGETS)[number]];
  const cyrillic = reference.summaries["sr-Cyrl"];
  if (!cyrillic) return undefined;
  return { headline: toLatin(cyrillic.headline), summary: toLatin(cyrillic.summary), key_points: cyrillic.key_points.map(toLatin) };
}

/**
 * A plain reference file (`chrf: { ref: FILE }`): one segment per line, as `prevod eval` reads
 * it; only line breaks are removed, a final line break adds no segment, a BOM is dropped.
 */
export function readReferenceLines(file: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new PrevodError("INPUT_INVALID", `cannot read reference file ${file}: ${code ?? (error as Error).message}`);
  }
  return splitSegments(text);
}
