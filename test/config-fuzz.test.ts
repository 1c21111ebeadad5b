import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isPrevodError } from "../src/errors.js";
import { loadPlan } from "../src/graph/load-plan.js";
import { ROOT, runCli, runCliInProcess, temporaryDirectory } from "./support/cli.js";
import { configMutations, type ConfigMutation } from "./support/config-mutations.js";
import { createRandom } from "./support/sim/prng.js";
import { startOllamaSimulator, type Simulator } from "./support/sim/index.js";

/**
 * Issue 7, config fuzz: 260 seeded mutations of the default pipeline.yaml. Each one is either
 * valid, or rejected as CONFIG_INVALID with every problem located as file:line:col — never a
 * crash, a stack trace, a hang or a model call. All run in-process through loadPlan (what every
 * command uses); a seeded 20 of them also through the CLI, `prevod validate` and `prevod run`, in
 * this process, and 3 of those through the spawned binary.
 */
const CASES = 260;
const CLI_CASES = 20;
const SPAWNED_CASES = 3;
const SEED = 7;
const CASE_TIMEOUT_MS = 5000;
const MODEL = "fuzz:7b";

const mutations = configMutations(readFileSync(join(ROOT, "pipeline.yaml"), "utf8"), CASES, SEED);
let simulator: Simulator;
const temporary = temporaryDirectory("prevod-fuzz-");

beforeAll(async () => {
  simulator = await startOllamaSimulator({ models: [MODEL, "gemma3:12b"] });
});
afterAll(async () => {
  await simulator?.close();
  temporary.cleanup();
});

/** Writes one mutation as `<tmp>/<index>/pipeline.yaml` (its own folder: paths are relative to it). */
function writeCase(index: number, mutation: ConfigMutation): string {
  const dir = join(temporary.dir, String(index).padStart(3, "0"));
  mkdirSync(dir, { recursive: true });
  const file = join(dir, "pipeline.yaml");
  writeFileSync(file, mutation.content);
  return file;
}

/**
 * An issue line with its place: `  <file>:<line>:<col> …`. A file over the size limit is refused
 * before it is parsed, so that one problem has no line to point at and names only the file.
 */
const located = (file: string) => new RegExp(`^  (${escape(file)}:\\d+:\\d+ |the file is \\d+ bytes; at most \\d+ are read$)`);
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

