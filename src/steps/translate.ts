import { z } from "zod";
import { inThreadGates } from "../checks/pool/gate-pool.js";
import type { CheckResult, IdText } from "../checks/types.js";
import { ask } from "../structured/ask.js";
import { mapLimited } from "../common/map-limited.js";
import { LANGUAGE_NAMES, MODEL_TARGETS, type TargetLanguage } from "../common/languages.js";
import type { Chunk, Segment } from "../text/types.js";
import { askUntilAccepted } from "./ask-until-accepted.js";
import { recordOutcomes, rollUp, type TargetOutcome } from "./outcomes.js";
import { TARGET_NOTES } from "./target-notes.js";
import type { StepContext, StepKind } from "./types.js";

const options = z.strictObject({});

/** What the model must answer: the same ids it was sent, each with its translation. */
export const translationAnswerSchema = z.strictObject({
  translations: z.array(z.strictObject({ id: z.string(), text: z.string() })),
});

const PLACEHOLDERS = ["schema", "sentences", "context", "target_language", "target_tag", "target_notes", "feedback"] as const;

/**
 * Sentence-aligned translation: per chunk and target, the model receives `[{id, text}]` and
 * must return the same ids. Sentences that pass every gate are kept; only missing or rejected
 * ids are asked again, with the gates' reasons, up to `defaults.repairs` times.
 */
export const translateStep: StepKind<z.output<typeof options>> = {
  kind: "translate",
  description: "sentence-aligned translation of every chunk into each target",
  usesModel: true,
  targets: MODEL_TARGETS,
  requires: ["segments"],
  provides: ["translations"],
  options,
  defaultPrompt: "translate.md",
  placeholders: PLACEHOLDERS,
  async run(context) {
    const { work, step } = context;
    const chunks = work.chunks ?? [];
    const jobs = step.targets.flatMap((target) => chunks.map((chunk, index) => ({ target, chunk, index })));
    // One map per article: built per chunk, every chunk in flight held its own copy of the whole
    // article's segments (a 1 MB article, ~1,000 chunks: hundreds of MB).
    const segments = work.segments ?? [];
    const segmentsById = new Map(segments.map((segment) => [segment.id, segment]));
    const title = segments.find((segment) => segment.kind === "title");
    // A few times the model's slots in flight, in job order (the order all of them used to be
    // queued in): a 5 MB article's ~7,000 chunk prompts no longer wait in memory all at once.
    const inFlight = Math.max(16, 4 * (context.slots ?? 8));
    const results = await mapLimited(jobs, inFlight, ({ target, chunk, index }) =>
      translateChunk(context, chunk, target, segmentsById, contextOf(chunk, chunks[index - 1], title, segmentsById)),
    );
    return rollUp(step.targets.map((target) => recordOutcomes(work, step.name, target, results.filter((_, index) => jobs[index]!.target === target))));
  },
};

/**
 * What a small model needs to translate a chunk well, marked as not to translate: the article's
 * title (when the chunk does not hold it) and the last sentence of the chunk before. As JSON, so
 * no article text can close the block.
 */
function contextOf(chunk: Chunk, previous: Chunk | undefined, title: Segment | undefined, segmentsById: ReadonlyMap<string, Segment>): string {
  const context: Record<string, string> = {};
  if (title && !chunk.segmentIds.includes(title.id)) context.title = title.text;
  const before = previous ? segmentsById.get(previous.segmentIds.at(-1)!) : undefined;
  if (before && before.id !== title?.id) context.previous_sentence = before.text;
  if (Object.keys(context).length === 0) return "";
  return `Context, for understanding only — do not translate it and do not return it:\n\n\`\`\`json\n${JSON.stringify(context)}\n\`\`\``;
}

async function translateChunk(context: StepContext, chunk: Chunk, target: TargetLanguage, segmentsById: ReadonlyMap<string, Segment>, around: string): Promise<TargetOutcome> {
  const { work, step } = context;
  // The model sees ids local to the chunk ("1", "2", …): a chunk's request then depends only on its
  // own sentences, so an edit elsewhere in the article leaves its cached answer valid.
  const localId = new Map(chunk.segmentIds.map((id, index) => [id, String(index + 1)]));
  const segmentId = new Map(chunk.segmentIds.map((id, index) => [String(index + 1), id]));
  const source: IdText[] = chunk.segmentIds.map((id) => ({ id: localId.get(id)!, text: segmentsById.get(id)?.text ?? "" }));
  const accepted = new Map<string, string>();
  let pending = source;

  const outcome = await askUntilAccepted<IdText[]>(context, target, chunk.id, {
    async ask(feedback, attempt) {
      const result = await context.generate(
        ask({
          prompt: step.prompt!,
          schema: translationAnswerSchema,
          schemaName: "translations",
          values: { sentences: JSON.stringify(pending), context: around, target_language: LANGUAGE_NAMES[target], target_tag: target, target_notes: TARGET_NOTES[target] },
          feedback: feedback.map((failure) => failure.detail),
          feedbackIntro: "Translate again only the sentences above, fixing these problems:",
          origin: { step: step.name, target, part: attempt === 0 ? chunk.id : `${chunk.id}.g${attempt}` },
        }),
      );
      return { value: result.value.translations, reject: result.reject };
    },
    async judge(answer) {
      const results = await (context.gates ?? inThreadGates).translation({ target, source: pending, translation: answer });
      const rejected = new Set(results.filter((result) => result.status === "fail" && result.segmentId).map((result) => result.segmentId!));
      const answered = new Set<string>();
      for (const item of answer) {
        answered.add(item.id);
        if (!rejected.has(item.id) && pending.some((sentence) => sentence.id === item.id) && !accepted.has(item.id)) accepted.set(item.id, item.text);
      }
      pending = pending.filter((sentence) => !accepted.has(sentence.id));
      // Keep only reasons about sentences still pending, and say so for ids the answer left out.
      const reasons: CheckResult[] = results.filter((result) => result.status === "pass" || !result.segmentId || pending.some((sentence) => sentence.id === result.segmentId));
      for (const sentence of pending) {
        if (!answered.has(sentence.id) && !reasons.some((result) => result.segmentId === sentence.id)) {
          reasons.push({ name: "alignment", status: "fail", detail: `${sentence.id}: missing from the answer; return every id you were given`, segmentId: sentence.id });
        }
      }
      // Sentence-less failures (an unknown id) need no re-ask once every sentence is accepted.
      return pending.length === 0 ? reasons.filter((result) => result.status === "pass") : reasons;
    },
  });

  const translations = (work.translations[target] ??= new Map());
  for (const [local, text] of accepted) translations.set(segmentId.get(local)!, text);
  // Recorded verdicts name the article's segment ids, not the chunk-local ones the model saw.
  const failures = outcome.failures.map((failure) => relabel(failure, segmentId));
  return { accepted: accepted.size, total: source.length, gates: outcome.gates, failures };
}

function relabel(result: CheckResult, segmentId: Map<string, string>): CheckResult {
  if (!result.segmentId) return result;
  const global = segmentId.get(result.segmentId) ?? result.segmentId;
  const detail = result.detail.startsWith(`${result.segmentId}:`) ? `${global}:${result.detail.slice(result.segmentId.length + 1)}` : result.detail;
  return { ...result, segmentId: global, detail };
}
