/**
 * Dev benchmark of the translation gates and of language identification, in one run:
 *
 *   npm run eval:gates [-- --errors] [--parts a,a2,b,c]
 *
 * (a) Professional translations through the whole pipeline: the 63 NTREX dev documents
 *     (../shared/data/ntrex/ntrex.dev.jsonl) as articles (scripts/gate-traps.ts ntrexArticles), run by
 *     runPipeline against the Ollama simulator answering with the human en / ru / sr-Cyrl lines
 *     aligned to prevod's own segments. Articles ending `ok`, sentence × target verdicts a gate
 *     rejects (per gate), and segments that are not one NTREX line (a line prevod splits in two, or
 *     lines merged) counted apart, with the load average beside the time.
 * (a2) The same translations judged by checkTranslation alone on each document's lines: the gates
 *     without segmentation, summaries or quotes.
 * (b) Trap sets built from the same lines (scripts/gate-traps.ts): per kind, bad answers caught
 *     and professional controls passed.
 * (c) Language ID on ../shared/data/langid/dev.jsonl, per language, on sentences and on items of at
 *     most 6 words, for prevod, lingua (@bluzzi/lingua) and franc in the same run.
 *
 * Skips with a printed reason when ../shared is absent.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { LanguageDetectorBuilder } from "@bluzzi/lingua";
import { franc } from "franc";
import { countWords } from "../src/checks/summary.js";
import { checkTranslation } from "../src/checks/translation.js";
import type { CheckResult, IdText } from "../src/checks/types.js";
import type { TargetLanguage } from "../src/common/languages.js";
import { identifyLanguage } from "../src/text/langid.js";
import { splitSentences } from "../src/text/sentences.js";
import { runPipeline } from "../src/engine/run-pipeline.js";
import type { ArticleResult } from "../src/outputs/article-schema.js";
import { ROOT } from "../test/support/cli.js";
import { planFor } from "../test/support/pipeline.js";
import { loadReferenceBook, parseTask, referenceAnswerer } from "../test/support/reference-answerer.js";
import { startOllamaSimulator, type Answerer } from "../test/support/sim/index.js";
import { buildTrapKinds, loadNtrex, serbianWordsTest, ntrexArticles, NTREX_FILE, TARGET_KEYS, type GateCase, type NtrexLine } from "./gate-traps.js";

const showErrors = process.argv.includes("--errors");
// `--parts a,b` runs only those parts (a, a2, b, c); all by default.
const partsArgument = process.argv[process.argv.indexOf("--parts") + 1];
const parts = new Set(process.argv.includes("--parts") && partsArgument !== undefined ? partsArgument.split(",") : ["a", "a2", "b", "c"]);
const rows = loadNtrex();
if (rows === undefined) {
  console.log(`skipped: ${NTREX_FILE} is absent (the shared data is not on this machine)`);
  process.exit(0);
}
const loadAverage = () => loadavg().map((value) => value.toFixed(2)).join(" ");
console.log(`eval:gates, load average ${loadAverage()} at the start`);
const pct = (part: number, whole: number): string => (whole === 0 ? "  -   " : `${((100 * part) / whole).toFixed(2).padStart(6)}%`);
const TARGETS: TargetLanguage[] = ["en", "ru", "sr-Cyrl", "sr-Latn"];
const normalise = (value: string): string => value.replace(/\s+/gu, " ").trim();

/**
 * Answers prevod's translate requests with the professional NTREX translations, aligned to
 * prevod's segmentation: a segment that is one NTREX line gets that line's translation; segments
 * that are not (a line split in two, lines merged) are noted in `mismatched` and answered as well
 * as the human text allows (merged lines joined, a split line's translation split the same way).
 * Summaries and quotes come from the reference answerer.
 */
