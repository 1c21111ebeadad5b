import { describe, expect, it } from "vitest";
import { alignReference } from "./reference-alignment.js";

const segments = (...texts: string[]) => texts.map((text, index) => ({ id: `s${index + 1}`, text }));

describe("alignReference", () => {
  it("pairs equal sentences in order and skips segments the reference does not cover", () => {
    const alignment = alignReference(["Заглавие", "Първо изречение.", "Второ изречение."], segments("Заглавие", "Тема: Варна", "Заглавие", "Първо  изречение.", "Второ изречение."));
    expect(alignment.unaligned).toEqual([]);
    expect(alignment.groups).toEqual([
      { referenceIndexes: [0], segmentIds: ["s1"] },
      { referenceIndexes: [1], segmentIds: ["s4"] },
      { referenceIndexes: [2], segmentIds: ["s5"] },
    ]);
  });

  it("joins reference sentences the segmenter kept together, and segments it split apart", () => {
    const merged = alignReference(["Едно.", "Две.", "Три."], segments("Едно. Две.", "Три."));
    expect(merged.groups).toEqual([
      { referenceIndexes: [0, 1], segmentIds: ["s1"] },
      { referenceIndexes: [2], segmentIds: ["s2"] },
    ]);
    const split = alignReference(["Най-сетне! Чакаме го.", "Край."], segments("Най-сетне!", "Чакаме го.", "Край."));
    expect(split.groups).toEqual([
      { referenceIndexes: [0], segmentIds: ["s1", "s2"] },
      { referenceIndexes: [1], segmentIds: ["s3"] },
    ]);
  });

  it("reports reference sentences found nowhere instead of pairing them by position", () => {
    const alignment = alignReference(["Едно.", "Изречение, което го няма.", "Три."], segments("Едно.", "Две.", "Три."));
    expect(alignment.unaligned).toEqual([1]);
    expect(alignment.groups.map((group) => group.segmentIds)).toEqual([["s1"], ["s3"]]);
  });
});
