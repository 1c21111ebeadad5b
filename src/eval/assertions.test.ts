import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { articleResultSchema, type ArticleResult } from "../outputs/article-schema.js";
import type { AssertionContext } from "./assertion-types.js";
import { assertionHandlers, type AssertionName } from "./assertions.js";
import { chrfCorpus } from "./chrf.js";
import { loadReference, type SampleReference } from "./reference.js";
import type { AssertableStep, AssertionTarget } from "./step-output.js";

// The fixture article stands for a pipeline result; its texts are reference answers written by us.
const sampleDir = fileURLToPath(new URL("../../test/fixtures/golden/", import.meta.url));
const fixture = articleResultSchema.parse(JSON.parse(readFileSync(`${sampleDir}article.json`, "utf8")));
let reference: SampleReference;
let wrongReference: SampleReference;

beforeAll(async () => {
  reference = await loadReference(`${sampleDir}reference.yaml`);
  wrongReference = await loadReference(`${sampleDir}wrong-reference.yaml`);
});

function run(name: AssertionName, step: AssertableStep, target: AssertionTarget, rawArgs: unknown, options: { article?: ArticleResult; reference?: SampleReference | null } = {}) {
  const handler = assertionHandlers[name];
  const args = handler.args.parse(rawArgs);
  const context: AssertionContext = { article: options.article ?? fixture, step, target, sampleDir };
  if (options.reference !== null) context.reference = options.reference ?? reference;
  return handler.evaluate(context, args);
}

function edited(change: (article: ArticleResult) => void): ArticleResult {
  const copy = structuredClone(fixture);
  change(copy);
  return copy;
}

describe("valid", () => {
  it("passes for a target with output and no errors, and says what is missing otherwise", () => {
    expect(run("valid", "translate", "en", true)).toMatchObject({ pass: true, reason: "translate/en: 10 segments, no errors recorded" });
    const noRussian = edited((article) => {
      delete article.translations.ru;
      article.errors.push({ step: "translate", target: "ru", code: "OUTPUT_SCHEMA", message: "s5: id missing after 3 attempts" });
    });
    const verdict = run("valid", "translate", "ru", true, { article: noRussian });
    expect(verdict.pass).toBe(false);
    expect(verdict.reason).toBe(
      "translate/ru: no ru translation in the article (translations: en, sr-Cyrl, sr-Latn); 1 error(s) recorded: OUTPUT_SCHEMA: s5: id missing after 3 attempts",
    );
    const all = run("valid", "translate", "all", true, { article: noRussian });
    expect(all.pass).toBe(false);
    expect(all.reason).toMatch(/^1 of 4 targets fail: ru: translate\/ru: no ru translation/);
  });

  it("flags a sentence the translation dropped even when no gate recorded it", () => {
    const dropped = edited((article) => {
      article.translations.ru!.segments = article.translations.ru!.segments.filter((segment) => segment.id !== "s6");
    });
    expect(run("valid", "translate", "ru", true, { article: dropped })).toMatchObject({ pass: false, reason: "translate/ru: 1 segment without a translation: s6" });
    expect(run("valid", "translate", "en", true, { article: dropped }).pass).toBe(true);
  });

  it("flags empty output parts and an error recorded for the whole step", () => {
    const broken = edited((article) => {
      article.summaries.en!.summary = " ";
      article.errors.push({ step: "summarize", code: "GATE_FAILED", message: "summary over the word limit" });
    });
    const verdict = run("valid", "summarize", "en", true, { article: broken });
    expect(verdict.pass).toBe(false);
    expect(verdict.reason).toContain("1 part empty: summary");
    expect(verdict.reason).toContain("GATE_FAILED: summary over the word limit");
    expect(run("valid", "summarize", "en", false, { article: broken }).pass).toBe(true);
    expect(run("valid", "summarize", "en", false).reason).toMatch(/^expected summarize\/en to fail, found 4 parts, no errors recorded$/);
  });
});

describe("gates", () => {
  it("passes when every recorded check of the step and target passed", () => {
    expect(run("gates", "translate", "en", "pass")).toMatchObject({ pass: true, reason: "5 checks passed (alignment, language, copied-source, numbers, length-ratio)" });
    expect(run("gates", "translate", "all", "pass").reason).toMatch(/^15 checks passed/);
  });

  it("lists the failed checks with their segment, and fails when nothing was checked", () => {
    const failed = edited((article) => {
      article.checks.push({ step: "translate", target: "ru", name: "language", status: "fail", detail: "expected Russian, found Bulgarian: letters ъ", segment_id: "s4" });
    });
    expect(run("gates", "translate", "ru", "pass", { article: failed })).toMatchObject({
      pass: false,
      reason: "1 of 6 checks failed: language s4: expected Russian, found Bulgarian: letters ъ",
    });
    expect(run("gates", "translate", "en", "pass", { article: failed }).pass).toBe(true);
    expect(run("gates", "translate", "ru", "fail", { article: failed }).pass).toBe(true);
    const unchecked = run("gates", "translate", "en", "pass", { article: edited((article) => (article.checks = [])) });
    expect(unchecked).toMatchObject({ pass: false, reason: "no checks recorded for translate/en (checks recorded for: nothing)" });
  });
});

