import { describe, expect, it } from "vitest";
import { checkCopiedSource } from "../src/checks/copied-source.js";
import { checkLanguage } from "../src/checks/language.js";
import { checkNumbers } from "../src/checks/numbers.js";
import { checkSummary } from "../src/checks/summary.js";
import { checkTranslation } from "../src/checks/translation.js";
import type { IdText } from "../src/checks/types.js";
import type { TargetLanguage } from "../src/common/languages.js";
import { splitSentences } from "../src/text/sentences.js";

/**
 * The error kinds of issue 11 that the gates and the splitter own (kinds 6 and 7, language ID and
 * the Serbian variant, are tested beside langid). Every case is the issue's own example or one
 * written like it; each asserts the outcome a user sees: the gate's verdict or the split.
 */

/** The failing gates of the translate step for sentence `id`. */
function failingGates(target: TargetLanguage, source: IdText[], translation: IdText[], id = "1"): string[] {
  return checkTranslation({ target, source, translation })
    .filter((result) => result.status === "fail" && (result.segmentId === id || result.segmentId === undefined))
    .map((result) => result.name);
}

/** What `prevod check` runs on a line with a source: the language gate, then copied source and numbers. */
function checkVerdict(target: TargetLanguage, text: string, source?: string): "pass" | "fail" {
  const results = checkLanguage({ target, text, ...(source === undefined ? {} : { source }) });
  if (source !== undefined) results.push(...checkCopiedSource({ source, text, target }), ...checkNumbers({ source, text, target }));
  return results.some((result) => result.status === "fail") ? "fail" : "pass";
}

const SOURCE = "Правителството одобри бюджета за следващата година.";

describe("error kind 1: empty answers pass", () => {
  const blanks: Array<[string, string]> = [
    ["an empty string", ""],
    ["spaces", "   "],
    ["two blank lines", "\n\n"],
    ["a lone NBSP", "\u00a0"],
    ["zero-width spaces (U+200B)", "\u200b\u200b"],
    ["a zero-width space between spaces", " \u200b "],
  ];
  it.each(blanks)("prevod check fails %s", (_, text) => {
    expect(checkVerdict("ru", text)).toBe("fail");
    expect(checkVerdict("en", text, SOURCE)).toBe("fail");
  });
  it.each(blanks)("the pipeline's alignment gate fails %s", (_, text) => {
    expect(failingGates("sr-Cyrl", [{ id: "1", text: SOURCE }], [{ id: "1", text }])).toContain("alignment");
  });
  it("passes a real translation (control)", () => {
    expect(checkVerdict("ru", "Правительство одобрило бюджет на следующий год.", SOURCE)).toBe("pass");
    expect(failingGates("ru", [{ id: "1", text: SOURCE }], [{ id: "1", text: "Правительство одобрило бюджет на следующий год." }])).toEqual([]);
  });
});

describe("error kind 2: an untranslated sentence glued into a translation passes", () => {
  const source: IdText[] = [
    { id: "1", text: "Варна пуска 40 нови електробуса" },
    { id: "2", text: "Общината ще ги купи със средства от европейските фондове до края на годината." },
  ];
  const cases: Array<[TargetLanguage, string]> = [
    ["ru", "Муниципалитет купит их на средства европейских фондов до конца года."],
    ["sr-Cyrl", "Општина ће их купити средствима из европских фондова до краја године."],
    ["en", "The municipality will buy them with money from the European funds by the end of the year."],
  ];
  it.each(cases)("fails the Bulgarian headline glued before the next sentence's translation (%s)", (target, next) => {
    const glued = [{ id: "1", text: `${source[0]!.text} ${next}` }, { id: "2", text: next }];
    // Named as what it is, not only as a translation too long for its source.
    expect(failingGates(target, source, glued)).toContain("copied-source");
  });
  it.each(cases)("prevod check fails the glued line against its whole Bulgarian source (%s)", (target, next) => {
    const whole = `${source[0]!.text}\n${source[1]!.text}`;
    expect(checkVerdict(target, `${source[0]!.text} ${next}`, whole)).toBe("fail");
  });
  it("fails most of a source sentence's words left inside a translation", () => {
    const translation = [
      { id: "1", text: "Varna dobija 40 novih električnih autobusa." },
      { id: "2", text: "Общината ще ги купи със средства от европейските фондове, do kraja godine." },
    ];
    expect(failingGates("sr-Latn", source, translation, "2")).toContain("copied-source");
  });
  it("passes the translated headline and sentence (control)", () => {
    const translation = [
      { id: "1", text: "Варна запускает 40 новых электробусов" },
      { id: "2", text: "Муниципалитет купит их на средства европейских фондов до конца года." },
    ];
    expect(checkTranslation({ target: "ru", source, translation }).filter((result) => result.status === "fail")).toEqual([]);
  });
});

