import { describe, expect, it, vi } from "vitest";

// Counts how often the article text is read for numbers; the reading itself is the real one.
const reads = vi.hoisted(() => ({ texts: [] as string[] }));
vi.mock("../text/numbers/tokens.js", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../text/numbers/tokens.js")>();
  return { ...actual, extractNumbers: (...args: Parameters<typeof actual.extractNumbers>) => (reads.texts.push(args[0]), actual.extractNumbers(...args)) };
});
const { checkSummary } = await import("./summary.js");

/**
 * Issue 15, part 3: every summary check read the whole article for its numbers again (three
 * targets, and each re-ask); the article's numbers are now read once.
 */
const ARTICLE = [
  "Президентът на Казахстан Касим-Жомарт Токаев обяви нов пакет от реформи.",
  "„Ще намалим данъците за малкия бизнес с 10%“, каза той пред депутатите.",
  "Според него мерките ще струват 2,5 млрд. долара и ще влязат в сила от 1 юли.",
].join(" ");
const SUMMARIES = {
  en: { headline: "Tokayev promises a 10% tax cut", summary: "The measures cost $2.5 billion and take effect on July 1; a 7% rise is not in the article." },
  ru: { headline: "Токаев обещает снизить налоги на 10%", summary: "Меры обойдутся в 2,5 млрд долларов и вступят в силу 1 июля." },
} as const;

describe("checkSummary, the article's numbers read once", () => {
  it("reads the article text once for all targets and re-asks, with the same verdicts", () => {
    const results = (["en", "ru", "en"] as const).map((target) => checkSummary({ target, ...SUMMARIES[target], sourceText: ARTICLE, maxWords: 60 }));
    expect(reads.texts.filter((text) => text === ARTICLE)).toHaveLength(1);
    expect(results[2]).toEqual(results[0]);
    // The number not in the article is still caught, the kept ones are not.
    const numbers = results[0]!.find((result) => result.name === "numbers")!;
    expect(numbers.status).toBe("fail");
    expect(numbers.detail).toContain("7");
    expect(results[1]!.find((result) => result.name === "numbers")!.status).toBe("pass");
  });
});
