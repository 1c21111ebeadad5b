import { z } from "zod";
import { wholeNumber } from "../config/whole-number.js";
import { PrevodError } from "../errors.js";
import { chunkSegments, splitLongSegments } from "../text/chunks.js";
import { analyzeArticle } from "../text/structure.js";
import type { StepKind } from "./types.js";

const options = z.strictObject({
  /** Token budget of one translation request's source sentences. */
  max_chunk_tokens: wholeNumber(50, 100_000).default(500),
  /** Segment kinds sent for translation. Comments are translated so readers see them, never summarised or quoted. */
  translate: z.array(z.enum(["title", "body", "comment", "meta"])).min(1).default(["title", "body", "comment"]),
});

/** Sentences with offsets, structure labels and chunks: everything later steps read. No model. */
export const segmentStep: StepKind<z.output<typeof options>> = {
  kind: "segment",
  description: "sentences with offsets, structure (title, meta, body, comment, boilerplate), chunks within a token budget",
  usesModel: false,
  requires: [],
  provides: ["segments"],
  options,
  async run({ work, step }) {
    // A sentence over the budget (a paragraph without a full stop) is cut, so no request exceeds it.
    const segments = splitLongSegments(analyzeArticle(work.article.text, { hints: work.article.hints }), step.options.max_chunk_tokens);
    work.segments = segments;
    work.chunks = chunkSegments(segments, { maxTokens: step.options.max_chunk_tokens, kinds: step.options.translate });
    if (!segments.some((segment) => segment.kind === "body" || segment.kind === "title")) {
      throw new PrevodError("INPUT_INVALID", "the article has no title or body text to translate");
    }
    return "ok";
  },
};
