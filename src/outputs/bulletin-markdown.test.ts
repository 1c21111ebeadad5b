import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TargetLanguage } from "../common/languages.js";
import { escapeMarkdown } from "./bulletin-markdown.js";
import { writeBulletins } from "./write-bulletins.js";

const FIXTURE = fileURLToPath(new URL("../../test/fixtures/bulletin", import.meta.url));
const temporary = mkdtempSync(join(tmpdir(), "prevod-bulletin-markdown-"));
beforeAll(async () => {
  cpSync(FIXTURE, temporary, { recursive: true });
  await writeBulletins(temporary, { formats: ["md"] });
});
afterAll(() => rmSync(temporary, { recursive: true, force: true }));

/** The fixture run's bulletin in one language, as writeBulletins wrote it. */
const rendered = (language: TargetLanguage) => readFileSync(join(temporary, `bulletin.${language}.md`), "utf8");

describe("escapeMarkdown", () => {
  it("keeps article text from making headings, lists, rules or blocks", () => {
    expect(escapeMarkdown("# Breaking")).toBe("\\# Breaking");
    expect(escapeMarkdown("- not a list")).toBe("\\- not a list");
    expect(escapeMarkdown("1. not a list")).toBe("1\\. not a list");
    expect(escapeMarkdown("---")).toBe("\\---");
    expect(escapeMarkdown("line one\n\n# line two")).toBe("line one # line two");
  });

  it("keeps article text from making emphasis, HTML, math or links", () => {
    expect(escapeMarkdown("*free* and _cheap_")).toBe("\\*free\\* and \\_cheap\\_");
    expect(escapeMarkdown("<img src=x onerror=alert(1)>")).toBe("\\<img src=x onerror=alert(1)\\>");
    expect(escapeMarkdown("[a link](https://evil.example/steal)")).toBe("\\[a link\\](https\\://evil.example/steal)");
    expect(escapeMarkdown("see www.example.bg or write to desk@example.bg")).toBe("see www\\.example.bg or write to desk\\@example.bg");
    expect(escapeMarkdown("$5 and $6")).toBe("\\$5 and \\$6");
    expect(escapeMarkdown("&amp; `code`")).toBe("\\&amp; \\`code\\`");
  });

  it("leaves ordinary news text readable", () => {
    expect(escapeMarkdown("Inflation slowed to 3.4% in February (NSI).")).toBe("Inflation slowed to 3.4% in February (NSI).");
  });
});

describe("renderBulletinMarkdown", () => {
  it("writes the header, one section per article in time order, and the failed article with its reasons", () => {
    const markdown = rendered("en");
    expect(markdown.startsWith("# News bulletin\n\n**Period:** 12 March 2026, 18:25 – 14 March 2026, 09:12\\\n**Articles:** 4 · complete: 2 · partial: 1 · not translated: 1\n")).toBe(true);
    const headings = markdown.split("\n").filter((line) => line.startsWith("## "));
    expect(headings).toEqual([
      "## Plovdiv makes buses free when the air is dirty",
      "## Sofia's third metro line to reach Ovcha Kupel by 2028",
      "## \\# Varna festival: \\<script\\>alert(1)\\</script\\> \\& \\[click\\](https\\://evil.example/steal)",
      "## Not translated (1)",
    ]);
    expect(markdown).toContain("14 March 2026, 09:12 · Source: [novini.example](<https://novini.example/sofia/metro-line-3>)");
    expect(markdown).toContain("> “We are starting construction this autumn and will not stop traffic on the line”\\\n> — Lyubomir Shterev\n");
    expect(markdown).toContain("> the new stations will serve about 40,000 passengers a day\\\n> — Petya Dimitrova (paraphrased)\n");
    expect(markdown).toContain("### Пристанище Бургас спира работа заради стачка на докерите\n\n- ID: burgas-port-strike\n");
    expect(markdown).toContain("  - translate/ru: no answer from ollama:gemma3:12b within 120 s (3 attempts)\n");
    expect(markdown).toContain("date unknown · Source: feeds/varna.rss#item-4");
  });

  it("makes no link but the articles' own, whatever the article text holds", () => {
    const markdown = rendered("en");
    const links = [...markdown.matchAll(/(?<!\\)\]\((<?[^)>]*>?)\)/g)].map((match) => match[1]);
    expect(links).toEqual(["<https://novini.example/plovdiv/air?id=7&src=rss>", "<https://novini.example/sofia/metro-line-3>", "<https://novini.example/burgas/port-strike>"]);
    expect(markdown).not.toMatch(/(?<!\\)<(?:script|img|b)\b/);
    expect(markdown).not.toMatch(/(?<!\\)https:\/\/evil/);
  });

  it("uses the bulletin's language for every fixed word and notes what a partial article lacks", () => {
    const russian = rendered("ru");
    expect(russian).toContain("# Сводка новостей");
    expect(russian).toContain("*Частичный результат. Нет: резюме.*\n\n*Из перевода:* Городской совет Пловдива решил");
    expect(russian).toContain("## Не переведено (1)");
    const latin = rendered("sr-Latn");
    expect(latin).toContain("*Delimičan rezultat. Nedostaje: deo prevoda, prevod nekih citata.*");
    expect(latin).toContain("> — Nadežda Čolakova (na bugarskom)");
    expect(latin).toContain("13. mart 2026, 16:40");
  });
});
