import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sampleNames } from "./support/pipeline.js";
import { ROOT, runCliInProcess, temporaryDirectory, writePipeline } from "./support/cli.js";
import { loadReferenceBook, referenceAnswerer } from "./support/reference-answerer.js";
import { startOllamaSimulator, type Simulator } from "./support/sim/index.js";

/** Issue 12, items 7 and 8: what `prevod run` prints while it runs, and an input with no article. */
const MODEL = "output:7b";
const SAMPLES = sampleNames().map((name) => join(ROOT, "samples", name, "article.txt"));
const temporary = temporaryDirectory("prevod-run-output-");
let simulator: Simulator;
beforeAll(async () => {
  const reference = referenceAnswerer(await loadReferenceBook(join(ROOT, "samples")));
  simulator = await startOllamaSimulator({
    // Summaries of the court ruling come back in prose, never JSON: that article ends partial.
    answer: reference,
    faults: (request) => (request.messages.some((message) => /summar/i.test(message.content)) && request.messages.some((message) => message.content.includes("съд")) ? { kind: "invalid-json", variant: "prose" } : undefined),
    models: [MODEL],
    parallel: 4,
  });
});
afterAll(async () => {
  await simulator?.close();
  temporary.cleanup();
});

describe("prevod run output", () => {
  it("prints each article's line on stdout as it finishes, not all at the end", async () => {
    const dir = join(temporary.dir, "lines");
    mkdirSync(dir, { recursive: true });
    const config = writePipeline(dir, { host: simulator.url, model: MODEL });
    const result = await runCliInProcess(["run", ...SAMPLES, "-c", config, "--progress", "json"]);
    expect([1, 0]).toContain(result.code);
    const events = result.sequence.map(([stream, text], position) => ({ stream, text, position }));
    const finished = events.filter((entry) => entry.stream === "stderr" && entry.text.includes('"type":"article-finished"'));
    const lines = events.filter((entry) => entry.stream === "stdout" && /^(ok|partial|failed)\t/.test(entry.text));
    expect(lines).toHaveLength(SAMPLES.length);
    expect(finished).toHaveLength(SAMPLES.length);
    // The first article's line is out before the last article has finished.
    expect(lines[0]!.position).toBeLessThan(finished[finished.length - 1]!.position);
  });

  it("prints a partial article's first reason on the terminal", async () => {
    const dir = join(temporary.dir, "reasons");
    mkdirSync(dir, { recursive: true });
    const config = writePipeline(dir, { host: simulator.url, model: MODEL });
    const result = await runCliInProcess(["run", ...SAMPLES, "-c", config, "--progress", "none"]);
    expect(result.code).toBe(1);
    const partial = result.stdout.split("\n").filter((line) => /^(partial|failed)\t/.test(line));
    expect(partial.length).toBeGreaterThan(0);
    for (const line of partial) {
      const id = line.split("\t")[1]!;
      expect(result.stderr).toMatch(new RegExp(`^prevod: ${id} (partial|failed): \\S.*$`, "m"));
    }
  });

  it("an input folder with no article is one warning and exit 1, and leaves the previous outputs alone", async () => {
    const dir = join(temporary.dir, "empty");
    mkdirSync(join(dir, "inputs"), { recursive: true });
    const config = writePipeline(dir, { host: simulator.url, model: MODEL });
    const first = await runCliInProcess(["run", SAMPLES[0]!, "-c", config, "--progress", "none"]);
    expect(first.code, first.stderr).toBeLessThanOrEqual(1);
    const before = readFileSync(join(dir, "out", "articles.jsonl"), "utf8");
    const bulletin = readFileSync(join(dir, "out", "bulletin.en.md"), "utf8");
    const empty = await runCliInProcess(["run", join(dir, "inputs"), "-c", config, "--progress", "none"]);
    expect(empty.code).toBe(1);
    expect(empty.stderr.trim().split("\n")).toEqual([`prevod: warning: no articles in ${join(dir, "inputs")}; nothing was run and ${join(dir, "out")} is unchanged`]);
    expect(empty.stdout).toBe("");
    expect(readFileSync(join(dir, "out", "articles.jsonl"), "utf8")).toBe(before);
    expect(readFileSync(join(dir, "out", "bulletin.en.md"), "utf8")).toBe(bulletin);
  });
});
