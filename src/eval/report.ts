import type { AssertionChange, BaselineComparison, BaselineEntry } from "./baseline.js";
import type { SampleResult } from "./evaluate-sample.js";
import type { JUnitCase, JUnitSuite } from "./junit.js";
import type { RepeatSummary } from "./repeats.js";
import { formatScore } from "./signature.js";

/** Characters as a terminal shows them (Cyrillic is one column, like Latin). */
function width(text: string): number {
  return [...text].length;
}

function pad(text: string, size: number, align: "left" | "right" = "left"): string {
  const fill = " ".repeat(Math.max(0, size - width(text)));
  return align === "left" ? text + fill : fill + text;
}

/** Fixed-width columns; the last column is never padded (reasons are as long as they need). */
function table(header: string[], rows: string[][], rightAligned: ReadonlySet<number>): string[] {
  const sizes = header.map((title, column) => Math.max(width(title), ...rows.map((row) => width(row[column]!))));
  const line = (cells: string[]) =>
    ("  " + cells.map((cell, column) => (column === cells.length - 1 ? cell : pad(cell, sizes[column]!, rightAligned.has(column) ? "right" : "left"))).join("  ")).trimEnd();
  return [line(header), ...rows.map(line)];
}

function score(value: number | undefined): string {
  if (value === undefined) return "";
  return Number.isInteger(value) ? String(value) : formatScore(value);
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ");
}

function sampleSection(result: SampleResult): string[] {
  if (result.error !== undefined) return [`${result.sample}: ERROR ${oneLine(result.error)}`];
  const failed = result.outcomes.filter((outcome) => !outcome.pass).length;
  const title = `${result.sample}: ${result.outcomes.length - failed} of ${result.outcomes.length} passed${failed > 0 ? `, ${failed} FAILED` : ""}`;
  const rows = result.outcomes.map((outcome) => [
    outcome.step,
    outcome.target,
    outcome.id === "status" ? "status" : outcome.id.slice(outcome.step.length + outcome.target.length + 2),
    score(outcome.score),
    outcome.pass ? "PASS" : "FAIL",
    oneLine(outcome.reason),
  ]);
  return [title, ...table(["step", "target", "assertion", "score", "result", "reason"], rows, new Set([3]))];
}

function verdict(entry: BaselineEntry | undefined): string {
  return entry?.pass ? "passes" : "FAILS";
}

function describeChange(change: AssertionChange): string {
  const head = `[${change.sample}] ${change.id}: `;
  if (change.kind === "new") return `${head}new, ${verdict(change.after)}${change.after?.score === undefined ? "" : ` (${score(change.after.score)})`}`;
  if (change.kind === "removed") {
    return `${head}removed (was ${change.before?.pass ? "passing" : "failing"}${change.before?.score === undefined ? "" : `, ${score(change.before.score)}`})`;
  }
  const status = change.kind === "regressed" ? "now FAILS" : change.kind === "fixed" ? "now passes" : `still ${verdict(change.after)}`;
  if (change.delta === undefined || change.before?.score === undefined || change.after?.score === undefined) {
    return `${head}${verdict(change.before)} → ${verdict(change.after)}`;
  }
  const sign = change.delta > 0 ? "+" : change.delta < 0 ? "−" : "±";
  return `${head}${score(change.before.score)} → ${score(change.after.score)} (${sign}${score(Math.abs(change.delta))}), ${status}`;
}

/** The "changes since baseline" section: counts, then one line per change, regressions first. */
export function formatComparison(comparison: BaselineComparison | undefined): string[] {
  if (!comparison) return ["No baseline yet: run prevod test --update to bless these results."];
  const count = (kind: AssertionChange["kind"]) => comparison.changes.filter((change) => change.kind === kind).length;
  const lines: string[] = [];
  if (comparison.changes.length === 0) lines.push("Changes since baseline: none.");
  else {
    lines.push(
      `Changes since baseline: ${count("regressed")} regressed, ${count("fixed")} fixed, ${count("score")} score(s) moved, ${count("new")} new, ${count("removed")} removed`,
      ...comparison.changes.map((change) => `  ${describeChange(change)}`),
    );
  }
  for (const sample of comparison.newSamples) lines.push(`  [${sample}] not in the baseline yet (bless with --update)`);
  return lines;
}

/**
 * The readable report of a `prevod test` run: a fixed-width table per sample (step, target,
 * assertion, score, PASS/FAIL, reason), the totals, and what changed since the baseline.
 */
export function formatReport(results: SampleResult[], comparison?: BaselineComparison): string {
  const lines: string[] = [];
  for (const result of results) lines.push(...sampleSection(result), "");
  const outcomes = results.flatMap((result) => result.outcomes.map((outcome) => ({ sample: result.sample, outcome })));
  const failed = outcomes.filter((entry) => !entry.outcome.pass);
  const errored = results.filter((result) => result.error !== undefined);
  lines.push(
    `${results.length} sample(s), ${outcomes.length} assertion(s): ${outcomes.length - failed.length} passed, ${failed.length} failed` +
      (errored.length > 0 ? `; ${errored.length} sample(s) could not be evaluated: ${errored.map((result) => result.sample).join(", ")}` : ""),
  );
  if (failed.length > 0) lines.push(`Failed: ${failed.map((entry) => `[${entry.sample}] ${entry.outcome.id}`).join(", ")}`);
  lines.push("", ...formatComparison(comparison));
  return lines.join("\n") + "\n";
}

/** `--repeat N`: pass rate and score spread per assertion of one sample. */
export function formatRepeats(sample: string, summaries: RepeatSummary[]): string {
  const runs = Math.max(0, ...summaries.map((summary) => summary.runs));
  const rows = summaries.map((summary) => [
    summary.id,
    `${summary.passes}/${summary.runs}`,
    `${Math.round(summary.passRate * 100)}%`,
    summary.meanScore === undefined ? "" : `${score(summary.meanScore)} (${score(summary.minScore)}–${score(summary.maxScore)})`,
    summary.passRate < 1 && summary.lastFailure !== undefined ? oneLine(summary.lastFailure) : "",
  ]);
  const flaky = summaries.filter((summary) => summary.passRate > 0 && summary.passRate < 1).length;
  return [`${sample}: ${runs} run(s), ${flaky} flaky assertion(s)`, ...table(["assertion", "passed", "rate", "score mean (min–max)", "last failure"], rows, new Set([1, 2]))].join("\n") + "\n";
}

/** One JUnit suite per sample, one case per assertion; a failed case carries the reason as its message. */
export function toJUnitSuites(results: SampleResult[]): JUnitSuite[] {
  return results.map((result) => {
    const cases: JUnitCase[] =
      result.error !== undefined
        ? [{ name: "run", failure: { message: oneLine(result.error), details: result.error } }]
        : result.outcomes.map((outcome) => {
            const testCase: JUnitCase = { name: outcome.id, className: `${result.sample}.${outcome.step}` };
            if (!outcome.pass) {
              const details = [`${outcome.id} (step ${outcome.step}, target ${outcome.target})`, ...(outcome.score === undefined ? [] : [`score: ${formatScore(outcome.score)}`]), outcome.reason];
              testCase.failure = { message: oneLine(outcome.reason), details: details.join("\n") };
            }
            return testCase;
          });
    return { name: result.sample, ...(result.timeMs === undefined ? {} : { timeMs: result.timeMs }), cases };
  });
}
