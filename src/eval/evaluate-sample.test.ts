import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { XMLParser } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { articleResultSchema } from "../outputs/article-schema.js";
import { evaluateSample, loadSampleFiles } from "./evaluate-sample.js";
import { parseExpectations, type Expectations } from "./expectations.js";
import { toJUnitXml } from "./junit.js";
import { loadReference, type SampleReference } from "./reference.js";
import { toJUnitSuites } from "./report.js";

// The fixture article stands for a pipeline result; its texts are reference answers written by us.
const sampleDir = fileURLToPath(new URL("../../test/fixtures/golden/", import.meta.url));
const article = articleResultSchema.parse(JSON.parse(readFileSync(`${sampleDir}article.json`, "utf8")));
let expectations: Expectations;
let reference: SampleReference | undefined;

beforeAll(async () => {
  ({ expectations, reference } = await loadSampleFiles(sampleDir));
});

describe("evaluateSample", () => {
  it("passes every assertion of the fixture's expect.yaml, status first, ids unique", () => {
    const outcomes = evaluateSample({ article, expectations, reference, sampleDir });
    expect(outcomes[0]).toEqual({ id: "status", step: "article", target: "all", handler: "status", pass: true, reason: "status ok" });
    expect(outcomes).toHaveLength(expectations.assertions.length + 1);
    expect(outcomes.filter((outcome) => !outcome.pass)).toEqual([]);
    expect(new Set(outcomes.map((outcome) => outcome.id)).size).toBe(outcomes.length);
  });

  it("fails chrF against a deliberately wrong reference, readably, and CI sees a JUnit <failure>", async () => {
    const wrong = await loadReference(`${sampleDir}wrong-reference.yaml`);
    const outcomes = evaluateSample({ article, expectations, reference: wrong, sampleDir });
    const failed = outcomes.filter((outcome) => !outcome.pass);
    expect(failed.map((outcome) => outcome.id)).toEqual(["translate/en/chrf#0", "translate/en/chrf++#0", "summarize/en/chrf#0"]);
    expect(failed[0]!.reason).toBe("chrF 16.40 < min 60 against wrong-reference.yaml (en, 8 sentences)");
    expect(failed[2]!.reason).toBe("chrF: wrong-reference.yaml has no en summary");
    // A ref: file is independent of reference.yaml and still passes.
    expect(outcomes.find((outcome) => outcome.id === "translate/en/chrf#1")?.pass).toBe(true);

    const xml = toJUnitXml(toJUnitSuites([{ sample: "plovdiv-old-bridge", outcomes }]));
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(xml);
    const suite = parsed.testsuites.testsuite;
    expect(suite).toMatchObject({ name: "plovdiv-old-bridge", tests: String(outcomes.length), failures: "3" });
    const chrfCase = suite.testcase.find((testCase: { name: string }) => testCase.name === "translate/en/chrf#0");
    expect(chrfCase.failure.message).toBe("chrF 16.40 < min 60 against wrong-reference.yaml (en, 8 sentences)");
    expect(chrfCase.failure["#text"]).toContain("score: 16.40");
    expect(suite.testcase.find((testCase: { name: string }) => testCase.name === "status").failure).toBeUndefined();
  });

  it("reports an unexpected status with the article's errors", () => {
    const partial = { ...article, status: "partial" as const, errors: [{ step: "summarize", target: "ru" as const, code: "GATE_FAILED", message: "headline has 15 words, at most 12" }] };
    const [status] = evaluateSample({ article: partial, expectations, reference, sampleDir });
    expect(status).toMatchObject({ pass: false, reason: "expected status ok, found partial; errors: summarize/ru GATE_FAILED: headline has 15 words, at most 12" });
    const expectingPartial = parseExpectations("status: partial\n", "expect.yaml");
    expect(evaluateSample({ article: partial, expectations: expectingPartial, sampleDir })[0]!.pass).toBe(true);
  });

  it("turns an assertion that cannot be evaluated into a failure and goes on with the rest", () => {
    const text = ["steps:", "  translate:", "    en:", "      - chrf: { min: 50, ref: missing.txt }", "      - contains: Plovdiv"].join("\n");
    const outcomes = evaluateSample({ article, expectations: parseExpectations(text, "expect.yaml"), sampleDir });
    expect(outcomes[1]).toMatchObject({ id: "translate/en/chrf#0", pass: false });
    expect(outcomes[1]!.reason).toMatch(/^could not evaluate: cannot read reference file .*missing\.txt: ENOENT$/);
    expect(outcomes[2]).toMatchObject({ id: "translate/en/contains#0", pass: true });
  });
});
