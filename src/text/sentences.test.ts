import { describe, expect, it } from "vitest";
import { splitSentences } from "./sentences.js";

/** The sentence texts, for readable expectations. */
const split = (text: string): string[] => splitSentences(text).map((sentence) => sentence.text);

/** Every case is "sentences joined by one space (or a line break)"; the splitter must find them again. */
function expectSplit(...sentences: string[]): void {
  expect(split(sentences.join(" "))).toEqual(sentences);
}

describe("splitSentences: contract", () => {
  it("gives exact offsets, trims whitespace and keeps every visible character exactly once", () => {
    const text = "  Първо изречение.  Второ?\n\n„Трето!“ – каза той.\tКрай…  ";
    const sentences = splitSentences(text);
    let covered = "";
    let previousEnd = 0;
    for (const sentence of sentences) {
      expect(text.slice(sentence.start, sentence.end)).toBe(sentence.text);
      expect(sentence.text).toBe(sentence.text.trim());
      expect(sentence.start).toBeGreaterThanOrEqual(previousEnd);
      expect(text.slice(previousEnd, sentence.start).trim()).toBe("");
      covered += sentence.text;
      previousEnd = sentence.end;
    }
    expect(text.slice(previousEnd).trim()).toBe("");
    expect(covered.replace(/\s/g, "")).toBe(text.replace(/\s/g, ""));
    expect(sentences.map((sentence) => sentence.text)).toEqual(["Първо изречение.", "Второ?", "„Трето!“ – каза той.", "Край…"]);
  });

  it("keeps the contract on noisy text made of punctuation, quotes, digits and line breaks", () => {
    // A fixed pseudo-random generator, so a failure reproduces.
    let seed = 20260227;
    const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const pieces = ["г.", "Т.", "т.е.", "2027", " ", "  ", "\n", "\n\n", "\u00a0", ".", "...", "…", "!", "?", "„", "“", "«", "»", "(", ")", "–", "- ", "1.", "• ", "Кмет", "обеща", "Ремонт", "www.cik.bg", "млн.", "\"", ":", ","];
    for (let round = 0; round < 300; round++) {
      let text = "";
      const length = 1 + Math.floor(random() * 40);
      for (let index = 0; index < length; index++) text += pieces[Math.floor(random() * pieces.length)];
      const sentences = splitSentences(text);
      let previousEnd = 0;
      for (const sentence of sentences) {
        expect(text.slice(sentence.start, sentence.end)).toBe(sentence.text);
        expect(sentence.text.length).toBeGreaterThan(0);
        expect(sentence.text).toBe(sentence.text.trim());
        expect(text.slice(previousEnd, sentence.start).trim()).toBe("");
        previousEnd = sentence.end;
      }
      expect(text.slice(previousEnd).trim()).toBe("");
    }
  });

  it("returns nothing for empty or blank text and one sentence for text without punctuation", () => {
    expect(splitSentences("")).toEqual([]);
    expect(splitSentences(" \n\t ")).toEqual([]);
    expect(splitSentences("  без точка  ")).toEqual([{ text: "без точка", start: 2, end: 11 }]);
  });

  it("treats no-break spaces and tabs as whitespace at sentence edges", () => {
    expect(split("Тема:\u00a0Икономика\u00a0\nЦените растат.\u00a0Заплатите не.")).toEqual(["Тема:\u00a0Икономика", "Цените растат.", "Заплатите не."]);
  });
});

describe("splitSentences: year, city and address abbreviations", () => {
  it("ends a sentence on „г.“ after a year when a new sentence follows", () => {
    expectSplit("Тунелът ще бъде завършен до 2029 г.", "Разходите се поемат от държавата.");
    expectSplit("Пострадалият е на 34 г.", "Той е в стабилно състояние.");
  });

  it("does not end on „г.“ inside a date opener or before a lower-case word", () => {
    expectSplit("През 1396 г. Видинското царство пада под османска власт.");
    expectSplit("В началото на 2024 г. Министерството обяви конкурс.");
    expectSplit("На 3 март 1878 г. България е освободена.", "Денят е национален празник.");
    expectSplit("Законът е приет през 2019 г. от парламента.");
  });

  it("keeps „гр.“, „ул.“, „бул.“, „ал.“, „чл.“, „т.“, „стр.“ and „с.“ before capitalised words", () => {
    expectSplit("Пожарът в гр. Девин е овладян.", "Пострадали няма.");
    expectSplit("Клиниката е на ул. Пиротска и на бул. Витоша.", "Приемът е безплатен.");
    expectSplit("Съгласно чл. 12, ал. 3 от закона срокът е кратък.", "Вижте т. 4 на стр. 8 от наредбата.");
    expectSplit("Кметът на с. Ябълково подаде оставка.", "Изборите са през есента.");
  });
});

