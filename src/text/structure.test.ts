import { describe, expect, it } from "vitest";
import { isPrevodError } from "../errors.js";
import { analyzeArticle } from "./structure.js";
import type { Segment } from "./types.js";

/** [kind, text] pairs, the way a reader would check the page. */
const kindsAndTexts = (segments: Segment[]): Array<[string, string]> => segments.map((segment) => [segment.kind, segment.text]);

function expectExactOffsets(text: string, segments: Segment[]): void {
  segments.forEach((segment, index) => {
    expect(segment.id).toBe(`s${index + 1}`);
    expect(text.slice(segment.start, segment.end)).toBe(segment.text);
    expect(segment.text).toBe(segment.text.trim());
    if (index > 0) expect(segment.start).toBeGreaterThanOrEqual(segments[index - 1]!.end);
  });
  const covered = segments.map((segment) => segment.text).join("");
  expect(covered.replace(/\s/g, "")).toBe(text.replace(/\s/g, ""));
}

const MUNICIPAL_PAGE = [
  "Начало",
  "Новини",
  "Сподели",
  "Общината вдига таксата за смет с 10%",
  "Автор: Мария Иванова",
  "Снимка: БГНЕС",
  "Прочетена 1234 пъти",
  "",
  "Общинският съвет прие новата такса за битови отпадъци. Тя ще важи от 1 април.",
  "",
  "Кметът обясни, че парите ще отидат за нови контейнери.",
  "Още по темата",
  "Кметът обеща нови контейнери",
  "Протест срещу таксите в центъра",
  "",
  "Този сайт използва бисквитки, за да подобри вашето изживяване. Приемам",
  "",
  "Коментари (2)",
  "",
  "Иван_П",
  "16:43 27.02.2026",
  "Пак ние плащаме. Никой не пита хората.",
  "",
  "Мария",
  "17:02 27.02.2026",
  "Поне да чистят редовно.",
].join("\n");

