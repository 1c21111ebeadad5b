import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it, vi } from "vitest";
import { isPrevodError } from "../errors.js";
import { splitSegments } from "../eval/segment-lines.js";
import evalCommand, { type EvalOptions } from "./eval.js";

const folder = mkdtempSync(join(tmpdir(), "prevod-eval-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}

async function run(options: EvalOptions): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const out = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => ((stderr += String(chunk)), true));
  try {
    const code = await evalCommand(options);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

describe("splitSegments", () => {
  it("takes one segment per line, without the final line break", () => {
    expect(splitSegments("one\ntwo\n")).toEqual(["one", "two"]);
    expect(splitSegments("one\r\ntwo")).toEqual(["one", "two"]);
    expect(splitSegments("one\n\nthree\n")).toEqual(["one", "", "three"]);
    expect(splitSegments(" padded \n")).toEqual([" padded "]);
    expect(splitSegments("\uFEFFone\n")).toEqual(["one"]);
    expect(splitSegments("")).toEqual([]);
  });
});

describe("prevod eval", () => {
  const hypothesis = file("hyp.txt", "Министърът обяви новия бюджет в сряда.\r\nThe minister announced the new budget on Wednesday.\r\n");
  const referenceA = file("ref-a.txt", "В сряда министърът представи новия бюджет.\nOn Wednesday, the minister presented the new budget.\n");
  const referenceB = file("ref-b.txt", "В сряда министърът представи новия бюджет.\nThe minister announced a new budget on Wednesday.\n");

  it("prints the corpus score and the signature (values from sacreBLEU 2.6.0 on these lines)", async () => {
    const result = await run({ hyp: hypothesis, ref: [referenceA, referenceB], metric: "chrf" });
    expect(result.code).toBe(0);
    const [scoreLine, signature] = result.stdout.trimEnd().split("\n");
    expect(scoreLine).toBe("chrF2 = 75.24");
    expect(signature).toMatch(/^chrF2\|nrefs:2\|case:mixed\|eff:yes\|nc:6\|nw:0\|space:no\|version:prevod-/);
    const plus = await run({ hyp: hypothesis, ref: [referenceA, referenceB], metric: "chrf++" });
    expect(plus.stdout).toMatch(/^chrF2\+\+ = 72\.06\nchrF2\+\+\|nrefs:2\|.*\|nw:2\|/);
  });

  it("prints one line number and score per segment with --sentence", async () => {
    const result = await run({ hyp: hypothesis, ref: [referenceA], metric: "chrf", sentence: true });
    expect(result.stdout).toBe("1\t57.70\n2\t63.00\n");
    expect(result.stderr).toMatch(/^chrF2\|nrefs:1\|/);
  });

  it("refuses files whose line counts differ, naming both files and counts", async () => {
    const short = file("short.txt", "only one line\n");
    const error = await run({ hyp: short, ref: [referenceA], metric: "chrf" }).catch((caught: unknown) => caught);
    expect(isPrevodError(error, "INPUT_INVALID")).toBe(true);
    expect((error as Error).message).toBe(`line counts differ: ${short} has 1 lines, ${referenceA} has 2`);
  });

  it("refuses an empty hypothesis file and reading stdin twice", async () => {
    const empty = file("empty.txt", "");
    await expect(run({ hyp: empty, ref: [referenceA], metric: "chrf" })).rejects.toThrow(/empty\.txt: expected one segment per line, found no lines/);
    await expect(run({ hyp: "-", ref: ["-"], metric: "chrf" })).rejects.toThrow(/stdin \(-\) can be read only once/);
  });
});

const ntrex = (code: string) => fileURLToPath(new URL(`../../../shared/data/ntrex/ntrex.dev.${code}.txt`, import.meta.url));
const ntrexPresent = existsSync(ntrex("rus")) && existsSync(ntrex("bul"));
if (!ntrexPresent) console.warn("skipped: ../shared/data/ntrex absent (NTREX dev files)");

describe.skipIf(!ntrexPresent)("prevod eval on NTREX dev", () => {
  it("gives 100 for a file against itself", async () => {
    const result = await run({ hyp: ntrex("rus"), ref: [ntrex("rus")], metric: "chrf" });
    expect(result.stdout.split("\n")[0]).toBe("chrF2 = 100.00");
  });

  it("scores Russian against Bulgarian as sacreBLEU does (28.51, chrF++ 24.25)", async () => {
    const chrf = await run({ hyp: ntrex("rus"), ref: [ntrex("bul")], metric: "chrf" });
    expect(chrf.stdout.split("\n")[0]).toBe("chrF2 = 28.51");
    const plus = await run({ hyp: ntrex("rus"), ref: [ntrex("bul")], metric: "chrf++" });
    expect(plus.stdout.split("\n")[0]).toBe("chrF2++ = 24.25");
  });
});