async function professionalAnswerer(all: NtrexLine[], mismatched: Set<string>): Promise<Answerer> {
  const byText = new Map<string, number>();
  all.forEach((row, index) => byText.set(normalise(row.bul), index));
  const fallback = referenceAnswerer(await loadReferenceBook(join(ROOT, "samples"), { ntrexFile: NTREX_FILE }));
  const human = (row: NtrexLine, target: string): string => row[TARGET_KEYS[target as TargetLanguage] ?? "eng"] as string;
  const answer = (text: string, target: string): string => {
    const key = normalise(text);
    const index = byText.get(key);
    if (index !== undefined) return human(all[index] as NtrexLine, target);
    mismatched.add(key);
    // Lines merged into one segment: the consecutive lines it starts with.
    const first = all.findIndex((row) => key.startsWith(normalise(row.bul)));
    if (first !== -1) {
      const parts: string[] = [];
      let rest = key;
      for (let at = first; at < all.length && rest !== ""; at++) {
        const line = normalise(all[at]!.bul);
        if (!rest.startsWith(line)) break;
        parts.push(human(all[at]!, target));
        rest = rest.slice(line.length).trim();
      }
      if (rest === "") return parts.join(" ");
    }
    // A piece of a line: the same piece of the translation when it splits into as many sentences.
    const whole = all.find((row) => normalise(row.bul).includes(key));
    if (whole !== undefined) {
      const pieces = splitSentences(whole.bul).map((span) => normalise(span.text));
      const translated = splitSentences(human(whole, target)).map((span) => span.text);
      const at = pieces.indexOf(key);
      if (pieces.length === translated.length && at !== -1) return translated[at] as string;
      return at <= 0 ? human(whole, target) : "";
    }
    return `[no reference] ${text}`;
  };
  // A summary as an editor would cut it from the professional translation: the headline's
  // translation, then whole translated sentences while they fit the word limit.
  const words = (value: string): string[] => value.split(/\s+/u).filter((word) => word !== "");
  const summarize = (article: string, target: string, maxWords: number, headlineMaxWords: number): string => {
    const text = normalise(article);
    const lines = all.filter((row) => text.includes(normalise(row.bul))).map((row) => human(row, target));
    const [first = "", ...rest] = lines;
    const headline = words(first).slice(0, headlineMaxWords).join(" ");
    const summary: string[] = [];
    for (const line of rest) {
      if (countWords([...summary, line].join(" ")) > maxWords) break;
      summary.push(line);
    }
    const body = summary.length > 0 ? summary.join(" ") : words(rest[0] ?? first).slice(0, maxWords).join(" ");
    return JSON.stringify({ headline, summary: body, key_points: [] });
  };
  return (request) => {
    const task = parseTask(request);
    if (task.kind === "summarize") return summarize(task.article, task.target, task.maxWords, task.headlineMaxWords);
    if (task.kind !== "translate") return fallback(request);
    return JSON.stringify({ translations: task.sentences.map((sentence) => ({ id: sentence.id, text: answer(sentence.text, task.target) })) });
  };
}

// (a) professional translations through the whole pipeline.
if (parts.has("a")) {
  const articles = ntrexArticles(rows).map(({ id, title, text, origin }) => ({ id, title, text, origin }));
  const mismatchedTexts = new Set<string>();
  const answerer = await professionalAnswerer(rows, mismatchedTexts);
  const simulator = await startOllamaSimulator({ answer: answerer, models: ["ntrex:7b"], parallel: 8, latency: { perCallMs: 0, tokensPerSecond: 0 } });
  const temporary = mkdtempSync(join(tmpdir(), "prevod-eval-gates-"));
  const load = loadAverage();
  const started = performance.now();
  try {
    const plan = await planFor({ host: simulator.url, model: "ntrex:7b", outputDir: temporary });
    const run = await runPipeline({ plan, articles, cache: false });
    const results = run.articles.map((entry) => JSON.parse(readFileSync(entry.file as string, "utf8")) as ArticleResult);
    let sentences = 0;
    let rejected = 0;
    let mismatchSentences = 0;
    let mismatchRejected = 0;
    let cleanArticles = 0;
    let cleanOk = 0;
    // Articles that fail only at segments that are not one NTREX line: the translators merged two
    // sentences that prevod (rightly) keeps apart, so no human translation exists for a segment.
    const onlyMismatch: string[] = [];
    const perGate = new Map<string, number>();
    const examples: string[] = [];
    const translated = plan.targets.filter((target) => results.some((result) => result.translations[target] !== undefined));
    for (const result of results) {
      const mismatched = new Set(result.segments.filter((segment) => mismatchedTexts.has(normalise(segment.text))).map((segment) => segment.id));
      if (mismatched.size === 0) {
        cleanArticles += 1;
        if (result.status === "ok") cleanOk += 1;
      }
      const failed = new Map<string, Set<string>>();
      const failing = result.checks.filter((check) => check.status === "fail");
      const genuine = failing.filter((check) => check.segment_id === undefined || !mismatched.has(check.segment_id)).length
        + result.errors.filter((error) => error.code !== "GATE_FAILED").length;
      if (result.status !== "ok" && mismatched.size > 0 && genuine === 0) onlyMismatch.push(result.id);
      for (const check of failing) {
        if (check.segment_id === undefined || check.target === undefined) {
          examples.push(`${result.id} ${check.step}/${check.target ?? "-"} ${check.name}: ${check.detail.slice(0, 200)}`);
          continue;
        }
        const key = `${check.target} ${check.segment_id}`;
        failed.set(key, new Set([...(failed.get(key) ?? []), check.name]));
        examples.push(`${result.id} ${key} ${check.name}${mismatched.has(check.segment_id) ? " (mismatch)" : ""}: ${check.detail.slice(0, 200)}`);
      }
      for (const target of translated) {
        for (const segment of result.segments) {
          const gates = failed.get(`${target} ${segment.id}`);
          if (mismatched.has(segment.id)) {
            mismatchSentences += 1;
            if (gates) mismatchRejected += 1;
            continue;
          }
          sentences += 1;
          if (!gates) continue;
          rejected += 1;
          for (const gate of gates) perGate.set(gate, (perGate.get(gate) ?? 0) + 1);
        }
      }
      for (const error of result.errors) if (error.code !== "GATE_FAILED") examples.push(`${result.id} error ${error.step}/${error.target ?? "-"} ${error.code}: ${error.message.slice(0, 200)}`);
    }
    const ok = results.filter((result) => result.status === "ok").length;
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`== (a) professional NTREX translations through the whole pipeline (runPipeline, simulator answering the human translations): ${results.length} articles, targets ${translated.join(", ")}`);
    console.log(`articles ok              ${ok} / ${results.length}  (${pct(ok, results.length).trim()});  of the ${cleanArticles} whose segmentation matches the NTREX lines: ${cleanOk} (${pct(cleanOk, cleanArticles).trim()})`);
    console.log(`  failing only at mismatched segments: ${onlyMismatch.length} (${onlyMismatch.join(", ") || "none"}); articles ok counting those apart: ${ok} / ${results.length - onlyMismatch.length} (${pct(ok, results.length - onlyMismatch.length).trim()}), counting them ok: ${ok + onlyMismatch.length} / ${results.length} (${pct(ok + onlyMismatch.length, results.length).trim()})`);
    console.log(`sentences rejected       ${rejected} / ${sentences}  (${pct(rejected, sentences).trim()})  [sentence × target, segments that are one NTREX line]`);
    console.log(`  per gate               ${[...perGate].map(([gate, count]) => `${gate} ${count}`).join(", ") || "none"}`);
    console.log(`segmentation mismatches  ${mismatchedTexts.size} segments are not one NTREX line (split inside a line or lines merged); their ${mismatchSentences} sentence × target verdicts, ${mismatchRejected} rejected, are counted apart`);
    console.log(`  ${simulator.stats().calls} model calls, ${seconds} s, load average ${load} before / ${loadAverage()} after`);
    if (showErrors) for (const example of examples) console.log(`  ${example}`);
  } finally {
    await simulator.close();
    rmSync(temporary, { recursive: true, force: true });
  }
}

