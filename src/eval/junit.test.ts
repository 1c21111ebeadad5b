import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { toJUnitXml, type JUnitSuite } from "./junit.js";

type Attributes = Record<string, string>;
type ParsedCase = Attributes & { failure?: Attributes; skipped?: Attributes };

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "",
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: false,
  // Numeric character references (&#10; in a multi-line message) are standard XML; this parser decodes them only with htmlEntities.
  htmlEntities: true,
  isArray: (name) => name === "testsuite" || name === "testcase",
});

type ParsedReport = { testsuites: Attributes & { testsuite: Array<Attributes & { testcase?: ParsedCase[] }> } };

function parse(xml: string): ParsedReport {
  const validation = XMLValidator.validate(xml);
  expect(validation).toBe(true);
  return parser.parse(xml) as ParsedReport;
}

const suites: JUnitSuite[] = [
  {
    name: "sample-budget",
    cases: [
      { name: "translate ru: chrf ≥ 50", timeMs: 1250, failure: { message: "chrF 41.20 < 50 (ref: ru.txt)", details: "score 41.20\nthreshold 50" } },
      { name: "translate ru: language", timeMs: 5 },
      { name: "summarize en: live only", skipped: "replay has no recording for summarize/en" },
    ],
  },
  { name: "sample-empty", cases: [] },
  { name: "sample-quotes", timeMs: 2000, cases: [{ name: "quote present", className: "quotes", timeMs: 40 }] },
];

describe("toJUnitXml", () => {
  it("writes totals in seconds on <testsuites> and every <testsuite>", () => {
    const { testsuites } = parse(toJUnitXml(suites));
    expect(testsuites).toMatchObject({ tests: "4", failures: "1", errors: "0", skipped: "1", time: "3.255" });
    const [budget, empty, quotes] = testsuites.testsuite;
    expect(budget).toMatchObject({ name: "sample-budget", tests: "3", failures: "1", skipped: "1", time: "1.255" });
    expect(empty).toMatchObject({ name: "sample-empty", tests: "0", failures: "0", time: "0.000" });
    expect(quotes).toMatchObject({ tests: "1", failures: "0", time: "2.000" });
    expect(quotes?.testcase?.[0]).toMatchObject({ name: "quote present", classname: "quotes", time: "0.040" });
  });

  it("gives a failed case a <failure message> with the details as its text", () => {
    const { testsuites } = parse(toJUnitXml(suites));
    const [failed, passed, skipped] = testsuites.testsuite[0]?.testcase ?? [];
    expect(failed?.classname).toBe("sample-budget");
    expect(failed?.failure).toMatchObject({ message: "chrF 41.20 < 50 (ref: ru.txt)", "#text": "score 41.20\nthreshold 50" });
    expect(passed?.failure).toBeUndefined();
    expect(passed?.skipped).toBeUndefined();
    expect(skipped?.skipped).toMatchObject({ message: "replay has no recording for summarize/en" });
  });

  it("keeps markup, quotes, line breaks and ]]> intact and drops characters XML 1.0 forbids", () => {
    const nasty = `<b>"A & B"</b> it's`;
    const xml = toJUnitXml([
      {
        name: nasty,
        cases: [
          {
            name: nasty,
            failure: { message: "first line\nsecond\tline\u0000\u001b", details: "before ]]> after\u0007 lone \ud800 😀" },
          },
        ],
      },
    ]);
    expect(xml).not.toMatch(/[\u0000\u0007\u001b]/);
    const { testsuites } = parse(xml);
    const suite = testsuites.testsuite[0];
    expect(suite?.name).toBe(nasty);
    const testCase = suite?.testcase?.[0];
    expect(testCase?.name).toBe(nasty);
    expect(testCase?.failure).toMatchObject({ message: "first line\nsecond\tline", "#text": "before ]]> after lone  😀" });
  });
});
