import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import check from "./check.js";

const folder = mkdtempSync(join(tmpdir(), "prevod-check-"));
let counter = 0;

async function run(lines: unknown[]): Promise<{ code: number; output: Array<Record<string, unknown>> }> {
  const file = join(folder, `input-${(counter += 1)}.jsonl`);
  writeFileSync(file, lines.map((line) => (typeof line === "string" ? line : JSON.stringify(line))).join("\n"));
  const written: string[] = [];
  vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  const code = await check(file, { jsonl: true });
  return { code, output: written.join("").trim().split("\n").filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>) };
}

afterEach(() => vi.restoreAllMocks());

// Sentences written for these tests.
const SOURCE = "Общината ще похарчи 5 млн. лв. за ремонт на 60 училища.";

describe("prevod check --jsonl", () => {
  it("passes good translations and exits 0", async () => {
    const { code, output } = await run([
      { id: "a", target: "en", text: "The municipality will spend 5 million leva on repairing 60 schools.", source: SOURCE },
      { id: "b", target: "ru", text: "Муниципалитет потратит 5 млн левов на ремонт 60 школ." },
    ]);
    expect(output).toEqual([
      { id: "a", verdict: "pass", reasons: [] },
      { id: "b", verdict: "pass", reasons: [] },
    ]);
    expect(code).toBe(0);
  });

  it("fails a dropped number and a copied source with their reasons, and exits 1", async () => {
    const { code, output } = await run([
      { id: "a", target: "en", text: "The municipality will spend 5 million leva on repairing 16 schools.", source: SOURCE },
      { id: "b", target: "sr-Cyrl", text: SOURCE, source: SOURCE },
    ]);
    expect(output[0]).toEqual({ id: "a", verdict: "fail", reasons: ["the number 60 from the source is missing; found 16"] });
    expect(output[1]?.verdict).toBe("fail");
    expect(output[1]?.reasons).toContain("the translation is the Bulgarian source unchanged; translate it into Serbian (Cyrillic script)");
    expect(code).toBe(1);
  });

  it("runs only the language gate without a source", async () => {
    const { output } = await run([{ id: 7, target: "ru", text: "Общината ще похарчи 5 млн. лв. за ремонт на 60 училища." }]);
    expect(output[0]?.id).toBe(7);
    expect(output[0]?.verdict).toBe("fail");
    expect((output[0]?.reasons as string[]).every((reason) => !reason.includes("number"))).toBe(true);
  });

  // Issue 12, item 8: the first bad line stopped the whole check.
  it("reports a bad line with the file and line, and goes on with the rest (exit 1)", async () => {
    const file = join(folder, "bad-target.jsonl");
    writeFileSync(file, `${JSON.stringify({ id: "a", target: "en", text: "Hello." })}\n\n${JSON.stringify({ id: "b", target: "srb", text: "Здраво." })}\n{not json\n${JSON.stringify({ id: "c", target: "ru", text: "Привет." })}\n`);
    const written: string[] = [];
    const errors: string[] = [];
    vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
      errors.push(String(chunk));
      return true;
    });
    const code = await check(file, { jsonl: true });
    expect(errors.join("").trim().split("\n")).toEqual([
      `prevod: ${file}:3: "target": expected one of en, ru, sr-Cyrl, sr-Latn, got "srb"; skipped`,
      `prevod: ${file}:4: not valid JSON; skipped`,
    ]);
    expect(written.join("").trim().split("\n").map((line) => (JSON.parse(line) as { id: string }).id)).toEqual(["a", "c"]);
    expect(code).toBe(1);
  });

  it("asks for --jsonl", async () => {
    await expect(check(undefined, {})).rejects.toThrow("add --jsonl");
  });
});
