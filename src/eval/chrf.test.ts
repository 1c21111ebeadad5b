import { describe, expect, it } from "vitest";
import { isPrevodError } from "../errors.js";
import { chrfCorpus, chrfSentence, splitWords } from "./chrf.js";
import { chrfSignature, formatScore, SIGNATURE_VERSION } from "./signature.js";

// Our own sentences. The expected values were computed with sacreBLEU 2.6.0
// (CHRF(...).sentence_score / corpus_score) and are compared at full precision.
const bgHypothesis = "Министърът обяви новия бюджет в сряда.";
const bgReference = "В сряда министърът представи новия бюджет.";
const enHypothesis = "The minister announced the new budget on Wednesday.";
const enReferenceA = "On Wednesday, the minister presented the new budget.";
const enReferenceB = "The minister announced a new budget on Wednesday.";

describe("chrfSentence", () => {
  it("scores Bulgarian as sacreBLEU does with chrF, chrF++ and eps smoothing", () => {
    expect(chrfSentence(bgHypothesis, [bgReference]).score).toBeCloseTo(57.699615451671434, 10);
    expect(chrfSentence(bgHypothesis, [bgReference], { wordOrder: 2 }).score).toBeCloseTo(52.51796616634641, 10);
    expect(chrfSentence(bgHypothesis, [bgReference], { epsSmoothing: true }).score).toBeCloseTo(57.699275019197586, 10);
  });

  it("gives 100 for an exact match and 0 for nothing in common", () => {
    expect(chrfSentence(enHypothesis, [enHypothesis]).score).toBe(100);
    expect(chrfSentence(enHypothesis, [enHypothesis], { wordOrder: 2 }).score).toBe(100);
    expect(chrfSentence("xyz", ["abc"]).score).toBe(0);
    expect(chrfSentence("", ["budget"]).score).toBe(0);
  });

  it("uses the best of several references", () => {
    const both = chrfSentence(enHypothesis, [enReferenceA, enReferenceB]);
    expect(both.score).toBeCloseTo(90.02387405010649, 10);
    expect(chrfSentence(enHypothesis, [enReferenceA]).score).toBeCloseTo(63.003814738577766, 10);
    expect(both.statistics).toEqual(chrfSentence(enHypothesis, [enReferenceB]).statistics);
  });

  it("counts an astral character (emoji) as one character, as Python does", () => {
    expect(chrfSentence("😀😀 ok", ["😀😁 ok"]).score).toBeCloseTo(27.083333333333332, 10);
  });

  it("removes Python's whitespace (NBSP, \\x1c, \\x85) but keeps the zero-width space", () => {
    expect(chrfSentence("a\u00a0b c", ["ab c"]).score).toBe(100);
    expect(chrfSentence("a\x1cb\x85c", ["abc"]).score).toBe(100);
    expect(chrfSentence("a\u200bb c", ["ab c"]).score).toBeCloseTo(46.42857142857143, 10);
    expect(splitWords("one\u00a0two\u200bthree\ufefffour")).toEqual(["one", "two\u200bthree\ufefffour"]);
  });

  it("splits one punctuation mark off a word for chrF++ words", () => {
    expect(chrfSentence("Hello, (world)", ["Hello (world)"], { wordOrder: 2 }).score).toBeCloseTo(68.5134576523378, 10);
    expect(chrfSentence("Hello, (world)", ["Hello , ( world )"], { wordOrder: 2 }).score).toBeCloseTo(86.1928588346755, 10);
  });

  it("honours the lowercase and whitespace options", () => {
    expect(chrfSentence("BUDGET Vote", ["budget vote"]).score).toBeCloseTo(10.787037037037035, 10);
    expect(chrfSentence("BUDGET Vote", ["budget vote"], { lowercase: true }).score).toBe(100);
    expect(chrfSentence("new budget", ["newbudget"]).score).toBe(100);
    expect(chrfSentence("new budget", ["newbudget"], { whitespace: true }).score).toBeCloseTo(60.56062848233481, 10);
  });

  it("names the metric as sacreBLEU does", () => {
    expect(chrfSentence("a", ["a"]).name).toBe("chrF2");
    expect(chrfSentence("a", ["a"], { wordOrder: 2, beta: 3 }).name).toBe("chrF3++");
  });
});

describe("chrfCorpus", () => {
  it("sums each segment's best-reference statistics over the corpus", () => {
    const hypotheses = [bgHypothesis, enHypothesis];
    const streams = [[bgReference, enReferenceA], [bgReference, enReferenceB]];
    expect(chrfCorpus(hypotheses, streams).score).toBeCloseTo(75.2422390275963, 10);
    expect(chrfCorpus(hypotheses, streams, { wordOrder: 2 }).score).toBeCloseTo(72.0581213900608, 10);
    const first = chrfSentence(bgHypothesis, [bgReference]).statistics;
    const second = chrfSentence(enHypothesis, [enReferenceB]).statistics;
    expect(chrfCorpus(hypotheses, streams).statistics).toEqual(first.map((value, index) => value + (second[index] as number)));
  });

  it("rejects streams that do not align and empty input, naming the counts", () => {
    const call = () => chrfCorpus(["a", "b"], [["a"]]);
    expect(call).toThrow(/reference stream 1 has 1 segments, expected 2/);
    expect(() => chrfCorpus([], [[]])).toThrow(/at least one hypothesis/);
    try {
      chrfSentence("a", []);
      expect.unreachable();
    } catch (error) {
      expect(isPrevodError(error, "INPUT_INVALID")).toBe(true);
    }
  });

  it("rejects impossible options", () => {
    expect(() => chrfSentence("a", ["a"], { charOrder: 0, wordOrder: 0 })).toThrow(/charOrder \+ wordOrder/);
    expect(() => chrfSentence("a", ["a"], { charOrder: 2.5 })).toThrow(/got 2.5/);
  });
});

describe("chrfSignature", () => {
  it("follows sacreBLEU's field order and values", () => {
    expect(chrfSignature({}, 1)).toBe(`chrF2|nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:${SIGNATURE_VERSION}`);
    expect(chrfSignature({ wordOrder: 2, lowercase: true, epsSmoothing: true, whitespace: true }, "var")).toBe(
      `chrF2++|nrefs:var|case:lc|eff:no|nc:6|nw:2|space:yes|version:${SIGNATURE_VERSION}`,
    );
    expect(SIGNATURE_VERSION).toMatch(/^prevod-\d+\.\d+\.\d+/);
  });
});

describe("formatScore", () => {
  it("rounds exact halves to even, as Python's format does", () => {
    expect(formatScore(12.125)).toBe("12.12");
    expect(formatScore(0.375)).toBe("0.38");
    expect(formatScore(59.72751782684763)).toBe("59.73");
    expect(formatScore(2.5, 0)).toBe("2");
    expect(formatScore(3.5, 0)).toBe("4");
    expect(formatScore(100)).toBe("100.00");
  });
});
