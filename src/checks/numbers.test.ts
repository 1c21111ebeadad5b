import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { TargetLanguage } from "../common/languages.js";
import { checkNumbers, numbersAbsentFrom } from "./numbers.js";

const verdict = (source: string, text: string, target: TargetLanguage) => checkNumbers({ id: "s3", source, text, target })[0]!;

// Sentences and translations written for these tests.
const GOOD: Array<[string, string, TargetLanguage]> = [
  ["Инфлацията се е повишила с 2,5% през януари.", "Inflation rose by 2.5% in January.", "en"],
  ["Инфлацията се е повишила с 2,5% през януари.", "Инфляция выросла на 2,5% в январе.", "ru"],
  ["Инфлацията се е повишила с 2,5% през януари.", "Инфлација је порасла за 2,5 одсто у јануару.", "sr-Cyrl"],
  ["Инфлацията се е повишила с 2,5% през януари.", "Inflacija je porasla za 2,5 odsto u januaru.", "sr-Latn"],
  ["Протестът ще се проведе на 27 февруари 2026 г. в 16:43 ч.", "The protest will take place on February 27, 2026 at 16:43.", "en"],
  ["Протестът ще се проведе на 27 февруари 2026 г. в 16:43 ч.", "The protest will take place on 27 February 2026 at 4:43 p.m.", "en"],
  ["Протестът ще се проведе на 27 февруари 2026 г. в 16:43 ч.", "Протест пройдёт 27 февраля 2026 года в 16:43.", "ru"],
  ["Протестът ще се проведе на 27 февруари 2026 г. в 16:43 ч.", "Протест ће бити одржан 27. фебруара 2026. године у 16.43 часова.", "sr-Cyrl"],
  ["Протестът ще се проведе на 27 февруари 2026 г. в 16:43 ч.", "Protest će biti održan 27. februara 2026. u 16:43.", "sr-Latn"],
  ["Общината отпусна 5 млн. лв. за ремонта на 1 200 училища.", "The municipality allocated 5 million leva to renovate 1,200 schools.", "en"],
  ["Общината отпусна 5 млн. лв. за ремонта на 1 200 училища.", "The municipality allocated BGN 5,000,000 to renovate 1200 schools.", "en"],
  ["Общината отпусна 5 млн. лв. за ремонта на 1 200 училища.", "Муниципалитет выделил 5 млн левов на ремонт 1200 школ.", "ru"],
  ["Общината отпусна 5 млн. лв. за ремонта на 1 200 училища.", "Муниципалитет выделил 5 миллионов левов на ремонт 1 200 школ.", "ru"],
  ["Общината отпусна 5 млн. лв. за ремонта на 1 200 училища.", "Општина је издвојила 5 милиона лева за обнову 1.200 школа.", "sr-Cyrl"],
  ["Изложбата ще бъде открита на 26-27 февруари.", "The exhibition will be open on 26–27 February.", "en"],
  ["Изложбата ще бъде открита на 26-27 февруари.", "The exhibition will be open from February 26 to 27.", "en"],
  ["Изложбата ще бъде открита на 26-27 февруари.", "Выставка будет открыта 26–27 февраля.", "ru"],
  ["Изложбата ще бъде открита на 26-27 февруари.", "Изложба ће бити отворена 26. и 27. фебруара.", "sr-Cyrl"],
  ["Безработицата е 10 процента.", "Unemployment is 10 per cent.", "en"],
  ["Безработицата е 10%.", "Безработица составляет 10 процентов.", "ru"],
  ["Безработицата е 10 %.", "Nezaposlenost iznosi 10 posto.", "sr-Latn"],
  ["Двама души са ранени.", "2 people were injured.", "en"],
  ["Пострадаха 2 души.", "Two people were hurt.", "en"],
  ["Пострадаха 2 души.", "Пострадали двое.", "ru"],
  ["Пострадаха 2 души.", "Повређене су две особе.", "sr-Cyrl"],
  ["Това е 3-ият случай тази година.", "This is the third case this year.", "en"],
  ["Урната беше изработена през XX век.", "The urn was made in the 20th century.", "en"],
  ["Урната беше изработена през XX век.", "Урна была изготовлена в XX веке.", "ru"],
  ["Комисията не получи сигнали до 1 следобед.", "The commission had no reports by 1 p.m.", "en"],
  ["Комисията не получи сигнали до 1 следобед.", "Комиссия не получила сообщений до 13:00.", "ru"],
  ["Войната от 1950–1953 г. не е приключила официално.", "The 1950-53 war has not formally ended.", "en"],
  ["През 90-те години градът растеше.", "In the 1990s the city grew.", "en"],
  ["Заплатата е 1.200 лв.", "The salary is 1,200 leva.", "en"],
  ["Срещата е в петък.", "The meeting is on Friday.", "en"],
  ["На протеста дойдоха 1 200 души.", "1200 people came to the protest.", "en"],
  ["На протеста дойдоха 1 200 души.", "1,200 people came to the protest.", "en"],
  ["На протеста дойдоха 1200 души.", "На протест пришли 1 200 человек.", "ru"],
  ["На протеста дойдоха 1200 души.", "На протест је дошло 1.200 људи.", "sr-Cyrl"],
  ["Отборът е 3-ти в класирането.", "The team is 3rd in the standings.", "en"],
  ["Отборът е 3-ти в класирането.", "Команда занимает 3-е место.", "ru"],
  ["Отборът е 3-ти в класирането.", "Тим је 3. на табели.", "sr-Cyrl"],
];

