import { describe, expect, it } from "vitest";
import type { TargetLanguage } from "../common/languages.js";
import { compoundNumber } from "../text/numbers/compounds.js";
import { checkNumbers } from "./numbers.js";

const status = (source: string, text: string, target: TargetLanguage) => checkNumbers({ source, text, target })[0]!.status;

describe("error kind 4: the numbers gate rejects good translations", () => {
  it.each<[string, string, string, TargetLanguage]>([
    ["a compound number word (55-year-old)", "55-годишният мъж е арестуван.", "Педесетпетогодишњи мушкарац је ухапшен.", "sr-Cyrl"],
    ["a compound number word in Latin script", "55-годишният мъж е арестуван.", "Pedesetpetogodišnji muškarac je uhapšen.", "sr-Latn"],
    ["a decade for an approximate age", "Мъжът е около 30-годишен.", "Мушкарац је у тридесетим.", "sr-Cyrl"],
    ["a Russian ten and unit in words", "Ще бъде на терена между една и 48 минути.", "Больше одной и меньше сорока восьми минут.", "ru"],
    ["a Russian compound adjective", "25-годишният играч подписа.", "Двадцатипятилетний игрок подписал контракт.", "ru"],
    ["miles converted to km", "Бурята е на 200 мили от брега.", "Олуја је 320 km од обале.", "sr-Latn"],
    ["12 miles converted to 19 km", "Селото е на 12 мили от града.", "Деревня находится в 19 км от города.", "ru"],
    ["a range of inches converted to cm", "Очакват се от 2 до 4 инча дъжд.", "Очекује се од 5 до 10 цм кише.", "sr-Cyrl"],
    ["pounds in an adjective converted to kg", "550-фунтовото прасе е атакувало фермера.", "Свиња од 250 килограма напала је фермера.", "sr-Cyrl"],
    ["degrees Fahrenheit converted to Celsius", "Температурата ще стигне до 80 градуса.", "Температура достигнет 27 градусов.", "ru"],
    ["feet converted to metres", "Вълната е висока 50 фута.", "The wave is 15 metres high.", "en"],
    ["acres converted to hectares", "Пожарът е изгорил 1000 акра.", "Пожар је спалио 405 хектара.", "sr-Cyrl"],
    ["a dropped duplicated parenthetical", "Вълната е висока 15 метра (50 фута).", "Талас је висок 15 метара.", "sr-Cyrl"],
    ["a dropped parenthetical in miles", "Брегът на 300 км (190 мили) северно от Палу.", "Обала 300 км северно од Палуа.", "sr-Cyrl"],
    ["a Serbian Latin range converted (od … do)", "Очакват се от 2 до 3 инча дъжд на час.", "Očekuje se od 5 do 8 cm kiše na sat.", "sr-Latn"],
    ["half for 50%", "Активността трябва да е 50% плюс един глас.", "Потребно је да изађе половина гласача плус један.", "sr-Cyrl"],
    ["a decade of a century given as a year", "Нападението е станало през 80-те години на 20 век.", "The assault happened in the 1980s.", "en"],
    ["one end of a close approximate range", "Той стреля от около 27-28 метра.", "Шутирао је са 27 метара.", "sr-Cyrl"],
  ])("passes %s", (_, source, text, target) => {
    expect(status(source, text, target)).toBe("pass");
  });

  it.each<[string, string, string, TargetLanguage]>([
    ["a changed number", "55-годишният мъж е арестуван.", "Педесетчетворогодишњи мушкарац је ухапшен.", "sr-Cyrl"],
    ["a changed digit", "Бурята е на 200 мили от брега.", "Олуја је 250 миља од обале.", "sr-Cyrl"],
    ["a wrong conversion", "Бурята е на 200 мили от брега.", "Олуја је 250 km од обале.", "sr-Latn"],
    ["a conversion into a unit that does not convert", "Бурята е на 200 мили от брега.", "Буря в 320 кг от берега.", "ru"],
    ["a dropped number", "Вълната е висока 15 метра, а вятърът духа с 90 км/ч.", "Талас је висок 15 метара, а ветар дува јако.", "sr-Cyrl"],
    ["both ends of a range dropped", "Той стреля от около 27-28 метра.", "Шутирао је са велике даљине.", "sr-Cyrl"],
    ["a wide range cut to one end", "Очакват се от 2 до 4 инча дъжд.", "Očekuje se 5 cm kiše.", "sr-Latn"],
    ["a dropped main amount whose parenthesis stays in the same unit", "Вълната е висока 15 метра (50 фута).", "Талас је висок 50 метара.", "sr-Cyrl"],
  ])("still fails %s", (_, source, text, target) => {
    expect(status(source, text, target)).toBe("fail");
  });

  it("reads number words, not words that merely start like them", () => {
    expect(compoundNumber("педесетпетогодишњи", "sr-Cyrl")).toBe(55);
    expect(compoundNumber("тридесетим", "sr-Cyrl")).toBe(30);
    expect(compoundNumber("петак", "sr-Cyrl")).toBeUndefined();
    expect(compoundNumber("семья", "ru")).toBeUndefined();
    expect(compoundNumber("другим", "sr-Cyrl")).toBeUndefined();
  });
});

describe("error kind 4: conversions and number words must not hide a changed number", () => {
  it.each<[string, string, string, TargetLanguage]>([
    ["miles changed while the kilometres are kept", "Вулканът е на 45 мили (72 километра) от столицата.", "The volcano is 48 miles (72 kilometres) from the capital.", "en"],
    ["a changed end of a close range", "Планирахме той да играе около 55-60 минути.", "Dogovorili smo se da igra 58, 60 minuta.", "sr-Latn"],
    ["a changed hour beside a spelled number the source also spells", "В 2 следобед два полицейски вана минаха.", "U 5 posle podne dva policijska kombija su prošla sa drugim kombijem.", "sr-Latn"],
  ])("fails %s", (_, source, text, target) => {
    expect(status(source, text, target)).toBe("fail");
  });

  it("passes a spelled amount with a loosely rounded parenthesis dropped", () => {
    expect(status("Вълни с височина до шест метра (18 фута).", "Talasi visoki šest metara.", "sr-Latn")).toBe("pass");
  });
});
