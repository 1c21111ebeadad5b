import { createHash } from "node:crypto";
import type { ArticleWork } from "../steps/types.js";
import { TARGET_LANGUAGES } from "../common/languages.js";
import type { Segment } from "../text/types.js";
import type { ArticleResult, ArticleStatus } from "./article-schema.js";

/** The public JSON of one processed article (see article-schema.ts). Deterministic: no timings. */
export function toArticleResult(work: ArticleWork, status: ArticleStatus): ArticleResult {
  const { article } = work;
  const segments = work.segments ?? [];
  const translated = new Set((work.chunks ?? []).flatMap((chunk) => chunk.segmentIds));
  const order = segments.filter((segment) => translated.has(segment.id));

  const translations: ArticleResult["translations"] = {};
  for (const target of TARGET_LANGUAGES) {
    const map = work.translations[target];
    if (!map || map.size === 0) continue;
    const items = order.filter((segment) => map.has(segment.id)).map((segment) => ({ id: segment.id, text: map.get(segment.id)! }));
    translations[target] = { segments: items, text: joinParagraphs(order, map) };
  }

  const summaries: ArticleResult["summaries"] = {};
  for (const target of TARGET_LANGUAGES) {
    const summary = work.summaries[target];
    if (summary) summaries[target] = { headline: summary.headline, summary: summary.summary, key_points: summary.key_points, ...(summary.written_from ? { written_from: summary.written_from } : {}) };
  }

  return {
    id: article.id,
    status,
    source: {
      ...(article.title !== undefined ? { title: article.title } : {}),
      ...(article.url !== undefined ? { url: article.url } : {}),
      ...(article.published !== undefined ? { published: article.published } : {}),
      ...(article.outlet !== undefined ? { outlet: article.outlet } : {}),
      origin: article.origin,
      sha256: sha256(article.text),
    },
    segments: segments.map((segment) => ({ id: segment.id, kind: segment.kind, text: segment.text, start: segment.start, end: segment.end, paragraph: segment.paragraph, ...(segment.split ? { split: true as const } : {}) })),
    translations,
    summaries,
    quotes: (work.quotes ?? []).map((quote) => ({
      id: quote.id,
      speaker: quote.speaker,
      cue: quote.cue,
      kind: quote.kind,
      text: quote.text,
      start: quote.start,
      end: quote.end,
      segment_ids: quote.segmentIds,
      translations: quote.translations,
    })),
    ...(Object.keys(work.results).length > 0 ? { results: llmResults(work.results) } : {}),
    ...(work.writtenFrom && Object.keys(work.writtenFrom).length > 0 ? { written_from: llmResults(work.writtenFrom) as ArticleResult["written_from"] } : {}),
    checks: work.checks.map((check) => ({
      step: check.step,
      ...(check.target ? { target: check.target } : {}),
      name: check.name,
      status: check.status,
      detail: check.detail,
      ...(check.segmentId ? { segment_id: check.segmentId } : {}),
    })),
    errors: work.errors.map((error) => ({ step: error.step, ...(error.target ? { target: error.target } : {}), code: error.code, message: error.message })),
    usage: {
      calls: work.usage.calls,
      cached: work.usage.cached,
      replayed: work.usage.replayed,
      prompt_tokens: work.usage.promptTokens,
      completion_tokens: work.usage.completionTokens,
      repairs: work.usage.repairs,
    },
  };
}

/** A step's answer, or its answers by target when it ran per target. */
function llmResults(results: Record<string, Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(results).map(([step, byTarget]) => [step, Object.keys(byTarget).length === 1 && "all" in byTarget ? byTarget.all : byTarget]));
}

/** Sentences of one paragraph joined by a space, paragraphs by a blank line. */
function joinParagraphs(order: Segment[], map: Map<string, string>): string {
  const paragraphs: string[][] = [];
  let current = -1;
  for (const segment of order) {
    const text = map.get(segment.id);
    if (text === undefined) continue;
    if (segment.paragraph !== current) {
      paragraphs.push([]);
      current = segment.paragraph;
    }
    paragraphs[paragraphs.length - 1]!.push(text.trim());
  }
  return paragraphs.map((sentences) => sentences.join(" ")).join("\n\n");
}

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
