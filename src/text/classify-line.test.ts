import { describe, expect, it } from "vitest";
import { classifyLine, type LinePattern } from "./classify-line.js";

const CASES: Array<[LinePattern, string]> = [
  ["boilerplate", "Сподели"],
  ["boilerplate", "Сподели: Facebook Twitter"],
  ["boilerplate", "Този сайт използва бисквитки, за да работи правилно. Приемам"],
  ["boilerplate", "© 2026 Вестник. Всички права запазени."],
  ["related-heading", "Още по темата"],
  ["related-heading", "Свързани новини:"],
  ["comments-heading", "Коментари (12)"],
  ["comment-header", "• 3 Пешо_от_Враца"],
  ["meta", "2 5 Отговор"],
  ["meta", "09:12 03.03.2026"],
  ["meta", "преди 5 часа"],
  ["meta", "Прочетена 1234 пъти"],
  ["meta", "Автор: Анна Колева"],
  ["meta", "Снимка: архив"],
  ["meta", "Тема:\u00a0Транспорт"],
  ["meta", "3 Март, 2026 09:12 1502 14"],
  ["meta", "Анна Колева, 03.03.2026 09:12"],
  ["content", "Протест блокира центъра на 5 март"],
  ["content", "Споделеното от министъра предизвика спор."],
  ["content", "Коментарите на министъра предизвикаха спор."],
];

describe("classifyLine", () => {
  it.each(CASES)("sees %s in „%s“", (pattern, line) => {
    expect(classifyLine(line)).toBe(pattern);
  });
});
