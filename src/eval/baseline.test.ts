import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isPrevodError } from "../errors.js";
import { baselineFromResults, compareWithBaseline, mergeBaseline, readBaseline, writeBaseline, type Baseline } from "./baseline.js";
import type { AssertionOutcome, SampleResult } from "./evaluate-sample.js";

function outcome(id: string, pass: boolean, score?: number): AssertionOutcome {
  const [step = "article", target = "all", handler = "status"] = id === "status" ? [] : id.split("#")[0]!.split("/");
  return { id, step, target: target as AssertionOutcome["target"], handler, pass, ...(score === undefined ? {} : { score }), reason: "…" };
}

const blessed: Baseline = {
  "varna-buses": {
    status: { pass: true },
    "translate/en/chrf#0": { pass: true, score: 61.2 },
    "translate/ru/chrf#0": { pass: true, score: 58.1 },
    "translate/en/contains#0": { pass: false },
    "summarize/en/max_words#0": { pass: true, score: 52 },
    "translate/sr-Cyrl/chrf#0": { pass: true, score: 70 },
  },
};

describe("compareWithBaseline", () => {
  it("finds flips both ways, moved scores, new and removed assertions, regressions first", () => {
    const current: SampleResult[] = [
      {
        sample: "varna-buses",
        outcomes: [
          outcome("status", true),
          outcome("translate/en/chrf#0", true, 55),
          outcome("translate/ru/chrf#0", false, 41.234),
          outcome("translate/en/contains#0", true),
          outcome("summarize/en/max_words#0", true, 52),
          outcome("translate/en/language#0", true),
        ],
      },
      { sample: "court-ruling", outcomes: [outcome("status", true)] },
    ];
    const comparison = compareWithBaseline(current, blessed);
    expect(comparison.newSamples).toEqual(["court-ruling"]);
    expect(comparison.changes.map((change) => [change.kind, change.id])).toEqual([
      ["regressed", "translate/ru/chrf#0"],
      ["fixed", "translate/en/contains#0"],
      ["score", "translate/en/chrf#0"],
      ["new", "translate/en/language#0"],
      ["removed", "translate/sr-Cyrl/chrf#0"],
    ]);
    const regressed = comparison.changes[0]!;
    expect(regressed.before).toEqual({ pass: true, score: 58.1 });
    expect(regressed.after).toEqual({ pass: false, score: 41.234 });
    expect(regressed.delta).toBeCloseTo(-16.866, 6);
    expect(comparison.changes[2]!.delta).toBeCloseTo(-6.2, 6);
  });

  it("ignores score noise below the printed precision and samples not in this run", () => {
    const current: SampleResult[] = [{ sample: "varna-buses", outcomes: Object.entries(blessed["varna-buses"]!).map(([id, entry]) => outcome(id, entry.pass, entry.score === undefined ? undefined : entry.score + 0.001)) }];
    expect(compareWithBaseline(current, { ...blessed, other: { status: { pass: true } } }).changes).toEqual([]);
  });

  it("counts every blessed pass of a sample that could not run as a regression", () => {
    const comparison = compareWithBaseline([{ sample: "varna-buses", outcomes: [], error: "REPLAY_MISS: no recording for translate/en" }], blessed);
    expect(comparison.changes.filter((change) => change.kind === "regressed")).toHaveLength(5);
    expect(comparison.changes.every((change) => change.after?.pass === false)).toBe(true);
  });
});

describe("baseline file", () => {
  let folder: string;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), "prevod-baseline-"));
  });
  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it("is written with sorted keys, one assertion per line, scores to 4 decimals, and reads back", async () => {
    const results: SampleResult[] = [
      { sample: "varna-buses", outcomes: [outcome("translate/en/chrf#10", true, 61.23456789), outcome("translate/en/chrf#9", true, 60), outcome("status", true)] },
      { sample: "court-ruling", outcomes: [outcome("status", false)] },
      { sample: "broken", outcomes: [], error: "pipeline crashed" },
    ];
    const file = join(folder, "baseline.json");
    await writeBaseline(file, baselineFromResults(results));
    expect(await readFile(file, "utf8")).toBe(
      [
        "{",
        '  "court-ruling": {',
        '    "status": {"pass":false}',
        "  },",
        '  "varna-buses": {',
        '    "status": {"pass":true},',
        '    "translate/en/chrf#9": {"pass":true,"score":60},',
        '    "translate/en/chrf#10": {"pass":true,"score":61.2346}',
        "  }",
        "}",
        "",
      ].join("\n"),
    );
    expect(await readBaseline(file)).toEqual({
      "court-ruling": { status: { pass: false } },
      "varna-buses": { status: { pass: true }, "translate/en/chrf#9": { pass: true, score: 60 }, "translate/en/chrf#10": { pass: true, score: 61.2346 } },
    });
    expect((await readdir(folder)).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });

  it("merges a run of some samples into the old baseline, keeping samples that could not run", () => {
    const merged = mergeBaseline(blessed, [
      { sample: "court-ruling", outcomes: [outcome("status", true)] },
      { sample: "varna-buses", outcomes: [], error: "pipeline crashed" },
    ]);
    expect(merged["varna-buses"]).toEqual(blessed["varna-buses"]);
    expect(merged["court-ruling"]).toEqual({ status: { pass: true } });
  });

  it("is absent before the first blessing, and a damaged file is an error that says how to fix it", async () => {
    expect(await readBaseline(join(folder, "none.json"))).toBeUndefined();
    const damaged = join(folder, "damaged.json");
    await writeFile(damaged, '{"varna-buses": {"status": {"pass": "yes"}}}');
    await expect(readBaseline(damaged)).rejects.toSatisfy(
      (error) => isPrevodError(error, "INPUT_INVALID") && /damaged\.json: varna-buses\.status\.pass: .*bless again with prevod test --update/.test((error as Error).message),
    );
    await writeFile(damaged, "{");
    await expect(readBaseline(damaged)).rejects.toThrow(/damaged\.json: expected JSON .* found a syntax error/);
  });
});
