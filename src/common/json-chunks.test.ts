import { describe, expect, it } from "vitest";
import { jsonChunks } from "./json-chunks.js";

const values: unknown[] = [
  null,
  0,
  "",
  "текст \n \u2028 \"кавички\"",
  [],
  {},
  [1, undefined, () => 1, "a"],
  { a: undefined, b: 1, c: [], d: {} },
  { nested: Array.from({ length: 30 }, (_, index) => ({ id: `s${index}`, text: "Изречение. ".repeat(index), n: index, none: undefined, list: Array.from({ length: index % 12 }, (_, k) => k) })) },
  { at: new Date(0), big: "x".repeat(40_000), map: Object.fromEntries(Array.from({ length: 20 }, (_, index) => [`k${index}`, { v: [index, { deep: [index] }] }])) },
  Object.assign(Object.create(null) as object, { a: 1, b: Array.from({ length: 10 }, (_, index) => index) }),
];

describe("jsonChunks (issue 13.2: large results written without their whole text)", () => {
  it.each([0, 2, 4])("joins to exactly JSON.stringify's text (indent %i)", (indent) => {
    for (const value of values) {
      const text = JSON.stringify(value, null, indent) ?? "null";
      expect([...jsonChunks(value, indent, 16)].join("")).toBe(text);
      expect([...jsonChunks(value, indent)].join("")).toBe(text);
    }
  });

  it("gives pieces of about the asked size, never the whole of a large value at once", () => {
    const value = { segments: Array.from({ length: 5000 }, (_, index) => ({ id: `s${index}`, text: "Дълго изречение за съдебно решение. ".repeat(3) })) };
    const chunks = [...jsonChunks(value, 2, 4096)];
    expect(chunks.length).toBeGreaterThan(100);
    expect(Math.max(...chunks.map((chunk) => chunk.length))).toBeLessThan(4096 + 400);
    expect(JSON.parse(chunks.join(""))).toEqual(value);
  });
});
