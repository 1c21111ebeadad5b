import { LANGUAGE_NAMES } from "../common/languages.js";
import { checkAlignment } from "./alignment.js";
import { checkCopiedSource } from "./copied-source.js";
import { isBlank } from "./empty.js";
import { checkLanguage } from "./language.js";
import { checkLengthRatio } from "./length-ratio.js";
import { extractNumbers } from "../text/numbers/tokens.js";
import { checkNumbers } from "./numbers.js";
import { checkUntranslated } from "./untranslated.js";
import type { TargetLanguage } from "../common/languages.js";
import type { CheckResult, IdText, TranslationCheckInput } from "./types.js";

/**
 * Stands for the sentence's id while its verdicts are computed once and kept: every gate treats
 * the id as an opaque label (the "s3: " of a detail, the `segmentId`), so the kept verdicts are
 * given each sentence's own id by replacing this label.
 */
const ID = "\u0000\u2063id\u2063\u0000";

interface SentenceVerdicts {
  /** Language and script, copied source, numbers, length ratio: labelled with ID. */
  results: CheckResult[];
  copiedFailed: boolean;
  /** Numbers of the source written in figures (what the numbers pass detail counts). */
  figures: number;
}

const CYRILLIC = /[\u0400-\u04ff]/;

/** Most sentence verdicts kept; past it they start afresh (a run's memory must not grow with its length). */
const KEPT_VERDICTS = 8192;
let keptVerdicts = new Map<TargetLanguage, Map<string, Map<string, SentenceVerdicts>>>();
let keptCount = 0;

/**
 * The per-sentence gates, by target, source sentence and translation: the same pair is checked
 * again on a re-ask (the sentences that passed come back with the others), and boilerplate
 * sentences recur across a feed. Kept in nested maps, so no key string is built per sentence:
 * the source sentence is the same string on every target and re-ask.
 */
function sentenceVerdicts(target: TargetLanguage, source: string, text: string): SentenceVerdicts {
  let bySource = keptVerdicts.get(target);
  let byText = bySource?.get(source);
  const known = byText?.get(text);
  if (known) return known;
  const sentence = { id: ID, source, text, target };
  const copied = checkCopiedSource(sentence);
  const results = [...checkLanguage(sentence), ...copied, ...checkNumbers(sentence), ...checkLengthRatio(sentence)];
  const verdicts = {
    results,
    copiedFailed: copied.some((result) => result.status === "fail"),
    figures: results.some((result) => result.name === "numbers" && result.status === "pass") ? extractNumbers(source, "bg").filter((token) => !token.spelled).length : 0,
  };
  if (keptCount >= KEPT_VERDICTS) {
    keptVerdicts = new Map();
    keptCount = 0;
    bySource = byText = undefined;
  }
  if (!bySource) keptVerdicts.set(target, (bySource = new Map()));
  if (!byText) bySource.set(source, (byText = new Map()));
  byText.set(text, verdicts);
  keptCount++;
  return verdicts;
}

const labelled = (result: CheckResult, id: string): CheckResult => ({
  ...result,
  detail: result.detail.split(ID).join(id),
  ...(result.segmentId === undefined ? {} : { segmentId: result.segmentId.split(ID).join(id) }),
});

/**
 * Every gate of a sentence-aligned translation: alignment first, then per sentence the
 * language and script (checkLanguage), copied source, numbers and length ratio.
 *
 * Returns every failure (with its `segmentId`) and, for each gate that failed nowhere, one
 * `pass` result without `segmentId`, so an article's `checks[]` records what was checked
 * without a line per sentence. sr-Latn is checked like any target.
 */
export function checkTranslation(input: TranslationCheckInput): CheckResult[] {
  const failures: CheckResult[] = [];
  const passed = new Map<string, string>();
  const alignment = checkAlignment(input);
  for (const result of alignment) (result.status === "fail" ? failures.push(result) : passed.set(result.name, result.detail));

  const answers = new Map<string, string>();
  for (const item of input.translation) if (!answers.has(item.id)) answers.set(item.id, item.text);
  const checked: IdText[] = input.source.filter((item) => !isBlank(answers.get(item.id)));

  const gates = new Set(["language", "copied-source", "numbers", "length-ratio"]);
  const failedGates = new Set<string>();
  let numbers = 0;
  for (const source of checked) {
    const text = answers.get(source.id) as string;
    const verdicts = sentenceVerdicts(input.target, source.text, text);
    // Another sentence of the request left untranslated inside this answer (a headline glued to the next sentence).
    const others = input.source.filter((other) => other.id !== source.id && other.text !== source.text);
    // An English answer without a Cyrillic letter holds no Bulgarian word: nothing to look for.
    const mayHoldBulgarian = input.target !== "en" || CYRILLIC.test(text);
    const glued = verdicts.copiedFailed || !mayHoldBulgarian ? [] : checkUntranslated({ id: source.id, text, target: input.target, sources: others }).filter((result) => result.status === "fail");
    const kept = verdicts.results;
    // Same order as the gates ran: language, copied source, left untranslated, numbers, length ratio.
    const copiedEnd = kept.findIndex((result) => result.name === "numbers");
    const ordered = copiedEnd < 0 ? [...kept, ...glued] : [...kept.slice(0, copiedEnd), ...glued, ...kept.slice(copiedEnd)];
    const results = ordered.map((result) => (glued.includes(result) ? result : labelled(result, source.id)));
    numbers += verdicts.figures;
    for (const result of results) {
      gates.add(result.name);
      if (result.status !== "fail") continue;
      failedGates.add(result.name);
      failures.push(result.segmentId === undefined ? { ...result, segmentId: source.id } : result);
    }
  }

  const count = `${checked.length} sentence${checked.length === 1 ? "" : "s"}`;
  const language = LANGUAGE_NAMES[input.target];
  const passDetails: Record<string, string> = {
    language: `${count} in ${language}`,
    script: `${count} in the script of ${language}`,
    "mixed-script": `${count} without mixed-script words`,
    "copied-source": `none of ${count} is the Bulgarian source copied or holds a Bulgarian sentence left untranslated`,
    numbers: `every number of the source kept (${numbers} in ${count})`,
    "length-ratio": `${count} within the length bounds for ${language}`,
  };
  const passes: CheckResult[] = [...passed].map(([name, detail]) => ({ name, status: "pass", detail }));
  for (const name of gates) {
    if (!failedGates.has(name) && checked.length > 0) passes.push({ name, status: "pass", detail: passDetails[name] ?? `${count} checked` });
  }
  return [...failures, ...passes];
}
