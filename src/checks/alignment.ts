import { isBlank } from "./empty.js";
import type { CheckResult, IdText, TranslationCheckInput } from "./types.js";

const normalised = (text: string): string => text.normalize("NFC").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
const length = (text: string): number => text.replace(/\s+/gu, " ").trim().length;
/** Sentences in a text: the stops followed by more text, plus one (a last sentence need not end in a stop, like a headline). */
const sentenceCount = (text: string): number => (text.trim().match(/[.!?…]+["'»“”’)]*(?=\s+\S)/gu)?.length ?? 0) + 1;

/** The start of a text, for details: `"Правителството прие…"`. */
export function excerpt(text: string, limit = 60): string {
  const flat = text.replace(/\s+/gu, " ").trim();
  return `"${flat.length <= limit ? flat : `${flat.slice(0, limit).trimEnd()}…`}"`;
}

/**
 * True when one answer plausibly holds its own sentence and the next (or previous) one: its
 * length fits the two sources together far better than its own source alone, or it has more
 * sentences than its own source.
 */
function holdsBoth(answer: string, own: string, neighbour: string): boolean {
  const together = length(answer) / Math.max(1, length(own) + 1 + length(neighbour));
  const alone = length(answer) / Math.max(1, length(own));
  return together >= 0.6 && together <= 1.8 && (alone >= 1.5 || sentenceCount(answer) > sentenceCount(own));
}

/**
 * The answer to a sentence-aligned request must answer every source id exactly once, with no
 * unknown ids and no empty texts, and must not merge two sentences into one answer (while the
 * neighbour is empty or repeats the same text).
 */
export function checkAlignment(input: TranslationCheckInput): CheckResult[] {
  const failures: CheckResult[] = [];
  const fail = (segmentId: string, detail: string) => failures.push({ name: "alignment", status: "fail", detail, segmentId });
  const sourceIds = input.source.map((item) => item.id);
  const known = new Set(sourceIds);
  const answers = new Map<string, IdText[]>();
  for (const item of input.translation) answers.set(item.id, [...(answers.get(item.id) ?? []), item]);

  const range = sourceIds.length === 0 ? "none" : sourceIds.length <= 6 ? sourceIds.join(", ") : `${sourceIds[0]} … ${sourceIds.at(-1)}`;
  for (const [id, items] of answers) {
    if (!known.has(id)) fail(id, `${id}: this id is not one of the source sentences (${range}); answer only with the ids you were given`);
    else if (items.length > 1) {
      const identical = new Set(items.map((item) => normalised(item.text))).size === 1;
      fail(id, `${id}: answered ${items.length} times${identical ? "" : " with different texts"}; give exactly one translation per id`);
    }
  }
  const answerOf = (id: string): string | undefined => {
    const items = answers.get(id);
    return items === undefined ? undefined : (items[0] as IdText).text;
  };
  for (const item of input.source) {
    const answer = answerOf(item.id);
    if (answer === undefined) fail(item.id, `${item.id}: no translation was given; translate ${excerpt(item.text)}`);
    else if (isBlank(answer)) fail(item.id, `${item.id}: the translation is empty; translate ${excerpt(item.text)}`);
  }

  // Each answer is compared with both neighbours: normalised once.
  const normalisedAnswers = new Map<string, string>();
  const normalisedAnswer = (id: string, text: string): string => {
    let known = normalisedAnswers.get(id);
    if (known === undefined) normalisedAnswers.set(id, (known = normalised(text)));
    return known;
  };
  for (let index = 0; index < input.source.length; index += 1) {
    const own = input.source[index] as IdText;
    const answer = answerOf(own.id);
    if (answer === undefined || isBlank(answer)) continue;
    for (const neighbourIndex of [index - 1, index + 1]) {
      const neighbour = input.source[neighbourIndex];
      if (neighbour === undefined) continue;
      const other = answerOf(neighbour.id);
      const [first, second] = neighbourIndex < index ? [neighbour.id, own.id] : [own.id, neighbour.id];
      if (other === undefined || isBlank(other)) {
        if (holdsBoth(answer, own.text, neighbour.text)) {
          fail(own.id, `${own.id}: the translation seems to hold ${first} and ${second} together while ${neighbour.id} has none; translate each sentence under its own id`);
        }
      } else if (neighbourIndex > index && normalisedAnswer(neighbour.id, other) === normalisedAnswer(own.id, answer) && normalised(own.text) !== normalised(neighbour.text)) {
        const merged = holdsBoth(answer, own.text, neighbour.text) ? "; it seems to translate both sentences together" : "";
        fail(own.id, `${own.id}: ${own.id} and ${neighbour.id} have the same translation although their sources differ${merged}; translate each sentence under its own id`);
      }
    }
  }
  if (failures.length > 0) return failures;
  return [{ name: "alignment", status: "pass", detail: `all ${sourceIds.length} sentences answered once` }];
}
