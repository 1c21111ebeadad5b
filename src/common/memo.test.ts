import { describe, expect, it } from "vitest";
import { memoize } from "./memo.js";

describe("memoize", () => {
  it("computes each key once, undefined results included, and starts afresh past its limit", () => {
    const seen: string[] = [];
    const length = memoize((key: string) => {
      seen.push(key);
      return key === "none" ? undefined : key.length;
    }, 3);
    expect([length("ab"), length("ab"), length("none"), length("none"), length("abc")]).toEqual([2, 2, undefined, undefined, 3]);
    expect(seen).toEqual(["ab", "none", "abc"]);
    length("abcd");
    length("ab");
    expect(seen).toEqual(["ab", "none", "abc", "abcd", "ab"]);
  });

  it("issue 13.2: never keeps a whole long text, and bounds the characters it holds", () => {
    const seen: string[] = [];
    const length = memoize((key: string) => {
      seen.push(key);
      return key.length;
    }, 100, 64);
    const long = "x".repeat(5); // longer than 64 / 16 = 4 characters: computed every time, never kept
    expect([length(long), length(long)]).toEqual([5, 5]);
    expect(seen).toEqual([long, long]);
    for (const key of ["aaaa", "bbbb", "cccc"]) length(key);
    length("aaaa");
    expect(seen.filter((key) => key === "aaaa")).toHaveLength(1);
    // 16 keys of 4 characters fill the 64 characters; the 17th starts afresh, so "aaaa" is computed again.
    for (let index = 0; index < 14; index++) length(`k${String(index).padStart(3, "0")}`);
    length("aaaa");
    expect(seen.filter((key) => key === "aaaa")).toHaveLength(2);
  });
});
