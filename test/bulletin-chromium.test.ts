import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { articleResultSchema, type ArticleResult } from "../src/outputs/article-schema.js";
import { webLink } from "../src/outputs/bulletin-model.js";
import { writeBulletins } from "../src/outputs/write-bulletins.js";
import { TARGET_LANGUAGES, type TargetLanguage } from "../src/common/languages.js";
import { runPipeline } from "../src/engine/run-pipeline.js";
import { ROOT, temporaryDirectory } from "./support/cli.js";
import { planFor, sampleArticles } from "./support/pipeline.js";
import { loadReferenceBook, referenceAnswerer } from "./support/reference-answerer.js";
import { startOllamaSimulator } from "./support/sim/index.js";

/**
 * The HTML bulletins opened in a real browser: Debian's chromium through playwright-core (never
 * a browser download). Fixture results are our own writing (test/fixtures/bulletin); the
 * bulletins of a real run over the samples (through the simulator) are opened as well.
 */
/** Debian's package puts it here; PREVOD_CHROMIUM names another Chromium (e.g. chromium-browser). */
const CHROMIUM = process.env.PREVOD_CHROMIUM ?? "/usr/bin/chromium";
const FIXTURE = join(ROOT, "test/fixtures/bulletin");
// Not the repository's out/, which is a user's output folder (issue 12): the system's temporary folder.
const SCREENSHOTS = process.env.PREVOD_SCREENSHOTS ?? join(tmpdir(), "prevod-bulletin-screenshots");
const haveChromium = existsSync(CHROMIUM);
const inCi = Boolean(process.env.CI);
if (!haveChromium && !inCi) console.warn(`skipped: ${CHROMIUM} not found; install Debian's chromium (apt-get install chromium) to open the bulletins in a browser`);

// The callbacks given to page.evaluate run in the browser. The project compiles without the DOM
// library, so the few browser globals they use are declared here, for this file only.
interface BrowserElement {
  tagName: string;
  textContent: string | null;
  innerText: string;
  getAttribute(name: string): string | null;
  getBoundingClientRect(): { height: number };
}
type BrowserElements = Iterable<BrowserElement> & { length: number };
declare const document: {
  documentElement: BrowserElement & { lang: string; scrollWidth: number; clientWidth: number };
  body: BrowserElement;
  characterSet: string;
  title: string;
  querySelector(selector: string): BrowserElement | null;
  querySelectorAll(selector: string): BrowserElements;
};
declare function getComputedStyle(element: BrowserElement): { visibility: string; backgroundColor: string };

function readArticles(folder: string): ArticleResult[] {
  return readFileSync(join(folder, "articles.jsonl"), "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => articleResultSchema.parse(JSON.parse(line)));
}

interface Opened {
  page: Page;
  requests: string[];
  problems: string[];
  url: string;
}

/** A copy of each screenshot for a human to look at ($PREVOD_SCREENSHOTS, else a temporary folder). */
function saveForHumans(name: string, png: Buffer): void {
  mkdirSync(SCREENSHOTS, { recursive: true });
  writeFileSync(join(SCREENSHOTS, name), png);
}

let browser: Browser;
let context: BrowserContext;
const temporary = temporaryDirectory("prevod-bulletin-chromium-");

async function open(file: string, colorScheme: "light" | "dark" = "light"): Promise<Opened> {
  const page = await context.newPage();
  await page.emulateMedia({ colorScheme });
  const requests: string[] = [];
  const problems: string[] = [];
  page.on("request", (request) => requests.push(request.url()));
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(error.message));
  const url = pathToFileURL(file).href;
  await page.goto(url, { waitUntil: "load" });
  return { page, requests, problems, url };
}

