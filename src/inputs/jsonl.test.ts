import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { isOversized, readJsonlRecords, splitLines } from "./jsonl.js";

async function* chunksOf(...chunks: (string | Uint8Array)[]): AsyncGenerator<Uint8Array> {
  for (const chunk of chunks) yield typeof chunk === "string" ? Buffer.from(chunk) : chunk;
}

async function collect<T>(values: AsyncIterable<T>): Promise<T[]> {
  const result: T[] = [];
  for await (const value of values) result.push(value);
  return result;
}

describe("splitLines", () => {
  it("joins lines split across chunks, even inside a multi-byte letter", async () => {
    const bytes = Buffer.from('{"text":"Щъркел"}\n{"text":"Юг"}');
    const cut = bytes.indexOf(Buffer.from("ъ")) + 1;
    const lines = await collect(splitLines(chunksOf(bytes.subarray(0, cut), bytes.subarray(cut))));
    expect(lines.map((line) => line.toString("utf8"))).toEqual(['{"text":"Щъркел"}', '{"text":"Юг"}']);
  });

  it("ends lines at LF only, drops a CR before it, and keeps a last line without newline", async () => {
    const lines = await collect(splitLines(chunksOf('{"a":1,\r"b":2}\r\n', "\n", "tail")));
    expect(lines.map((line) => line.toString())).toEqual(['{"a":1,\r"b":2}', "", "tail"]);
  });

  it("does not hold a line longer than the cap (an endless line filled memory): it is dropped and its place kept", async () => {
    const long = "x".repeat(40);
    const lines = await collect(splitLines(chunksOf("short\n", long.slice(0, 25), long.slice(25), "\nafter\n", long), 32));
    expect(lines.map((line) => (isOversized(line) ? "<oversized>" : line.toString()))).toEqual(["short", "<oversized>", "after", "<oversized>"]);
  });
});

describe("readJsonlRecords", () => {
  it("reports each bad line with its number and reads every good one", async () => {
    const warnings: string[] = [];
    const input = chunksOf(
      '{"id":"a","text":"Първа."}\n',
      "not json\n",
      "\n",
      '{"id":"b"}\n',
      "[1,2]\n",
      '{"id":"c","html":"<p>Трета.</p>","title":7}\n',
    );
    const records = await collect(readJsonlRecords(splitLines(input), { name: "x.jsonl", warn: (message) => warnings.push(message) }));
    expect(records.map(({ record, line }) => [record.id, line])).toEqual([["a", 1], ["c", 6]]);
    expect(records[1]!.record).toEqual({ id: "c", html: "<p>Трета.</p>" });
    expect(warnings).toEqual([
      expect.stringMatching(/^INPUT_INVALID x\.jsonl:2: not valid JSON \(.+\); skipped$/),
      'INPUT_INVALID x.jsonl:4 (id "b"): a record needs a non-empty "text" or "html"; skipped',
      "INPUT_INVALID x.jsonl:5: expected a JSON object {id?, url?, title?, published?, text | html}, found an array; skipped",
      'x.jsonl:6: "title" should be a string, found number 7; ignored',
    ]);
  });

  it("keeps a line that is not UTF-8, decoded by detection, with a warning", async () => {
    const warnings: string[] = [];
    const line = Buffer.concat([iconv.encode('{"id":"w","text":"Стара Загора посреща гости"}', "win1251"), Buffer.from("\n")]);
    const records = await collect(readJsonlRecords(splitLines(chunksOf(line)), { name: "w.jsonl", warn: (message) => warnings.push(message) }));
    expect(records[0]!.record.text).toBe("Стара Загора посреща гости");
    expect(warnings).toEqual(["w.jsonl:1: the line is not UTF-8; decoded as windows-1251"]);
  });

  it("skips a UTF-8 BOM on the first line", async () => {
    const input = chunksOf(Buffer.from([0xef, 0xbb, 0xbf]), '{"text":"с BOM"}\n');
    const records = await collect(readJsonlRecords(splitLines(input), { name: "bom.jsonl", warn: () => undefined }));
    expect(records.map(({ record }) => record.text)).toEqual(["с BOM"]);
  });
});
