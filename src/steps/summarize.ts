import { z } from "zod";
import { inThreadGates } from "../checks/pool/gate-pool.js";
import { wholeNumber } from "../config/whole-number.js";
import { ask } from "../structured/ask.js";
import { LANGUAGE_NAMES, MODEL_TARGETS, type TargetLanguage } from "../common/languages.js";
import { leadOf } from "./article-text.js";
import { askUntilAccepted } from "./ask-until-accepted.js";
import { recordOutcomes, rollUp, type TargetOutcome } from "./outcomes.js";
import { TARGET_NOTES } from "./target-notes.js";
import type { StepContext, StepKind } from "./types.js";

const options = z.strictObject({
  /** Longest summary, in words. */
  max_words: wholeNumber(10, 1000).default(80),
  headline_max_words: wholeNumber(3, 50).default(14),
  /** Key points to ask for; 0 asks for none. */
  key_points: wholeNumber(0, 10).default(3),
  /**
   * The most of the article a summary is written from, in estimated tokens: a longer article is
   * summarized from its title and first sentences (its lead), and the summary records how many.
   */
  max_input_tokens: wholeNumber(200, 1_000_000).default(4000),
});
type Options = z.output<typeof options>;

export const summaryAnswerSchema = z.strictObject({
  headline: z.string(),
  summary: z.string(),
  key_points: z.array(z.string()),
});

const PLACEHOLDERS = ["schema", "article", "target_language", "target_tag", "target_notes", "max_words", "headline_max_words", "key_points", "feedback"] as const;

/**
 * Headline, summary and key points per target, written from the title and body only (never
 * reader comments). Gates: word limits, numbers that occur in the source, the target language.
 * A summary that still fails after the re-asks is not kept; the failure is recorded.
 */
export const summarizeStep: StepKind<Options> = {
  kind: "summarize",
  description: "headline, summary and key points per target from the article body",
  usesModel: true,
  targets: MODEL_TARGETS,
  requires: ["segments"],
  provides: ["summaries"],
  options,
  defaultPrompt: "summarize.md",
  placeholders: PLACEHOLDERS,
  async run(context) {
    const outcomes = await Promise.all(context.step.targets.map((target) => summarizeInto(context, target)));
    return rollUp(context.step.targets.map((target, index) => recordOutcomes(context.work, context.step.name, target, [outcomes[index]!])));
  },
};

async function summarizeInto(context: StepContext & { step: { options: Options } }, target: TargetLanguage): Promise<TargetOutcome> {
  const { work, step } = context;
  const lead = leadOf(work.segments, ["title", "body"], step.options.max_input_tokens);
  const article = lead.text;
  type Answer = z.output<typeof summaryAnswerSchema>;
  const outcome = await askUntilAccepted<Answer>(context, target, "summary", {
    async ask(feedback, attempt) {
      const result = await context.generate(
        ask({
          prompt: step.prompt!,
          schema: summaryAnswerSchema,
          schemaName: "summary",
          values: {
            // A JSON string has no line breaks, so no article line ("ARTICLE>>>", "```", "## system") can close the fence.
            article: JSON.stringify(article),
            target_language: LANGUAGE_NAMES[target],
            target_tag: target,
            target_notes: TARGET_NOTES[target],
            max_words: String(step.options.max_words),
            headline_max_words: String(step.options.headline_max_words),
            key_points: String(step.options.key_points),
          },
          feedback: feedback.map((failure) => failure.detail),
          feedbackIntro: "Your previous summary was rejected; write it again, fixing these problems:",
          origin: { step: step.name, target, part: attempt === 0 ? "summary" : `summary.g${attempt}` },
          // A summary is short whatever the article's length: its cap follows the word limits, so a
          // long article does not ask for a larger context (which reloads an Ollama model).
          sampling: { maxOutputTokens: summaryOutputCap(step.options) },
        }),
      );
      return result;
    },
    async judge(value) {
      const keyPoints = value.key_points.slice(0, step.options.key_points);
      const results = await (context.gates ?? inThreadGates).summary({
        target,
        headline: value.headline,
        summary: value.summary,
        keyPoints,
        sourceText: article,
        maxWords: step.options.max_words,
        maxHeadlineWords: step.options.headline_max_words,
      });
      if (results.every((result) => result.status === "pass")) {
        work.summaries[target] = {
          headline: value.headline.trim(),
          summary: value.summary.trim(),
          key_points: keyPoints.map((point) => point.trim()),
          ...(lead.segments < lead.of ? { written_from: { segments: lead.segments, of: lead.of } } : {}),
        };
      }
      return results;
    },
  });
  return { accepted: outcome.accepted ? 1 : 0, total: 1, gates: outcome.gates, failures: outcome.failures };
}

/** Tokens a summary may take: its words at a generous 8 tokens each (Cyrillic), plus the JSON. */
function summaryOutputCap(options: Options): number {
  return 8 * (options.max_words + options.headline_max_words + options.key_points * 30) + 256;
}
