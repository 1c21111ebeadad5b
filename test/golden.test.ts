import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { XMLParser } from "fast-xml-parser";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT, runCli, temporaryDirectory } from "./support/cli.js";

/**
 * Issue 6, "must show": `prevod test` passes on samples/ in replay mode; a sample with a
 * deliberately wrong reference fails with a readable reason and a JUnit <failure>; a missing or
 * stale recording fails clearly.
 */
const temporary = temporaryDirectory();
// Outputs into a temporary folder: npm test never writes into the repository's out/ (issue 12).
const REPLAY = ["--replay", join(ROOT, "samples", "recordings"), "--model", "ollama:prevod-reference", "-o", join(temporary.dir, "outputs")];
afterAll(() => temporary.cleanup());

describe("prevod test (golden samples, replayed)", () => {
  it("passes every sample and writes JUnit with no failure", async () => {
    const junit = join(temporary.dir, "all.xml");
    const result = await runCli(["test", ...REPLAY, "--junit", junit, "-c", join(ROOT, "pipeline.yaml")], { cwd: ROOT, env: { PREVOD_MODEL: undefined } });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/5 sample\(s\), \d+ assertion\(s\): (\d+) passed, 0 failed/);
    expect(result.stdout).toContain("Changes since baseline: none.");
    const xml = new XMLParser({ ignoreAttributes: false }).parse(readFileSync(junit, "utf8"));
    expect(Number(xml.testsuites["@_failures"])).toBe(0);
    expect(Number(xml.testsuites["@_tests"])).toBeGreaterThan(50);
  });

  it("fails a sample whose reference is wrong, with the reason in the table and in JUnit", async () => {
    const sample = join(temporary.dir, "samples", "varna-buses");
    mkdirSync(sample, { recursive: true });
    cpSync(join(ROOT, "samples", "varna-buses"), sample, { recursive: true });
    // Swap the English references around: every sentence now has another sentence's translation.
    const reference = readFileSync(join(sample, "reference.yaml"), "utf8");
    const english = [...reference.matchAll(/^    en: (.*)$/gm)].map((match) => match[1]!);
    let next = 0;
    writeFileSync(join(sample, "reference.yaml"), reference.replace(/^    en: .*$/gm, () => `    en: ${english[(next++ + 3) % english.length]}`));
    const junit = join(temporary.dir, "wrong.xml");
    const result = await runCli(["test", sample, ...REPLAY, "--junit", junit, "-c", join(ROOT, "pipeline.yaml"), "--baseline", join(temporary.dir, "none.json")], { cwd: ROOT });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/translate\s+en\s+chrf#0\s+[\d.]+\s+FAIL\s+chrF [\d.]+ < min 55 against reference\.yaml \(en, 22 sentences\)/);
    const xml = new XMLParser({ ignoreAttributes: false }).parse(readFileSync(junit, "utf8"));
    const cases = [xml.testsuites.testsuite.testcase].flat() as Array<{ "@_name": string; failure?: { "@_message": string } }>;
    const failed = cases.find((testCase) => testCase["@_name"] === "translate/en/chrf#0")!;
    expect(failed.failure?.["@_message"]).toMatch(/^chrF [\d.]+ < min 55 against reference\.yaml/);
  });

  it("fails clearly when a recording is stale because a prompt changed", async () => {
    const dir = join(temporary.dir, "stale");
    mkdirSync(join(dir, "prompts"), { recursive: true });
    const prompt = readFileSync(join(ROOT, "prompts", "summarize.md"), "utf8").replace("short, factual summaries", "short, factual and neutral summaries");
    writeFileSync(join(dir, "prompts", "summarize.md"), prompt);
    const pipeline = readFileSync(join(ROOT, "pipeline.yaml"), "utf8").replace("    kind: summarize\n", "    kind: summarize\n    prompt: prompts/summarize.md\n");
    writeFileSync(join(dir, "pipeline.yaml"), pipeline);
    const result = await runCli(["test", join(ROOT, "samples", "court-ruling"), ...REPLAY, "-c", join(dir, "pipeline.yaml"), "--baseline", join(temporary.dir, "none.json")], { cwd: ROOT });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/court-ruling: ERROR replay: .*no recorded answer for article court-ruling, step summarize, target en.*\(stale\)/);
    expect(result.stdout).toContain("1 sample(s) could not be evaluated: court-ruling");
  });
});
