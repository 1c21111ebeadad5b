import { describe, expect, it } from "vitest";
import { checkAlignment } from "./alignment.js";
import type { IdText } from "./types.js";

const SOURCE: IdText[] = [
  { id: "s1", text: "Кметът откри новата детска градина в понеделник." },
  { id: "s2", text: "В нея ще има места за 120 деца." },
  { id: "s3", text: "Строителството е продължило две години." },
];
const GOOD: IdText[] = [
  { id: "s1", text: "The mayor opened the new kindergarten on Monday." },
  { id: "s2", text: "It will have places for 120 children." },
  { id: "s3", text: "Construction took two years." },
];
const check = (translation: IdText[]) => checkAlignment({ target: "en", source: SOURCE, translation });

describe("checkAlignment", () => {
  it("merged: a sentence and the next headline (no final stop) under one id, the headline's id empty, fail at the first id", () => {
    const source: IdText[] = [
      { id: "s1", text: "Кание Уест изнесе реч в подкрепа на Тръмп след шоуто си." },
      { id: "s2", text: "Не мина добре" },
    ];
    const merged = checkAlignment({ target: "en", source, translation: [{ id: "s1", text: "Kanye West gave a pro-Trump speech after his show. It did not go well" }, { id: "s2", text: "" }] });
    expect(merged.filter((result) => result.segmentId === "s1").map((result) => result.detail)).toEqual(["s1: the translation seems to hold s1 and s2 together while s2 has none; translate each sentence under its own id"]);
    // A lazy answer that only leaves the headline empty blames the headline alone.
    const lazy = checkAlignment({ target: "en", source, translation: [{ id: "s1", text: "Kanye West gave a pro-Trump speech after his show." }, { id: "s2", text: "" }] });
    expect(lazy.map((result) => result.segmentId)).toEqual(["s2"]);
  });

  it("passes one translation per id, in any order", () => {
    expect(check([...GOOD].reverse())).toEqual([{ name: "alignment", status: "pass", detail: "all 3 sentences answered once" }]);
  });

  it("fails a missing id and quotes the sentence to translate", () => {
    expect(check([GOOD[0]!, GOOD[2]!])).toEqual([
      { name: "alignment", status: "fail", segmentId: "s2", detail: 's2: no translation was given; translate "В нея ще има места за 120 деца."' },
    ]);
  });

  it("fails an unknown id, naming the ids that exist", () => {
    expect(check([...GOOD, { id: "s9", text: "Extra." }])).toEqual([
      { name: "alignment", status: "fail", segmentId: "s9", detail: "s9: this id is not one of the source sentences (s1, s2, s3); answer only with the ids you were given" },
    ]);
  });

  it("fails a duplicated id", () => {
    const [result] = check([...GOOD, { id: "s2", text: "There will be 120 places." }]);
    expect(result).toEqual({ name: "alignment", status: "fail", segmentId: "s2", detail: "s2: answered 2 times with different texts; give exactly one translation per id" });
  });

  it("fails an empty or whitespace-only translation", () => {
    const results = check([GOOD[0]!, { id: "s2", text: "  \n " }, GOOD[2]!]);
    expect(results.map((result) => result.detail)).toContain('s2: the translation is empty; translate "В нея ще има места за 120 деца."');
  });

  it("fails two sentences merged into one answer while the neighbour is empty", () => {
    const merged = [GOOD[0]!, { id: "s2", text: "It will have places for 120 children. Construction took two years." }, { id: "s3", text: "" }];
    const details = check(merged).map((result) => result.detail);
    expect(details).toContain("s2: the translation seems to hold s2 and s3 together while s3 has none; translate each sentence under its own id");
    expect(details).toContain('s3: the translation is empty; translate "Строителството е продължило две години."');
  });

  it("fails two sentences merged into one answer that is repeated for the neighbour", () => {
    const both = "The mayor opened the new kindergarten on Monday, which will have places for 120 children.";
    const details = check([{ id: "s1", text: both }, { id: "s2", text: both }, GOOD[2]!]).map((result) => result.detail);
    expect(details).toEqual(["s1: s1 and s2 have the same translation although their sources differ; it seems to translate both sentences together; translate each sentence under its own id"]);
  });

  it("does not call a long but faithful translation merged when its neighbour is answered", () => {
    const long = { id: "s3", text: "The construction work on the building went on for two full years before completion." };
    expect(check([GOOD[0]!, GOOD[1]!, long])[0]!.status).toBe("pass");
  });
});
