/**
 * Trap sets for the translation gates, built at run time from the NTREX dev lines in
 * ../shared/data/ntrex (nothing of them is copied into the repository). Each trap is a realistic
 * bad answer to one Bulgarian sentence, paired with a control: the professional translation of the
 * same sentence for the same target, asked the same way. A gate set is good when it fails the
 * trap and passes the control.
 *
 * Used by `npm run eval:gates` and by test/gate-traps.test.ts.
 */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { TargetLanguage } from "../src/common/languages.js";
import type { IdText } from "../src/checks/types.js";
import { toCyrillic, toLatin } from "../src/text/transliterate.js";

export interface NtrexLine {
  line: number;
  doc: string;
  eng: string;
  bul: string;
  rus: string;
  "srp-Cyrl": string;
  "srp-Latn": string;
  mkd: string;
  hrv: string;
  bos: string;
}

export const NTREX_FILE = resolve(fileURLToPath(new URL("..", import.meta.url)), "../shared/data/ntrex/ntrex.dev.jsonl");

export function loadNtrex(file = NTREX_FILE): NtrexLine[] | undefined {
  if (!existsSync(file)) return undefined;
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as NtrexLine);
}

export const TARGET_KEYS: Record<TargetLanguage, keyof NtrexLine> = { en: "eng", ru: "rus", "sr-Cyrl": "srp-Cyrl", "sr-Latn": "srp-Latn" };

/**
 * Whether a line is written only in words the professional Serbian lines use (either script,
 * numbers aside): such a Croatian or Bosnian line is a valid Serbian Latin answer, so the trap
 * builder leaves it out and eval:gates (c) reports hr and bs again without it.
 */
export function serbianWordsTest(rows: NtrexLine[]): (line: string) => boolean {
  const words = (value: string): string[] => flat(value).split(" ");
  const serbian = new Set(rows.flatMap((row) => [...words(row["srp-Latn"]), ...words(toLatin(row["srp-Cyrl"]))]));
  return (line) => words(line).every((word) => word === "" || /^\d+$/u.test(word) || serbian.has(word));
}

/** One request to the gates: the Bulgarian sentences, the answer, and the id the verdict is about. */
export interface GateCase {
  target: TargetLanguage;
  source: IdText[];
  translation: IdText[];
  /** The sentence whose verdict counts. */
  id: string;
}

export interface TrapKind {
  kind: string;
  /** What the trap is, for the report. */
  what: string;
  traps: GateCase[];
  controls: GateCase[];
  /** Candidate traps left out by a stated rule, with the rule (printed beside the figures). */
  excluded?: { count: number; rule: string };
}

const text = (row: NtrexLine, target: TargetLanguage): string => row[TARGET_KEYS[target]] as string;
const flat = (value: string): string => value.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();

/** A request for line `index` alone, the human translation as the answer unless `answer` is given. */
function single(rows: NtrexLine[], index: number, target: TargetLanguage, answer?: string): GateCase {
  const row = rows[index] as NtrexLine;
  return { target, id: "1", source: [{ id: "1", text: row.bul }], translation: [{ id: "1", text: answer ?? text(row, target) }] };
}

/** A request for lines `index` and `index + 1` of one document; answers given per line. */
function pair(rows: NtrexLine[], index: number, target: TargetLanguage, answers?: [string, string]): GateCase {
  const [first, second] = [rows[index] as NtrexLine, rows[index + 1] as NtrexLine];
  const [one, two] = answers ?? [text(first, target), text(second, target)];
  return {
    target,
    id: "1",
    source: [{ id: "1", text: first.bul }, { id: "2", text: second.bul }],
    translation: [{ id: "1", text: one }, { id: "2", text: two }],
  };
}

const TARGETS: TargetLanguage[] = ["en", "ru", "sr-Cyrl", "sr-Latn"];
/** Line 680 is the same French sentence in every language: no trap can be built on it. */
const usable = (row: NtrexLine): boolean => row.bul !== row.eng;

