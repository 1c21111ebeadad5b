import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { SAME_TOPIC, WIRE, result, stored } from "../../test/support/desk-articles.js";
import { bulletinSchema } from "../config/schema.js";
import { parseFeed } from "../inputs/feed.js";
import { parseDocument } from "../inputs/html-dom.js";
import { readPageMetadata } from "../inputs/html-metadata.js";
import { renderArticlePage, writeArticlePage } from "./article-page.js";
import { writeArticle } from "./article-files.js";
import { writeDeskBulletins } from "./bulletin-desk.js";
import { dayWindow, outletOf, readFolderArticles, readStoredArticles, resolveWindow, topicOf } from "./bulletin-window.js";
import { openStore } from "../store/store.js";
import { summarizeStore } from "../store/summary.js";
import { formatInZone } from "./bulletin-words.js";

const temporary = mkdtempSync(join(tmpdir(), "prevod-desk-"));
afterAll(() => rmSync(temporary, { recursive: true, force: true }));

const BODIES = [WIRE, SAME_TOPIC, "Столична община обяви нов график на градския транспорт за празниците, като линиите ще се движат по-рядко през нощта. Промените влизат в сила от петък и ще важат до средата на януари, съобщиха от общината."];

function article(index: number, published: string, extra: Partial<Parameters<typeof result>[1]> = {}) {
  // Distinct stories: the first three are ours, the others made of words no other article has.
  const body = BODIES[index] ?? `Съобщение ${index}: ${Array.from({ length: 20 }, (_, word) => `дума${index}и${word}`).join(" ")}.`;
  return result(`a${index}`, { title: `Заглавие ${index}`, body, published, url: `https://www.example${index}.bg/a/${index}`, ...extra });
}

describe("bulletin windows", () => {
  it("reads a calendar day in the bulletin's zone, midnight to midnight", () => {
    const window = dayWindow("2026-12-01", "Europe/Sofia");
    expect(new Date(window.from!).toISOString()).toBe("2026-11-30T22:00:00.000Z");
    expect(new Date(window.until!).toISOString()).toBe("2026-12-01T22:00:00.000Z");
    // Summer time: Sofia is three hours ahead.
    expect(new Date(dayWindow("2026-07-01", "Europe/Sofia").from!).toISOString()).toBe("2026-06-30T21:00:00.000Z");
    const since = resolveWindow({ since: "24h" }, "UTC", Date.parse("2026-12-02T12:00:00Z"));
    expect(new Date(since.from!).toISOString()).toBe("2026-12-01T12:00:00.000Z");
    expect(() => resolveWindow({ date: "2026-12-01", since: "24h" }, "UTC", 0)).toThrow("give one of --date, --since or --from/--until");
  });

  it("shows times in the zone with their offset", () => {
    expect(formatInZone("2026-12-01T07:12:00Z", "en", "Europe/Sofia")).toBe("1 December 2026, 09:12 GMT+2");
    expect(formatInZone("2026-12-01T07:12:00Z", "en", "UTC")).toBe("1 December 2026, 07:12 UTC");
  });

  it("names the outlet: source.outlet, else the domain, a file path only as a last resort", () => {
    expect(outletOf({ outlet: "Дневник", url: "https://www.dnevnik.bg/x" }, "feed.xml#1")).toBe("Дневник");
    expect(outletOf({ url: "https://www.dnevnik.bg/x" }, "feed.xml#1")).toBe("dnevnik.bg");
    expect(outletOf({ path: "in/a.html" }, "in/a.html")).toBe("in/a.html");
  });

  it("takes the topic line of a page as the topic", () => {
    expect(topicOf(result("t", { title: "Т", body: WIRE, topic: "Казахстан" }))).toBe("Казахстан");
    expect(topicOf(result("t", { title: "Т", body: WIRE }))).toBeUndefined();
  });
});

