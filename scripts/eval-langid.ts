/**
 * Language identification on a labelled JSONL set (default ../shared/data/langid/dev.jsonl):
 * accuracy per language for sentences and paragraphs, the confusion among bg / ru / sr-Cyrl / mk,
 * the same for franc on the same items, and throughput.
 *
 *   npm run eval:langid [-- FILE]
 *
 * Items that carry `identical_in` (the same text is also the reference of other languages) count
 * as right when the answer is any of those languages. Croatian and Bosnian are also scored as one
 * class (hr+bs), since a gate for Serbian only needs to tell Serbian from them.
 */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { franc } from "franc";
import { checkLanguage } from "../src/checks/language.js";
import { identifyLanguage } from "../src/text/langid.js";
import type { TargetLanguage } from "../src/common/languages.js";

interface Item {
  id: string;
  text: string;
  lang: string;
  kind: "sentence" | "paragraph";
  identical_in?: string[];
}

const repoRoot = resolve(fileURLToPath(new URL("..", import.meta.url)));
const path = resolve(process.argv[2] ?? resolve(repoRoot, "../shared/data/langid/dev.jsonl"));
if (!existsSync(path)) {
  console.log(`skipped: ${path} is absent (the shared data is not on this machine)`);
  process.exit(0);
}

const items: Item[] = readFileSync(path, "utf8")
  .split("\n")
  .filter((line) => line.trim() !== "")
  .map((line) => JSON.parse(line) as Item);

const LANGUAGES = ["bg", "ru", "sr-Cyrl", "mk", "en", "sr-Latn", "hr", "bs"];
const CONFUSED = ["bg", "ru", "sr-Cyrl", "mk"];
const FRANC_CODES: Record<string, string> = { bul: "bg", rus: "ru", srp: "sr", mkd: "mk", hrv: "hr", bos: "bs", eng: "en" };

/** franc does not tell Serbian scripts apart: the script comes from the letters. */
function francLanguage(text: string): string {
  const code = FRANC_CODES[franc(text, { only: Object.keys(FRANC_CODES), minLength: 1 })] ?? "und";
  if (code !== "sr") return code;
  const cyrillic = (text.match(/[\u0400-\u04ff]/gu) ?? []).length;
  const latin = (text.match(/[A-Za-zČĆĐŠŽčćđšž]/gu) ?? []).length;
  return cyrillic >= latin ? "sr-Cyrl" : "sr-Latn";
}

/** Answers for every item, and sentences per second measured on the sentence items alone. */
function timeAll(identify: (text: string) => string): { answers: string[]; perSecond: number } {
  const sentences = items.filter((item) => item.kind === "sentence");
  const started = performance.now();
  for (const item of sentences) identify(item.text);
  const seconds = (performance.now() - started) / 1000;
  return { answers: items.map((item) => identify(item.text)), perSecond: sentences.length / seconds };
}

const isRight = (item: Item, answer: string, merged = false): boolean => {
  const accepted = new Set([item.lang, ...(item.identical_in ?? [])]);
  if (merged && (item.lang === "hr" || item.lang === "bs")) accepted.add("hr").add("bs");
  return accepted.has(answer);
};

const percent = (right: number, total: number): string => (total === 0 ? "   -  " : `${((100 * right) / total).toFixed(2).padStart(6)}`);

function report(name: string, answers: string[], perSecond: number): void {
  console.log(`\n== ${name}: ${items.length} items, ${Math.round(perSecond).toLocaleString("en")} sentences/s`);
  console.log("lang       sentences  paragraphs  all       (hr+bs as one class)");
  for (const language of LANGUAGES) {
    const row = (filter: (item: Item) => boolean, merged = false): string => {
      let right = 0;
      let total = 0;
      items.forEach((item, index) => {
        if (item.lang !== language || !filter(item)) return;
        total += 1;
        if (isRight(item, answers[index] as string, merged)) right += 1;
      });
      return percent(right, total);
    };
    const mergedColumn = language === "hr" || language === "bs" ? row(() => true, true) : "";
    console.log(
      `${language.padEnd(9)}  ${row((item) => item.kind === "sentence")}     ${row((item) => item.kind === "paragraph")}      ${row(() => true)}    ${mergedColumn}`,
    );
  }
  console.log(`confusion among ${CONFUSED.join(" / ")} (rows: truth, columns: answer)`);
  const columns = [...CONFUSED, "other"];
  console.log(`${"".padEnd(9)}${columns.map((column) => column.padStart(9)).join("")}`);
  for (const truth of CONFUSED) {
    const counts = new Map<string, number>(columns.map((column) => [column, 0]));
    items.forEach((item, index) => {
      if (item.lang !== truth) return;
      const answer = answers[index] as string;
      const column = CONFUSED.includes(answer) ? answer : "other";
      counts.set(column, (counts.get(column) ?? 0) + 1);
    });
    console.log(`${truth.padEnd(9)}${columns.map((column) => String(counts.get(column)).padStart(9)).join("")}`);
  }
}

const ours = timeAll((text) => identifyLanguage(text).lang);
report("prevod identifyLanguage", ours.answers, ours.perSecond);
const theirs = timeAll(francLanguage);
report("franc 6 (only bul rus srp mkd hrv bos eng; srp script from letters)", theirs.answers, theirs.perSecond);

/**
 * The gate built on the identifier: how often checkLanguage fails a correct answer, and how often
 * it catches a text in the wrong language given for a target (Bulgarian as Russian, …).
 */
function reportGate(): void {
  console.log("\n== checkLanguage gate (language, script, mixed-script) on the same items");
  const fails = (target: TargetLanguage, text: string): boolean => checkLanguage({ target, text }).some((result) => result.status === "fail");
  const rows: Array<[string, TargetLanguage]> = [
    ["en", "en"], ["ru", "ru"], ["sr-Cyrl", "sr-Cyrl"], ["sr-Latn", "sr-Latn"],
    ["bg", "ru"], ["bg", "en"], ["bg", "sr-Cyrl"], ["ru", "sr-Cyrl"], ["mk", "sr-Cyrl"], ["sr-Cyrl", "ru"], ["ru", "en"], ["hr", "sr-Latn"],
  ];
  for (const [language, target] of rows) {
    const own = items.filter((item) => item.lang === language);
    const failed = own.filter((item) => fails(target, item.text)).length;
    const what = language === target ? `correct ${language} answers failed (false alarms)` : `${language} given as ${target}: caught`;
    console.log(`${what.padEnd(46)} ${String(failed).padStart(5)} / ${own.length}  (${percent(failed, own.length).trim()}%)`);
  }
}
reportGate();

if (process.env.LANGID_ERRORS !== undefined) {
  const limit = Number(process.env.LANGID_ERRORS) || 50;
  console.log(`\nfirst ${limit} errors of prevod:`);
  items
    .map((item, index) => ({ item, answer: ours.answers[index] as string }))
    .filter(({ item, answer }) => !isRight(item, answer, true))
    .slice(0, limit)
    .forEach(({ item, answer }) => console.log(`${item.id}\t${answer}\t${item.text.slice(0, 160)}`));
}