/** Latin look-alikes of Cyrillic letters, for mixed-script traps. */
const LOOKALIKE: Record<string, string> = { а: "a", е: "e", о: "o", р: "p", с: "c", х: "x", у: "y" };

/** Replaces, in the longest word with a look-alike letter, that letter by its Latin twin. */
function mixScript(value: string): string | undefined {
  const words = [...value.matchAll(/\p{Script=Cyrillic}{4,}/gu)].sort((left, right) => right[0].length - left[0].length);
  for (const word of words) {
    const letters = [...word[0]];
    const at = letters.findIndex((letter, index) => index > 0 && LOOKALIKE[letter] !== undefined);
    if (at === -1) continue;
    letters[at] = LOOKALIKE[letters[at] as string] as string;
    return value.slice(0, word.index) + letters.join("") + value.slice((word.index as number) + word[0].length);
  }
  return undefined;
}

/** Digit strings found in both the source and the translation: numbers the translator kept. */
function keptNumbers(source: string, translation: string): string[] {
  const inSource = new Set(source.match(/\d+/gu) ?? []);
  return [...new Set((translation.match(/\d+/gu) ?? []).filter((digits) => inSource.has(digits)))];
}

/** The number `digits` changed the way a careless model changes numbers: one digit off. */
function changed(digits: string): string {
  const last = Number(digits.at(-1));
  return digits.slice(0, -1) + String((last + 3) % 10);
}

/**
 * Every trap kind, with its controls. `stride` thins the lines used (1 = every line), so tests can
 * build small sets quickly.
 */
