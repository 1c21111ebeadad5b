import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isPrevodError } from "../errors.js";
import { shortHash } from "./article-id.js";
import { readArticles, type ReadArticlesOptions } from "./read-articles.js";
import type { Article } from "./types.js";

const fixtures = fileURLToPath(new URL("../../test/fixtures/inputs/", import.meta.url));
const fixture = (name: string): string => join(fixtures, name);

async function readAll(sources: string[], options: ReadArticlesOptions = {}): Promise<{ articles: Article[]; warnings: string[] }> {
  const warnings: string[] = [];
  const articles: Article[] = [];
  for await (const article of readArticles(sources, { onWarning: (message) => warnings.push(message), ...options })) articles.push(article);
  return { articles, warnings };
}

function hinted(article: Article, kind: string): string[] {
  return (article.hints ?? []).filter((hint) => hint.kind === kind).map((hint) => article.text.slice(hint.start, hint.end));
}

async function* bytesOf(...chunks: string[]): AsyncGenerator<Uint8Array> {
  for (const chunk of chunks) yield Buffer.from(chunk);
}

describe("readArticles: the four input kinds a desk meets", () => {
  it("reads a windows-1251 .txt file as one article, id from the file name, title from the first line", async () => {
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(readFileSync(fixture("cp1251-article.txt")))).toThrow();
    const { articles, warnings } = await readAll([fixture("cp1251-article.txt")]);
    expect(warnings).toEqual([]);
    expect(articles).toHaveLength(1);
    const [article] = articles;
    expect(article!.id).toBe("cp1251-article");
    expect(article!.title).toBe("Пловдив посреща фестивал на уличния театър");
    expect(article!.text).toContain("„Искаме театърът да излезе при хората“, каза директорката на фестивала Ралица Димова.");
    expect(article!.text).toContain("45 представления за три дни.");
    expect(article!.text).not.toMatch(/[\ufffd\u00c0-\u00ff]/);
  });

  it("reads an Atom feed file", async () => {
    const { articles } = await readAll([fixture("news.atom")]);
    expect(articles.map((article) => [article.id, article.title, article.published])).toEqual([
      ["tag-vesti.example.bg-2026-kultura-1093", "Библиотеката в Габрово отваря и в неделя", "2026-03-21T10:30:00+02:00"],
      ["tag-vesti.example.bg-2026-grad-2210", "Кметът на Габрово: „Ремонтът свършва през юни“", "2026-03-20T16:00:00Z"],
      ["vesti-example-bg-vreme-utre", "Времето утре", "2026-03-20T20:15:00+02:00"],
    ]);
  });

  it("reads an RSS feed with CDATA and entities", async () => {
    const { articles } = await readAll([fixture("news.rss")]);
    expect(articles).toHaveLength(4);
    expect(articles[0]!.text).toContain("„Това е първата стъпка“, каза кметът на Варна.");
    expect(articles[0]!.title).toBe('Варна & Бургас въвеждат "зелени" билети – от 1 април');
    expect(articles.every((article) => !/<\/?[a-z]+>|&[a-z]+;|&#\d+;/.test(article.text))).toBe(true);
  });

  it("reads an HTML page with its reader comments as comment hints", async () => {
    const { articles } = await readAll([fixture("page-with-comments.html")]);
    const [article] = articles;
    expect(article!.id).toBe("novini-example-bg-grad-2026-03-04-noshten-avtobus-letishte");
    expect(article!.url).toBe("https://novini.example.bg/grad/2026/03/04/noshten-avtobus-letishte");
    expect(article!.published).toBe("2026-03-04T08:15:00+02:00");
    expect(hinted(article!, "title")).toEqual(["Община Пловдив пуска нощен автобус до летището"]);
    expect(hinted(article!, "comment")).toHaveLength(3);
    expect(article!.text.indexOf("Билетът ще струва 2,50 евро")).toBeLessThan(article!.hints!.find((hint) => hint.kind === "comment")!.start);
  });
});

describe("readArticles: JSONL, ids and errors", () => {
  it("warns about each bad JSONL line with its location and reads all the others", async () => {
    const { articles, warnings } = await readAll([fixture("articles.jsonl")]);
    expect(articles.map((article) => article.origin.replace(/^.*[\\/]/, ""))).toEqual([
      "articles.jsonl:1", "articles.jsonl:2", "articles.jsonl:7", "articles.jsonl:8", "articles.jsonl:9", "articles.jsonl:10", "articles.jsonl:11",
    ]);
    expect(warnings.filter((warning) => warning.startsWith("INPUT_INVALID")).map((warning) => /jsonl:(\d+)/.exec(warning)![1])).toEqual(["3", "5", "6"]);
    // The suffix comes from the article's content, not its position (issue 13).
    const renamed = `sofia-metro-2026-${shortHash(`${articles[2]!.title ?? ""}\n${articles[2]!.text}`, 8)}`;
    expect(articles[2]!.id).toBe(renamed);
    expect(warnings).toContain(`${fixture("articles.jsonl")}:7: id "sofia-metro-2026" is already used by an earlier article; renamed to "${renamed}"`);
  });

  it("keeps hostile ids inside the output folder", async () => {
    const hostile = ["../../x", "/etc/passwd", "..", "a/../../../b", "C:\\Windows\\win.ini", "\u0000", "con"];
    const lines = hostile.map((id) => JSON.stringify({ id, text: `Статия ${id}` })).join("\n");
    const { articles } = await readAll(["-"], { stdin: bytesOf(lines) });
    expect(articles).toHaveLength(hostile.length);
    const out = resolve(tmpdir(), "prevod-out", "articles");
    for (const article of articles) {
      expect(article.id).toMatch(/^[a-z0-9][a-z0-9._-]*$/);
      expect(relative(out, resolve(out, `${article.id}.json`))).toBe(`${article.id}.json`);
    }
    expect(new Set(articles.map((article) => article.id)).size).toBe(hostile.length);
  });

  it("fails on a missing path before reading anything, naming the path", async () => {
    const iterator = readArticles([fixture("news.rss"), fixture("missing.txt")], { onWarning: () => undefined })[Symbol.asyncIterator]();
    await expect(iterator.next()).rejects.toSatisfy(
      (error: unknown) => isPrevodError(error, "INPUT_INVALID") && (error as Error).message === `cannot read ${fixture("missing.txt")}: no such file or folder`,
    );
  });

  it("stops with ABORTED when the signal fires", async () => {
    const controller = new AbortController();
    const seen: string[] = [];
    await expect(async () => {
      for await (const article of readArticles([fixture("news.rss")], { signal: controller.signal })) {
        seen.push(article.id);
        controller.abort();
      }
    }).rejects.toSatisfy((error: unknown) => isPrevodError(error, "ABORTED"));
    expect(seen).toHaveLength(1);
  });
});

describe("readArticles: folders, globs and stdin", () => {
  let folder: string;
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), "prevod-inputs-"));
    mkdirSync(join(folder, "b-feeds", "deeper"), { recursive: true });
    mkdirSync(join(folder, ".git"));
    copyFileSync(fixture("cp1251-article.txt"), join(folder, "a-article.txt"));
    copyFileSync(fixture("news.rss"), join(folder, "b-feeds", "news.rss"));
    copyFileSync(fixture("news.atom"), join(folder, "b-feeds", "deeper", "news.atom"));
    copyFileSync(fixture("page-with-comments.html"), join(folder, "c-page.HTML"));
    writeFileSync(join(folder, "d-broken.json"), "{ not json");
    writeFileSync(join(folder, "e-records.json"), JSON.stringify([{ id: "r1", text: "Първи запис." }, { id: "r2", html: "<p>Втори запис.</p>" }]));
    writeFileSync(join(folder, "f-notes.md"), "# Бележка\n\nКратък текст в Markdown.\n");
    writeFileSync(join(folder, "photo.png"), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    writeFileSync(join(folder, ".git", "config.txt"), "hidden, never an input");
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it("walks a folder recursively in name order, skipping hidden and non-input files, warning about broken ones", async () => {
    const { articles, warnings } = await readAll([folder]);
    expect(articles.map((article) => relative(folder, article.origin.replace(/[#:]\d+$/, "")))).toEqual([
      "a-article.txt",
      ...Array(3).fill(join("b-feeds", "deeper", "news.atom")),
      ...Array(4).fill(join("b-feeds", "news.rss")),
      "c-page.HTML",
      "e-records.json",
      "e-records.json",
      "f-notes.md",
    ]);
    expect(warnings).toEqual([expect.stringMatching(/d-broken\.json: not valid JSON .*; skipped$/)]);
    expect(articles.at(-1)).toMatchObject({ id: "f-notes", title: "Бележка", text: "# Бележка\n\nКратък текст в Markdown." });
  });

  it("expands a glob pattern", async () => {
    const { articles } = await readAll([join(folder, "**", "*.{rss,atom}")]);
    expect(articles.map((article) => article.id)).toEqual(expect.arrayContaining(["novini-example-bg-4711", "vesti-example-bg-vreme-utre"]));
    expect(articles).toHaveLength(7);
  });

  it("warns when a glob matches nothing", async () => {
    const { articles, warnings } = await readAll([join(folder, "*.nothing")]);
    expect(articles).toEqual([]);
    expect(warnings).toEqual([`${join(folder, "*.nothing")}: the pattern matches no input file`]);
  });

  it("reads stdin as JSONL when it starts with '{', streaming it line by line", async () => {
    async function* endless(): AsyncGenerator<Uint8Array> {
      for (let index = 1; ; index += 1) yield Buffer.from(`{"id":"n${index}","text":"Новина номер ${index}."}\n`);
    }
    const ids: string[] = [];
    for await (const article of readArticles(["-"], { stdin: endless() })) {
      ids.push(article.id);
      if (ids.length === 3) break;
    }
    expect(ids).toEqual(["n1", "n2", "n3"]);
  });

  it("reads other stdin as one plain-text article with a content id", async () => {
    const { articles } = await readAll(["-"], { stdin: bytesOf("  \nЗаглавие от stdin\n\nТекст ", "на статията.\r\n") });
    expect(articles).toEqual([
      { id: expect.stringMatching(/^sha256-[0-9a-f]{16}$/), text: "Заглавие от stdin\n\nТекст на статията.", title: "Заглавие от stdin", origin: "stdin" },
    ]);
  });

  it("reads the real process stdin", () => {
    const script = join(folder, "read-stdin.mts");
    const module = new URL("./read-articles.ts", import.meta.url).href;
    writeFileSync(script, `import { readArticles } from ${JSON.stringify(module)};\nfor await (const a of readArticles(["-"])) console.log(JSON.stringify([a.id, a.origin, a.text]));\n`);
    const input = '{"id":"p1","text":"Първа"}\nне е JSON\n{"id":"p2","text":"Втора"}\n';
    const result = spawnSync(process.execPath, ["--import", "tsx", script], { input, encoding: "utf8", cwd: fileURLToPath(new URL("../../", import.meta.url)) });
    expect(result.stdout.trim().split("\n").map((line) => JSON.parse(line))).toEqual([["p1", "stdin:1", "Първа"], ["p2", "stdin:3", "Втора"]]);
    expect(result.stderr).toContain("prevod: warning: INPUT_INVALID stdin:2: not valid JSON");
  });
});

describe("readArticles: ids of text files", () => {
  it("names an article after its folder when the file name is generic (samples/<name>/article.txt)", async () => {
    const folder = mkdtempSync(join(tmpdir(), "prevod-ids-"));
    try {
      for (const name of ["varna-buses", "court-ruling"]) {
        mkdirSync(join(folder, name));
        writeFileSync(join(folder, name, "article.txt"), `Заглавие ${name}\n\nТекст на статията.\n`);
      }
      writeFileSync(join(folder, "court-ruling", "appeal.txt"), "Жалба\n\nОще текст.\n");
      const { articles } = await readAll([join(folder, "varna-buses", "article.txt"), join(folder, "court-ruling")]);
      expect(articles.map((article) => article.id)).toEqual(["varna-buses", "appeal", "court-ruling"]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe("file inputs are capped like URL inputs (issue 13)", () => {
  it("refuses a file larger than MAX_DOCUMENT_BYTES before reading it (no file size cap: a huge file was read whole)", async () => {
    const { mkdtempSync, rmSync, truncateSync, writeFileSync: write } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { MAX_DOCUMENT_BYTES } = await import("./fetch-source.js");
    const dir = mkdtempSync(join(tmpdir(), "prevod-cap-"));
    try {
      const file = join(dir, "huge.txt");
      write(file, "");
      truncateSync(file, MAX_DOCUMENT_BYTES + 1); // sparse: no disk used
      const failures: string[] = [];
      const read: string[] = [];
      const small = join(dir, "small.txt");
      write(small, "Заглавие\n\nТекст на статията.\n");
      for await (const article of readArticles([file, small], { onWarning: () => undefined, onSourceFailure: (failure) => failures.push(failure.message) })) read.push(article.id);
      expect(failures).toEqual([`cannot read ${file}: the file is ${MAX_DOCUMENT_BYTES + 1} bytes, more than the ${MAX_DOCUMENT_BYTES} prevod reads`]);
      expect(read).toEqual(["small"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