describe("error kind 3: a short Latin prefix fools the language gate", () => {
  const bulgarian = "Вучич е на официално посещение в Астана на 26-27 февруари.";
  it.each(["[note] ", "Note: ", "FYI - ", "[draft] "])("fails Bulgarian behind %j as Russian and as Serbian", (prefix) => {
    expect(checkVerdict("ru", prefix + bulgarian)).toBe("fail");
    expect(checkVerdict("sr-Cyrl", prefix + bulgarian)).toBe("fail");
  });
  it("passes the Russian translation behind the same prefix (control)", () => {
    expect(checkVerdict("ru", "[note] Вучич находится с официальным визитом в Астане 26-27 февраля.", bulgarian)).toBe("pass");
  });
});

describe("error kind 4: the numbers gate rejects good translations", () => {
  it.each<[string, string, string, TargetLanguage]>([
    ["a compound number word for 55-годишният", "55-годишният мъж е задържан от полицията.", "Педесетпетогодишњи мушкарац је приведен у полицију.", "sr-Cyrl"],
    ["a decade for около 30-годишен", "Нападателят е около 30-годишен.", "Нападач је у тридесетим.", "sr-Cyrl"],
    ["200 мили as 320 km", "Ураганът е на 200 мили от брега.", "Uragan je na 320 km od obale.", "sr-Latn"],
    ["12 мили as 19 km", "Селото е на 12 мили от града.", "Деревня находится в 19 км от города.", "ru"],
    ["a dropped duplicated parenthetical, 15 метра (50 фута)", "Вълната е висока 15 метра (50 фута).", "Талас је висок 15 метара.", "sr-Cyrl"],
    ["pounds as kilograms", "Рибата тежи 20 паунда.", "The fish weighs 9 kilograms.", "en"],
    ["°F as °C", "Температурата падна до 50 градуса по Фаренхайт.", "Температура упала до 10 градусов по Цельсию.", "ru"],
    ["inches as centimetres", "Паднаха 4 инча сняг.", "Пало је 10 цм снега.", "sr-Cyrl"],
    ["a year as its decade (1930 → 30-е годы)", "Църквата е затворена в годините след 1930 г.", "Церковь закрыли в 30-е годы прошлого века.", "ru"],
    ["metres as yards", "Той стреля от 27 метра.", "He shot from 30 yards out.", "en"],
    ["a short year written out (SS19 → 2019)", "Шапките са от колекцията SS19.", "Шешири су из колекције за пролеће 2019.", "sr-Cyrl"],
    ["the parenthesis in м/ч (mph) dropped", "Цунамито се движеше с 800 км/ч (497 м/ч).", "Цунами је путовао брзином од 800 km/h.", "sr-Cyrl"],
  ])("passes %s", (_, source, text, target) => {
    expect(checkNumbers({ source, text, target })[0]!.status).toBe("pass");
  });
  it.each<[string, string, string, TargetLanguage]>([
    ["a changed number word", "55-годишният мъж е задържан от полицията.", "Педесетшестогодишњи мушкарац је приведен у полицију.", "sr-Cyrl"],
    ["a wrong conversion", "Ураганът е на 200 мили от брега.", "Uragan je na 250 km od obale.", "sr-Latn"],
    ["a dropped number", "Вълната е висока 15 метра, а вятърът духа с 90 км/ч.", "The wave is 15 metres high and the wind is strong.", "en"],
    ["a changed amount beside its kept conversion", "Цунамито се движеше с 800 км/ч (497 м/ч).", "The tsunami travelled at 803 kph (497 mph).", "en"],
    ["a changed decade", "Църквата е затворена в годините след 1930 г.", "Церковь закрыли в 40-е годы прошлого века.", "ru"],
  ])("still fails %s", (_, source, text, target) => {
    expect(checkNumbers({ source, text, target })[0]!.status).toBe("fail");
  });
});

