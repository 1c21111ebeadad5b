import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli, temporaryDirectory } from "./support/cli.js";

/**
 * Issue 2, "must show": a bad pipeline.yaml exits 2 with each error located as file:line:col,
 * and never prints a stack trace.
 */
const temporary = temporaryDirectory();
afterAll(() => temporary.cleanup());

const base = (steps: string, extra = "") => `version: 1
models:
  local: { kind: ollama, model: "m:1b" }
${extra}steps:
${steps}`;

const cases: Array<{ name: string; yaml: string; expect: RegExp[] }> = [
  {
    name: "an unknown key, with a suggestion",
    yaml: base("  segment: { kind: segment }\n  translate: { kind: translate, needs: [segment], tragets: [en] }\n"),
    expect: [/pipeline\.yaml:6:51 steps\.translate\.tragets: unknown key 'tragets' \(did you mean 'targets'\?\)/],
  },
  {
    name: "a wrong type",
    yaml: base("  segment: { kind: segment }\n", "defaults:\n  retries: many\n"),
    expect: [/pipeline\.yaml:5:12 defaults\.retries: expected a number, found 'many'/],
  },
  {
    name: "a cycle",
    yaml: base("  a: { kind: segment, needs: [b] }\n  b: { kind: translate, needs: [a] }\n"),
    expect: [/pipeline\.yaml:\d+:\d+ steps\.a\.needs\[0\]: cycle: a → b → a/],
  },
  {
    name: "an unknown step in needs",
    yaml: base("  segment: { kind: segment }\n  translate: { kind: translate, needs: [segmnet] }\n"),
    expect: [/pipeline\.yaml:6:41 steps\.translate\.needs\[0\]: unknown step 'segmnet' \(did you mean 'segment'\?\)/],
  },
  {
    name: "a missing prompt file",
    yaml: base("  segment: { kind: segment }\n  translate: { kind: translate, needs: [segment], prompt: prompts/nope.md }\n"),
    expect: [/pipeline\.yaml:6:59 steps\.translate\.prompt: prompt file not found: prompts\/nope\.md/],
  },
  {
    name: "a YAML syntax error",
    yaml: "version: 1\nmodels:\n  local: { kind: ollama, model: m\nsteps: {}\n",
    expect: [/pipeline\.yaml:\d+:\d+ YAML syntax: /],
  },
  {
    name: "several errors at once",
    yaml: base("  segment: { kind: segmnt }\n  translate: { kind: translate, needs: [nothing], targets: [en, srb] }\n"),
    expect: [/3 errors/, /steps\.segment\.kind: unknown step kind 'segmnt'/, /steps\.translate\.targets\[1\]: expected one of/, /steps\.translate\.needs\[0\]: unknown step 'nothing'/],
  },
  {
    name: "an API key written into the file",
    yaml: `version: 1\nmodels:\n  cloud: { kind: openai, model: gpt-4o-mini, api_key: sk-secret-123 }\nsteps:\n  segment: { kind: segment }\n`,
    expect: [/pipeline\.yaml:3:46 models\.cloud\.api_key: 'api_key' is not allowed/],
  },
];

describe("prevod validate on a bad pipeline.yaml", () => {
  it.each(cases)("reports $name with its position, exit 2, no stack", async ({ yaml, expect: patterns }) => {
    const file = join(temporary.dir, "pipeline.yaml");
    writeFileSync(file, yaml);
    const result = await runCli(["validate", "-c", "pipeline.yaml"], { cwd: temporary.dir });
    expect(result.code).toBe(2);
    for (const pattern of patterns) expect(result.stderr).toMatch(pattern);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stderr).not.toContain("sk-secret-123");
    expect(result.stdout).toBe("");
  });

  it("prints the plan and exits 0 for the default pipeline", async () => {
    const result = await runCli(["validate"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/translate\s+translate\s+× 3 \(en, ru, sr-Cyrl\)/);
    expect(result.stdout).toMatch(/transliterate\s+transliterate\s+× 1 \(sr-Latn\)/);
    expect(result.stdout).toContain("model local: ollama");
  });
});
