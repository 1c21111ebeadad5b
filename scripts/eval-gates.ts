/**
 * Dev benchmark of the translation gates and of language identification, in one run:
 *
 *   npm run eval:gates [-- --errors]
 *
 * (a) Professional translations: the 63 NTREX dev documents (../shared/data/ntrex/ntrex.dev.jsonl)
 *     as articles, each document's Bulgarian lines as the sentences and the human en / ru /
 *     sr-Cyrl / sr-Latn lines as the model's answers, judged by checkTranslation — the judge of the
 *     translate step. Articles whose every sentence passes in every target are "ok"; rejected
 *     sentences are counted per gate. Lines prevod's segmenter would split into several sentences
 *     are counted apart (segmentation mismatches): the whole pipeline would not send them as one id.
 * (b) Trap sets built from the same lines (scripts/gate-traps.ts): per kind, bad answers caught
 *     and professional controls passed.
 * (c) Language ID on ../shared/data/langid/dev.jsonl, per language, on sentences and on items of at
 *     most 6 words, for prevod, lingua (@bluzzi/lingua) and franc in the same run.
 *
 * Skips with a printed reason when ../shared is absent.
 */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { LanguageDetectorBuilder } from "@bluzzi/lingua";
import { franc } from "franc";
import { checkTranslation } from "../src/checks/translation.js";
import type { CheckResult, IdText } from "../src/checks/types.js";
import type { TargetLanguage } from "../src/common/languages.js";
import { identifyLanguage } from "../src/text/langid.js";
import { splitSentences } from "../src/text/sentences.js";
import { buildTrapKinds, loadNtrex, NTREX_FILE, TARGET_KEYS, type GateCase, type NtrexLine } from "./gate-traps.js";

const showErrors = process.argv.includes("--errors");
const rows = loadNtrex();
if (rows === undefined) {
  console.log(`skipped: ${NTREX_FILE} is absent (the shared data is not on this machine)`);
  process.exit(0);
}
const pct = (part: number, whole: number): string => (whole === 0 ? "  -   " : `${((100 * part) / whole).toFixed(2).padStart(6)}%`);
const TARGETS: TargetLanguage[] = ["en", "ru", "sr-Cyrl", "sr-Latn"];

// (a) professional translations, document by document.
{
  const documents = new Map<string, NtrexLine[]>();
  for (const row of rows) documents.set(row.doc, [...(documents.get(row.doc) ?? []), row]);
  let ok = 0;
  let sentences = 0;
  let rejected = 0;
  let mismatches = 0;
  const perGate = new Map<string, number>();
  const examples: string[] = [];
  for (const lines of documents.values()) {
    let articleOk = true;
    for (const row of lines) if (splitSentences(row.bul).length !== 1) mismatches += 1;
    for (const target of TARGETS) {
      const source: IdText[] = lines.map((row) => ({ id: `s${row.line}`, text: row.bul }));
      const translation: IdText[] = lines.map((row) => ({ id: `s${row.line}`, text: row[TARGET_KEYS[target]] as string }));
      const failures = checkTranslation({ target, source, translation }).filter((result) => result.status === "fail");
      const ids = new Set(failures.map((result) => result.segmentId));
      sentences += lines.length;
      rejected += ids.size;
      if (failures.length > 0) articleOk = false;
      for (const gate of new Set(failures.map((result) => `${result.name}`))) perGate.set(gate, (perGate.get(gate) ?? 0) + failures.filter((result) => result.name === gate).length);
      for (const failure of failures) examples.push(`${target} ${failure.name} ${failure.detail.slice(0, 220)}`);
    }
    if (articleOk) ok += 1;
  }
  console.log(`== (a) professional NTREX translations through the translate step's gates: ${documents.size} articles × ${TARGETS.length} targets`);
  console.log(`articles ok              ${ok} / ${documents.size}  (${pct(ok, documents.size).trim()})`);
  console.log(`sentences rejected       ${rejected} / ${sentences}  (${pct(rejected, sentences).trim()})`);
  console.log(`  per gate               ${[...perGate].map(([gate, count]) => `${gate} ${count}`).join(", ") || "none"}`);
  console.log(`segmentation mismatches  ${mismatches} of ${rows.length} Bulgarian lines split into more than one sentence (counted apart)`);
  if (showErrors) for (const example of examples) console.log(`  ${example}`);
}

