import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { MAX_ID_LENGTH, UniqueIds, contentHashId, idFromGuid, idFromUrl, sanitizeId } from "./article-id.js";

const SAFE = /^[a-z0-9][a-z0-9._-]*$/;

describe("sanitizeId", () => {
  const hostile = [
    "../../x",
    "/etc/passwd",
    "..",
    ".",
    "...",
    "a/../../b",
    "..\\..\\Windows\\system32",
    "C:\\Windows\\win.ini",
    "%2e%2e%2f%2e%2e%2fetc",
    "\u0000\u0001nul",
    "con",
    "NUL.txt",
    "-rf",
    ".hidden",
    "",
    "   ",
    "////",
    "x".repeat(5000),
  ];

  it.each(hostile)("keeps %j inside the output folder as a plain file name", (raw) => {
    const id = sanitizeId(raw);
    expect(id).toMatch(SAFE);
    expect(id).not.toContain("..");
    expect(id.length).toBeLessThanOrEqual(MAX_ID_LENGTH);
    const out = resolve("/tmp/prevod-out/articles");
    const file = resolve(join(out, `${id}.json`));
    expect(relative(out, file)).toBe(`${id}.json`);
  });

  it("never hands out a Windows device name", () => {
    for (const raw of ["con", "NUL.txt", "com1", "lpt9.json"]) {
      expect(sanitizeId(raw)).not.toMatch(/^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\.|$)/);
    }
  });

  it("transliterates Bulgarian and keeps readable words", () => {
    expect(sanitizeId("Вучич в Астана: щъркели и жълъди")).toBe("vuchich-v-astana-shtarkeli-i-zhaladi");
    expect(sanitizeId("Café Ünïcode")).toBe("cafe-unicode");
    expect(sanitizeId("Report_2026.03.01")).toBe("report_2026.03.01");
  });

  it("keeps long distinct ids distinct after cutting them", () => {
    const first = sanitizeId(`${"a".repeat(150)}-one`);
    const second = sanitizeId(`${"a".repeat(150)}-two`);
    expect(first.length).toBeLessThanOrEqual(MAX_ID_LENGTH);
    expect(first).not.toBe(second);
    expect(sanitizeId(`${"a".repeat(150)}-one`)).toBe(first);
  });
});

describe("ids from URLs, guids and content", () => {
  it("turns a URL into host and path, without www, tracking parameters or fragment", () => {
    expect(idFromUrl("https://www.dnevnik.bg/2026/02/27/astana-belgrad/?utm_source=rss#top")).toBe("dnevnik-bg-2026-02-27-astana-belgrad");
  });

  it("decodes percent-escaped Cyrillic slugs before transliterating them", () => {
    expect(idFromUrl("https://example.bg/%D0%BD%D0%BE%D0%B2%D0%B8%D0%BD%D0%B8/42")).toBe("example-bg-novini-42");
  });

  it("keeps query parameters that identify the article", () => {
    expect(idFromUrl("https://example.bg/view.php?id=42")).not.toBe(idFromUrl("https://example.bg/view.php?id=43"));
  });

  it("treats URL guids as URLs and other guids as names", () => {
    expect(idFromGuid("https://example.bg/a/1")).toBe("example-bg-a-1");
    expect(idFromGuid("tag:example.bg,2026:1093")).toBe("tag-example.bg-2026-1093");
  });

  it("derives a content id from the text", () => {
    expect(contentHashId("текст")).toMatch(/^sha256-[0-9a-f]{16}$/);
    expect(contentHashId("текст")).toBe(contentHashId("текст"));
    expect(contentHashId("текст")).not.toBe(contentHashId("текст."));
  });
});

describe("UniqueIds", () => {
  it("suffixes repeats with -2, -3 and skips suffixes already taken", () => {
    const ids = new UniqueIds();
    expect(ids.claim("a")).toEqual({ id: "a", renamed: false });
    expect(ids.claim("a-2")).toEqual({ id: "a-2", renamed: false });
    expect(ids.claim("a")).toEqual({ id: "a-3", renamed: true });
    expect(ids.claim("a")).toEqual({ id: "a-4", renamed: true });
  });

  it("derives a repeated id's suffix from its content, so dropping an earlier item moves no results (issue 13: suffixes were positional)", () => {
    const feed = ["first", "second", "third"];
    const claimAll = (items: string[]) => {
      const ids = new UniqueIds();
      return items.map((content) => ids.claim("same-guid", content).id);
    };
    const all = claimAll(feed);
    const withoutSecond = claimAll(["first", "third"]);
    expect(all[2]).toBe(withoutSecond[1]);
    expect(new Set(all).size).toBe(3);
    // The same content twice still gets distinct ids.
    expect(new Set(claimAll(["x", "x", "x"])).size).toBe(3);
  });
});
