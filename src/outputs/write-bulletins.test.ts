import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { PrevodError } from "../errors.js";
import { writeBulletins } from "./write-bulletins.js";

const FIXTURE = fileURLToPath(new URL("../../test/fixtures/bulletin", import.meta.url));
const temporary = mkdtempSync(join(tmpdir(), "prevod-bulletins-"));
afterAll(() => rmSync(temporary, { recursive: true, force: true }));
let counter = 0;

/** A fresh copy of the fixture run's output folder. */
function fixtureCopy(): string {
  const out = join(temporary, `out-${(counter += 1)}`);
  cpSync(FIXTURE, out, { recursive: true });
  return out;
}

describe("writeBulletins", () => {
  it("writes Markdown and HTML for every language of the run, and leaves no temporary file", async () => {
    const out = fixtureCopy();
    const written = await writeBulletins(out);
    expect(written.map((file) => `${file.language}.${file.format}`)).toEqual(["en.md", "en.html", "ru.md", "ru.html", "sr-Cyrl.md", "sr-Cyrl.html", "sr-Latn.md", "sr-Latn.html"]);
    expect(written.every((file) => file.articles === 4)).toBe(true);
    expect(readdirSync(out).filter((name) => name.startsWith("."))).toEqual([]);
    expect(readFileSync(join(out, "bulletin.sr-Cyrl.md"), "utf8")).toContain("# Преглед вести");
  });

  it("writes only the languages and format asked for", async () => {
    const out = fixtureCopy();
    const written = await writeBulletins(out, { languages: ["sr-Latn"], formats: ["html"] });
    expect(written.map((file) => file.path)).toEqual([join(out, "bulletin.sr-Latn.html")]);
    expect(readdirSync(out).filter((name) => name.startsWith("bulletin."))).toEqual(["bulletin.sr-Latn.html"]);
  });

  it("reads articles/<id>.json when articles.jsonl is absent", async () => {
    const out = fixtureCopy();
    rmSync(join(out, "articles.jsonl"));
    await writeBulletins(out, { languages: ["en"], formats: ["md"] });
    const markdown = readFileSync(join(out, "bulletin.en.md"), "utf8");
    expect(markdown).toContain("**Articles:** 4 · complete: 2 · partial: 1 · not translated: 1");
  });

  it("refuses a missing folder, an empty one and a corrupt article line, saying where", async () => {
    await expect(writeBulletins(join(temporary, "no-such-run"))).rejects.toMatchObject({ code: "USAGE", message: expect.stringContaining("no-such-run: expected the output folder of a run") });
    const empty = join(temporary, "empty");
    mkdirSync(empty);
    await expect(writeBulletins(empty)).rejects.toMatchObject({ code: "INPUT_INVALID", message: expect.stringContaining("no results to render") });
    writeFileSync(join(empty, "articles.jsonl"), "");
    await expect(writeBulletins(empty)).rejects.toMatchObject({ code: "INPUT_INVALID", message: expect.stringContaining("no articles") });
    const corrupt = fixtureCopy();
    writeFileSync(join(corrupt, "articles.jsonl"), `${readFileSync(join(FIXTURE, "articles.jsonl"), "utf8")}{"id": "half-written"\n`);
    const error = await writeBulletins(corrupt).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PrevodError);
    expect((error as PrevodError).message).toBe(`${join(corrupt, "articles.jsonl")}:5: not valid JSON`);
    expect(readdirSync(corrupt).filter((name) => name.startsWith("bulletin."))).toEqual([]);
  });

  it("renders a run of 1,000 articles with every one of them in the bulletin", async () => {
    const out = join(temporary, "large");
    mkdirSync(out);
    const template = JSON.parse(readFileSync(join(FIXTURE, "articles", "sofia-metro-line-3.json"), "utf8"));
    const lines: string[] = [];
    for (let index = 0; index < 1000; index += 1) {
      const minute = String(index % 60).padStart(2, "0");
      const hour = String(Math.floor(index / 60) % 24).padStart(2, "0");
      lines.push(JSON.stringify({ ...template, id: `article-${index}`, source: { ...template.source, published: `2026-03-14T${hour}:${minute}:00+02:00` } }));
    }
    writeFileSync(join(out, "articles.jsonl"), `${lines.join("\n")}\n`);
    await writeBulletins(out, { languages: ["en"] });
    const html = readFileSync(join(out, "bulletin.en.html"), "utf8");
    expect(html.match(/<article /g)).toHaveLength(1000);
    expect(readFileSync(join(out, "bulletin.en.md"), "utf8")).toContain("**Articles:** 1000 · complete: 1000");
  });
});
