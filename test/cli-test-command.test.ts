import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, runCliInProcess, temporaryDirectory } from "./support/cli.js";
import { startOllamaSimulator, type Simulator } from "./support/sim/index.js";

/** Issue 12, item 4: `prevod test` without a mode, with a missing recordings folder, and on `samples/*`. */
const temporary = temporaryDirectory("prevod-test-command-");
let simulator: Simulator;
beforeAll(async () => {
  simulator = await startOllamaSimulator({ models: ["gemma3:12b", "prevod-reference"] });
});
afterAll(async () => {
  await simulator?.close();
  temporary.cleanup();
});
const env = () => ({ OLLAMA_HOST: simulator.url, PREVOD_MODEL: undefined });

describe("prevod test: its mode and its samples", () => {
  it("with neither --replay nor --live exits 2 and calls no model (it used to run live and exit 0)", async () => {
    const before = simulator.requests.length;
    const out = join(temporary.dir, "no-mode");
    const result = await runCliInProcess(["test", join(ROOT, "samples", "court-ruling"), "-c", join(ROOT, "pipeline.yaml"), "-o", out], { env: env() });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("prevod: choose one: --replay DIR (recorded answers, no model, as in CI) or --live (calls the configured model)\n");
    expect(simulator.requests.length).toBe(before);
    expect(existsSync(out)).toBe(false);
  });

  it("with --replay of a folder that does not exist is one error before anything runs", async () => {
    const out = join(temporary.dir, "no-recordings");
    const result = await runCliInProcess(["test", "--replay", "/nonexistent/recordings", "-c", join(ROOT, "pipeline.yaml"), "-o", out], { env: env() });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("prevod: --replay /nonexistent/recordings: no such folder\n");
    expect(result.stdout).toBe("");
    expect(existsSync(out)).toBe(false);
    const run = await runCliInProcess(["run", join(ROOT, "samples", "court-ruling", "article.txt"), "--replay", "/nonexistent/recordings", "-c", join(ROOT, "pipeline.yaml"), "-o", out], { env: env() });
    expect([run.code, run.stderr]).toEqual([2, "prevod: --replay /nonexistent/recordings: no such folder\n"]);
  });

  it("on samples/* skips README.md, baseline.json and recordings/ and runs the five samples", async () => {
    const everything = readdirSync(join(ROOT, "samples")).map((name) => join(ROOT, "samples", name));
    expect(everything).toContain(join(ROOT, "samples", "README.md"));
    const result = await runCliInProcess(
      ["test", ...everything, "--replay", join(ROOT, "samples", "recordings"), "--model", "ollama:prevod-reference", "-c", join(ROOT, "pipeline.yaml"), "-o", join(temporary.dir, "all")],
      { env: env() },
    );
    expect(result.stderr).toBe("prevod: not samples, skipped: README.md, baseline.json, recordings\n");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^5 sample\(s\), \d+ assertion\(s\): \d+ passed, 0 failed/m);
  });
});
