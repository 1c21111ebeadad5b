import { describe, expect, it } from "vitest";
import { explainLanguage, identifyLanguage, probabilityOf } from "./langid.js";
import { toLatin } from "./transliterate.js";

// Our own news-style sentences, the same content in each language (not taken from any data set).
const BULGARIAN = [
  "Министерският съвет одобри днес проектобюджета за следващата година.",
  "Според синоптиците през уикенда температурите ще паднат с около десет градуса.",
  "Кметът на София обяви, че ремонтът на булеварда ще приключи до края на месеца.",
  "Полицията задържа двама мъже, заподозрени в кражба на автомобили.",
  "„Няма да се откажем“, заяви лидерът на партията пред журналисти.",
  "Инфлацията в страната се забави за трети пореден месец.",
  "Пътят между Пловдив и Асеновград е затворен заради свлачище.",
  "Цените на тока за бизнеса остават високи.",
  "Учените откриха нов вид гущер в Родопите.",
  "Това не е вярно.",
];
const RUSSIAN = [
  "Правительство утвердило проект бюджета на следующий год.",
  "По словам синоптиков, в выходные температура снизится примерно на десять градусов.",
  "Мэр Москвы объявил, что ремонт проспекта завершится до конца месяца.",
  "Полиция задержала двух мужчин, подозреваемых в угоне автомобилей.",
  "«Мы не отступим», — заявил лидер партии журналистам.",
  "Инфляция в стране замедлилась третий месяц подряд.",
  "Дорога между двумя городами закрыта из-за оползня.",
  "Цены на электроэнергию для бизнеса остаются высокими.",
  "Учёные обнаружили новый вид ящерицы в горах.",
  "Это неправда.",
];
const SERBIAN = [
  "Влада је данас усвојила предлог буџета за наредну годину.",
  "Према најави метеоролога, температура ће током викенда пасти за десетак степени.",
  "Градоначелник Београда најавио је да ће реконструкција булевара бити завршена до краја месеца.",
  "Полиција је ухапсила двојицу мушкараца осумњичених за крађу аутомобила.",
  "„Нећемо одустати“, рекао је лидер странке новинарима.",
  "Инфлација у земљи успорила је трећи месец заредом.",
  "Пут између Ниша и Пирота затворен је због клизишта.",
  "Цене струје за привреду остају високе.",
  "Научници су открили нову врсту гуштера на Старој планини.",
  "То није тачно.",
];
const MACEDONIAN = [
  "Владата денеска го усвои предлог-буџетот за наредната година.",
  "Според метеоролозите, за викендот температурите ќе паднат за околу десет степени.",
  "Градоначалникот на Скопје најави дека реконструкцијата на булеварот ќе заврши до крајот на месецот.",
  "Полицијата уапси двајца мажи осомничени за кражба на автомобили.",
  "„Нема да се откажеме“, изјави лидерот на партијата пред новинарите.",
  "Инфлацијата во земјата забави трет месец по ред.",
  "Патот меѓу Битола и Охрид е затворен поради свлечиште.",
  "Цените на струјата за бизнисот остануваат високи.",
  "Научниците открија нов вид гуштер во планините.",
  "Тоа не е вистина.",
];
const ENGLISH = [
  "The cabinet approved the draft budget for next year on Tuesday.",
  "Forecasters say temperatures will drop by about ten degrees over the weekend.",
  "The mayor announced that repairs to the boulevard would be finished by the end of the month.",
  "Police arrested two men suspected of stealing cars.",
  '"We will not give up," the party leader told reporters.',
  "Inflation slowed for a third consecutive month.",
  "The road between the two towns is closed because of a landslide.",
  "Electricity prices for businesses remain high.",
  "Scientists have discovered a new species of lizard in the mountains.",
  "That is not true.",
];
const CROATIAN = [
  "Vlada je danas usvojila prijedlog proračuna za sljedeću godinu.",
  "Prema najavi meteorologa, temperatura će tijekom vikenda pasti za desetak stupnjeva.",
  "Gradonačelnik Zagreba najavio je da će obnova bulevara biti završena do kraja mjeseca.",
  "Cijene struje za gospodarstvo ostaju visoke.",
  "Znanstvenici su otkrili novu vrstu guštera na Velebitu.",
];

