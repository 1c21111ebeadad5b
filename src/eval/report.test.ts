import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { compareWithBaseline } from "./baseline.js";
import type { AssertionOutcome, SampleResult } from "./evaluate-sample.js";
import { toJUnitXml } from "./junit.js";
import { formatReport, formatRepeats, toJUnitSuites } from "./report.js";
import { summarizeRepeats } from "./repeats.js";

const outcomes: AssertionOutcome[] = [
  { id: "status", step: "article", target: "all", handler: "status", pass: true, reason: "status ok" },
  { id: "translate/en/chrf#0", step: "translate", target: "en", handler: "chrf", pass: true, score: 55, reason: "chrF 55.00 ≥ min 50 against reference.yaml (en, 23 sentences)" },
  {
    id: "translate/ru/chrf#0",
    step: "translate",
    target: "ru",
    handler: "chrf",
    pass: false,
    score: 41.2,
    reason: "chrF 41.20 < min 55 against reference.yaml (ru, 23 sentences)",
  },
  { id: "extract-quotes/all/quote#0", step: "extract-quotes", target: "all", handler: "quote", pass: false, reason: "a quote by Иванов not found;\nfound quotes by: Петров, Георгиева" },
];
const results: SampleResult[] = [
  { sample: "varna-buses", outcomes, timeMs: 1250 },
  { sample: "court-ruling", outcomes: [], error: "REPLAY_MISS: no recorded answer for translate/en (the prompt changed since recording)" },
];

describe("formatReport", () => {
  it("prints a fixed-width table per sample with score, PASS/FAIL and the reason on one line", () => {
    const report = formatReport(results);
    const lines = report.split("\n");
    expect(lines.slice(0, 6)).toEqual([
      "varna-buses: 2 of 4 passed, 2 FAILED",
      "  step            target  assertion  score  result  reason",
      "  article         all     status            PASS    status ok",
      "  translate       en      chrf#0        55  PASS    chrF 55.00 ≥ min 50 against reference.yaml (en, 23 sentences)",
      "  translate       ru      chrf#0     41.20  FAIL    chrF 41.20 < min 55 against reference.yaml (ru, 23 sentences)",
      "  extract-quotes  all     quote#0           FAIL    a quote by Иванов not found; found quotes by: Петров, Георгиева",
    ]);
    expect(report).toContain("court-ruling: ERROR REPLAY_MISS: no recorded answer for translate/en (the prompt changed since recording)");
    expect(report).toContain("2 sample(s), 4 assertion(s): 2 passed, 2 failed; 1 sample(s) could not be evaluated: court-ruling");
    expect(report).toContain("Failed: [varna-buses] translate/ru/chrf#0, [varna-buses] extract-quotes/all/quote#0");
    expect(report).toContain("No baseline yet: run prevod test --update to bless these results.");
  });

  it("lists what changed since the baseline, with score deltas and whether the assertion still passes", () => {
    const comparison = compareWithBaseline(results, {
      "varna-buses": {
        status: { pass: true },
        "translate/en/chrf#0": { pass: true, score: 61.2 },
        "translate/ru/chrf#0": { pass: true, score: 58.1 },
        "extract-quotes/all/quote#0": { pass: false },
        "summarize/en/max_words#0": { pass: true, score: 52 },
      },
      "court-ruling": { status: { pass: true } },
    });
    const report = formatReport(results, comparison);
    const section = report.slice(report.indexOf("Changes since baseline"));
    expect(section.split("\n")).toEqual([
      "Changes since baseline: 2 regressed, 0 fixed, 1 score(s) moved, 0 new, 1 removed",
      "  [court-ruling] status: passes → FAILS",
      "  [varna-buses] translate/ru/chrf#0: 58.10 → 41.20 (−16.90), now FAILS",
      "  [varna-buses] translate/en/chrf#0: 61.20 → 55 (−6.20), still passes",
      "  [varna-buses] summarize/en/max_words#0: removed (was passing, 52)",
      "",
    ]);
    expect(formatReport(results.slice(0, 1), compareWithBaseline(results.slice(0, 1), { "varna-buses": Object.fromEntries(outcomes.map((outcome) => [outcome.id, { pass: outcome.pass, ...(outcome.score === undefined ? {} : { score: outcome.score }) }])) }))).toContain(
      "Changes since baseline: none.",
    );
  });
});

describe("toJUnitSuites", () => {
  it("makes one suite per sample and one case per assertion, failures carrying the reason", () => {
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(toJUnitXml(toJUnitSuites(results)));
    const [varna, court] = parsed.testsuites.testsuite;
    expect(varna).toMatchObject({ name: "varna-buses", tests: "4", failures: "2", time: "1.250" });
    expect(varna.testcase.map((testCase: { name: string }) => testCase.name)).toEqual(outcomes.map((outcome) => outcome.id));
    expect(varna.testcase[1]).toEqual({ name: "translate/en/chrf#0", classname: "varna-buses.translate", time: "0.000" });
    expect(varna.testcase[2].failure.message).toBe("chrF 41.20 < min 55 against reference.yaml (ru, 23 sentences)");
    expect(varna.testcase[3].failure.message).toBe("a quote by Иванов not found; found quotes by: Петров, Георгиева");
    expect(court).toMatchObject({ name: "court-ruling", tests: "1", failures: "1" });
    expect(court.testcase.failure.message).toMatch(/^REPLAY_MISS/);
  });
});

describe("summarizeRepeats and formatRepeats", () => {
  it("gives the pass rate and score spread per assertion over repeated runs", () => {
    const flip = (pass: boolean, score: number): AssertionOutcome[] => [outcomes[0]!, { ...outcomes[2]!, pass, score, reason: pass ? "ok" : `chrF ${score} < min 55` }];
    const summaries = summarizeRepeats([flip(true, 60), flip(false, 50), flip(true, 58), flip(true, 56)]);
    expect(summaries[0]).toMatchObject({ id: "status", runs: 4, passes: 4, passRate: 1 });
    expect(summaries[1]).toMatchObject({ id: "translate/ru/chrf#0", runs: 4, passes: 3, passRate: 0.75, meanScore: 56, minScore: 50, maxScore: 60, lastFailure: "chrF 50 < min 55" });
    expect(formatRepeats("varna-buses", summaries).split("\n")).toEqual([
      "varna-buses: 4 run(s), 1 flaky assertion(s)",
      "  assertion            passed  rate  score mean (min–max)  last failure",
      "  status                  4/4  100%",
      "  translate/ru/chrf#0     3/4   75%  56 (50–60)            chrF 50 < min 55",
      "",
    ]);
  });
});