describe("checkNumbers: translations that keep every number pass", () => {
  it.each(GOOD)("%s → %s (%s)", (source, text, target) => {
    const result = verdict(source, text, target);
    expect(result.detail).not.toContain("missing");
    expect(result.status).toBe("pass");
  });
});

describe("checkNumbers: missing or changed numbers fail with a detail naming them", () => {
  it("names the missing number and what was found instead", () => {
    expect(verdict("В страната има 60 общини.", "The country has 16 municipalities.", "en")).toEqual({
      name: "numbers",
      status: "fail",
      detail: "s3: the number 60 from the source is missing; found 16",
      segmentId: "s3",
    });
  });

  it.each<[string, string, TargetLanguage, string]>([
    ["Протестът е на 27 февруари.", "Протест пройдёт 27 марта.", "ru", "the date 27 февруари (27 February) from the source is missing; found 27 марта (27 March)"],
    ["Общината отпусна 5 млн. лв.", "The municipality allocated 5 leva.", "en", "the amount 5 млн. лв. (5,000,000) from the source is missing; found 5 leva"],
    ["Общината отпусна 5 млн. лв.", "Општина је издвојила 5 милиона евра.", "sr-Cyrl", "the amount 5 млн. лв. (5,000,000) from the source is missing; found 5 милиона евра (5,000,000)"],
    ["Ръстът е 2,5%.", "Growth is 25%.", "en", "the percentage 2,5% from the source is missing; found 25%"],
    ["Резултатът е 2:2.", "The score is 2:1.", "en", "the number 2 from the source is missing; found 1"],
    ["Влакът тръгва в 16:43 ч.", "Поезд отправляется в 16:34.", "ru", "the time 16:43 from the source is missing; found 16:34"],
    ["Изложбата е на 26-27 февруари.", "The exhibition is on 27 February.", "en", "the date 26 (26 February) from the source is missing"],
    ["Загинаха 60 души, а 2,5 хил. са ранени.", "60 people died.", "en", "the number 2,5 хил. (2,500) from the source is missing"],
    ["През 2025 г. и 2026 г.", "In 2025.", "ru", "the number 2026 from the source is missing"],
    ["Цената е 1 200 лв. и 300 лв.", "Цена 1 200 левов.", "ru", "the amount 300 лв. from the source is missing"],
  ])("%s → %s (%s)", (source, text, target, detail) => {
    const result = verdict(source, text, target);
    expect(result.status).toBe("fail");
    expect(result.detail).toBe(`s3: ${detail}`);
  });

  it("lists several missing numbers in one detail", () => {
    const result = verdict("Бюджетът е 12 млрд. лв., а дефицитът 3%.", "Бюджет составляет 21 млрд левов, а дефицит 8%.", "ru");
    expect(result.detail).toBe("s3: the numbers 12 млрд. лв. (12,000,000,000) and 3% from the source are missing; found 21 млрд левов (21,000,000,000) and 8%");
  });

  it("requires a number that occurs twice to occur twice", () => {
    expect(verdict("Гласуваха 5 души, а против бяха 5.", "5 people voted, and the rest were against.", "en").status).toBe("fail");
  });
});

describe("numbersAbsentFrom", () => {
  it("finds a number in a summary that the article does not contain, in any format", () => {
    const article = "Общината отпусна 5 млн. лв. за 1 200 училища на 27 февруари.";
    expect(numbersAbsentFrom("The municipality gave 5 million leva to 1,200 schools on February 27.", "en", article)).toEqual([]);
    expect(numbersAbsentFrom("The municipality gave 7 million leva to 1,200 schools.", "en", article).map((token) => token.text)).toEqual(["7 million leva"]);
  });
});

const ntrex = fileURLToPath(new URL("../../../shared/data/ntrex/ntrex.dev.jsonl", import.meta.url));
if (!existsSync(ntrex)) console.warn(`skipped: ${ntrex} absent (NTREX false-failure rate of the numbers gate)`);

describe.skipIf(!existsSync(ntrex))("numbers gate on NTREX dev lines (human translations of the same English)", () => {
  const lines = existsSync(ntrex) ? readFileSync(ntrex, "utf8").trim().split("\n").map((line) => JSON.parse(line) as Record<string, string>) : [];
  const rate = (key: string, target: TargetLanguage) => {
    const results = lines.map((line) => checkNumbers({ source: line.bul as string, text: line[key] as string, target })[0]!);
    const withNumbers = results.filter((result) => !result.detail.includes("no numbers")).length;
    const failed = results.filter((result) => result.status === "fail").length;
    console.log(`numbers gate on NTREX bg→${target}: ${failed} of ${withNumbers} lines with numbers fail`);
    return failed / withNumbers;
  };

  it("almost never fails English references (their failures are genuine divergences)", () => {
    expect(rate("eng", "en")).toBeLessThan(0.02);
  });

  it("fails Russian and Serbian references only where they convert units (miles→km, °F→°C) or drop a number", () => {
    // The Russian and Serbian references localise imperial units, so these rates are not false failures alone.
    expect(rate("rus", "ru")).toBeLessThan(0.16);
    expect(rate("srp-Cyrl", "sr-Cyrl")).toBeLessThan(0.16);
    expect(rate("srp-Latn", "sr-Latn")).toBeLessThan(0.16);
  });
});
