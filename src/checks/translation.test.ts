import { describe, expect, it } from "vitest";
import type { TargetLanguage } from "../common/languages.js";
import { checkTranslation } from "./translation.js";
import type { IdText } from "./types.js";

// An article and its translations, written for these tests.
const SOURCE: IdText[] = [
  { id: "s1", text: "Общината ще похарчи 5 млн. лв. за ремонт на училищата." },
  { id: "s2", text: "Ремонтите ще започнат на 1 юли и ще продължат два месеца." },
  { id: "s3", text: "Кметът каза, че децата ще учат в нови класни стаи от септември." },
];
const GOOD: Record<TargetLanguage, string[]> = {
  en: [
    "The municipality will spend 5 million leva on repairing the schools.",
    "The repairs will begin on 1 July and will last two months.",
    "The mayor said that the children will study in new classrooms from September.",
  ],
  ru: [
    "Муниципалитет потратит 5 млн левов на ремонт школ.",
    "Ремонт начнётся 1 июля и продлится два месяца.",
    "Мэр сказал, что с сентября дети будут учиться в новых классах.",
  ],
  "sr-Cyrl": [
    "Општина ће потрошити 5 милиона лева на реновирање школа.",
    "Радови ће почети 1. јула и трајаће два месеца.",
    "Градоначелник је рекао да ће деца од септембра учити у новим учионицама.",
  ],
  "sr-Latn": [
    "Opština će potrošiti 5 miliona leva na renoviranje škola.",
    "Radovi će početi 1. jula i trajaće dva meseca.",
    "Gradonačelnik je rekao da će deca od septembra učiti u novim učionicama.",
  ],
};
const answer = (texts: string[]): IdText[] => texts.map((text, index) => ({ id: `s${index + 1}`, text }));

describe("checkTranslation", () => {
  it.each(Object.keys(GOOD) as TargetLanguage[])("passes a faithful %s translation with one pass result per gate", (target) => {
    const results = checkTranslation({ target, source: SOURCE, translation: answer(GOOD[target]) });
    expect(results.filter((result) => result.status === "fail")).toEqual([]);
    const names = results.map((result) => result.name);
    for (const gate of ["alignment", "language", "copied-source", "numbers", "length-ratio"]) expect(names).toContain(gate);
    expect(new Set(names).size).toBe(names.length);
    expect(results.every((result) => result.segmentId === undefined)).toBe(true);
  });

  it("returns every failure with its sentence, and passes only for the gates that failed nowhere", () => {
    const translation = answer([
      "Муниципалитет потратит 5 левов на ремонт школ.",
      "Ремонтите ще започнат на 1 юли и ще продължат два месеца.",
    ]);
    const results = checkTranslation({ target: "ru", source: SOURCE, translation });
    const failures = results.filter((result) => result.status === "fail").map((result) => [result.name, result.segmentId]);
    expect(failures).toContainEqual(["alignment", "s3"]);
    expect(failures).toContainEqual(["numbers", "s1"]);
    expect(failures).toContainEqual(["copied-source", "s2"]);
    expect(failures).toContainEqual(["language", "s2"]);
    const passes = results.filter((result) => result.status === "pass").map((result) => result.name);
    expect(passes).toContain("length-ratio");
    expect(passes).not.toContain("numbers");
    expect(passes).not.toContain("copied-source");
    expect(results.find((result) => result.name === "numbers")?.detail).toBe("s1: the amount 5 млн. лв. (5,000,000) from the source is missing; found 5 левов");
  });

  it("catches Russian letters in a Serbian answer and an untranslated sentence in an English one", () => {
    const serbian = answer([GOOD["sr-Cyrl"][0]!, "Радови ће почети 1. јула и продлятся два месеца.", GOOD["sr-Cyrl"][2]!]);
    const serbianFailures = checkTranslation({ target: "sr-Cyrl", source: SOURCE, translation: serbian }).filter((result) => result.status === "fail");
    expect(serbianFailures.map((result) => result.segmentId)).toContain("s2");
    const english = answer([GOOD.en[0]!, GOOD.en[1]!, SOURCE[2]!.text]);
    const englishFailures = checkTranslation({ target: "en", source: SOURCE, translation: english }).filter((result) => result.status === "fail");
    expect(englishFailures.map((result) => result.segmentId)).toContain("s3");
  });
});
