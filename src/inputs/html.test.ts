import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readHtmlFragment, readHtmlPage } from "./html.js";
import type { HtmlArticle } from "./html.js";

const fixture = readFileSync(new URL("../../test/fixtures/inputs/page-with-comments.html", import.meta.url), "utf8");

function ranges(article: HtmlArticle, kind: string): string[] {
  return article.hints.filter((hint) => hint.kind === kind).map((hint) => article.text.slice(hint.start, hint.end));
}

describe("readHtmlPage", () => {
  const article = readHtmlPage(fixture);

  it("lays out title, body paragraphs and comments as blocks between blank lines", () => {
    const blocks = article.text.split("\n\n");
    expect(blocks[0]).toBe("Община Пловдив пуска нощен автобус до летището");
    expect(blocks[1]).toMatch(/^От понеделник нощната линия N1/);
    expect(blocks).toContain("Първият курс тръгва в 23:20 ч., а последният – в 5:40 ч.\u00a0Разписанието ще бъде публикувано на сайта на общината до петък.");
    expect(article.text).not.toMatch(/Начало|Още по темата|Изпрати|© 2026|Коментари \(3\)|3 коментара/);
  });

  it("marks the title and every comment with hints, and keeps comments out of the body", () => {
    expect(ranges(article, "title")).toEqual(["Община Пловдив пуска нощен автобус до летището"]);
    expect(ranges(article, "comment")).toEqual([
      "Най-после! Досега се налагаше да чакам таксито по половин час.",
      "А има ли място за багаж?\nПътувам често с голям куфар.",
      "Четиридесет минути е много, трябва да е на всеки двадесет.",
    ]);
    const firstComment = article.hints.find((hint) => hint.kind === "comment")!;
    expect(article.text.slice(0, firstComment.start)).not.toContain("таксито");
  });

  it("keeps author and time out of the comment text, as meta lines before each comment", () => {
    expect(ranges(article, "meta")).toEqual([
      "Иван Петров · 2026-03-04T09:02:00+02:00",
      "Елена · 2026-03-04T09:30:00+02:00",
      "Стефан · 2026-03-04T10:11:00+02:00",
    ]);
    expect(ranges(article, "comment").join(" ")).not.toMatch(/Иван Петров|каза:|Отговор|9:02/);
    expect(article.comments[0]).toEqual({ text: "Най-после! Досега се налагаше да чакам таксито по половин час.", author: "Иван Петров", time: "2026-03-04T09:02:00+02:00" });
  });

  it("reads the published date and the canonical URL", () => {
    expect(article.published).toBe("2026-03-04T08:15:00+02:00");
    expect(article.canonical).toBe("https://novini.example.bg/grad/2026/03/04/noshten-avtobus-letishte?utm_source=rss#top");
  });

  it("finds the date in JSON-LD or <time> when there is no meta tag", () => {
    const jsonLd = `<html><head><script type="application/ld+json">{"@graph":[{"@type":"WebPage"},{"@type":"NewsArticle","datePublished":"2026-01-05T10:00:00+02:00"}]}</script></head><body><article><h1>З</h1><p>Текст.</p></article></body></html>`;
    const time = `<html><body><article><h1>З</h1><time datetime="2026-01-06T11:00:00Z">вчера</time><p>Текст.</p></article></body></html>`;
    expect(readHtmlPage(jsonLd).published).toBe("2026-01-05T10:00:00+02:00");
    expect(readHtmlPage(time).published).toBe("2026-01-06T11:00:00Z");
  });

  it("recognises schema.org Comment markup and plain comment lists without WordPress classes", () => {
    const page = `<html><head><title>Нов мост | Сайт</title></head><body>
      <article><h1>Нов мост</h1><p>Строежът на новия мост над Марица започва догодина, съобщи министерството на регионалното развитие.</p></article>
      <div class="komentari">
        <div itemscope itemtype="https://schema.org/Comment"><span itemprop="author">Гошо</span><span itemprop="dateCreated" content="2026-02-01T10:00:00+02:00">преди час</span><div itemprop="text">Крайно време беше.</div></div>
        <div itemscope itemtype="https://schema.org/Comment"><span itemprop="author">Пенка</span><div itemprop="text">Дано този път да го завършат.</div></div>
      </div>
      <div id="comments"><div class="c"><b class="user">Ана</b><p>Само обещания.</p></div></div>
    </body></html>`;
    const article = readHtmlPage(page);
    expect(ranges(article, "comment")).toEqual(["Крайно време беше.", "Дано този път да го завършат.", "Само обещания."]);
    expect(ranges(article, "meta")).toEqual(["Гошо · 2026-02-01T10:00:00+02:00", "Пенка", "Ана"]);
    expect(ranges(article, "title")).toEqual(["Нов мост"]);
  });

  it("does not take a 'most commented' list of headlines for a comment thread", () => {
    const page = `<html><body><article><h1>Заглавие</h1><p>Основният текст на статията е тук и е достатъчно дълъг, за да бъде намерен от Readability.</p></article>
      <aside class="most-commented"><ul><li><a href="/1">Друга новина</a></li><li><a href="/2">Трета новина</a></li></ul></aside></body></html>`;
    const article = readHtmlPage(page);
    expect(article.comments).toEqual([]);
  });
});

describe("readHtmlFragment", () => {
  it("turns feed HTML into paragraphs with the given title first", () => {
    const article = readHtmlFragment("<p>Първи <b>абзац</b>.</p><p>Втори&nbsp;абзац<br>с нов ред.</p><script>alert(1)</script>", { title: "Заглавие" });
    expect(article.text).toBe("Заглавие\n\nПърви абзац.\n\nВтори\u00a0абзац\nс нов ред.");
    expect(article.hints).toEqual([{ kind: "title", start: 0, end: 8 }]);
  });

  it("removes soft hyphens and zero-width spaces that would split words for later checks", () => {
    expect(readHtmlFragment("<p>Пре&shy;зи&shy;дент&#8203;ът</p>").text).toBe("Президентът");
  });
});

describe("comment threads inside a wrapper named like one", () => {
  it("finds the thread inside a comment-named wrapper that also holds the article", () => {
    const page = `<html><body><div class="post-with-comments"><article><h1>Заглавие</h1><p>Основният текст на статията е тук и е достатъчно дълъг, за да бъде намерен от Readability без затруднения.</p></article>
      <ul class="comment-list"><li class="comment"><span class="author">Мира</span><p>Съгласна съм.</p></li></ul></div></body></html>`;
    const article = readHtmlPage(page);
    expect(ranges(article, "comment")).toEqual(["Съгласна съм."]);
    expect(article.text).toContain("Основният текст на статията");
  });
});
