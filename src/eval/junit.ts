/** One test in a JUnit report: passed unless it has a failure or a skip reason. */
export interface JUnitCase {
  name: string;
  /** Groups cases in CI views (Jenkins, GitLab). @default the suite's name */
  className?: string;
  timeMs?: number;
  /** `message` is the one-line reason CI shows; `details` the full text (diffs, scores). */
  failure?: { message: string; details?: string };
  /** Why the case did not run. */
  skipped?: string;
}

/** A named group of cases, e.g. one golden sample. */
export interface JUnitSuite {
  name: string;
  /** @default the sum of the cases' times */
  timeMs?: number;
  cases: JUnitCase[];
}

// XML 1.0 allows only these characters; anything else (NUL, ESC, lone surrogates…) makes
// the whole report unreadable for CI, so it is dropped.
const NOT_XML_CHARACTER = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

function clean(text: string): string {
  return text.replace(NOT_XML_CHARACTER, "");
}

function escapeText(text: string): string {
  return clean(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

// Tabs and line breaks are written as references: a parser normalises literal ones in
// attribute values to spaces, and multi-line failure messages must survive.
function escapeAttribute(text: string): string {
  return escapeText(text)
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;")
    .replace(/\t/g, "&#9;")
    .replace(/\n/g, "&#10;")
    .replace(/\r/g, "&#13;");
}

/** A CDATA section may not contain "]]>"; it is split across two sections. */
function cdata(text: string): string {
  return `<![CDATA[${clean(text).replace(/]]>/g, "]]]]><![CDATA[>")}]]>`;
}

function seconds(milliseconds: number): string {
  return (milliseconds / 1000).toFixed(3);
}

function attributes(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([key, value]) => ` ${key}="${escapeAttribute(String(value))}"`)
    .join("");
}

function counts(cases: JUnitCase[]): { tests: number; failures: number; errors: number; skipped: number } {
  return {
    tests: cases.length,
    failures: cases.filter((testCase) => testCase.failure !== undefined).length,
    errors: 0,
    skipped: cases.filter((testCase) => testCase.failure === undefined && testCase.skipped !== undefined).length,
  };
}

function suiteTime(suite: JUnitSuite): number {
  return suite.timeMs ?? suite.cases.reduce((sum, testCase) => sum + (testCase.timeMs ?? 0), 0);
}

function caseXml(testCase: JUnitCase, suiteName: string): string {
  const head = `    <testcase${attributes({
    name: testCase.name,
    classname: testCase.className ?? suiteName,
    time: seconds(testCase.timeMs ?? 0),
  })}`;
  if (testCase.failure !== undefined) {
    const { message, details } = testCase.failure;
    const body = details === undefined ? "" : cdata(details);
    return `${head}>\n      <failure${attributes({ message, type: "AssertionError" })}>${body}</failure>\n    </testcase>`;
  }
  if (testCase.skipped !== undefined) {
    return `${head}>\n      <skipped${attributes({ message: testCase.skipped })}/>\n    </testcase>`;
  }
  return `${head}/>`;
}

/**
 * A JUnit XML report (the de-facto schema read by GitHub, GitLab, Jenkins, Azure):
 * totals on <testsuites> and on each <testsuite>, times in seconds, a <failure message>
 * per failed case and a <skipped message> per skipped one.
 */
export function toJUnitXml(suites: JUnitSuite[]): string {
  const allCases = suites.flatMap((suite) => suite.cases);
  const totalTime = suites.reduce((sum, suite) => sum + suiteTime(suite), 0);
  const lines = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites${attributes({ name: "prevod", ...counts(allCases), time: seconds(totalTime) })}>`,
  ];
  for (const suite of suites) {
    const open = `  <testsuite${attributes({ name: suite.name, ...counts(suite.cases), time: seconds(suiteTime(suite)) })}`;
    if (suite.cases.length === 0) {
      lines.push(`${open}/>`);
      continue;
    }
    lines.push(`${open}>`, ...suite.cases.map((testCase) => caseXml(testCase, suite.name)), "  </testsuite>");
  }
  lines.push("</testsuites>", "");
  return lines.join("\n");
}
