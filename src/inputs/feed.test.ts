import { readFileSync } from "node:fs";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { isPrevodError } from "../errors.js";
import { articlesFromDocument } from "./document-articles.js";
import { parseFeed } from "./feed.js";
import type { Article } from "./types.js";

const fixture = (name: string): Buffer => readFileSync(new URL(`../../test/fixtures/inputs/${name}`, import.meta.url));

async function read(name: string, bytes: Uint8Array, warnings: string[] = []): Promise<Article[]> {
  const articles: Article[] = [];
  for await (const article of articlesFromDocument({ name, bytes, format: "feed" }, (message) => warnings.push(message))) articles.push(article);
  return articles;
}

describe("RSS 2.0", () => {
  it("reads CDATA HTML, escaped HTML and XML/HTML entities into clean text", async () => {
    const [first, second, third] = await read("news.rss", fixture("news.rss"));
    expect(first!.title).toBe('Варна & Бургас въвеждат "зелени" билети – от 1 април');
    expect(first!.text.split("\n\n")).toEqual([
      'Варна & Бургас въвеждат "зелени" билети – от 1 април',
      "Общините Варна и Бургас ще продават общ билет за градския транспорт на двата града.",
      "Картата ще струва 30\u00a0евро на месец, а за учащите – наполовина. „Това е първата стъпка“, каза кметът на Варна.",
      "Билетът ще важи и за нощните линии.",
    ]);
    expect(second!.text).toBe("Пристанището в Русе удвоява капацитета си\n\nНов кран за 12 милиона евро ще обслужва контейнерите & зърното.\n\nРаботата започва през май.");
    expect(third!.text).toBe("Сняг затвори прохода Шипка\n\nПътят през прохода е затворен за камиони над 12 тона.\n\nСнегорините работят от полунощ.");
  });

  it("takes ids from guids, scoping bare numbers by site, else from the link", async () => {
    const articles = await read("news.rss", fixture("news.rss"));
    expect(articles.map((article) => article.id)).toEqual([
      "novini-example-bg-more-2026-03-20-zeleni-bileti",
      "novini-example-bg-4711",
      "novini-example-bg-obshtestvo-shipka-snyag",
      "urn-novini-brief-2026-03-18-nsi",
    ]);
  });

  it("normalises pubDate and dc:date, drops tracking parameters from links, and keeps title-only items", async () => {
    const articles = await read("news.rss", fixture("news.rss"));
    expect(articles.map((article) => article.published)).toEqual(["2026-03-20T09:45:00+02:00", "2026-03-19T18:05:00+02:00", "2026-03-18T06:30:00+02:00", undefined]);
    expect(articles[1]!.url).toBe("https://novini.example.bg/ikonomika/ruse-pristanishte");
    expect(articles[3]).toMatchObject({ text: "Кратко: НСИ публикува данните за инфлацията в 11 ч.", hints: [{ kind: "title", start: 0, end: 51 }] });
    expect(articles.map((article) => article.origin)).toEqual(["news.rss#1", "news.rss#2", "news.rss#3", "news.rss#4"]);
  });

  it("honours a windows-1251 XML declaration", async () => {
    const xml = `<?xml version="1.0" encoding="windows-1251"?><rss version="2.0"><channel><item><guid>a1</guid><title>Ямбол чества празника си</title><description>Шествие и концерт в центъра.</description></item></channel></rss>`;
    const [article] = await read("cp1251.rss", iconv.encode(xml, "win1251"));
    expect(article!.text).toBe("Ямбол чества празника си\n\nШествие и концерт в центъра.");
  });
});

describe("Atom", () => {
  it("reads html, xhtml and text content, html titles, relative links and dates", async () => {
    const articles = await read("news.atom", fixture("news.atom"));
    expect(articles.map((article) => article.title)).toEqual(["Библиотеката в Габрово отваря и в неделя", "Кметът на Габрово: „Ремонтът свършва през юни“", "Времето утре"]);
    expect(articles[0]!.text).toBe("Библиотеката в Габрово отваря и в неделя\n\nОт април читалнята ще работи и в неделя от 10 до 16 ч.\n\nРешението е взето след анкета сред над 800 читатели.");
    expect(articles[1]!.text).toBe("Кметът на Габрово: „Ремонтът свършва през юни“\n\nРемонтът на централния площад ще приключи през юни, обяви кметът.\n\nСтойността на проекта е 4,2 млн. евро & включва нова настилка.");
    expect(articles[2]!.text).toBe("Времето утре\n\nСлънчево в цялата страна.\n\nТемператури между 8 и 17 градуса.");
    expect(articles.map((article) => article.url)).toEqual([
      "https://vesti.example.bg/kultura/2026/03/21/biblioteka-gabrovo",
      "https://vesti.example.bg/grad/2026/03/20/remont-yuni",
      "https://vesti.example.bg/vreme/utre",
    ]);
    expect(articles.map((article) => article.published)).toEqual(["2026-03-21T10:30:00+02:00", "2026-03-20T16:00:00Z", "2026-03-20T20:15:00+02:00"]);
    expect(articles.map((article) => article.id)).toEqual(["tag-vesti.example.bg-2026-kultura-1093", "tag-vesti.example.bg-2026-grad-2210", "vesti-example-bg-vreme-utre"]);
    for (const article of articles) expect(article.hints![0]).toEqual({ kind: "title", start: 0, end: article.title!.length });
  });
});

describe("parseFeed", () => {
  it("refuses a document that is not a feed, naming what it found", () => {
    try {
      parseFeed("<?xml version='1.0'?><catalog><book/></catalog>", { name: "books.xml", warn: () => undefined });
      expect.unreachable();
    } catch (error) {
      expect(isPrevodError(error, "INPUT_INVALID")).toBe(true);
      expect((error as Error).message).toBe("books.xml: expected an RSS or Atom feed (<rss>, <feed> or <rdf:RDF>), found <catalog>");
    }
  });

  it("reads a slightly broken feed with a located warning", () => {
    const warnings: string[] = [];
    const entries = parseFeed("<rss><channel><item><title>A & B</title><description>текст</description></item></channel></rss>", { name: "broken.rss", warn: (message) => warnings.push(message) });
    expect(entries).toHaveLength(1);
    expect(warnings[0]).toMatch(/^broken\.rss:1:\d+: XML is not well-formed/);
  });
});
