import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import iconv from "iconv-lite";
import { binaryReason } from "./binary.js";

describe("binaryReason (issue 13: /bin/ls as input was 514 segments and 720 paid calls)", () => {
  it("knows executables, archives and images by their magic numbers", () => {
    expect(binaryReason(readFileSync(process.execPath).subarray(0, 65536))).toMatch(/executable/);
    expect(binaryReason(Buffer.from([0x1f, 0x8b, 8, 0, 0]))).toBe("a gzip archive");
    expect(binaryReason(Buffer.from("%PDF-1.7\n..."))).toBe("a PDF document");
  });

  it("refuses NUL bytes and a share of control characters no text has", () => {
    expect(binaryReason(Buffer.from("Заглавие\0\0данни"))).toMatch(/^NUL bytes \(the first at offset 16\)$/);
    expect(binaryReason(Buffer.from(Array.from({ length: 400 }, (_, index) => (index % 5 === 0 ? 3 : 0x61))))).toMatch(/control characters/);
  });

  it("accepts text: UTF-8, windows-1251, UTF-16 with a BOM, tabs and CRLF", () => {
    const text = "Заглавие\r\n\r\nТекст\tс табулация и „кавички“.\n";
    expect(binaryReason(Buffer.from(text))).toBeUndefined();
    expect(binaryReason(iconv.encode(text, "windows-1251"))).toBeUndefined();
    expect(binaryReason(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, "utf-16le")]))).toBeUndefined();
  });
});
