import { describe, expect, it } from "vitest";
import { checkSummary, countWords } from "./summary.js";

// An article body and summaries, written for these tests.
const ARTICLE = [
  "Президентът на Казахстан Касим-Жомарт Токаев обяви нов пакет от реформи.",
  "„Ще намалим данъците за малкия бизнес с 10%“, каза той пред депутатите.",
  "Според него мерките ще струват 2,5 млрд. долара и ще влязат в сила от 1 юли.",
].join(" ");
const GOOD = {
  headline: "Tokayev promises a 10% tax cut for small businesses",
  summary: "Kazakh President Kassym-Jomart Tokayev announced a reform package that cuts taxes for small businesses by 10 per cent. The measures cost $2.5 billion and take effect on July 1.",
  keyPoints: ["Taxes for small businesses fall by 10%", "The reforms start on 1 July"],
};
const check = (overrides: Partial<Parameters<typeof checkSummary>[0]> = {}) =>
  checkSummary({ target: "en", ...GOOD, sourceText: ARTICLE, maxWords: 40, ...overrides });
const failures = (results: ReturnType<typeof checkSummary>) => results.filter((result) => result.status === "fail");

describe("checkSummary", () => {
  it("passes a summary within limits whose numbers all occur in the article", () => {
    const results = check();
    expect(failures(results)).toEqual([]);
    expect(results.map((result) => result.name).sort()).toEqual(["language", "numbers", "summary-length", "summary-present"]);
  });

  it("fails an empty headline or key point", () => {
    expect(failures(check({ headline: " " }))).toEqual([
      { name: "summary-present", status: "fail", detail: "headline: empty; write a headline of at most 20 words in English, from the article" },
    ]);
    expect(failures(check({ keyPoints: ["Taxes fall by 10%", ""] }))[0]?.detail).toBe("key point 2: empty; write a key point in English, from the article");
  });

  it("fails a summary or headline over its word limit", () => {
    expect(failures(check({ maxWords: 20 }))[0]?.detail).toBe("summary: 29 words, the limit is 20; shorten it");
    expect(failures(check({ maxHeadlineWords: 5 }))[0]?.detail).toBe("headline: 9 words, the limit is 5; shorten it");
  });

  it("fails numbers the article does not contain, in any part", () => {
    const results = failures(check({ headline: "Tokayev promises a 15% tax cut", keyPoints: ["The reforms cost $3 billion"] }));
    expect(results.map((result) => result.detail)).toEqual([
      "headline: the number 15% does not occur in the article; use only numbers the article gives",
      "key point 1: the number $3 billion (3,000,000,000) does not occur in the article; use only numbers the article gives",
    ]);
  });

  it("fails a summary in the wrong language", () => {
    const results = failures(checkSummary({ target: "ru", headline: "Токаев обещава по-ниски данъци", summary: "Президентът на Казахстан обяви реформи, които ще влязат в сила от 1 юли.", sourceText: ARTICLE, maxWords: 40 }));
    expect(results.some((result) => result.name === "language")).toBe(true);
  });

  it("counts words as a reader does", () => {
    expect(countWords("COVID-19 cases rose by 2,5% — don't panic.")).toBe(7);
  });
});