describe("splitSentences: abbreviations inside sentences", () => {
  it("keeps „т.е.“, „т.нар.“, „напр.“, „вкл.“ and „др.“ before a capital inside a sentence", () => {
    expectSplit("Пенсиите растат с 10%, т.е. Фондът ще плати повече.", "Това е сигурно.");
    expectSplit("Т.нар. Голяма коалиция се разпадна.", "Нови избори не се очакват.");
    expectSplit("Някои градове, напр. Бургас и Русе, въведоха мярката.", "Други я обсъждат.");
    expectSplit("Поканени са всички партии, вкл. ДПС и ГЕРБ.", "Срещата е утре.");
  });

  it("ends after „и др.“ and „и т.н.“ that close a list", () => {
    expectSplit("Продават се плодове, зеленчуци, мед и др.", "Пазарът работи и в неделя.");
    expectSplit("Ще има концерти, изложби, театър и т.н.", "„Очакваме много гости“, каза кметът.");
  });

  it("keeps titles „проф.“, „доц.“, „акад.“, „инж.“, „ген.“ and „д-р“ with the name that follows", () => {
    expectSplit("Лекцията изнесе проф. Ангел Ганев.", "Присъстваха доц. Ива Ненова и акад. Борис Пеев.");
    expectSplit("Обектът е проектиран от инж. Стефан Стоев и одобрен от ген. Петко Илиев.");
    expectSplit("Според д-р Весела Ангелова пикът е минал.", "Тя съветва хората да се ваксинират.");
  });

  it("ends after amounts in „млн.“, „млрд.“, „хил.“ and „лв.“ only when a new sentence starts", () => {
    expectSplit("Бюджетът на проекта е 12 млн.", "Половината идва от европейски фондове.");
    expectSplit("Дефицитът достигна 3,1 млрд. лв.", "Финансистите са притеснени.");
    expectSplit("Работят 250 хил. души в сектора.", "Заплатите им растат с 8%.");
    expectSplit("Глобата е 500 лв. за физически лица.", "За фирмите тя е двойна.");
    expectSplit("Инвестицията е 40 млн. евро.", "Заводът ще наеме 300 души.");
  });

  it("keeps „№“ with its number and ends after a numbered address", () => {
    expectSplit("Делото е заведено под № 1542 в Софийския районен съд.", "Заседанието е в понеделник.");
    expectSplit("Офисът е на ул. „Раковски“ № 21.", "Работи от 9 до 18 ч.");
  });
});

describe("splitSentences: names, dates and numbers", () => {
  it("keeps initials with the surname", () => {
    expectSplit("Решението е подписано от Т. Живков през 1968 г.", "Документът е открит наскоро.");
    expectSplit("Б. Борисов и Р. Радев не коментираха.", "Журналистите чакаха.");
    expectSplit("Антологията включва Ив. Вазов, Хр. Смирненски и Дж. Оруел.");
  });

  it("ends after a single letter that is a grade or label, not an initial", () => {
    expectSplit("Проектът получи оценка A.", "Той е одобрен.");
    expectSplit("Училището е в група Б.", "Това е второто ниво.");
  });

  it("does not split dates, times, decimals and dotted numbers", () => {
    expectSplit("Срокът изтича на 27.02.2026 в 16:43 ч. в пощата.", "Инфлацията е 2,5%, а растежът 3.1%.");
    expectSplit("Заседанието е на 27 февруари 2026 г.", "Начало в 10:00 ч.");
    expectSplit("Регистрацията е до 15.03.", "Закъснелите няма да бъдат допуснати.");
    expectSplit("Изборите са на 09.06.2024.", "Секциите отварят в 7 ч.");
  });

  it("ends after a century and a time unit, but not inside them", () => {
    expectSplit("Църквата е от края на XIV в.", "Стенописите са реставрирани.");
    expectSplit("Влакът закъсня с 40 мин.", "Пътниците протестираха.");
    expectSplit("Срещата започва в 11 ч. и ще продължи два часа.");
  });
});