export function buildTrapKinds(rows: NtrexLine[], stride = 1): TrapKind[] {
  const indices = rows.map((_, index) => index).filter((index) => index % stride === 0 && usable(rows[index] as NtrexLine));
  const sameDocNext = (index: number): boolean => rows[index + 1] !== undefined && rows[index + 1]!.doc === rows[index]!.doc && usable(rows[index + 1]!);
  const kinds: TrapKind[] = [];
  const add = (kind: string, what: string, build: (index: number) => Array<[GateCase, GateCase]>) => {
    const traps: GateCase[] = [];
    const controls: GateCase[] = [];
    for (const index of indices) {
      for (const [trap, control] of build(index)) {
        traps.push(trap);
        controls.push(control);
      }
    }
    kinds.push({ kind, what, traps, controls });
  };

  const BLANKS = ["", "   ", "\n\n", "\u00a0", "\u200b", "\u200b\u200b"];
  add("1-empty", "empty answers: \"\", spaces, \\n\\n, NBSP, U+200B", (index) => {
    const target = TARGETS[index % TARGETS.length] as TargetLanguage;
    return [[single(rows, index, target, BLANKS[index % BLANKS.length]), single(rows, index, target)]];
  });

  add("2-glued-source", "the Bulgarian sentence left untranslated before the next sentence's translation", (index) => {
    if (!sameDocNext(index)) return [];
    const target = TARGETS[index % TARGETS.length] as TargetLanguage;
    const [row, next] = [rows[index] as NtrexLine, rows[index + 1] as NtrexLine];
    const glued = `${row.bul.replace(/[.!?…]+$/u, "")} ${text(next, target)}`;
    return [[pair(rows, index, target, [glued, text(next, target)]), pair(rows, index, target)]];
  });

  add("3-latin-prefix", "Bulgarian behind a short Latin prefix ([note], Note:, FYI -) given as Russian or Serbian Cyrillic", (index) => {
    const target: TargetLanguage = index % 2 === 0 ? "ru" : "sr-Cyrl";
    const prefix = ["[note] ", "Note: ", "FYI - ", "[draft] "][index % 4] as string;
    return [[single(rows, index, target, prefix + rows[index]!.bul), single(rows, index, target, prefix + text(rows[index]!, target))]];
  });

  add("copied-source", "the Bulgarian source handed back as the translation", (index) => {
    const target = TARGETS[index % TARGETS.length] as TargetLanguage;
    return [[single(rows, index, target, rows[index]!.bul), single(rows, index, target)]];
  });

  add("4-numbers-changed", "a number of the source changed by one digit in the professional translation", (index) => {
    const target = TARGETS[index % TARGETS.length] as TargetLanguage;
    const human = text(rows[index]!, target);
    const digits = keptNumbers(rows[index]!.bul, human)[0];
    if (digits === undefined) return [];
    const broken = human.replace(new RegExp(`(?<!\\d)${digits}(?!\\d)`, "u"), changed(digits));
    return [[single(rows, index, target, broken), single(rows, index, target)]];
  });

  add("4-numbers-dropped", "a number of the source deleted from the professional translation", (index) => {
    const target = TARGETS[(index + 1) % TARGETS.length] as TargetLanguage;
    const human = text(rows[index]!, target);
    const digits = keptNumbers(rows[index]!.bul, human)[0];
    if (digits === undefined) return [];
    const broken = human.replace(new RegExp(`(?<![\\d.,])${digits}(?:[.,]\\d+)?(?![\\d])[\\s\\u00a0]?`, "u"), "");
    if (broken === human) return [];
    return [[single(rows, index, target, broken), single(rows, index, target)]];
  });

  add("bg-as-target", "Bulgarian (lightly edited: first word dropped) given as Russian or Serbian", (index) => {
    const target: TargetLanguage = (["ru", "sr-Cyrl", "sr-Latn"] as const)[index % 3] as TargetLanguage;
    const edited = rows[index]!.bul.replace(/^\S+\s+/u, "");
    // For Serbian Latin, the Bulgarian romanised: what a model that only transliterated gives.
    const answer = target === "sr-Latn" ? toLatin(edited) : edited;
    if (flat(edited).split(" ").length < 3) return [];
    return [[single(rows, index, target, answer), single(rows, index, target)]];
  });

  add("6-mk-as-sr", "Macedonian given as Serbian Cyrillic", (index) => {
    if (flat(rows[index]!.mkd) === flat(rows[index]!["srp-Cyrl"])) return [];
    return [[single(rows, index, "sr-Cyrl", rows[index]!.mkd), single(rows, index, "sr-Cyrl")]];
  });

  add("wrong-target", "Russian given as Serbian Cyrillic, Serbian Cyrillic as Russian, English as Russian", (index) => {
    const row = rows[index]!;
    const choice = index % 3;
    if (choice === 0) return [[single(rows, index, "sr-Cyrl", row.rus), single(rows, index, "sr-Cyrl")]];
    if (choice === 1) return [[single(rows, index, "ru", row["srp-Cyrl"]), single(rows, index, "ru")]];
    return [[single(rows, index, "ru", row.eng), single(rows, index, "ru")]];
  });

  add("script", "Serbian in the other script (Latin for sr-Cyrl, Cyrillic for sr-Latn)", (index) => {
    const row = rows[index]!;
    if (index % 2 === 0) return [[single(rows, index, "sr-Cyrl", row["srp-Latn"]), single(rows, index, "sr-Cyrl")]];
    return [[single(rows, index, "sr-Latn", row["srp-Cyrl"]), single(rows, index, "sr-Latn")]];
  });

  add("mixed-script", "one Cyrillic letter replaced by its Latin look-alike", (index) => {
    const target: TargetLanguage = index % 2 === 0 ? "ru" : "sr-Cyrl";
    const mixed = mixScript(text(rows[index]!, target));
    return mixed === undefined ? [] : [[single(rows, index, target, mixed), single(rows, index, target)]];
  });

  // A Croatian line every word of which professional Serbian also writes (the words of the
  // Serbian NTREX lines, either script) is a valid Serbian answer, not a bad one: it is left out
  // of the traps and counted. Lines with even one word no Serbian line has stay traps.
  const writtenInSerbian = serbianWordsTest(rows);
  let croatianExcluded = 0;
  add("7-croatian-as-sr-Latn", "the Croatian translation given as Serbian Latin (where it differs, and not all in words Serbian lines use)", (index) => {
    const row = rows[index]!;
    if (flat(row.hrv) === flat(row["srp-Latn"])) return [];
    if (writtenInSerbian(row.hrv)) {
      croatianExcluded += 1;
      return [];
    }
    return [[single(rows, index, "sr-Latn", row.hrv), single(rows, index, "sr-Latn")]];
  });
  kinds.at(-1)!.excluded = { count: croatianExcluded, rule: "Croatian lines all of whose words occur in the professional Serbian lines (valid Serbian answers)" };

  // The same rule for the Bosnian lines: one whose words all occur in professional Serbian lines
  // ("Sjedinjene Države", "premijerka") holds no ijekavian form Serbian lacks.
  let ijekavianExcluded = 0;
  add("7-ijekavian-as-sr", "the Bosnian (ijekavian) translation given as Serbian, Latin or in Cyrillic letters", (index) => {
    const row = rows[index]!;
    if (!/(?:ije|[bcdmprstvz]je)\p{L}/u.test(row.bos.toLowerCase()) || flat(row.bos) === flat(row["srp-Latn"])) return [];
    if (writtenInSerbian(row.bos)) {
      ijekavianExcluded += 1;
      return [];
    }
    if (index % 2 === 0) return [[single(rows, index, "sr-Latn", row.bos), single(rows, index, "sr-Latn")]];
    return [[single(rows, index, "sr-Cyrl", toCyrillic(row.bos)), single(rows, index, "sr-Cyrl")]];
  });
  kinds.at(-1)!.excluded = { count: ijekavianExcluded, rule: "Bosnian lines all of whose words occur in the professional Serbian lines (no ijekavian form Serbian lacks)" };

  add("merged", "two sentences translated under the first id, the second left empty", (index) => {
    if (!sameDocNext(index)) return [];
    const target = TARGETS[index % TARGETS.length] as TargetLanguage;
    const [row, next] = [rows[index]!, rows[index + 1]!];
    return [[pair(rows, index, target, [`${text(row, target)} ${text(next, target)}`, ""]), pair(rows, index, target)]];
  });

  return kinds;
}