describe("pipeline.yaml fuzz", () => {
  it("rejects step kinds named like Object.prototype members as unknown kinds, without crashing", async () => {
    const text = readFileSync(join(ROOT, "pipeline.yaml"), "utf8");
    for (const [index, kind] of ["__proto__", "constructor", "toString", "hasOwnProperty"].entries()) {
      const file = writeCase(900 + index, { kind: "unknown-kind", change: kind, content: text.replace("kind: transliterate", `kind: ${kind}`) });
      const error = await loadPlan(file, { environment: { OLLAMA_HOST: simulator.url } }).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(isPrevodError(error, "CONFIG_INVALID"), `kind ${kind}: ${error instanceof Error ? error.stack : String(error)}`).toBe(true);
      expect((error as Error).message).toContain(`unknown step kind '${kind}'`);
    }
  });

  it(`covers every kind of mistake in ${CASES} seeded cases`, () => {
    const kinds = new Set(mutations.map((mutation) => mutation.kind));
    expect([...kinds].sort()).toEqual(
      ["alias-bomb", "bad-reference", "binary-junk", "broken-variable", "broken-yaml", "cycle", "deleted-key", "duplicated-key", "huge-value", "long-string", "unknown-kind", "valid-edit", "whole-file", "wrong-indentation", "wrong-type"].sort(),
    );
  });

  it("loads each mutation as a valid plan or rejects it with every problem located, quickly", async () => {
    const environment = { OLLAMA_HOST: simulator.url, PREVOD_MODEL: MODEL };
    const outcomes = { valid: 0, invalid: 0 };
    let slowest = 0;
    for (const [index, mutation] of mutations.entries()) {
      const file = writeCase(index, mutation);
      const label = `case ${index} (${mutation.kind}: ${mutation.change.slice(0, 120)})`;
      const started = performance.now();
      let timer: NodeJS.Timeout | undefined;
      const outcome = await Promise.race([
        loadPlan(file, { environment }).then(
          () => ({ ok: true as const }),
          (error: unknown) => ({ ok: false as const, error }),
        ),
        new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${label}: no answer within ${CASE_TIMEOUT_MS} ms`)), CASE_TIMEOUT_MS))),
      ]).finally(() => clearTimeout(timer));
      slowest = Math.max(slowest, performance.now() - started);
      if (outcome.ok) {
        outcomes.valid++;
        continue;
      }
      outcomes.invalid++;
      const { error } = outcome;
      expect(isPrevodError(error, "CONFIG_INVALID"), `${label}: ${error instanceof Error ? error.stack : String(error)}`).toBe(true);
      const [headline, ...issues] = (error as Error).message.split("\n");
      expect(headline, label).toMatch(new RegExp(`^${escape(file)}: \\d+ errors?$`));
      expect(issues.length, label).toBeGreaterThan(0);
      for (const issue of issues) expect(issue, label).toMatch(located(file));
    }
    // Both outcomes occur: the fuzz is not all noise, and it does not only break the file.
    expect(outcomes.valid).toBeGreaterThan(10);
    expect(outcomes.invalid).toBeGreaterThan(CASES / 2);
    console.info(`config fuzz: ${CASES} cases in-process, ${outcomes.valid} valid, ${outcomes.invalid} rejected; slowest ${slowest.toFixed(0)} ms`);
  });

  /**
   * One case through the CLI: `validate` exits 0 or 2 with every problem located, and an invalid
   * file stops `run` before it talks to the server (every other case, for time).
   */
  async function cliCase(cli: (args: string[], options: { env?: Record<string, string | undefined> }) => Promise<{ code: number | null; stdout: string; stderr: string }>, index: number, withRun: boolean, counts: { valid: number; invalid: number; runs: number }): Promise<void> {
    const mutation = mutations[index]!;
    const file = writeCase(index, mutation);
    const label = `case ${index} (${mutation.kind}: ${mutation.change.slice(0, 120)})`;
    const env = { OLLAMA_HOST: simulator.url, PREVOD_MODEL: MODEL };
    const validate = await cli(["validate", "-c", file], { env });
    expect([0, 2], `${label}: validate exited ${validate.code}\n${validate.stderr}`).toContain(validate.code);
    expect(validate.stderr, label).not.toMatch(/unexpected error|\n\s+at /);
    if (validate.code === 0) {
      counts.valid++;
      return;
    }
    counts.invalid++;
    expect(validate.stderr, label).toMatch(new RegExp(`^prevod: ${escape(file)}: \\d+ errors?\\n`));
    for (const issue of validate.stderr.trimEnd().split("\n").slice(1)) expect(issue, label).toMatch(located(file));
    if (!withRun) return;
    counts.runs++;
    const before = simulator.requests.length;
    const article = join(ROOT, "samples", "court-ruling", "article.txt");
    const run = await cli(["run", article, "-c", file, "-o", join(temporary.dir, "run-out"), "--progress", "none"], { env });
    expect(run.code, `${label}: run exited ${run.code}\n${run.stderr}`).toBe(2);
    expect(run.stderr).toBe(validate.stderr);
    expect(simulator.requests.slice(before).map((request) => request.path)).toEqual([]);
  }

  /** The chosen cases: seeded, and invalid ones first among the spawned few so they test something. */
  const chosen = (() => {
    const random = createRandom(SEED, "cli-cases");
    return Array.from({ length: CLI_CASES }, () => Math.floor(random() * CASES));
  })();

  // Issue 12: 20 spawned `validate` and 10 spawned `run` took 94 s of the suite (a Node start and
  // LangChain load each). The same command lines run in-process through the CLI's runCommandLine;
  // a few still go through the real binary.
  it(`answers exit 0 or 2 with one located message and no model call through the CLI, in-process (${CLI_CASES} cases)`, async () => {
    const counts = { valid: 0, invalid: 0, runs: 0 };
    for (const [position, index] of chosen.entries()) await cliCase(runCliInProcess, index, position % 2 === 0, counts);
    expect(counts.invalid).toBeGreaterThan(CLI_CASES / 2);
    expect(counts.runs).toBeGreaterThan(0);
    console.info(`config fuzz through the CLI in-process: ${CLI_CASES} validate (${counts.valid} valid, ${counts.invalid} rejected), ${counts.runs} run`);
  }, 120_000);

  it(`answers the same through the spawned binary (${SPAWNED_CASES} cases)`, async () => {
    const counts = { valid: 0, invalid: 0, runs: 0 };
    const spawned = async (args: string[], options: { env?: Record<string, string | undefined> } = {}) => {
      const result = await runCli(args, { ...options, timeoutMs: 20_000 });
      expect(result.signal, `${args.join(" ")} hung`).toBeNull();
      return result;
    };
    const invalid = chosen.filter((index) => !mutations[index]!.kind.startsWith("valid"));
    for (const index of invalid.slice(0, SPAWNED_CASES)) await cliCase(spawned, index, true, counts);
    expect(counts.runs).toBeGreaterThan(0);
  }, 120_000);
});
