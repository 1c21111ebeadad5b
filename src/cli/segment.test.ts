import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { isPrevodError } from "../errors.js";
import segment from "./segment.js";

const folder = mkdtempSync(path.join(tmpdir(), "prevod-segment-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function file(name: string, content: string): string {
  const target = path.join(folder, name);
  writeFileSync(target, content);
  return target;
}

describe("prevod segment --jsonl IN OUT", () => {
  it("writes one line per record with sentences, offsets and boundaries", async () => {
    const input = file(
      "in.jsonl",
      [
        JSON.stringify({ id: "a", text: "Мостът ще е готов през 2027 г. Ще струва 300 млн. евро." }),
        "",
        JSON.stringify({ id: 7, text: "„Докога?“, питат хората." }),
      ].join("\n"),
    );
    const output = path.join(folder, "out.jsonl");
    expect(await segment(input, output, { jsonl: true })).toBe(0);
    const lines = readFileSync(output, "utf8").trim().split("\n").map((line) => JSON.parse(line));
    expect(lines).toEqual([
      {
        id: "a",
        sentences: [
          { text: "Мостът ще е готов през 2027 г.", start: 0, end: 30 },
          { text: "Ще струва 300 млн. евро.", start: 31, end: 55 },
        ],
        boundaries: [30, 55],
      },
      { id: 7, sentences: [{ text: "„Докога?“, питат хората.", start: 0, end: 24 }], boundaries: [24] },
    ]);
  });

  it("stops at a bad record with its line number and leaves no output file", async () => {
    const input = file("bad.jsonl", `${JSON.stringify({ id: "a", text: "Добре." })}\n{"id": "b", "text": 5}\n`);
    const output = path.join(folder, "bad-out.jsonl");
    let caught: unknown;
    try {
      await segment(input, output, { jsonl: true });
    } catch (error) {
      caught = error;
    }
    expect(isPrevodError(caught, "INPUT_INVALID")).toBe(true);
    expect((caught as Error).message).toContain("bad.jsonl:2");
    expect(readdirSync(folder).filter((name) => name.startsWith("bad-out"))).toEqual([]);
  });

  it("refuses --json together with --jsonl", async () => {
    await expect(segment(undefined, undefined, { json: true, jsonl: true })).rejects.toMatchObject({ code: "USAGE" });
  });
});

describe("prevod segment --json FILE OUT", () => {
  it("writes the segments and paragraphs of a page", async () => {
    const input = file("page.txt", "Стачка в пристанището\n\nРаботниците спряха. Кметът ги посети.\n");
    const output = path.join(folder, "page.json");
    expect(await segment(input, output, { json: true })).toBe(0);
    const structure = JSON.parse(readFileSync(output, "utf8"));
    expect(structure.segments.map((item: { kind: string }) => item.kind)).toEqual(["title", "body", "body"]);
    expect(structure.paragraphs).toEqual([
      { index: 0, start: 0, end: 21, segmentIds: ["s1"] },
      { index: 1, start: 23, end: 60, segmentIds: ["s2", "s3"] },
    ]);
  });
});

describe("segment --jsonl --strings", () => {
  it("writes sentences as plain strings, the form an external scorer reads", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "prevod-strings-"));
    try {
      const input = path.join(dir, "in.jsonl");
      const output = path.join(dir, "out.jsonl");
      writeFileSync(input, `${JSON.stringify({ id: "a", text: "Проф. Иванов говори. Срещата е на 27.02.2026 г. в София." })}\n`);
      expect(await segment(input, output, { jsonl: true, strings: true })).toBe(0);
      expect(JSON.parse(readFileSync(output, "utf8"))).toEqual({ id: "a", sentences: ["Проф. Иванов говори.", "Срещата е на 27.02.2026 г. в София."] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
