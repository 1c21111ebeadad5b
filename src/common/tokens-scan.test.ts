import { describe, expect, it } from "vitest";
import { estimateTokens } from "./tokens.js";

// The Latin-word part of estimateTokens as it was written with regular expressions (before the
// char-code scan that builds no word strings): the scan must give the same count to the bit.
const FUNCTION_WORDS = new Set(
  "the of and is was were with for that are by from this it be has have had will which an at as his her their not been or in on to would can could should there they he she we you its".split(" "),
);
function latinByRegex(text: string): number {
  const words = text.match(/[A-Za-z\u00c0-\u024f]+/g);
  if (words === null) return 0;
  const english = words.filter((word) => FUNCTION_WORDS.has(word.toLowerCase())).length >= 0.08 * words.length;
  let total = 0;
  for (const word of words) {
    const diacritics = word.replace(/[A-Za-z]/g, "").length;
    const rate = english && diacritics === 0 ? { base: 0.6, lettersPerToken: 8 } : { base: 1, lettersPerToken: 4 };
    total += rate.base + word.length / rate.lettersPerToken + (rate.base === 1 ? diacritics : 0);
  }
  return total;
}
/** The rest of estimateTokens on such texts: each punctuation mark (and × ÷, which are no letters there) 1 token. */
const punctuation = (text: string) => [...text].filter((char) => /[^A-Za-z\u00c0-\u024f\s]|[×÷]/.test(char)).length;

describe("estimateTokens on Latin words", () => {
  const texts = [
    "The mayor said that the repairs will begin on Monday, and the schools will be ready.",
    "Gradonačelnik je rekao da će deca od septembra učiti u novim učionicama.",
    "Opština će potrošiti miliona leva — the of and — Šabac, Đakovica, Žabljak.",
    "a×b÷c Ñandú ÀÉÎÕÜ ȀɏȐ",
    "x".repeat(3000) + " the".repeat(400),
    Array.from({ length: 600 }, (_, index) => (index % 7 === 0 ? "the" : `word${"é".repeat(index % 3)}`)).join(" . "),
  ];
  it.each(texts.map((text) => [text.slice(0, 40), text]))("counts %j as the word-by-word rule does", (_label, text) => {
    expect(estimateTokens(text)).toBe(Math.ceil(punctuation(text) + latinByRegex(text)));
  });
});