describe("error kind 4: a size said as a compound adjective or an hour said in words", () => {
  it.each<[string, string, string, TargetLanguage]>([
    ["6 фута и 6 инча as двухметровый (a 2-metre forward)", "Високият 6 фута и 6 инча нападател е роден в Пловдив.", "Двухметровый нападающий родился в Пловдиве.", "ru"],
    ["6 фута и 6 инча as dvometarski", "Високият 6 фута и 6 инча нападател е роден в Пловдив.", "Dvometarski napadač rođen je u Plovdivu.", "sr-Latn"],
    ["3 километра as трёхкилометровый", "Новата писта е дълга 3 километра.", "Построена новая трёхкилометровая трасса.", "ru"],
    ["2 мили as трокилометарски (3.2 km)", "Плажът е дълъг 2 мили.", "То је трокилометарска плажа.", "sr-Cyrl"],
    ["the 15th minute as the quarter-hour mark", "Той поиска дузпа в 15-та минута, но реферът отказа.", "He wanted a penalty on the quarter-hour mark, but the referee refused.", "en"],
    ["30 минути as полчаса", "Срещата продължи 30 минути.", "Встреча длилась полчаса.", "ru"],
    ["30 минути as pola sata", "Срещата продължи 30 минути.", "Sastanak je trajao pola sata.", "sr-Latn"],
    ["милиона as the abbreviation мил.", "Сделката е за 125 милиона долара.", "Посао вреди 125 мил. долара.", "sr-Cyrl"],
    ["милиарда as the abbreviation mlrd.", "Пазарът се оценява на 2,8 милиарда евро.", "Tržište se procenjuje na 2,8 mlrd. evra.", "sr-Latn"],
    ["a 550-фунтово animal as 250 kila", "550-фунтовото прасе е нападнало фермера.", "Svinja od 250 kila napala je farmera.", "sr-Latn"],
  ])("passes %s", (_, source, text, target) => {
    expect(checkNumbers({ source, text, target })[0]!.status).toBe("pass");
  });
  it.each<[string, string, string, TargetLanguage]>([
    ["8 фута и 6 инча as двухметровый", "Високият 8 фута и 6 инча нападател е роден в Пловдив.", "Двухметровый нападающий родился в Пловдиве.", "ru"],
    ["5 километра as трёхкилометровый", "Новата писта е дълга 5 километра.", "Построена новая трёхкилометровая трасса.", "ru"],
    ["the 15th minute as the half-hour mark", "Той поиска дузпа в 15-та минута, но реферът отказа.", "He wanted a penalty at the half-hour mark, but the referee refused.", "en"],
    ["the 15th minute as the 45th", "Той поиска дузпа в 15-та минута, но реферът отказа.", "Он требовал пенальти на сорок пятой минуте, но судья отказал.", "ru"],
  ])("still fails %s", (_, source, text, target) => {
    expect(checkNumbers({ source, text, target })[0]!.status).toBe("fail");
  });
});
describe("error kind 4 in summaries: a converted number is the article's number", () => {
  it("passes a summary giving the article's metres in yards, fails one with a number the article lacks", () => {
    const sourceText = "Стъридж получи подаване на около 27-28 метра от вратата.";
    const summary = (text: string) => checkSummary({ target: "en", headline: "Sturridge scores", summary: text, sourceText, maxWords: 80 }).find((result) => result.name === "numbers")!.status;
    expect(summary("Sturridge got the ball 30 yards from goal.")).toBe("pass");
    expect(summary("Sturridge got the ball 45 yards from goal.")).toBe("fail");
  });
});