describe("analyzeArticle", () => {
  it("labels navigation, title, bylines, body, related links, cookie notice and comments of a page", () => {
    const segments = analyzeArticle(MUNICIPAL_PAGE);
    expectExactOffsets(MUNICIPAL_PAGE, segments);
    expect(kindsAndTexts(segments)).toEqual([
      ["boilerplate", "Начало"],
      ["boilerplate", "Новини"],
      ["boilerplate", "Сподели"],
      ["title", "Общината вдига таксата за смет с 10%"],
      ["meta", "Автор: Мария Иванова"],
      ["meta", "Снимка: БГНЕС"],
      ["meta", "Прочетена 1234 пъти"],
      ["body", "Общинският съвет прие новата такса за битови отпадъци."],
      ["body", "Тя ще важи от 1 април."],
      ["body", "Кметът обясни, че парите ще отидат за нови контейнери."],
      ["boilerplate", "Още по темата"],
      ["boilerplate", "Кметът обеща нови контейнери"],
      ["boilerplate", "Протест срещу таксите в центъра"],
      ["boilerplate", "Този сайт използва бисквитки, за да подобри вашето изживяване. Приемам"],
      ["meta", "Коментари (2)"],
      ["meta", "Иван_П"],
      ["meta", "16:43 27.02.2026"],
      ["comment", "Пак ние плащаме."],
      ["comment", "Никой не пита хората."],
      ["meta", "Мария"],
      ["meta", "17:02 27.02.2026"],
      ["comment", "Поне да чистят редовно."],
    ]);
  });

  it("numbers paragraphs by blank-line blocks", () => {
    const segments = analyzeArticle(MUNICIPAL_PAGE);
    const paragraphOf = (text: string): number | undefined => segments.find((segment) => segment.text === text)?.paragraph;
    expect(paragraphOf("Начало")).toBe(0);
    expect(paragraphOf("Тя ще важи от 1 април.")).toBe(1);
    expect(paragraphOf("Още по темата")).toBe(2);
    expect(paragraphOf("Поне да чистят редовно.")).toBe(6);
  });

  it("marks a repeated title as meta so it is translated once", () => {
    const text = "Протест блокира центъра на Пловдив\n\nПротест блокира центъра на Пловдив\n\nСтотици души излязоха на площада. Движението е спряно.";
    expect(kindsAndTexts(analyzeArticle(text))).toEqual([
      ["title", "Протест блокира центъра на Пловдив"],
      ["meta", "Протест блокира центъра на Пловдив"],
      ["body", "Стотици души излязоха на площада."],
      ["body", "Движението е спряно."],
    ]);
  });

  it("does not mistake a comment counter under the title or a bulleted list for a comment thread", () => {
    const text = [
      "Парламентът прие бюджета на първо четене",
      "Коментари (12)",
      "27.02.2026, 10:15",
      "",
      "Депутатите приеха бюджета с 121 гласа „за“. Основните промени са:",
      "• 1 милиард за пенсии",
      "• 2 нови данъка за банките",
      "",
      "Опозицията обяви, че ще сезира Конституционния съд.",
    ].join("\n");
    const segments = analyzeArticle(text);
    expect(segments.filter((segment) => segment.kind === "comment")).toEqual([]);
    expect(kindsAndTexts(segments).slice(0, 3)).toEqual([
      ["title", "Парламентът прие бюджета на първо четене"],
      ["meta", "Коментари (12)"],
      ["meta", "27.02.2026, 10:15"],
    ]);
    expect(segments.filter((segment) => segment.kind === "body").map((segment) => segment.text)).toContain("• 2 нови данъка за банките");
  });

  it("keeps a numbered list with a photo credit inside the body", () => {
    const text = "Правителството прие нови мерки срещу инфлацията\n\nМерките са три:\n1. Нулев ДДС\nСнимка: архив\n2. Помощ за наемите\n\nТе влизат в сила от 1 юли.";
    expect(kindsAndTexts(analyzeArticle(text))).toEqual([
      ["title", "Правителството прие нови мерки срещу инфлацията"],
      ["body", "Мерките са три:"],
      ["body", "1. Нулев ДДС"],
      ["meta", "Снимка: архив"],
      ["body", "2. Помощ за наемите"],
      ["body", "Те влизат в сила от 1 юли."],
    ]);
  });

  it("treats text that starts with running prose as body without a title", () => {
    const text = "Министърът подаде оставка. Причината е скандал.\n\nПремиерът я прие.";
    expect(analyzeArticle(text).map((segment) => [segment.kind, segment.paragraph])).toEqual([
      ["body", 0],
      ["body", 0],
      ["body", 1],
    ]);
  });

  it("lets hints from the HTML override guesses, also inside a line", () => {
    const text = "Реклама Заглавие от HTML\n\nПърви абзац. Втори абзац.\n\nОтговор на читател.";
    const start = (part: string): number => text.indexOf(part);
    const segments = analyzeArticle(text, {
      hints: [
        { kind: "boilerplate", start: 0, end: start(" Заглавие") },
        { kind: "title", start: start("Заглавие"), end: start("\n\nПърви") },
        { kind: "comment", start: start("Отговор"), end: text.length },
      ],
    });
    expectExactOffsets(text, segments);
    expect(kindsAndTexts(segments)).toEqual([
      ["boilerplate", "Реклама"],
      ["title", "Заглавие от HTML"],
      ["body", "Първи абзац."],
      ["body", "Втори абзац."],
      ["comment", "Отговор на читател."],
    ]);
  });

  it("rejects hints outside the text with a located INPUT_INVALID error", () => {
    let caught: unknown;
    try {
      analyzeArticle("Кратък текст.", { hints: [{ kind: "body", start: 0, end: 5 }, { kind: "title", start: 4, end: 99 }] });
    } catch (error) {
      caught = error;
    }
    expect(isPrevodError(caught, "INPUT_INVALID")).toBe(true);
    expect((caught as Error).message).toContain("hints[1]");
  });

  it("returns no segments for blank text", () => {
    expect(analyzeArticle("  \n\n \t")).toEqual([]);
  });
});
