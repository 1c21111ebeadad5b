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
});