describe("splitSentences: quotes, ellipses and dialogue", () => {
  it("does not end at ?/! before a closing quote followed by a comma, a dash or a lower-case word", () => {
    expectSplit("„Кой ще плати сметката?“, питат жителите на квартала.", "Отговор няма.");
    expectSplit("„Срамота!“ – викаха протестиращите.", "Полицията се намеси.");
    expectSplit("Филмът «Защо точно аз?» спечели награда.", "Режисьорът е дебютант.");
  });

  it("ends after the closing quote when a new sentence follows", () => {
    expectSplit("Министърът беше кратък: „Няма да подам оставка!“", "Опозицията поиска вот.");
    expectSplit("На плаката пишеше «Не на войната!»", "Шествието мина мирно.");
    expectSplit("„Бюджетът е балансиран“, каза тя.", "„Няма да има нови данъци.“", "Депутатите ръкопляскаха.");
  });

  it("treats an ellipsis inside quotes like ! and ?", () => {
    expectSplit("„Ще видим…“ – отговори министърът.", "„Не знам…“", "Той замълча.");
    expectSplit("«Краят?..» се казва новата му книга.");
  });

  it("splits a multi-sentence quotation at its inner sentence ends", () => {
    expectSplit("„Работим денонощно.", "Резултатите ще дойдат“, обеща кметът.");
  });

  it("ends after an ellipsis before a capital but not before a lower-case word", () => {
    expectSplit("Чакахме, чакахме...", "Никой не дойде.");
    expectSplit("Цените растат… и растат, а заплатите стоят.");
    expectSplit("Остават две минути…", "Залата затаи дъх.");
  });

  it("keeps each dialogue line and list item on its own line", () => {
    const text = "– Кога тръгвате? – попита шофьорът.\n– Веднага след обяд.\n– А кога ще се върнете?";
    expect(split(text)).toEqual(["– Кога тръгвате? – попита шофьорът.", "– Веднага след обяд.", "– А кога ще се върнете?"]);
    const list = "Новите правила са:\n1. Входът е с билет.\n2. Снимането е забранено.\n• Децата влизат безплатно.";
    expect(split(list)).toEqual(["Новите правила са:", "1. Входът е с билет.", "2. Снимането е забранено.", "• Децата влизат безплатно."]);
  });

  it("does not end at a colon inside running text", () => {
    expectSplit("Причината е проста: Няма пари за ремонт.", "Общината търси решение.");
  });
});

describe("splitSentences: lines, headlines and addresses", () => {
  it("ends a headline without punctuation at its line break", () => {
    expect(split("Стачка блокира пристанището\nРаботниците искат по-високи заплати. Преговорите продължават.")).toEqual([
      "Стачка блокира пристанището",
      "Работниците искат по-високи заплати.",
      "Преговорите продължават.",
    ]);
  });

  it("joins a wrapped line that continues in lower case or after a preposition", () => {
    expect(split("Общината ще ремонтира моста над\nреката до края на годината. Движението ще е затворено за\nКмета и гостите.")).toEqual([
      "Общината ще ремонтира моста над\nреката до края на годината.",
      "Движението ще е затворено за\nКмета и гостите.",
    ]);
  });

  it("joins the lines of a hard-wrapped paragraph even before a capitalised name", () => {
    const text = [
      "Казахстан и Сърбия ще си сътрудничат в добива на суровини, обяви",
      "президентът на страната след разговори със сръбския си колега",
      "Александър Вучич, който е на официално посещение в Астана. Визитата",
      "продължава два дни и включва срещи с бизнеса на двете страни.",
    ].join("\n");
    expect(split(text)).toHaveLength(2);
    // Lines of equal length, but each starts with a capital: a list of headlines, not wrapped prose.
    const items = [
      "Програма на форума за енергетика и нови технологии",
      "Откриване на изложбата в голямата зала на двореца",
      "Дискусия за бъдещето на енергетиката в Европа",
      "Концерт на студентския хор в двора на университета",
    ].join("\n");
    expect(split(items)).toHaveLength(4);
  });

  it("always ends at a blank line", () => {
    expect(split("Първи абзац без точка\n\nВтори абзац")).toEqual(["Първи абзац без точка", "Втори абзац"]);
  });

  it("does not split URLs and e-mail addresses and ends after them", () => {
    expectSplit("Документите са на https://www.mon.bg/bg/100.html?lang=bg и на www.cik.bg.", "Сроковете са кратки.");
    expectSplit("Сигнали се приемат на signal@mvr.bg.", "Анонимността е гарантирана.");
  });

  it("keeps Latin company suffixes and titles inside the sentence", () => {
    expectSplit("Фирмата Nordic Ltd. купи завода.", "Сделката е за 20 млн. евро.");
    expectSplit("Сред гостите беше и Dr. Smith от Оксфорд.", "Той говори за климата.");
  });
});

describe("splitSentences: Russian and Serbian", () => {
  it("handles Russian abbreviations, initials and dialogue dashes", () => {
    expectSplit("В 2019 г. В. В. Петров переехал в г. Тверь.", "Там он работал до 2021 г.", "Потом вернулся, т. е. уехал снова.");
    expectSplit("Ущерб оценили в 37 млрд. долл. США.", "Страховщики молчат.");
    expectSplit("Ловили рыбу, собирали грибы и т. д.", "Отдых удался.");
  });

  it("handles Serbian ordinals, dates and abbreviations in both scripts", () => {
    expectSplit("Споразумение је потписано 5. марта 2024. године у Београду.", "Ступа на снагу 1. јула.");
    expectSplit("Sporazum je potpisan 5. marta 2024. godine u Beogradu.", "Prema tzv. planu B, rok je kraći.");
    expectSplit("Пројекат води др Јована Илић, нпр. у области енергетике.", "Буџет је 2 милиона.");
  });
});
