import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { PrevodError } from "../errors.js";
import bulletin, { parseLanguages } from "./bulletin.js";
import { exitCodeFor } from "./exit-codes.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const FIXTURE = join(ROOT, "test/fixtures/bulletin");
const temporary = mkdtempSync(join(tmpdir(), "prevod-bulletin-cli-"));
afterAll(() => rmSync(temporary, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

function captureStdout(): string[] {
  const written: string[] = [];
  vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  vi.spyOn(process.stderr, "write").mockImplementation(() => true);
  return written;
}

describe("prevod bulletin", () => {
  it("renders the asked languages and format and prints the files it wrote", async () => {
    const out = join(temporary, "run");
    cpSync(FIXTURE, out, { recursive: true });
    const written = captureStdout();
    expect(await bulletin(out, { lang: "en, SR-latn", format: "md" })).toBe(0);
    expect(written.join("")).toBe(`${join(out, "bulletin.en.md")}\n${join(out, "bulletin.sr-Latn.md")}\n`);
    expect(readdirSync(out).filter((name) => name.startsWith("bulletin.")).sort()).toEqual(["bulletin.en.md", "bulletin.sr-Latn.md"]);
  });

  it("rejects an unknown language with the list of known ones, as a usage error", async () => {
    expect(() => parseLanguages("en,srb")).toThrow("--lang: expected one of en, ru, sr-Cyrl, sr-Latn, got 'srb'");
    const error = await bulletin(FIXTURE, { lang: ",", format: "both" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PrevodError);
    expect(exitCodeFor(error as PrevodError)).toBe(2);
  });

  it("exits 2 with one clear line when OUT_DIR is missing or holds no results", () => {
    const run = (folder: string) =>
      spawnSync(process.execPath, ["--import", "tsx", join(ROOT, "src/cli/main.ts"), "bulletin", folder], { cwd: ROOT, encoding: "utf8", timeout: 30_000 });
    const missing = run(join(temporary, "nothing-here"));
    expect(missing.status).toBe(2);
    expect(missing.stderr.trim().split("\n")).toEqual([`prevod: ${join(temporary, "nothing-here")}: expected the output folder of a run (prevod run -o ${join(temporary, "nothing-here")}), found nothing`]);
    const empty = run(temporary);
    expect(empty.status).toBe(2);
    expect(empty.stderr).toContain("no results to render: expected articles.jsonl or articles/<id>.json written by prevod run");
  });
});
