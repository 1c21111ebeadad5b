import { z } from "zod";
import { wholeNumber } from "../config/whole-number.js";
import { inThreadGates } from "../checks/pool/gate-pool.js";
import { quoteInTranslation } from "../checks/quotes.js";
import type { CheckResult, IdText } from "../checks/types.js";
import { defaultOutputCap } from "../structured/generate-object.js";
import { ask } from "../structured/ask.js";
import { TARGET_LANGUAGES, type TargetLanguage } from "../common/languages.js";
import { windowsOf } from "./article-text.js";
import { mapLimited } from "../common/map-limited.js";
import { askUntilAccepted } from "./ask-until-accepted.js";
import { recordOutcomes } from "./outcomes.js";
import type { ArticleWork, Quote, StepKind } from "./types.js";

/** The longest quotes answer asked for at first (tokens). */
const QUOTES_OUTPUT_CAP = 4096;

const options = z.strictObject({
  /** Also look for quotes in reader comments (off: comments are opinions of readers, not news). */
  from_comments: z.boolean().default(false),
  /** The most of the article one request reads, in estimated tokens: a longer article is read in windows of this size. */
  max_input_tokens: wholeNumber(200, 1_000_000).default(4000),
});
type Options = z.output<typeof options>;

export const quotesAnswerSchema = z.strictObject({
  quotes: z.array(
    z.strictObject({
      speaker: z.string(),
      cue: z.string(),
      kind: z.enum(["direct", "indirect"]),
      text: z.string(),
    }),
  ),
});
type Candidate = z.output<typeof quotesAnswerSchema>["quotes"][number];

const PLACEHOLDERS = ["schema", "sentences", "feedback"] as const;

/**
 * Direct and indirect quotes with speaker, cue verb and the verbatim Bulgarian text, located in
 * the article. A quote is kept only when its text is verbatim in the cited sentences, not from a
 * comment, and its speaker is named in the article; rejected ones are re-asked with the reasons.
 * Each target's quote text is cut from that target's translation of the same sentences.
 */
export const extractQuotesStep: StepKind<Options> = {
  kind: "extract-quotes",
  description: "verified direct and indirect quotes with speaker and cue, and their text in each translation",
  usesModel: true,
  requires: ["segments", "translations"],
  provides: ["quotes"],
  options,
  defaultPrompt: "extract-quotes.md",
  placeholders: PLACEHOLDERS,
  async run(context) {
    const { work, step } = context;
    const kinds = step.options.from_comments ? (["title", "body", "comment"] as const) : (["title", "body"] as const);
    // The gate rejects quotes found in comments; with from_comments they count as body text.
    const segments = (work.segments ?? []).map((segment) => (step.options.from_comments && segment.kind === "comment" ? { ...segment, kind: "body" as const } : segment));
    const accepted = new Map<string, Quote>();
    // A long article is read in windows of max_input_tokens, each asked on its own (an article
    // that fits is one window: the same request as ever); a quote found twice is kept once.
    const found = windowsOf(work.segments, kinds, step.options.max_input_tokens);
    const windows = found.length > 0 ? found : [[]];
    const outcomes = await mapLimited(windows, Math.max(2, context.slots ?? 4), (window, index) => {
      // Of several windows, each answer is looked for in the stretch the model read (a pass over a
      // 5 MB article per quote cost more than the call).
      const within = windows.length > 1 ? { start: window[0]!.start, end: window.at(-1)!.end } : undefined;
      return askUntilAccepted<Candidate[]>(context, undefined, windows.length === 1 ? "quotes" : `quotes (sentences ${window[0]!.id}–${window.at(-1)!.id})`, {
        async ask(feedback, attempt) {
          const sentences: IdText[] = window.map((segment) => ({ id: segment.id, text: segment.text }));
          const part = index === 0 ? "quotes" : `quotes.w${index}`;
          const request = ask({
            prompt: step.prompt!,
            schema: quotesAnswerSchema,
            schemaName: "quotes",
            values: { sentences: JSON.stringify(sentences) },
            feedback: feedback.map((failure) => failure.detail),
            feedbackIntro: "Some quotes of your previous answer were rejected. List the quotes again, all of them, fixing these problems:",
            origin: { step: step.name, part: attempt === 0 ? part : `${part}.g${attempt}` },
          });
          // Quotes are a small part of an article; a cut answer is re-asked with twice the cap.
          const result = await context.generate({ ...request, sampling: { maxOutputTokens: Math.min(defaultOutputCap(request.messages), QUOTES_OUTPUT_CAP) } });
          return { value: result.value.quotes, reject: result.reject };
        },
        async judge(candidates) {
          const verdicts: CheckResult[] = [];
          const checked = await (context.gates ?? inThreadGates).quotes({ quotes: candidates.map(({ speaker, text }) => ({ speaker, text })), articleText: work.article.text, segments, ...(within ? { within } : {}) });
          for (const [position, candidate] of candidates.entries()) {
            const { results, location } = checked[position]!;
            verdicts.push(...results);
            if (!location || results.some((result) => result.status === "fail")) continue;
            const key = `${location.start}:${location.end}`;
            if (accepted.has(key)) continue;
            accepted.set(key, {
              id: "",
              speaker: candidate.speaker.trim(),
              cue: candidate.cue.trim(),
              kind: candidate.kind,
              text: work.article.text.slice(location.start, location.end),
              start: location.start,
              end: location.end,
              segmentIds: location.segmentIds,
              translations: {},
            });
          }
          return verdicts;
        },
      });
    });

    work.quotes = [...accepted.values()].sort((a, b) => a.start - b.start).map((quote, index) => ({ ...quote, id: `q${index + 1}`, translations: translateQuote(work, quote) }));
    recordOutcomes(
      work,
      step.name,
      undefined,
      outcomes.map((outcome) => ({ accepted: outcome.accepted ? 1 : 0, total: 1, gates: outcome.gates, failures: outcome.failures })),
    );
    if (outcomes.every((outcome) => outcome.accepted)) return "ok";
    // Quotes that passed are kept even when others were rejected to the end.
    return outcomes.some((outcome) => outcome.answered) ? "partial" : "failed";
  },
};

function translateQuote(work: ArticleWork, quote: Quote): Partial<Record<TargetLanguage, string>> {
  const sourceSegments: IdText[] = (work.segments ?? []).filter((segment) => quote.segmentIds.includes(segment.id)).map((segment) => ({ id: segment.id, text: segment.text }));
  const translations: Partial<Record<TargetLanguage, string>> = {};
  for (const target of TARGET_LANGUAGES) {
    const map = work.translations[target];
    if (!map || !quote.segmentIds.every((id) => map.has(id))) continue;
    const translated = quote.segmentIds.map((id) => ({ id, text: map.get(id)! }));
    translations[target] = quoteInTranslation({ sourceSegments, quote, articleText: work.article.text, translated });
  }
  return translations;
}
