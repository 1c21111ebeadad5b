import { describe, expect, it } from "vitest";
import { checkAlignment } from "./alignment.js";
import { isBlank } from "./empty.js";
import { checkLanguage } from "./language.js";
import { checkTranslation } from "./translation.js";

const BLANKS: Array<[string, string]> = [
  ["the empty string", ""],
  ["spaces", "   "],
  ["two newlines", "\n\n"],
  ["a lone NBSP", "\u00a0"],
  ["zero-width spaces (U+200B), which trim() keeps", "\u200b\u200b"],
  ["a BOM and a word joiner", "\ufeff\u2060"],
];

describe("error kind 1: empty answers pass", () => {
  it.each(BLANKS)("isBlank holds for %s", (_, text) => {
    expect(isBlank(text)).toBe(true);
  });

  it("isBlank does not hold for a short real answer", () => {
    expect(isBlank("Да.")).toBe(false);
    expect(isBlank("\u200b5")).toBe(false);
  });

  it.each(BLANKS)("the language gate (what prevod check always runs) fails %s", (_, text) => {
    const results = checkLanguage({ target: "ru", text, id: "s1" });
    expect(results.filter((result) => result.status === "fail").map((result) => result.name)).toEqual(["empty"]);
  });

  it.each(BLANKS)("the pipeline's alignment test fails %s as an empty translation", (_, text) => {
    const source = [{ id: "s1", text: "Кметът откри новата детска градина." }];
    const failures = checkAlignment({ target: "en", source, translation: [{ id: "s1", text }] });
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ name: "alignment", status: "fail", segmentId: "s1" });
    expect(failures[0]!.detail).toContain("the translation is empty");
    const all = checkTranslation({ target: "en", source, translation: [{ id: "s1", text }] });
    expect(all.filter((result) => result.status === "fail")).toHaveLength(1);
  });
});