// (b) traps and controls.
{
  const failsAt = (gateCase: GateCase): CheckResult[] =>
    checkTranslation({ target: gateCase.target, source: gateCase.source, translation: gateCase.translation }).filter((result) => result.status === "fail" && (result.segmentId === gateCase.id || result.segmentId === undefined));
  console.log("\n== (b) trap sets built from the NTREX dev lines: bad answers caught, professional controls passed");
  console.log(`${"kind".padEnd(24)} ${"caught".padStart(16)} ${"controls passed".padStart(22)}`);
  let caughtAll = 0;
  let trapsAll = 0;
  let passedAll = 0;
  let controlsAll = 0;
  const missed: string[] = [];
  for (const kind of buildTrapKinds(rows)) {
    const caught = kind.traps.filter((trap) => {
      const hit = failsAt(trap).length > 0;
      if (!hit) missed.push(`${kind.kind} missed ${trap.target}: ${trap.translation.find((item) => item.id === trap.id)?.text.slice(0, 160)}`);
      return hit;
    }).length;
    const passed = kind.controls.filter((control) => {
      const failures = failsAt(control);
      if (failures.length > 0) missed.push(`${kind.kind} control failed ${control.target}: ${failures[0]!.detail.slice(0, 200)}`);
      return failures.length === 0;
    }).length;
    caughtAll += caught;
    trapsAll += kind.traps.length;
    passedAll += passed;
    controlsAll += kind.controls.length;
    console.log(`${kind.kind.padEnd(24)} ${`${caught}/${kind.traps.length}`.padStart(9)} ${pct(caught, kind.traps.length)} ${`${passed}/${kind.controls.length}`.padStart(13)} ${pct(passed, kind.controls.length)}   ${kind.what}`);
  }
  console.log(`${"all".padEnd(24)} ${`${caughtAll}/${trapsAll}`.padStart(9)} ${pct(caughtAll, trapsAll)} ${`${passedAll}/${controlsAll}`.padStart(13)} ${pct(passedAll, controlsAll)}`);
  if (showErrors) for (const line of missed) console.log(`  ${line}`);
}

// (c) language identification beside lingua and franc.
{
  const file = resolve(fileURLToPath(new URL("..", import.meta.url)), "../shared/data/langid/dev.jsonl");
  if (!existsSync(file)) {
    console.log(`\n(c) skipped: ${file} is absent`);
    process.exit(0);
  }
  interface Item { id: string; text: string; lang: string; kind: string; identical_in?: string[] }
  const items = readFileSync(file, "utf8").split("\n").filter((line) => line.trim() !== "").map((line) => JSON.parse(line) as Item);
  const sentences = items.filter((item) => item.kind === "sentence");
  const words = (value: string): number => (value.match(/[\p{L}\p{N}]+/gu) ?? []).length;
  const script = (value: string, cyrillic: string, latin: string): string =>
    (value.match(/\p{Script=Cyrillic}/gu) ?? []).length >= (value.match(/\p{Script=Latin}/gu) ?? []).length ? cyrillic : latin;

  const LINGUA: Record<string, string> = { Bulgarian: "bg", Russian: "ru", Macedonian: "mk", English: "en", Croatian: "hr", Bosnian: "bs" };
  const detector = LanguageDetectorBuilder.fromLanguages(["Bulgarian", "Russian", "Serbian", "Macedonian", "Croatian", "Bosnian", "English"]).build();
  const lingua = (value: string): string => {
    const found = detector.detectLanguageOf(value);
    if (found === "Serbian") return script(value, "sr-Cyrl", "sr-Latn");
    return found === undefined ? "und" : (LINGUA[found] ?? "und");
  };
  const FRANC: Record<string, string> = { bul: "bg", rus: "ru", mkd: "mk", hrv: "hr", bos: "bs", eng: "en" };
  const francLanguage = (value: string): string => {
    const code = franc(value, { only: ["bul", "rus", "srp", "mkd", "hrv", "bos", "eng"], minLength: 1 });
    return code === "srp" ? script(value, "sr-Cyrl", "sr-Latn") : (FRANC[code] ?? "und");
  };
  const systems: Array<[string, (value: string) => string]> = [["prevod", (value) => identifyLanguage(value).lang], ["lingua", lingua], ["franc", francLanguage]];
  const answers = systems.map(([, identify]) => sentences.map((item) => identify(item.text)));
  const right = (item: Item, answer: string): boolean => answer === item.lang || (item.identical_in ?? []).includes(answer);

  console.log(`\n== (c) language ID on ${sentences.length} dev sentences (short: at most 6 words), accuracy per language`);
  console.log(`${"lang".padEnd(9)}${systems.map(([name]) => `${name} all`.padStart(13) + `${name} short`.padStart(15)).join("")}   (short items)`);
  for (const language of ["bg", "ru", "sr-Cyrl", "mk", "en", "sr-Latn", "hr", "bs"]) {
    const cells: string[] = [];
    let shortCount = 0;
    answers.forEach((list) => {
      let all = 0;
      let allRight = 0;
      let short = 0;
      let shortRight = 0;
      sentences.forEach((item, index) => {
        if (item.lang !== language) return;
        const good = right(item, list[index] as string);
        all += 1;
        if (good) allRight += 1;
        if (words(item.text) <= 6) {
          short += 1;
          if (good) shortRight += 1;
        }
      });
      shortCount = short;
      cells.push(pct(allRight, all).padStart(13) + pct(shortRight, short).padStart(15));
    });
    console.log(`${language.padEnd(9)}${cells.join("")}   (${shortCount})`);
  }
  if (showErrors) {
    sentences.forEach((item, index) => {
      const answer = answers[0]![index] as string;
      if (!right(item, answer) && ["bg", "ru", "sr-Cyrl", "mk", "en"].includes(item.lang)) console.log(`  langid ${item.id} -> ${answer}: ${item.text.slice(0, 120)}`);
    });
  }
}
