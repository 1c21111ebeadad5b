import { z } from "zod";
import { TARGET_LANGUAGES } from "../common/languages.js";

/**
 * The public shape of `out/articles/<id>.json` (and each line of `out/articles.jsonl`).
 * Documented in the README; its JSON Schema is exported as schemas/article.schema.json.
 * Field names are snake_case like pipeline.yaml.
 */
const target = z.enum(TARGET_LANGUAGES);
const byTarget = <T extends z.ZodType>(value: T) => z.partialRecord(target, value);

export const segmentSchema = z.strictObject({
  id: z.string().describe('"s1", "s2", … in text order'),
  kind: z.enum(["title", "meta", "body", "comment", "boilerplate"]),
  text: z.string(),
  start: z.int().min(0).describe("offset of the first character in the article text (JavaScript string index)"),
  end: z.int().min(0).describe("offset just past the last character"),
  paragraph: z.int().min(0),
  split: z.literal(true).optional().describe("a piece of a sentence longer than the chunk budget, cut at a clause or word boundary"),
});

export const translationSchema = z.strictObject({
  segments: z.array(z.strictObject({ id: z.string(), text: z.string() })).describe("sentence-aligned: the ids of the translated source segments"),
  text: z.string().describe("the segments joined: sentences of a paragraph by a space, paragraphs by a blank line"),
});

export const summarySchema = z.strictObject({
  headline: z.string(),
  summary: z.string(),
  key_points: z.array(z.string()),
  written_from: z
    .strictObject({ segments: z.number().int().positive(), of: z.number().int().positive() })
    .optional()
    .describe("set when the article was longer than summarize's max_input_tokens: the summary was written from its first `segments` title and body segments of `of`"),
});

export const quoteSchema = z.strictObject({
  id: z.string(),
  speaker: z.string().describe("as named in the article"),
  cue: z.string().describe("the verb that introduces the quote: каза, заяви, …"),
  kind: z.enum(["direct", "indirect"]),
  text: z.string().describe("verbatim Bulgarian text; equals the article text from start to end"),
  start: z.int().min(0),
  end: z.int().min(0),
  segment_ids: z.array(z.string()),
  translations: byTarget(z.string()).describe("per target, taken verbatim from that target's translation"),
});

export const checkSchema = z.strictObject({
  step: z.string(),
  target: target.optional(),
  name: z.string().describe("the gate: alignment, language, script, numbers, …"),
  status: z.enum(["pass", "fail"]),
  detail: z.string(),
  segment_id: z.string().optional(),
});

export const errorSchema = z.strictObject({
  step: z.string(),
  target: target.optional(),
  code: z.string(),
  message: z.string(),
});

export const usageSchema = z.strictObject({
  calls: z.int().min(0).describe("model calls answered by the provider in this run"),
  cached: z.int().min(0),
  replayed: z.int().min(0),
  prompt_tokens: z.int().min(0),
  completion_tokens: z.int().min(0),
  repairs: z.int().min(0).describe("re-asks after a schema or gate failure"),
});

export const articleResultSchema = z.strictObject({
  id: z.string(),
  status: z.enum(["ok", "partial", "failed"]),
  source: z.strictObject({
    title: z.string().optional(),
    url: z.string().optional(),
    published: z.string().optional(),
    outlet: z.string().optional().describe("the outlet's name: the feed's title or the page's og:site_name"),
    origin: z.string(),
    sha256: z.string().describe("of the article text"),
  }),
  segments: z.array(segmentSchema),
  translations: byTarget(translationSchema),
  summaries: byTarget(summarySchema),
  quotes: z.array(quoteSchema),
  results: z
    .record(z.string(), z.unknown())
    .optional()
    .describe("answers of user-defined llm steps by step name: the answer, or an object of answers by target when the step has targets"),
  written_from: z
    .record(z.string(), z.union([z.strictObject({ segments: z.number().int().positive(), of: z.number().int().positive() }), z.record(z.string(), z.strictObject({ segments: z.number().int().positive(), of: z.number().int().positive() }))]))
    .optional()
    .describe("llm steps that read only the lead of an article longer than their max_input_tokens, by step name: the first `segments` of `of` read, or an object of those by target when the step has targets"),
  checks: z.array(checkSchema),
  errors: z.array(errorSchema),
  usage: usageSchema,
});

export type ArticleResult = z.infer<typeof articleResultSchema>;
export type ArticleStatus = ArticleResult["status"];
