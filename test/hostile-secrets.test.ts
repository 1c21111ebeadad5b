import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, runCli, temporaryDirectory, type CliResult } from "./support/cli.js";
import { loadReferenceBook, referenceAnswerer } from "./support/reference-answerer.js";
import { startOpenAISimulator, type Simulator } from "./support/sim/index.js";

/**
 * Issue 13, "nothing leaked": a key planted in every place a key can enter — endpoint URL
 * userinfo, a ?api-key= query, the key variable's value, a server error body echoing the
 * Authorization header, a key pasted where a variable name belongs — never appears in any file
 * prevod writes (outputs, bulletins, run.json, recordings, cache) or on stdout and stderr.
 */
const KEY = "S3CRET-ENV-VALUE-4711"; // not sk- shaped: only the registry of key variables catches it
const PASSWORD = "S3CRET-USERINFO-PW";
const QUERY_KEY = "S3CRET-QUERY-KEY";
const HEADER_KEY = "S3CRET-HEADER-KEY";
const PASTED = "sk-S3CRETPASTED123";
const MARK = /S3CRET/;

let simulator: Simulator;
const temporary = temporaryDirectory("prevod-secrets-");

beforeAll(async () => {
  const reference = referenceAnswerer(await loadReferenceBook(join(ROOT, "samples")));
  simulator = await startOpenAISimulator({
    models: ["gpt-sim"],
    parallel: 4,
    answer: reference,
    // Summaries fail with a body that echoes the request's credentials, as some gateways do.
    faults: (request) =>
      "headline" in ((request.schema?.properties ?? {}) as object)
        ? { kind: "http", status: 400, message: `bad request; you sent Authorization: Bearer ${KEY}, x-api-key: ${HEADER_KEY}, url ${simulator.url}/v1?api-key=${QUERY_KEY}` }
        : undefined,
  });
});
afterAll(async () => {
  await simulator?.close();
  temporary.cleanup();
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: false })
    .map((name) => join(dir, String(name)))
    .filter((path) => statSync(path).isFile());
}

function leaks(dir: string, streams: CliResult[]): string[] {
  const found: string[] = [];
  for (const file of filesUnder(dir)) {
    if (file.endsWith("pipeline.yaml")) continue; // the user's own file
    if (MARK.test(file) || MARK.test(readFileSync(file, "utf8"))) found.push(file);
  }
  streams.forEach((result, index) => {
    if (MARK.test(result.stdout)) found.push(`stdout of command ${index + 1}`);
    if (MARK.test(result.stderr)) found.push(`stderr of command ${index + 1}: ${result.stderr.split("\n").find((line) => MARK.test(line))}`);
  });
  return found;
}

function pipeline(dir: string, baseUrl: string, keyEnv = "PREVOD_HOSTILE_KEY"): string {
  const file = join(dir, "pipeline.yaml");
  writeFileSync(
    file,
    `version: 1
targets: [en]
models:
  cloud: { kind: openai, base_url: "${baseUrl}", model: gpt-sim, api_key_env: ${keyEnv}, parallel: 4 }
defaults: { model: cloud, seed: 42, retries: 0, repairs: 0, timeout: 20s }
steps:
  segment: { kind: segment }
  translate: { kind: translate, needs: [segment] }
  summarize: { kind: summarize, needs: [segment] }
outputs: { dir: out }
`,
  );
  return file;
}

describe("no credential reaches a file or a stream (issue 13)", () => {
  it("a key planted in URL userinfo, a ?api-key= query, the key variable and an echoed Authorization header is in no output, bulletin, run.json, recording, cache, stdout or stderr", async () => {
    const env = { PREVOD_HOSTILE_KEY: KEY };
    const port = new URL(simulator.url).port;
    const results: CliResult[] = [];
    const articles = ["court-ruling", "varna-buses"].map((name) => join(ROOT, "samples", name, "article.txt"));

    // 1. The key variable, against a server that echoes it (and more) in error bodies.
    const echoDir = join(temporary.dir, "echo");
    mkdirSync(echoDir, { recursive: true });
    const echoConfig = pipeline(echoDir, `http://127.0.0.1:${port}/v1`);
    results.push(await runCli(["run", ...articles, "-c", echoConfig, "--record", join(echoDir, "rec"), "--progress", "json"], { env, cwd: echoDir }));
    const manifest = JSON.parse(readFileSync(join(echoDir, "out", "run.json"), "utf8"));
    // The run did reach the server and record the echoing failures (so there was something to leak).
    expect(manifest.usage.calls).toBeGreaterThan(0);
    expect(JSON.stringify(manifest.failed)).toMatch(/Authorization: (Bearer )?\*\*\*/);
    expect(filesUnder(join(echoDir, "rec")).length).toBeGreaterThan(0);
    expect(filesUnder(join(echoDir, "out")).some((file) => file.endsWith("bulletin.en.html"))).toBe(true);
    expect(filesUnder(join(echoDir, "out")).some((file) => file.includes(".cache"))).toBe(true);

    // 2. A key in the endpoint URL's query (Azure-style gateways).
    const queryDir = join(temporary.dir, "query");
    mkdirSync(queryDir, { recursive: true });
    const queryConfig = pipeline(queryDir, `http://127.0.0.1:${port}/v1?api-key=${QUERY_KEY}`);
    results.push(await runCli(["validate", "-c", queryConfig], { env, cwd: queryDir }));
    results.push(await runCli(["run", ...articles, "-c", queryConfig, "--record", join(queryDir, "rec"), "--progress", "json"], { env, cwd: queryDir }));
    expect(readFileSync(join(queryDir, "out", "run.json"), "utf8")).toContain("api-key=***");

    // 2. A password in the endpoint URL's userinfo.
    const userinfoDir = join(temporary.dir, "userinfo");
    mkdirSync(userinfoDir, { recursive: true });
    const userinfoConfig = pipeline(userinfoDir, `http://user:${PASSWORD}@127.0.0.1:${port}/v1`);
    results.push(await runCli(["validate", "-c", userinfoConfig], { env, cwd: userinfoDir }));
    results.push(await runCli(["run", ...articles, "-c", userinfoConfig, "--record", join(userinfoDir, "rec"), "--progress", "json"], { env, cwd: userinfoDir }));
    results.push(await runCli(["status", ...articles, "-c", userinfoConfig], { env, cwd: userinfoDir }));

    // 3. A key pasted where the variable name belongs: rejected, and not echoed.
    const pastedDir = join(temporary.dir, "pasted");
    mkdirSync(pastedDir, { recursive: true });
    const pastedConfig = pipeline(pastedDir, `http://127.0.0.1:${port}/v1`, PASTED);
    const pasted = await runCli(["validate", "-c", pastedConfig], { env, cwd: pastedDir });
    expect(pasted.code).toBe(2);
    expect(pasted.stderr).toMatch(/api_key_env/);
    results.push(pasted);

    expect(leaks(temporary.dir, results)).toEqual([]);
  }, 120_000);
});