// (a2) the translate step's gates alone, on each document's NTREX lines as the sentences.
if (parts.has("a2")) {
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
  console.log(`\n== (a2) the same translations judged by the translate step's gates alone, NTREX lines as the sentences: ${documents.size} documents × ${TARGETS.length} targets`);
  console.log(`articles ok              ${ok} / ${documents.size}  (${pct(ok, documents.size).trim()})`);
  console.log(`sentences rejected       ${rejected} / ${sentences}  (${pct(rejected, sentences).trim()})`);
  console.log(`  per gate               ${[...perGate].map(([gate, count]) => `${gate} ${count}`).join(", ") || "none"}`);
  console.log(`segmentation mismatches  ${mismatches} of ${rows.length} Bulgarian lines split into more than one sentence (counted apart)`);
  if (showErrors) for (const example of examples) console.log(`  ${example}`);
}

// (b) traps and controls.
if (parts.has("b")) {
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
    if (kind.excluded !== undefined) console.log(`${"".padEnd(24)} left out: ${kind.excluded.count} ${kind.excluded.rule}`);
  }
  console.log(`${"all".padEnd(24)} ${`${caughtAll}/${trapsAll}`.padStart(9)} ${pct(caughtAll, trapsAll)} ${`${passedAll}/${controlsAll}`.padStart(13)} ${pct(passedAll, controlsAll)}`);
  if (showErrors) for (const line of missed) console.log(`  ${line}`);
}

// (c) language identification beside lingua and franc.
if (parts.has("c")) {
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
  // One language's row: each system's accuracy on all its items and on its short ones, over the
  // items `counted` keeps; with the number of short items and of items left out.
  const row = (language: string, counted: (item: Item) => boolean = () => true) => {
    const mine = sentences.map((item, index) => ({ item, index })).filter(({ item }) => item.lang === language);
    const kept = mine.filter(({ item }) => counted(item));
    const short = kept.filter(({ item }) => words(item.text) <= 6);
    const cells = answers.map((list) => {
      const rightOf = (items: typeof kept) => items.filter(({ item, index }) => right(item, list[index] as string)).length;
      return pct(rightOf(kept), kept.length).padStart(13) + pct(rightOf(short), short.length).padStart(15);
    });
    return { cells: cells.join(""), short: short.length, left: mine.length - kept.length };
  };
  for (const language of ["bg", "ru", "sr-Cyrl", "mk", "en", "sr-Latn", "hr", "bs"]) {
    const { cells, short } = row(language);
    console.log(`${language.padEnd(9)}${cells}   (${short})`);
  }
  // Croatian and Bosnian items all of whose words professional Serbian lines also use are valid
  // Serbian Latin too (the trap builder's rule): the figures again without them, counted.
  const writtenInSerbian = serbianWordsTest(rows);
  for (const language of ["hr", "bs"]) {
    const { cells, left } = row(language, (item) => !writtenInSerbian(item.text));
    console.log(`${`${language}*`.padEnd(9)}${cells}   (* without ${left} items all in words of the Serbian lines: valid sr-Latn)`);
  }
  if (showErrors) {
    sentences.forEach((item, index) => {
      const answer = answers[0]![index] as string;
      if (!right(item, answer) && ["bg", "ru", "sr-Cyrl", "mk", "en"].includes(item.lang)) console.log(`  langid ${item.id} -> ${answer}: ${item.text.slice(0, 120)}`);
    });
  }
}