describe("chrf and chrf++", () => {
  it("scores the translation against reference.yaml, sentences aligned by their Bulgarian text", () => {
    const verdict = run("chrf", "translate", "en", { min: 60 });
    expect(verdict.pass).toBe(true);
    // The same corpus score from hand-aligned lists: the last reference sentence covers two segments.
    const en = fixture.translations.en!.segments;
    const text = (id: string) => en.find((segment) => segment.id === id)!.text;
    const hypotheses = ["s1", "s4", "s5", "s6", "s7", "s8", "s9"].map(text).concat(`${text("s11")} ${text("s12")}`);
    expect(verdict.score).toBe(Number(chrfCorpus(hypotheses, [reference.translations.map((sentence) => sentence.en)]).score.toFixed(4)));
    expect(verdict.reason).toBe("chrF 77.59 ≥ min 60 against reference.yaml (en, 8 sentences)");
    expect(run("chrf++", "translate", "en", { min: 60 }).reason).toBe("chrF++ 76.47 ≥ min 60 against reference.yaml (en, 8 sentences)");
    expect(run("chrf", "transliterate", "sr-Latn", { min: 60 }).reason).toBe("chrF 79.36 ≥ min 60 against reference.yaml (sr-Latn, 8 sentences)");
    expect(run("chrf", "summarize", "ru", { min: 60 }).reason).toBe("chrF 74.78 ≥ min 60 against reference.yaml (ru summary)");
  });

  it("fails with the score, the minimum and the reference when the reference is wrong", () => {
    const verdict = run("chrf", "translate", "en", { min: 60 }, { reference: wrongReference });
    expect(verdict).toMatchObject({ pass: false, reason: "chrF 16.40 < min 60 against wrong-reference.yaml (en, 8 sentences)" });
  });

  it("reads ref: files with one line per output segment and refuses files that do not line up", () => {
    expect(run("chrf", "translate", "en", { min: 60, ref: "ref-en.txt" }).reason).toBe("chrF 76.38 ≥ min 60 against ref-en.txt (en, 10 segments)");
    const short = run("chrf", "translate", "ru", { min: 60, ref: "ref-en.txt" }, { article: edited((article) => article.translations.ru!.segments.pop()) });
    expect(short).toMatchObject({ pass: false, reason: "chrF: cannot align ref-en.txt (10 lines) with the ru output (9 segments): a ref file needs one line per output segment, in order" });
  });

  it("fails, naming them, when reference sentences match no article segment instead of mis-scoring", () => {
    const resegmented = edited((article) => {
      article.segments[4]!.text = "Община Пловдив започва ремонт на моста.";
    });
    const verdict = run("chrf", "translate", "en", { min: 10 }, { article: resegmented });
    expect(verdict.pass).toBe(false);
    expect(verdict.reason).toMatch(/^chrF \d+\.\d\d ≥ min 10 against reference.yaml \(en, 7 sentences\); 1 of 8 reference sentences match no article segment, so they were not scored: #3 "Община Пловдив започва ремонт на Стария мост над …"$/);
  });

  it("scores a missing sentence translation as empty and says so", () => {
    const gap = edited((article) => {
      article.translations.en!.segments = article.translations.en!.segments.filter((segment) => segment.id !== "s6");
    });
    const verdict = run("chrf", "translate", "en", { min: 60 }, { article: gap });
    expect(verdict.score!).toBeLessThan(run("chrf", "translate", "en", { min: 60 }).score!);
    expect(verdict.reason).toContain("1 aligned segments have no en translation and scored as empty: s6");
  });

  it("fails clearly without a reference or a target output", () => {
    expect(run("chrf", "translate", "en", { min: 50 }, { reference: null }).reason).toMatch(/^chrF: no reference: .*reference\.yaml is absent and no ref: file is given$/);
    expect(run("chrf", "translate", "ru", { min: 50 }, { article: edited((article) => delete article.translations.ru) }).reason).toBe("chrF: no ru translation in the article");
  });
});

describe("contains and not-contains", () => {
  it("finds substrings case-sensitively and points at other-case near misses", () => {
    expect(run("contains", "translate", "en", ["Stoyanov", "Maritsa"]).pass).toBe(true);
    expect(run("contains", "translate", "en", ["Old Bridge", "stoyanov", "Tokayev"])).toMatchObject({
      pass: false,
      reason: 'translate/en lacks "stoyanov" (present with other case: "Stoyanov"), "Tokayev"',
    });
    expect(run("contains", "summarize", "en", "Old Bridge").pass).toBe(true);
    expect(run("contains", "extract-quotes", "all", "съседния мост").pass).toBe(true);
  });

  it("names the segment and the context where a forbidden string appears", () => {
    expect(run("not-contains", "translate", "en", ["Стоянов"]).pass).toBe(true);
    const leaked = edited((article) => {
      article.translations.en!.segments[3]!.text = "Plovdiv Municipality will start the work, Mayor Иван Стоянов announced.";
    });
    expect(run("not-contains", "translate", "en", "Стоянов", { article: leaked })).toMatchObject({
      pass: false,
      reason: 'translate/en contains "Стоянов" in s5: "…ll start the work, Mayor Иван Стоянов announced."',
    });
  });
});

describe("language", () => {
  it("passes each target's own language and fails a wrong-language part with the checker's detail", () => {
    expect(run("language", "translate", "en", "en").pass).toBe(true);
    expect(run("language", "transliterate", "sr-Latn", "sr-Latn").pass).toBe(true);
    const untranslated = edited((article) => {
      article.translations.en!.segments[2]!.text = "Движението по моста ще бъде ограничено до края на септември.";
    });
    const verdict = run("language", "translate", "en", "en", { article: untranslated });
    expect(verdict.pass).toBe(false);
    expect(verdict.reason).toMatch(/^1 of 10 segments of translate\/en fail as English: s4: expected English, found Bulgarian.*"Движението по моста/);
    expect(verdict.reason).not.toContain("s4: s4:");
  });
});

describe("max_words and headline_max_words", () => {
  it("counts words of the summary and of the headline", () => {
    expect(run("max_words", "summarize", "en", 70)).toMatchObject({ pass: true, score: 53, reason: "en summary has 53 words ≤ max 70" });
    expect(run("max_words", "summarize", "en", 40)).toMatchObject({ pass: false, reason: "en summary has 53 words > max 40" });
    expect(run("headline_max_words", "summarize", "ru", 5)).toMatchObject({ pass: false, reason: "ru headline has 7 words > max 5" });
    const all = run("max_words", "summarize", "all", 50);
    expect(all.pass).toBe(false);
    expect(all.reason).toMatch(/^\d of 4 targets fail: en: en summary has 53 words > max 50/);
  });
});

describe("quote and count", () => {
  it("finds a quote by speaker and text, ignoring whitespace and enclosing quote marks", () => {
    const text = "„Мостът е на почти 100 години и не може да чака повече.   Ще работим и през нощта, за да свършим преди учебната година“";
    expect(run("quote", "extract-quotes", "all", { speaker: "стоянов", text, kind: "direct" })).toMatchObject({ pass: true });
    expect(run("quote", "extract-quotes", "en", { speaker: "Стоянов", text: "buses will be rerouted over the neighbouring bridge" }).reason).toBe(
      'found q2 by Иван Стоянов (indirect, посочи) (en translation): "buses will be rerouted over the neighbouring bridge"',
    );
  });

  it("says whose quotes there are when the speaker is not found, and the closest text when the text differs", () => {
    expect(run("quote", "extract-quotes", "all", { speaker: "Иванов" })).toMatchObject({ pass: false, reason: "a quote by Иванов not found; found quotes by: Иван Стоянов" });
    const verdict = run("quote", "extract-quotes", "all", { speaker: "Стоянов", text: "автобусите ще минават по съседния мост" });
    expect(verdict.pass).toBe(false);
    expect(verdict.reason).toBe(
      'a quote by Стоянов with text "автобусите ще минават по съседния мост" not found among 2 quote(s) by Стоянов; closest: "автобусите ще бъдат пренасочени по съседния мост"',
    );
    expect(run("quote", "extract-quotes", "all", { speaker: "Стоянов", cue: "посочи", kind: "direct" }).reason).toBe(
      "a quote by Стоянов is there but not direct, cue 'посочи': q1: direct, cue 'каза'; q2: indirect, cue 'посочи'",
    );
    expect(run("quote", "extract-quotes", "all", { speaker: "Стоянов" }, { article: edited((article) => (article.quotes = [])) }).reason).toBe(
      "a quote by Стоянов not found: the article has no quotes",
    );
  });

  it("counts quotes, optionally of one kind", () => {
    expect(run("count", "extract-quotes", "all", { min: 2, max: 3 })).toMatchObject({ pass: true, score: 2, reason: "2 quotes, expected 2–3 (by: Иван Стоянов)" });
    expect(run("count", "extract-quotes", "all", 3)).toMatchObject({ pass: false, reason: "2 quotes, expected 3–3 (by: Иван Стоянов)" });
    expect(run("count", "extract-quotes", "all", { max: 0, kind: "indirect" })).toMatchObject({ pass: false, reason: "1 indirect quote, expected at most 0 (by: Иван Стоянов)" });
  });
});

describe("the fixture", () => {
  it("is a valid article result", () => {
    expect(articleResultSchema.safeParse(fixture).success).toBe(true);
  });
});
