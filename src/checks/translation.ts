import { LANGUAGE_NAMES } from "../common/languages.js";
import { checkAlignment } from "./alignment.js";
import { checkCopiedSource } from "./copied-source.js";
import { isBlank } from "./empty.js";
import { checkLanguage } from "./language.js";
import { checkLengthRatio } from "./length-ratio.js";
import { extractNumbers } from "../text/numbers/tokens.js";
import { checkNumbers } from "./numbers.js";
import { checkUntranslated } from "./untranslated.js";
import type { CheckResult, IdText, TranslationCheckInput } from "./types.js";

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
    const sentence = { id: source.id, source: source.text, text, target: input.target };
    const copied = checkCopiedSource(sentence);
    // Another sentence of the request left untranslated inside this answer (a headline glued to the next sentence).
    const others = input.source.filter((other) => other.id !== source.id && other.text !== source.text);
    const glued = copied.some((result) => result.status === "fail") ? [] : checkUntranslated({ id: source.id, text, target: input.target, sources: others }).filter((result) => result.status === "fail");
    const results = [
      ...checkLanguage(sentence),
      ...copied,
      ...glued,
      ...checkNumbers(sentence),
      ...checkLengthRatio(sentence),
    ];
    for (const result of results) {
      gates.add(result.name);
      if (result.name === "numbers" && result.status === "pass") numbers += extractNumbers(source.text, "bg").filter((token) => !token.spelled).length;
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