describe("error kind 5: copied-source rejects lines that are legitimately the same", () => {
  it.each<[string, string, string, TargetLanguage]>([
    ["a one-word headline shared by both languages", "Торнадо", "Торнадо", "ru"],
    ["the same headline in Serbian", "Торнадо", "Торнадо", "sr-Cyrl"],
    ["a name alone", "Владимир Путин", "Владимир Путин", "ru"],
    ["an interjection transliterated", "Да, да.", "Da, da.", "sr-Latn"],
    ["an interjection in Cyrillic", "Да, да.", "Да, да.", "sr-Cyrl"],
  ])("passes %s", (_, source, text, target) => {
    expect(checkCopiedSource({ source, text, target }).every((result) => result.status === "pass")).toBe(true);
    expect(failingGates(target, [{ id: "1", text: source }], [{ id: "1", text }])).toEqual([]);
  });
  it("still fails a sentence handed back untranslated", () => {
    expect(checkCopiedSource({ source: SOURCE, text: SOURCE, target: "ru" }).some((result) => result.status === "fail")).toBe(true);
  });
});

describe("error kind 8: segmentation corners", () => {
  const split = (text: string): string[] => splitSentences(text).map((span) => span.text);
  it("ends a sentence after an agency abbreviation (предаде АП.)", () => {
    expect(split("Трима души са загинали при стрелбата, предаде АП. Според полицията нападателят е задържан.")).toEqual([
      "Трима души са загинали при стрелбата, предаде АП.",
      "Според полицията нападателят е задържан.",
    ]);
  });
  it("keeps the lower-case abbreviation ап. (apartment) inside its sentence", () => {
    expect(split("Живее на ул. „Шипка“ 5, ап. 12. Съседите го познават.")).toEqual(["Живее на ул. „Шипка“ 5, ап. 12.", "Съседите го познават."]);
  });
  it("does not split a date after the month abbreviation (1 ян. 2026 г.)", () => {
    expect(split("Законът влиза в сила на 1 ян. 2026 г. и засяга всички общини.")).toEqual(["Законът влиза в сила на 1 ян. 2026 г. и засяга всички общини."]);
    expect(split("Законът влиза в сила от 1 ян. 2026 г. Министерството ще издаде наредба.")).toEqual([
      "Законът влиза в сила от 1 ян. 2026 г.",
      "Министерството ще издаде наредба.",
    ]);
  });
  it("keeps a quoted title with a full stop inside as one sentence", () => {
    expect(split("„Война и мир. Том първи“ излиза отново в ново издание.")).toEqual(["„Война и мир. Том първи“ излиза отново в ново издание."]);
  });
  it("still splits quoted speech of two sentences", () => {
    expect(split("„Бяхме на ръба на война. Щяха да загинат милиони“, каза той.")).toEqual(["„Бяхме на ръба на война.", "Щяха да загинат милиони“, каза той."]);
  });
  it("decides г. before a capitalised word by what follows", () => {
    // A name after a year starts a sentence.
    expect(split("Той е роден през 1950 г. Иван Петров е негов брат.")).toEqual(["Той е роден през 1950 г.", "Иван Петров е негов брат."]);
    // After a date opener the subject continues the sentence …
    expect(split("През 1879 г. Търновската конституция е приета.")).toEqual(["През 1879 г. Търновската конституция е приета."]);
    // … but a capitalised function word cannot continue it.
    expect(split("Кога? През 2019 г. Тогава всичко започна.")).toEqual(["Кога?", "През 2019 г.", "Тогава всичко започна."]);
  });
});
