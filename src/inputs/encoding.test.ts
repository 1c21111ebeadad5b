import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { charsetFromContentType, decodeBytes } from "./encoding.js";
import { guessEncoding } from "./encoding-guess.js";

const BULGARIAN = "Правителството обсъди бюджета: „Няма да има нови данъци“ – каза министърът.";
const cp1251 = (text: string): Buffer => iconv.encode(text, "win1251");

describe("decodeBytes", () => {
  it("honours a UTF-8 BOM and drops it", () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(BULGARIAN)]);
    expect(decodeBytes(bytes)).toMatchObject({ text: BULGARIAN, encoding: "utf-8", source: "bom" });
  });

  it("honours a UTF-16 BOM", () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(BULGARIAN, "utf-16le")]);
    expect(decodeBytes(bytes)).toMatchObject({ text: BULGARIAN, source: "bom" });
  });

  it("uses the HTTP charset before the document's own declaration", () => {
    const bytes = cp1251(`<html><head><meta charset="koi8-r"></head><body>${BULGARIAN}</body></html>`);
    const decoded = decodeBytes(bytes, { contentType: "text/html; charset=windows-1251", kind: "html" });
    expect(decoded).toMatchObject({ encoding: "windows-1251", source: "http" });
    expect(decoded.text).toContain(BULGARIAN);
  });

  it("reads the XML declaration of a feed", () => {
    const bytes = cp1251(`<?xml version="1.0" encoding="windows-1251"?><rss><channel><title>${BULGARIAN}</title></channel></rss>`);
    expect(decodeBytes(bytes, { kind: "xml" })).toMatchObject({ encoding: "windows-1251", source: "xml-declaration" });
  });

  it("reads <meta charset> and <meta http-equiv> of a page, even after a long script", () => {
    const script = `<script>${"var x = 1;\n".repeat(300)}</script>`;
    const direct = cp1251(`<html><head>${script}<meta charset="windows-1251"></head><body>${BULGARIAN}</body></html>`);
    const httpEquiv = cp1251(`<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251"></head><body>${BULGARIAN}</body></html>`);
    expect(decodeBytes(direct, { kind: "html" })).toMatchObject({ encoding: "windows-1251", source: "meta" });
    expect(decodeBytes(httpEquiv, { kind: "html" }).text).toContain(BULGARIAN);
  });

  it("decodes a page labelled windows-1251 whose bytes are UTF-8 as UTF-8, and says so", () => {
    const bytes = Buffer.from(`<html><head><meta charset="windows-1251"></head><body>${BULGARIAN}</body></html>`);
    const decoded = decodeBytes(bytes, { kind: "html" });
    expect(decoded.text).toContain(BULGARIAN);
    expect(decoded.note).toMatch(/declared windows-1251 .* bytes are UTF-8/);
  });

  it("detects windows-1251 when a page claims UTF-8 but is not", () => {
    const decoded = decodeBytes(cp1251(BULGARIAN), { contentType: "text/plain; charset=utf-8" });
    expect(decoded).toMatchObject({ text: BULGARIAN, encoding: "windows-1251" });
    expect(decoded.note).toMatch(/declared utf-8/);
  });

  it("reads undeclared UTF-8 strictly and detects undeclared windows-1251", () => {
    expect(decodeBytes(Buffer.from(BULGARIAN))).toMatchObject({ text: BULGARIAN, source: "utf-8" });
    expect(decodeBytes(cp1251(BULGARIAN))).toMatchObject({ text: BULGARIAN, encoding: "windows-1251", source: "detected" });
  });
});

describe("guessEncoding", () => {
  it.each(["Министър", "ЩЕ СЕ ВДИГНАТ ЗАПЛАТИТЕ", BULGARIAN])("takes short Cyrillic %j for windows-1251, where chardet alone guesses otherwise", (text) => {
    expect(guessEncoding(cp1251(text))).toBe("windows-1251");
  });

  it("tells KOI8-R from windows-1251 by letter case", () => {
    expect(guessEncoding(iconv.encode(BULGARIAN, "koi8-r"))).toBe("koi8-r");
  });

  it("does not turn Western European text into Cyrillic", () => {
    expect(guessEncoding(iconv.encode("Grüße aus München, café crème", "latin1"))).toBe("windows-1252");
  });
});

describe("charsetFromContentType", () => {
  it("reads quoted and unquoted charsets and maps aliases", () => {
    expect(charsetFromContentType('text/html; charset="CP1251"')).toBe("windows-1251");
    expect(charsetFromContentType("text/xml;charset=UTF-8")).toBe("utf-8");
    expect(charsetFromContentType("text/html")).toBeUndefined();
    expect(charsetFromContentType("text/html; charset=no-such-thing")).toBeUndefined();
  });
});

describe("damaged and mixed encodings (issue 13: a few bad bytes made a whole UTF-8 file KOI8-R, a mixed one GB18030)", () => {
  const paragraph = "Общинският съвет на Варна одобри бюджета за следващата година след дълъг дебат.\n";

  it("keeps UTF-8 with a few invalid bytes as UTF-8, with U+FFFD and the byte offsets in the note", () => {
    const good = Buffer.from(paragraph.repeat(20));
    const line = Buffer.byteLength(paragraph);
    const bytes = Buffer.concat([good.subarray(0, line), Buffer.from([0xff]), good.subarray(line, 5 * line), Buffer.from([0xfe, 0x80]), good.subarray(5 * line)]);
    const decoded = decodeBytes(bytes, { kind: "text" });
    expect(decoded.encoding).toBe("utf-8");
    expect(decoded.text.replace(/\ufffd/g, "")).toBe(paragraph.repeat(20));
    expect(decoded.note).toContain(`3 byte(s) are not UTF-8 (at byte offsets ${line}, ${5 * line + 1}, ${5 * line + 2})`);
  });

  it("reads a file that mixes UTF-8 and windows-1251 line by line, each line in its own encoding, with a note", () => {
    const utf8 = Buffer.from(paragraph.repeat(3));
    const cp1251 = iconv.encode("Министърът на финансите заяви, че данъците няма да бъдат повишени.\n".repeat(3), "windows-1251");
    const decoded = decodeBytes(Buffer.concat([utf8, cp1251, utf8]), { kind: "text" });
    expect(decoded.text).toBe(paragraph.repeat(3) + "Министърът на финансите заяви, че данъците няма да бъдат повишени.\n".repeat(3) + paragraph.repeat(3));
    expect(decoded.note).toMatch(/mixes encodings: 3 of \d+ line\(s\) are not UTF-8 \(lines 4, 5, 6\); those were decoded as windows-1251/);
  });

  it("still detects a legacy file throughout (windows-1251, KOI8-R), never a non-Cyrillic multi-byte encoding", () => {
    const text = "Министър Иванов каза, че ще подаде оставка. Няма друг изход, добави той.";
    expect(decodeBytes(iconv.encode(text, "windows-1251"), { kind: "text" }).text).toBe(text);
    expect(decodeBytes(iconv.encode(text, "koi8-r"), { kind: "text" }).text).toBe(text);
    const short = decodeBytes(iconv.encode("Министър", "windows-1251"), { kind: "text" });
    expect(["windows-1251", "koi8-r", "iso-8859-5", "cp866", "windows-1252"]).toContain(short.encoding);
  });
});