/** Every http(s) URL in a src or href attribute, and every element that could fetch something. */
async function fetchers(page: Page): Promise<{ urls: string[]; elements: string[]; cssUrls: number }> {
  return page.evaluate(() => {
    const urls = [...document.querySelectorAll("[src], [href], [srcset], [poster], [data]")].flatMap((element) =>
      ["src", "href", "srcset", "poster", "data"].map((name) => element.getAttribute(name)).filter((value): value is string => value !== null),
    );
    const elements = [...document.querySelectorAll("script, img, iframe, link, object, embed, video, audio, source, picture, svg, form, base")].map((element) => element.tagName);
    const cssUrls = [...document.querySelectorAll("style")].filter((style) => /url\(|@import/i.test(style.textContent ?? "")).length;
    return { urls, elements, cssUrls };
  });
}

async function checkPage(file: string, language: TargetLanguage, articles: ArticleResult[]): Promise<Opened> {
  const opened = await open(file);
  const { page } = opened;

  const facts = await page.evaluate(() => ({
    lang: document.documentElement.lang,
    charset: document.characterSet,
    title: document.title,
    h1: document.querySelectorAll("h1").length,
    headings: document.querySelectorAll("article h2, article h3").length,
    mainText: document.querySelector("main")?.innerText ?? "",
    shown: [...document.querySelectorAll("article")].map((element) => ({
      id: element.getAttribute("data-article-id"),
      visible: element.getBoundingClientRect().height > 0 && getComputedStyle(element).visibility === "visible",
    })),
    inFailedSection: [...document.querySelectorAll("section.not-translated article")].map((element) => element.getAttribute("data-article-id")),
  }));
  expect(facts.lang).toBe(language);
  expect(facts.charset).toBe("UTF-8");
  expect(facts.title.length).toBeGreaterThan(0);
  expect(facts.h1).toBe(1);
  expect(await page.locator("h1").isVisible()).toBe(true);
  expect(facts.mainText.length).toBeGreaterThan(200);

  // Exactly one <article> per article of the run, each visible; failed ones in their own section.
  expect(facts.shown.map((entry) => entry.id).sort()).toEqual(articles.map((article) => article.id).sort());
  expect(facts.shown.every((entry) => entry.visible)).toBe(true);
  expect(facts.inFailedSection).toEqual(articles.filter((article) => article.status === "failed").map((article) => article.id));
  expect(facts.headings).toBeGreaterThanOrEqual(articles.length);

  const fits = () => page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  const at390 = await fits();
  expect(at390.scroll).toBeLessThanOrEqual(at390.client);
  await page.setViewportSize({ width: 360, height: 740 });
  const at360 = await fits();
  expect(at360.scroll).toBeLessThanOrEqual(at360.client);
  await page.setViewportSize({ width: 390, height: 844 });

  // Nothing but the document itself was requested, and nothing on the page could fetch.
  expect(opened.requests).toEqual([opened.url]);
  const found = await fetchers(page);
  const articleLinks = new Set(articles.map((article) => webLink(article.source.url)).filter(Boolean));
  expect(found.urls.filter((url) => /^https?:/i.test(url.trim()) && !articleLinks.has(url))).toEqual([]);
  expect(found.elements).toEqual([]);
  expect(found.cssUrls).toBe(0);
  expect(opened.problems).toEqual([]);
  return opened;
}

describe.skipIf(!haveChromium && !inCi)("bulletin HTML in headless Chromium", () => {
  const fixtureArticles = readArticles(FIXTURE);
  const out = join(temporary.dir, "out");

  beforeAll(async () => {
    if (!haveChromium) throw new Error(`Chromium could not be found at ${CHROMIUM}; CI must install Debian's chromium package (apt-get install chromium) before running the tests`);
    cpSync(FIXTURE, out, { recursive: true });
    await writeBulletins(out, { formats: ["html"] });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
  });
  afterAll(async () => {
    await browser?.close();
    temporary.cleanup();
  });

  it.each(TARGET_LANGUAGES)("renders the %s bulletin of the fixture run on a phone, offline", async (language) => {
    const { page } = await checkPage(join(out, `bulletin.${language}.html`), language, fixtureArticles);
    // Untrusted article text stays text: the fixture's <script> headline is shown, not run.
    expect(await page.locator("article#article-varna-security-festival h2").innerText()).toContain("<script>alert(1)</script>");

    // The whole page for English; the first phone screen for the others keeps the test fast.
    const screenshot = await page.screenshot({ fullPage: language === "en" });
    expect(screenshot.subarray(1, 4).toString("latin1")).toBe("PNG");
    writeFileSync(join(out, `bulletin.${language}.png`), screenshot);
    saveForHumans(`bulletin-fixture.${language}.png`, screenshot);
    await page.close();
  });

  it("marks Bulgarian text with lang=bg and keeps Serbian Latin speakers in Latin script", async () => {
    const { page } = await open(join(out, "bulletin.sr-Latn.html"));
    const quote = page.locator("article#article-plovdiv-free-transport blockquote");
    expect(await quote.getAttribute("lang")).toBe("bg");
    expect(await quote.innerText()).toMatch(/[а-я]/);
    expect(await page.locator("article#article-plovdiv-free-transport .speaker").innerText()).toBe("Nadežda Čolakova");
    expect(await page.locator("section.not-translated h3").getAttribute("lang")).toBe("bg");
    await page.close();
  });

  it("follows the reader's dark colour scheme", async () => {
    const { page } = await open(join(out, "bulletin.en.html"));
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const light = await background();
    await page.emulateMedia({ colorScheme: "dark" });
    expect(await background()).not.toBe(light);
    saveForHumans("bulletin-fixture.en.dark.png", await page.screenshot());
    await page.close();
  });

  it("renders the bulletins a real run wrote (the samples, through the simulator), in every language", async () => {
    const simulator = await startOllamaSimulator({ answer: referenceAnswerer(await loadReferenceBook(join(ROOT, "samples"))), models: ["bulletin:7b"], parallel: 4 });
    try {
      const out = join(temporary.dir, "run");
      await runPipeline({ plan: await planFor({ host: simulator.url, model: "bulletin:7b", outputDir: out }), articles: sampleArticles(), cache: false });
      const articles = readArticles(out);
      expect(articles).toHaveLength(sampleArticles().length);
      for (const language of TARGET_LANGUAGES) {
        const { page } = await checkPage(join(out, `bulletin.${language}.html`), language, articles);
        if (language === "en") saveForHumans("bulletin-samples.en.png", await page.screenshot({ fullPage: true }));
        await page.close();
      }
    } finally {
      await simulator.close();
    }
  });
});
