import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TargetLanguage } from "../common/languages.js";
import { escapeHtml } from "./bulletin-html.js";
import { writeBulletins } from "./write-bulletins.js";

const FIXTURE = fileURLToPath(new URL("../../test/fixtures/bulletin", import.meta.url));
const temporary = mkdtempSync(join(tmpdir(), "prevod-bulletin-html-"));
beforeAll(async () => {
  cpSync(FIXTURE, temporary, { recursive: true });
  await writeBulletins(temporary, { formats: ["html"] });
});
afterAll(() => rmSync(temporary, { recursive: true, force: true }));

/** The fixture run's bulletin in one language, as writeBulletins wrote it. */
const rendered = (language: TargetLanguage) => readFileSync(join(temporary, `bulletin.${language}.html`), "utf8");

describe("escapeHtml", () => {
  it("turns every character that could open markup or leave an attribute into an entity", () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
  });
});

describe("renderBulletinHtml", () => {
  it("is one self-contained page: charset, viewport, title, inline style, and nothing that loads or runs", () => {
    const html = rendered("en");
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">/);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain("default-src 'none'");
    expect(html).toContain("<title>News bulletin · 12 March 2026, 18:25 – 14 March 2026, 09:12</title>");
    expect(html).not.toMatch(/<(script|img|link|iframe|object|embed)\b/i);
    expect(html).not.toMatch(/\bsrc=["']|url\(|@import/i);
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((match) => match[1]);
    expect(hrefs).toEqual(["https://novini.example/plovdiv/air?id=7&amp;src=rss", "https://novini.example/sofia/metro-line-3", "https://novini.example/burgas/port-strike"]);
  });

  it("has one <article> per article with a stable id, failed ones in the Not translated section", () => {
    const html = rendered("en");
    const ids = [...html.matchAll(/<article [^>]*data-article-id="([^"]+)"/g)].map((match) => match[1]);
    expect(ids).toEqual(["plovdiv-free-transport", "sofia-metro-line-3", "varna-security-festival", "burgas-port-strike"]);
    expect(html).toContain('id="article-sofia-metro-line-3"');
    const failedSection = html.slice(html.indexOf('<section class="not-translated"'));
    expect(failedSection).toContain('data-article-id="burgas-port-strike"');
    expect(failedSection).toContain("<li>translate/en: no answer from ollama:gemma3:12b within 120 s (3 attempts)</li>");
  });

  it("shows hostile article text as text", () => {
    const html = rendered("en");
    expect(html).toContain("<h2># Varna festival: &lt;script&gt;alert(1)&lt;/script&gt; &amp; [click](https://evil.example/steal)</h2>");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
  });

  it("tags text in another language: Bulgarian titles and quotes lang=bg, romanised speakers bg-Latn", () => {
    const latin = rendered("sr-Latn");
    expect(latin).toContain('<html lang="sr-Latn">');
    expect(latin).toContain('<blockquote lang="bg"><p>„Искаме хората да оставят колите у дома, когато въздухът е най-мръсен“</p></blockquote>');
    expect(latin).toContain('<span lang="bg-Latn" class="speaker">Nadežda Čolakova</span>');
    expect(latin).toContain('<h3 lang="bg">Пристанище Бургас спира работа заради стачка на докерите</h3>');
    const russian = rendered("ru");
    expect(russian).toContain('<span lang="bg" class="speaker">Любомир Щерев</span>');
    expect(russian).toContain('<time datetime="2026-03-14T09:12:00+02:00">14 марта 2026, 09:12</time>');
  });
});
