import { writeFileSync } from "node:fs";
import { join } from "node:path";
import iconv from "iconv-lite";
import { afterAll, describe, expect, it } from "vitest";
import { runCliInProcess, temporaryDirectory } from "./support/cli.js";

/**
 * Issue 12, item 6: `segment`, `langid`, `transliterate` and `check` printed mojibake for a
 * windows-1251 file while `run` decoded it. Each command's output for the cp1251 file equals its
 * output for the same text in UTF-8.
 */
const temporary = temporaryDirectory("prevod-encoding-");
afterAll(() => temporary.cleanup());

const bulgarian = "Правителството прие бюджета за 2025 г. Министърът на финансите каза, че дефицитът ще бъде под 3%.\n";
const serbian = "Влада је усвојила буџет. Министар финансија је рекао да ће дефицит бити испод три одсто.\n";
// Russian letters in a "Serbian Cyrillic" answer: the gate must see them to fail the line.
const checkLine = `${JSON.stringify({ id: "a1", target: "sr-Cyrl", text: "Влада је усвојила бюджет за 2025. годину, объявил министр.", source: "Правителството прие бюджета за 2025 г." })}\n`;

function pair(name: string, text: string): { utf8: string; cp1251: string } {
  const utf8 = join(temporary.dir, `${name}.utf8`);
  const cp1251 = join(temporary.dir, `${name}.cp1251`);
  writeFileSync(utf8, text);
  writeFileSync(cp1251, iconv.encode(text, "windows-1251"));
  return { utf8, cp1251 };
}

describe("windows-1251 input to the tool commands", () => {
  it.each([
    ["segment", bulgarian, (file: string) => ["segment", file]],
    ["segment --jsonl", `${JSON.stringify({ id: "x", text: bulgarian })}\n`, (file: string) => ["segment", "--jsonl", file]],
    ["langid", bulgarian, (file: string) => ["langid", file]],
    ["langid --jsonl", `${JSON.stringify({ id: "x", text: serbian })}\n`, (file: string) => ["langid", "--jsonl", file]],
    ["transliterate", serbian, (file: string) => ["transliterate", file]],
    ["check --jsonl", checkLine, (file: string) => ["check", "--jsonl", file]],
  ])("%s decodes a cp1251 file as run does, not as mojibake", async (name, text, args) => {
    const files = pair(name.replace(/\W+/g, "-"), text);
    const expected = await runCliInProcess(args(files.utf8));
    const actual = await runCliInProcess(args(files.cp1251));
    expect(expected.code).toBe(name === "check --jsonl" ? 1 : 0);
    expect(actual.stdout).toBe(expected.stdout);
    expect(actual.code).toBe(expected.code);
    expect(actual.stdout).not.toMatch(/[ÐÑ�]/);
  });
});