/** An article built from one NTREX document, with the NTREX lines it is made of. */
export interface NtrexArticle {
  id: string;
  title: string;
  text: string;
  origin: string;
  lines: NtrexLine[];
}

const ENDS_SENTENCE = /[.!?…]["'“”»’)]*$/u;

/**
 * Each NTREX document as a news article: its first line the headline, lines without final
 * punctuation (headlines, sub-heads) paragraphs of their own, the other lines joined by a space
 * into paragraphs of up to three sentences, paragraphs separated by a blank line.
 */
export function ntrexArticles(rows: NtrexLine[]): NtrexArticle[] {
  const documents = new Map<string, NtrexLine[]>();
  for (const row of rows) documents.set(row.doc, [...(documents.get(row.doc) ?? []), row]);
  return [...documents].map(([doc, lines]) => {
    const paragraphs: string[][] = [];
    let open: string[] | undefined;
    for (const row of lines) {
      const line = row.bul.trim();
      if (!ENDS_SENTENCE.test(line)) {
        paragraphs.push([line]);
        open = undefined;
        continue;
      }
      if (open === undefined || open.length >= 3) paragraphs.push((open = []));
      open.push(line);
    }
    const text = paragraphs.map((paragraph) => paragraph.join(" ")).join("\n\n");
    return { id: `ntrex-${doc.replace(/[^\p{L}\p{N}]+/gu, "-")}`, title: lines[0]!.bul.trim(), text, origin: `ntrex:${doc}`, lines };
  });
}