describe("identifyLanguage", () => {
  const cases: Array<[string, string[], string]> = [
    ["bg", BULGARIAN, "bg"],
    ["ru", RUSSIAN, "ru"],
    ["sr-Cyrl", SERBIAN, "sr-Cyrl"],
    ["mk", MACEDONIAN, "mk"],
    ["en", ENGLISH, "en"],
    ["sr-Latn", SERBIAN.map(toLatin), "sr-Latn"],
  ];
  for (const [name, sentences, expected] of cases) {
    it(`tells ${name} sentences, short ones included`, () => {
      expect(sentences.map((sentence) => identifyLanguage(sentence).lang)).toEqual(sentences.map(() => expected));
    });
  }

  it("tells Croatian (ijekavian, Croatian words) from Serbian Latin", () => {
    for (const sentence of CROATIAN) expect(identifyLanguage(sentence).lang).toBe("hr");
  });

  it("is confident on a paragraph and less so on a two-word line", () => {
    const paragraph = identifyLanguage(BULGARIAN.slice(0, 4).join(" "));
    expect(paragraph.lang).toBe("bg");
    expect(paragraph.confidence).toBeGreaterThan(0.99);
    expect(identifyLanguage("Това не е вярно.").confidence).toBeLessThan(paragraph.confidence);
  });

  it("keeps Cyrillic text Cyrillic when it is full of Latin names", () => {
    expect(identifyLanguage("Компанията пусна Google Drive, Microsoft Outlook, Slack и Spotify за всички служители.").lang).toBe("bg");
    expect(identifyLanguage("Компанија Mambikom Agrar је објавила да ће уложити пет милиона евра у NATO пројекат.").lang).toBe("sr-Cyrl");
  });

  it("answers und when there is nothing to judge or the language is not one of ours", () => {
    expect(identifyLanguage("").lang).toBe("und");
    expect(identifyLanguage("12:30 – 14:00, 3,5 %").lang).toBe("und");
    expect(identifyLanguage("NATO").lang).toBe("und");
    expect(identifyLanguage("Il faut bien le faire, nous sommes avec vous.").lang).toBe("und");
    expect(identifyLanguage("Україна і Європа домовилися про нові кроки.").lang).toBe("und");
  });

  it("reads initials and abbreviations as no evidence (U.S., A.I.)", () => {
    expect(identifyLanguage("U.S. should double A.I. funding").lang).toBe("en");
  });

  it("handles thousands of sentences per second", () => {
    const sentences = [...BULGARIAN, ...RUSSIAN, ...SERBIAN, ...MACEDONIAN, ...ENGLISH];
    const started = performance.now();
    for (let round = 0; round < 60; round += 1) for (const sentence of sentences) identifyLanguage(sentence);
    const perSecond = (60 * sentences.length) / ((performance.now() - started) / 1000);
    expect(perSecond).toBeGreaterThan(2000);
  });
});

describe("explainLanguage", () => {
  it("names the letters and words that make a text Bulgarian rather than Russian", () => {
    const evidence = explainLanguage("Министърът каза, че това не е вярно.", "bg", "ru");
    expect(evidence.letters).toContain("ъ");
    expect(evidence.words).toEqual(expect.arrayContaining(["че", "това"]));
    expect(evidence.words).not.toContain("не");
  });

  it("names Russian letters in a Serbian context", () => {
    expect(explainLanguage("Влада је рекла что переговоры продолжатся.", "ru", "sr-Cyrl").letters).toContain("ы");
  });
});

describe("probabilityOf", () => {
  it("gives the expected language almost nothing when the text is plainly another", () => {
    const guess = identifyLanguage("Министърът каза, че преговорите ще продължат и през следващата седмица.");
    expect(probabilityOf(guess, ["ru"])).toBeLessThan(0.01);
    expect(probabilityOf(guess, ["bg"])).toBeGreaterThan(0.95);
  });
});

describe("error kind 6: a line with the Macedonian-only ѐ came out und", () => {
  it.each(["Сѐ заврши.", "Се\u0300 заврши."])("identifies %s as Macedonian (precomposed or combining grave)", (text) => {
    expect(identifyLanguage(text).lang).toBe("mk");
  });
});
