import { describe, expect, it } from "vitest";
import { ancestors, topologicalOrder } from "./order.js";

describe("topologicalOrder", () => {
  it("puts every step after what it needs, keeping file order between independent steps", () => {
    const { order, cycles } = topologicalOrder([
      { name: "quotes", needs: ["translate"] },
      { name: "segment", needs: [] },
      { name: "translate", needs: ["segment"] },
      { name: "summarize", needs: ["segment"] },
    ]);
    expect(cycles).toEqual([]);
    expect(order).toEqual(["segment", "translate", "quotes", "summarize"]);
  });

  it("reports each cycle once with its path", () => {
    const { order, cycles } = topologicalOrder([
      { name: "a", needs: ["b"] },
      { name: "b", needs: ["c"] },
      { name: "c", needs: ["a"] },
      { name: "d", needs: ["d"] },
    ]);
    expect(order).toEqual([]);
    expect(cycles).toEqual([
      ["a", "b", "c", "a"],
      ["d", "d"],
    ]);
  });

  it("finds transitive ancestors", () => {
    const needs = new Map([
      ["c", ["b"]],
      ["b", ["a"]],
      ["a", []],
    ]);
    expect([...ancestors("c", needs)].sort()).toEqual(["a", "b"]);
  });
});
