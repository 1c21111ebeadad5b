import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { chrfCorpus, chrfSentence, type ChrfOptions } from "../src/eval/chrf.js";

// sacreBLEU's own chrF test vectors (see ../shared/data/chrf/README.md), read at run time.
const casesPath = fileURLToPath(new URL("../../shared/data/chrf/sacrebleu-test-cases.json", import.meta.url));
const present = existsSync(casesPath);
if (!present) console.warn(`skipped: ${casesPath} absent (sacreBLEU chrF test vectors)`);

interface Group {
  name: string;
  params: { char_order: number; word_order: number; beta: number; eps_smoothing: boolean; whitespace: boolean; lowercase: boolean };
  cases: Array<{
    expected_precision?: string;
    hypothesis?: string;
    hypotheses?: string[];
    references: string[] | string[][];
    expected: number;
    computed_by_sacrebleu: number;
  }>;
}

function loadGroups(): Group[] {
  return (JSON.parse(readFileSync(casesPath, "utf8")) as { groups: Group[] }).groups;
}

describe.skipIf(!present)("chrF equals sacreBLEU on its own test cases", () => {
  const groups = present ? loadGroups() : [];

  it("has every group the data file documents", () => {
    expect(groups.map((group) => group.name)).toEqual([
      "corpus_chrf_eps_smoothing",
      "corpus_chrf_effective_order",
      "corpus_chrf_keep_whitespace",
      "sentence_chrf_eps_smoothing",
      "readme_corpus_example",
    ]);
  });

  for (const group of groups) {
    const options: ChrfOptions = {
      charOrder: group.params.char_order,
      wordOrder: group.params.word_order,
      beta: group.params.beta,
      epsSmoothing: group.params.eps_smoothing,
      whitespace: group.params.whitespace,
      lowercase: group.params.lowercase,
    };
    group.cases.forEach((testCase, index) => {
      it(`${group.name} #${index + 1}`, () => {
        const score =
          testCase.hypothesis !== undefined
            ? chrfSentence(testCase.hypothesis, testCase.references as string[], options).score
            : chrfCorpus(testCase.hypotheses as string[], testCase.references as string[][], options).score;
        expect(Math.abs(score - testCase.computed_by_sacrebleu)).toBeLessThanOrEqual(1e-9);
        // The README example is printed to 2 decimals; the test file's values hold to 1e-4.
        const tolerance = testCase.expected_precision === undefined ? 1e-4 : 0.005;
        expect(Math.abs(score - testCase.expected)).toBeLessThanOrEqual(tolerance);
      });
    });
  }
});
