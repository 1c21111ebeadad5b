import { existsSync, readdirSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import bulletin from "../src/cli/bulletin.js";
import { runPipeline } from "../src/engine/run-pipeline.js";
import { ROOT, temporaryDirectory } from "./support/cli.js";
import { planFor, sampleArticles } from "./support/pipeline.js";
import { loadReferenceBook, referenceAnswerer } from "./support/reference-answerer.js";
import { startOllamaSimulator } from "./support/sim/index.js";

/**
 * Issue 14's first "Must show": a desk polls three feeds (served on 127.0.0.1) three times over a
 * simulated day (1 December 2026, Europe/Sofia); the feeds grow between polls and one outlet
 * carries another's story verbatim. One bulletin for the day lists every story once, newest
 * first, under a dated title, with outlet names and links to article pages that open in Chromium.
 */
const CHROMIUM = process.env.PREVOD_CHROMIUM ?? "/usr/bin/chromium";
const haveChromium = existsSync(CHROMIUM);
const inCi = Boolean(process.env.CI);
if (!haveChromium && !inCi) console.warn(`skipped: ${CHROMIUM} not found; install Debian's chromium (apt-get install chromium) to open the desk's pages in a browser`);

interface BrowserElement {
  getAttribute(name: string): string | null;
  getBoundingClientRect(): { top: number; left: number; width: number };
}
declare const document: {
  documentElement: { scrollWidth: number; clientWidth: number };
  title: string;
  querySelector(selector: string): BrowserElement | null;
  querySelectorAll(selector: string): Iterable<BrowserElement> & { length: number };
};

const samples = sampleArticles();
const sample = (name: string) => samples.find((article) => article.id === name)!;

/** Which sample each feed carries, when (Sofia time, 1 December 2026) and from which poll on. */
const ITEMS = [
  { feed: "dnevnik", guid: "d-1", sample: "varna-buses", time: "08:05", poll: 1 },
  { feed: "mediapool", guid: "m-1", sample: "court-ruling", time: "08:40", poll: 1 },
  { feed: "dnevnik", guid: "d-2", sample: "inflation-report", time: "12:10", poll: 2 },
  { feed: "bta", guid: "b-1", sample: "parliament-debate", time: "12:55", poll: 2 },
  { feed: "bta", guid: "b-2", sample: "injection-attempt", time: "17:30", poll: 3 },
  // The agency story of 12:10, carried verbatim by another outlet: shown once, with "also".
  { feed: "mediapool", guid: "m-2", sample: "inflation-report", time: "13:20", poll: 3 },
  // Yesterday's item still in a feed: outside the day.
  { feed: "mediapool", guid: "m-0", sample: "varna-buses", time: "23:50", poll: 1, day: "2026-11-30" },
];
const OUTLETS: Record<string, string> = { dnevnik: "Дневник", mediapool: "Медиапул", bta: "БТА" };

function escapeXml(text: string): string {
  return text.replace(/[&<>]/g, (character) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;" })[character]!);
}

function feedXml(feed: string, poll: number, base: string): string {
  const items = ITEMS.filter((item) => item.feed === feed && item.poll <= poll).map((item) => {
    const text = sample(item.sample).text;
    const published = new Date(`${item.day ?? "2026-12-01"}T${item.time}:00+02:00`).toUTCString();
    return `<item><guid isPermaLink="false">${item.guid}</guid><title>${escapeXml(text.split("\n")[0]!.trim())}</title><link>${base}/${feed}/${item.guid}</link><pubDate>${published}</pubDate><description>${escapeXml(text)}</description></item>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>${OUTLETS[feed]}</title><link>${base}/${feed}/</link>${items.join("")}</channel></rss>`;
}

describe.skipIf(!haveChromium && !inCi)("a desk's day: three feeds, three polls, one bulletin", () => {
  const temporary = temporaryDirectory("prevod-desk-day-");
  const out = join(temporary.dir, "out");
  let server: Server;
  let base = "";
  let poll = 1;
  let browser: Browser;

  beforeAll(async () => {
    if (!haveChromium) throw new Error(`Chromium could not be found at ${CHROMIUM}; CI must install Debian's chromium package`);
    server = createServer((request, response) => {
      const feed = /^\/(\w+)\.xml$/.exec(request.url ?? "")?.[1];
      if (!feed || !OUTLETS[feed]) return void response.writeHead(404).end();
      response.writeHead(200, { "content-type": "application/rss+xml; charset=utf-8" }).end(feedXml(feed, poll, base));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const simulator = await startOllamaSimulator({ answer: referenceAnswerer(await loadReferenceBook(join(ROOT, "samples"))), models: ["desk:7b"], parallel: 4 });
    try {
      for (poll = 1; poll <= 3; poll++) {
        const plan = await planFor({ host: simulator.url, model: "desk:7b", outputDir: out });
        await runPipeline({ plan, sources: ["dnevnik", "mediapool", "bta"].map((feed) => `${base}/${feed}.xml`), cache: false });
      }
    } finally {
      await simulator.close();
    }
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    temporary.cleanup();
  });

  it("keeps every polled article in the output folder across the runs", () => {
    expect(readdirSync(join(out, "articles")).filter((name) => name.endsWith(".json")).length).toBe(ITEMS.length);
  });

  it("gives one bulletin for the day: every story once, newest first, dated title, outlets, links that open", async () => {
    vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      expect(await bulletin(out, { date: "2026-12-01", timezone: "Europe/Sofia", format: "both", lang: "en" })).toBe(0);
    } finally {
      vi.restoreAllMocks();
    }
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const requests: string[] = [];
    context.on("request", (request) => requests.push(request.url()));
    const page = await context.newPage();
    const bulletinUrl = pathToFileURL(join(out, "bulletin.en.html")).href;
    await page.goto(bulletinUrl);

    const facts = await page.evaluate(() => ({
      title: document.title,
      entries: [...document.querySelectorAll("article")].map((element) => ({
        id: element.getAttribute("data-article-id"),
        time: element.getAttribute("data-article-id") && document.querySelector(`article[data-article-id="${element.getAttribute("data-article-id")}"] time`)?.getAttribute("datetime"),
      })),
      links: [...document.querySelectorAll("a.page")].map((element) => element.getAttribute("href")),
    }));
    expect(facts.title).toBe("News bulletin · 1 December 2026");
    // The day's six items are five stories (the verbatim copy folded in); yesterday's is left out.
    const expected = ITEMS.filter((item) => !item.day && item.guid !== "m-2").sort((a, b) => b.time.localeCompare(a.time));
    expect(facts.entries).toHaveLength(expected.length);
    expect(new Set(facts.entries.map((entry) => entry.id)).size).toBe(expected.length);
    const instants = facts.entries.map((entry) => Date.parse(entry.time!));
    expect(instants).toEqual([...instants].sort((a, b) => b - a));
    expect(facts.links.every((href) => /^articles\/[^/]+\.html$/.test(href!))).toBe(true);

    const metaTexts = await page.locator("article .meta").allInnerTexts();
    expect(metaTexts.map((text) => /Source: (\S+)/.exec(text)?.[1])).toEqual(expected.map((item) => OUTLETS[item.feed]));
    expect(metaTexts[0]).toContain("17:30");
    expect(metaTexts[0]).toContain("GMT+2");
    const inflation = expected.findIndex((item) => item.sample === "inflation-report");
    expect(metaTexts[inflation]).toContain("also: Медиапул");
    expect(metaTexts.filter((text) => text.includes("also:"))).toHaveLength(1);
    // The samples' topic line ("Тема: Варна") is the entry's topic.
    expect(metaTexts[expected.findIndex((item) => item.sample === "varna-buses")]).toContain("Topic: Варна");

    // Each headline opens its article page: side by side at 1280 px, stacked at 390, no overflow.
    for (const [index, href] of facts.links.entries()) {
      if (index === 0) {
        await page.locator("a.page").first().click();
        await page.waitForURL(/articles\/.+\.html$/);
      } else await page.goto(new URL(href!, bulletinUrl).href);
      await checkArticlePage(page);
    }
    expect(requests.every((url) => url.startsWith("file://"))).toBe(true);
    expect(requests.length).toBe(1 + facts.links.length);
    await context.close();
  }, 120_000);
});

async function checkArticlePage(page: Page): Promise<void> {
  const layout = () =>
    page.evaluate(() => {
      const bg = document.querySelector('.grid.text .cell.kind-body[data-lang="bg"]')!.getBoundingClientRect();
      const segment = document.querySelector('.grid.text .cell.kind-body[data-lang="bg"]')!.getAttribute("data-segment");
      const en = document.querySelector(`.grid.text .cell[data-lang="en"][data-segment="${segment}"]`)!.getBoundingClientRect();
      return { bg, en, scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth, summary: document.querySelector(".summary") !== null };
    });
  await page.setViewportSize({ width: 1280, height: 900 });
  const wide = await layout();
  expect(wide.scroll).toBeLessThanOrEqual(wide.client);
  expect(wide.summary).toBe(true);
  expect(Math.abs(wide.en.top - wide.bg.top)).toBeLessThan(1);
  expect(wide.en.left).toBeGreaterThan(wide.bg.left + wide.bg.width - 1);
  await page.setViewportSize({ width: 390, height: 844 });
  const narrow = await layout();
  expect(narrow.scroll).toBeLessThanOrEqual(narrow.client);
  expect(narrow.en.top).toBeGreaterThan(narrow.bg.top);
  expect(Math.abs(narrow.en.left - narrow.bg.left)).toBeLessThan(1);
}