describe("bulletins across runs", () => {
  it("accumulates: one more article into a folder that held five gives a bulletin of six, newest first, with a dated title", async () => {
    const out = join(temporary, "accumulate");
    for (let index = 0; index < 5; index++) await writeArticle(out, article(index, `2026-12-01T0${index + 1}:00:00+02:00`));
    const window = dayWindow("2026-12-01", "Europe/Sofia");
    await writeDeskBulletins(out, await readFolderArticles(out), { window, timeZone: "Europe/Sofia", formats: ["html", "md"] });
    expect(readFileSync(join(out, "bulletin.en.html"), "utf8").match(/<article /g)).toHaveLength(5);
    await writeArticle(out, article(5, "2026-12-01T23:30:00+02:00"));
    // An article of the next day is outside the window.
    await writeArticle(out, article(6, "2026-12-02T00:30:00+02:00"));
    await writeDeskBulletins(out, await readFolderArticles(out), { window, timeZone: "Europe/Sofia", formats: ["html", "md"] });
    const html = readFileSync(join(out, "bulletin.en.html"), "utf8");
    const ids = [...html.matchAll(/data-article-id="([^"]+)"/g)].map((match) => match[1]);
    expect(ids).toEqual(["a5", "a4", "a3", "a2", "a1", "a0"]);
    expect(html).toContain("<title>News bulletin · 1 December 2026</title>");
    expect(html).toContain("1 December 2026, 23:30 GMT+2");
    expect(html).toContain('<a class="page" href="articles/a5.html">');
    expect(html).toContain(">example5.bg</a>");
    expect(readFileSync(join(out, "bulletin.en.md"), "utf8")).toContain("## [Headline of a5](<articles/a5.html>)");
    expect(readFileSync(join(out, "articles/a5.html"), "utf8")).toContain("Заглавие 5");
    const oldest = await writeDeskBulletins(out, await readFolderArticles(out), { window, timeZone: "Europe/Sofia", formats: ["html"], order: "oldest", languages: ["en"] });
    expect(oldest[0]!.articles).toBe(6);
    expect([...readFileSync(join(out, "bulletin.en.html"), "utf8").matchAll(/data-article-id="([^"]+)"/g)].map((match) => match[1])).toEqual(["a0", "a1", "a2", "a3", "a4", "a5"]);
  });

  it("groups by topic with --group topic", async () => {
    const out = join(temporary, "topics");
    await writeArticle(out, article(0, "2026-12-01T08:00:00Z", { topic: "Казахстан" }));
    await writeArticle(out, article(1, "2026-12-01T09:00:00Z", { topic: "София" }));
    await writeArticle(out, article(2, "2026-12-01T10:00:00Z", { topic: "Казахстан" }));
    await writeDeskBulletins(out, await readFolderArticles(out), { group: "topic", timeZone: "UTC", formats: ["html"], languages: ["en"] });
    const html = readFileSync(join(out, "bulletin.en.html"), "utf8");
    const sequence = [...html.matchAll(/<h2 class="group">Topic: ([^<]+)<\/h2>|data-article-id="([^"]+)"/g)].map((match) => match[1] ?? match[2]);
    expect(sequence).toEqual(["Казахстан", "a2", "a0", "София", "a1"]);
  });
});

describe("failures", () => {
  it("lists failures run.json alone records, once, and never one whose result file lies outside the window", async () => {
    const out = join(temporary, "failures");
    await writeArticle(out, article(0, "2026-12-01T08:00:00Z"));
    await writeArticle(out, article(1, "2026-11-20T08:00:00Z", { status: "failed" }));
    await writeDeskBulletins(out, await readFolderArticles(out), {
      window: dayWindow("2026-12-01", "UTC"),
      timeZone: "UTC",
      formats: ["html"],
      languages: ["en"],
      runFailures: [{ id: "too-big", reasons: ["input: over the size limit"] }, { id: "a1", reasons: ["old failure"] }],
    });
    const html = readFileSync(join(out, "bulletin.en.html"), "utf8");
    expect([...html.matchAll(/data-article-id="([^"]+)"/g)].map((match) => match[1])).toEqual(["a0", "too-big"]);
    expect(html).toContain("input: over the size limit");
  });

  it("rejects a bulletin.timezone that is not a zone, in pipeline.yaml's schema", () => {
    expect(bulletinSchema.safeParse({ timezone: "Europe/Sofa" }).success).toBe(false);
    expect(bulletinSchema.safeParse({ timezone: "Europe/Sofia" }).success).toBe(true);
  });
});

describe("article pages", () => {
  it("escapes input, highlights a failed gate at its sentence with the reason, marks quotes in both columns, sets comments apart", () => {
    const value = result("p1", { title: "<script>alert(1)</script> Заглавие", body: WIRE, comment: "<img src=x onerror=alert(2)> Коментар.", outlet: "Дневник" });
    const quoted = value.segments[2]!;
    value.quotes.push({ id: "q1", speaker: "Токаев", cue: "отбеляза", kind: "direct", text: quoted.text.slice(0, 20), start: quoted.start, end: quoted.start + 20, segment_ids: [quoted.id], translations: { en: "an English sentence" } });
    value.checks.push({ step: "translate", target: "en", name: "numbers", status: "fail", detail: "<b>2026</b> missing", segment_id: "s3" });
    const html = renderArticlePage(stored(value), { timeZone: "UTC", outlet: "Дневник" });
    expect(html).not.toMatch(/<script|<img|<b>/);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toMatch(/<div class="cell kind-body gate" lang="en" data-lang="en" data-segment="s3">.*<span class="reason" lang="en">numbers: &lt;b&gt;2026&lt;\/b&gt; missing<\/span>/);
    expect(html).toContain(`<mark class="quote" title="quote">${quoted.text.slice(0, 20)}</mark>`);
    expect(html).toContain('<mark class="quote" title="quote">an English sentence</mark>');
    expect(html).toMatch(/<aside class="comments">[\s\S]*Коментар/);
    expect(html.indexOf("Summary of p1")).toBeLessThan(html.indexOf('class="grid'));
  });

  it("a long article's page is written as it is made, byte for byte the rendered page (issue 13.2: a 5 MB article's page was one 28 MB string, then copies)", async () => {
    const value = result("long", { title: "Дълга статия", body: Array.from({ length: 1000 }, (_, index) => `Изречение номер ${index} за съдебно решение.`).join(" "), comment: "Коментар.", outlet: "Дневник" });
    const dir = mkdtempSync(join(tmpdir(), "prevod-page-"));
    try {
      await writeArticlePage(dir, stored(value), { timeZone: "UTC", outlet: "Дневник" });
      const html = readFileSync(join(dir, "articles", "long.html"), "utf8");
      expect(html.length).toBeGreaterThan(1 << 17);
      expect(html).toBe(renderArticlePage(stored(value), { timeZone: "UTC", outlet: "Дневник" }));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("a run's end over a year's store (issue 14.7)", () => {
  it("reads only the window's articles, whatever their offsets, and rewrites only the pages of the articles it names (and missing ones)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "prevod-window-"));
    try {
      const store = openStore(dir);
      const entry = { input: "i", answers: "a", status: "ok" as const, updated_at: "2026-12-03T00:00:00Z" };
      const times: Record<string, string> = {
        before: "2026-11-20T10:00:00+02:00",
        west: "2026-11-30T21:30:00-01:00",
        late: "2026-12-01T00:30:00+02:00",
        day: "2026-12-01T12:00:00Z",
        east: "2026-12-02T00:30:00+03:00",
        after: "2026-12-05T10:00:00Z",
      };
      for (const [id, published] of Object.entries(times)) store.putArticle(id, entry, result(id, { title: `Заглавие ${id}`, body: WIRE.replace("Казахстан", id), published }), "r1");
      store.close();
      // 1 December in Sofia: from 30 Nov 22:00Z until 1 Dec 22:00Z.
      const window = { from: Date.parse("2026-11-30T22:00:00Z"), until: Date.parse("2026-12-01T22:00:00Z") };
      const read = (await readStoredArticles(dir, window)).map((article) => article.result.id);
      // A day either side is read (the window decides by instant), never the whole store.
      expect(read).not.toContain("before");
      expect(read).not.toContain("after");
      // In the window by instant, on the day before or after by the writer's clock.
      expect(read).toEqual(expect.arrayContaining(["west", "late", "day", "east"]));
      // prevod status and watch's status line count the same four (east was lost: `at` < the next day's date).
      expect(summarizeStore(dir, window)?.inWindow).toBe(4);
      const all = await readStoredArticles(dir);
      expect(all.map((article) => article.result.id).sort()).toEqual(Object.keys(times).sort());

      const articles = await readStoredArticles(dir, window);
      await writeDeskBulletins(dir, articles, { window, timeZone: "Europe/Sofia", formats: ["md"], pages: true });
      const page = (id: string) => join(dir, "articles", `${id}.html`);
      expect(["west", "late", "day", "east"].filter((id) => existsSync(page(id)))).toEqual(["west", "late", "day", "east"]);
      writeFileSync(page("late"), "kept");
      writeFileSync(page("day"), "kept");
      rmSync(page("east"), { force: true });
      await writeDeskBulletins(dir, articles, { window, timeZone: "Europe/Sofia", formats: ["md"], pages: { only: new Set(["day"]) } });
      expect(readFileSync(page("late"), "utf8")).toBe("kept");
      expect(readFileSync(page("day"), "utf8")).toMatch(/^<!doctype html>/);
      expect(existsSync(page("east"))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("outlet names from inputs", () => {
  it("reads og:site_name, else application-name, else the JSON-LD publisher", () => {
    const page = (head: string) => readPageMetadata(parseDocument(`<html><head>${head}</head><body><h1>З</h1></body></html>`));
    expect(page('<meta property="og:site_name" content="Дневник">').siteName).toBe("Дневник");
    expect(page('<meta name="application-name" content="Mediapool">').siteName).toBe("Mediapool");
    expect(page('<script type="application/ld+json">{"@type":"NewsArticle","publisher":{"@type":"Organization","name":"БТА"}}</script>').siteName).toBe("БТА");
    expect(page("").siteName).toBeUndefined();
  });

  it("takes a feed's title as its items' outlet", () => {
    const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>Дневник</title><link>https://www.dnevnik.bg/</link><item><title>А</title><link>https://www.dnevnik.bg/a</link><description>Текст.</description></item></channel></rss>`;
    expect(parseFeed(rss, { name: "f", warn: () => {} })[0]!.record.outlet).toBe("Дневник");
    const atom = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>БТА</title><entry><id>x1</id><title>А</title><link href="https://bta.bg/a"/><content>Текст.</content></entry></feed>`;
    expect(parseFeed(atom, { name: "f", warn: () => {} })[0]!.record.outlet).toBe("БТА");
  });
});
