import { describe, expect, it } from "vitest";
import { checkLanguage } from "../src/checks/language.js";
import type { TargetLanguage } from "../src/common/languages.js";
import { identifyLanguage } from "../src/text/langid.js";

/**
 * Error kinds 6 and 7 of issue 11: language ID between Bulgarian, Serbian and Macedonian on short
 * lines, and ijekavian or Croatian answers to a Serbian target. Every case is the issue's own
 * example or one written by hand like it (none is taken from the evaluation data).
 */

const verdict = (target: TargetLanguage, text: string): { status: "pass" | "fail"; detail: string } => {
  const failures = checkLanguage({ target, text }).filter((result) => result.status === "fail");
  return { status: failures.length > 0 ? "fail" : "pass", detail: failures.map((result) => result.detail).join(" | ") };
};

describe("kind 6: short Bulgarian and Serbian lines do not go to Macedonian", () => {
  it.each([
    ["Варна пуска 40 нови електробуса", "bg"],
    ["Да.", "bg"],
    ["Ухапа ме!", "bg"],
    ["Пловдив посреща нови туристи", "bg"],
    ["Прилично осредњи квалитет.", "sr-Cyrl"],
    ["Добар резултат за Нови Сад.", "sr-Cyrl"],
  ])("%s → %s", (text, lang) => {
    expect(identifyLanguage(text).lang).toBe(lang);
  });

  it("a Bulgarian adjective in -ен (успешен, глобален) is Bulgarian, not Macedonian", () => {
    expect(identifyLanguage("Колко успешен е глобалният проект, преди да постигне целта си?").lang).toBe("bg");
  });

  it.each([
    ["Сѐ е во ред.", "the letter ѐ"],
    ["Сѐ", "ѐ alone"],
    ["Се\u0300 е во ред.", "ѐ typed as е + combining grave"],
    ["Тоа ќе биде добро.", "ќ and ќе"],
    ["Не се откажав од ништо.", "ништо (Serbian ništa, Bulgarian нищо) beside од"],
  ])("Macedonian with evidence of its own stays Macedonian: %s (%s)", (text) => {
    expect(identifyLanguage(text).lang).toBe("mk");
  });

  it("a short Serbian answer whose words Macedonian shares passes the Serbian Cyrillic gate", () => {
    expect(verdict("sr-Cyrl", "Прилично осредњи квалитет.").status).toBe("pass");
    expect(verdict("sr-Cyrl", "Да.").status).toBe("pass");
  });

  it.each([
    ["Компанијата објави нова понуда.", "компанијата"],
    ["Зборувавме за тоа цела вечер.", "зборувавме"],
    ["Тие нѐ исмеваа.", "исмеваа"],
    ["Тимот доби гол на крајот.", "крајот"],
    ["Оние го сакаат градот.", "оние"],
    ["Погодокот донесе победа.", "погодокот"],
    ["Договор вреден 11 милиони фунти.", "милиони"],
  ])("Macedonian endings and words a Serbian answer never has fail the Serbian gate: %s", (text, word) => {
    const { status, detail } = verdict("sr-Cyrl", text);
    expect(status).toBe("fail");
    expect(detail).toContain("Macedonian");
    expect(detail).toContain(`'${word}'`);
  });

  it("Serbian words that end like Macedonian articles pass (живот, пилот, робот, у овој, откако)", () => {
    expect(verdict("sr-Cyrl", "Живот пилота није лак, али робот у овој фабрици ради откако је купљен.").status).toBe("pass");
    expect(verdict("sr-Cyrl", "Милиони људи су гледали, а потрошено је 11 милиона евра.").status).toBe("pass");
  });

  it("a Macedonian answer to a Serbian target still fails", () => {
    expect(verdict("sr-Cyrl", "Тоа ќе биде добро за сите граѓани.").status).toBe("fail");
  });
});

describe("kind 7: ijekavian and Croatian answers to a Serbian target fail, naming the Serbian form", () => {
  it.each([
    ["sr-Cyrl", "Дјеца су се играла у ријеци.", ["ријеци", "реци"]],
    ["sr-Latn", "Dobili smo prijedlog da se odluka donijela unaprijed.", ["prijedlog", "predlog"]],
    ["sr-Latn", "Obavijest je stigla jučer ujutro.", ["Obavijest", "obaveštenje"]],
    ["sr-Cyrl", "Звијезда серије Still Game отвара ресторан.", ["Звијезда", "Звезда"]],
    ["sr-Latn", "Ide nam odlično sa Sjevernom Korejom.", ["Sjevernom", "Severnom"]],
    ["sr-Latn", "Gost je rekao da je to pogriješio.", ["pogriješio"]],
  ] as const)("ijekavian (%s): %s", (target, text, mentions) => {
    const { status, detail } = verdict(target, text);
    expect(status).toBe("fail");
    expect(detail).toContain("ekavian");
    for (const mention of mentions) expect(detail.toLowerCase()).toContain(mention.toLowerCase());
  });

  it.each([
    ["Tijekom stoljeća grad je rastao.", ["Tijekom", "Tokom", "stoljeća", "vek"]],
    ["Zrakoplov je sletio u zračnu luku.", ["Zrakoplov", "avion"]],
    ["Tvrtka je registrirala novi proizvod.", ["registrirala", "registrovala"]],
    ["Ministrica je definirala proračun za iduću godinu.", ["definirala", "definisala", "proračun", "budžet"]],
    ["No pregovori su zapeli.", ["'No' → 'Ali'"]],
    ["Policija je uhitila dva odvjetnika.", ["odvjetnika", "advokat"]],
    ["Gledatelji su bili oduševljeni.", ["Gledatelji"]],
    ["Tisuću ljudi je prosvjedovalo na cesti.", ["hiljada", "cesti"]],
  ] as const)("Croatian in sr-Latn: %s", (text, mentions) => {
    const { status, detail } = verdict("sr-Latn", text);
    expect(status).toBe("fail");
    for (const mention of mentions) expect(detail.toLowerCase()).toContain(mention.toLowerCase());
  });

  it("Croatian syntax counts only in pairs: the infinitive after a modal alone passes, with a verb-li question it fails", () => {
    expect(verdict("sr-Latn", "On može doći sutra.").status).toBe("pass");
    const { status, detail } = verdict("sr-Latn", "Mislite li da može doći?");
    expect(status).toBe("fail");
    expect(detail).toContain("'Mislite li' → 'Da li mislite'");
  });

  it.each([
    ["Sve što smo napravili bit će na kušnji.", ["'bit će' → 'biće'"]],
    ["Uh, uh, što?", ["'što' → 'šta'"]],
    ["Rekli su mi da nigdje ne idem u studenome.", ["nigdje", "novembar"]],
    ["Tvornica je na trećem katu, a Nijemci su željeli doći.", ["fabrika", "sprat", "Nemci", "želeli"]],
  ] as const)("Croatian future, interrogative što, ijekavian adverbs: %s", (text, mentions) => {
    const { status, detail } = verdict("sr-Latn", text);
    expect(status).toBe("fail");
    for (const mention of mentions) expect(detail.toLowerCase()).toContain(mention.toLowerCase());
  });

  it.each([
    ["sr-Latn", "Sjedinjene Države su objavile da će sankcije ostati."],
    ["sr-Latn", "Premijer je rekao da je prijem bio odličan i da nije bilo problema."],
    ["sr-Latn", "Ona je računala na podršku, ali je sve bilo kasnije, na prometnom putu."],
    ["sr-Latn", "Rekla je da je to važno – što me je iznenadilo."],
    ["sr-Cyrl", "Деца су се играла у реци, а старији су гледали утакмицу."],
    ["sr-Latn", "Tokom veka grad je rastao, a avion je sleteo na aerodrom."],
  ] as const)("standard Serbian passes (%s): %s", (target, text) => {
    expect(verdict(target, text)).toEqual({ status: "pass", detail: "" });
  });
});

describe("kind 7: Croatian syntax and ijekavian after l or n (koljeno, gnjev) fail a Serbian target", () => {
  it.each([
    ["sr-Latn", "Mislim da trebamo prebroditi prošlost.", ["'trebamo prebroditi' → 'treba da …'"]],
    ["sr-Latn", "On bi trebao doći sutra ujutro.", ["'trebao doći'"]],
    ["sr-Latn", "Rekli su da raditi će od kuće.", ["'raditi će' → 'radiće'"]],
    ["sr-Latn", "Sankcije nas ne mogu baciti na koljena.", ["koljena", "kolena"]],
    ["sr-Cyrl", "Народ је реаговао с гњевом.", ["гњевом", "гневом"]],
    ["sr-Latn", "To je rak debelog crijeva.", ["crijeva", "creva"]],
    ["sr-Latn", "Nije htio ništa reći.", ["htio", "hteo"]],
    ["sr-Latn", "Kupuju u trgovinama živežnih namirnica.", ["živežnih"]],
    ["sr-Latn", "Stajao je pokraj vrata.", ["pokraj", "pored"]],
    ["sr-Latn", "Senator je donio odluku nakon razgovora.", ["donio", "doneo"]],
    ["sr-Latn", "Akcija spašavanja je počela.", ["spašavanja", "spasavati"]],
    ["sr-Latn", "Prihvaćanje sporazuma je važno.", ["Prihvaćanje", "prihvatati"]],
    ["sr-Latn", "Brod je plovio Tihim oceanom.", ["oceanom", "okean"]],
    ["sr-Latn", "Nova linija za njegu kože.", ["njegu", "negu"]],
    ["sr-Cyrl", "То је допринијело губитку живота.", ["допринијело", "допринело"]],
    ["sr-Latn", "Posle probdijene noći svi su umorni.", ["probdijene", "probdene"]],
    ["sr-Latn", "To su njegovi osobni podaci.", ["osobni", "lični"]],
    ["sr-Latn", "Ima vlastiti stan.", ["vlastiti", "sopstveni"]],
    ["sr-Latn", "Ne zna itko što se dogodilo.", ["itko"]],
    ["sr-Latn", "Karta potiče studente da razmisle.", ["potiče", "podstiče"]],
    ["sr-Latn", "Jezici nastavljaju biti omiljeni s razlogom.", ["'nastavljaju biti'", "'s razlogom'"]],
  ] as const)("fails (%s): %s", (target, text, mentions) => {
    const { status, detail } = verdict(target, text);
    expect(status).toBe("fail");
    for (const mention of mentions) expect(detail.toLowerCase()).toContain(mention.toLowerCase());
  });

  it.each([
    ["sr-Latn", "Treba da prebrodimo prošlost, a on bi trebalo da dođe."],
    ["sr-Latn", "U budućnosti će raditi više, a moći će da dođe."],
    ["sr-Latn", "Bio je to izvanredan uspeh, pao je na kolena."],
    ["sr-Cyrl", "Народ је реаговао с гневом."],
    ["sr-Latn", "Senator je doneo odluku, a on je prihvaćen i uhvaćen; dali smo njega i njemu."],
    ["sr-Latn", "Reč potiče iz latinskog, a on je došao s njom."],
    ["sr-Latn", "Jezici nastavljaju da budu omiljeni."],
  ] as const)("standard Serbian passes (%s): %s", (target, text) => {
    expect(verdict(target, text)).toEqual({ status: "pass", detail: "" });
  });
});

describe("kind 7: prevod langid separates Croatian and Bosnian from Serbian Latin", () => {
  it.each([
    ["Predsednik je juče rekao da će se o tome razgovarati posle izbora.", "sr-Latn"],
    ["Deca su se igrala u reci, a hiljadu ljudi je gledalo.", "sr-Latn"],
    ["Tko je rekao da će tisuću obitelji dobiti pomoć tijekom tjedna?", "hr"],
    ["Predsjednik je rekao da zrakoplov kasni zbog vremena.", "hr"],
    ["Ko je rekao da će hiljadu porodica dobiti pomoć ove sedmice u historiji grada?", "bs"],
    // Serbian lines that looked Croatian on scores alone: no ijekavian or Croatian form, so Serbian.
    ["Erdogan je naišao na mešovit prijem u Kelnu.", "sr-Latn"],
    ["Četrnaest ljudi je primilo pomoć zbog povreda zadobijenih tokom protesta.", "sr-Latn"],
    // Bosnian that looked Serbian: Croatian-and-Bosnian "skupina" beside Serbian-and-Bosnian "skupština".
    ["Jedan član skupštine je rekao da je njegova skupina zabrinuta.", "bs"],
  ])("%s → %s", (text, lang) => {
    expect(identifyLanguage(text).lang).toBe(lang);
  });

  it("the Serbian Latin gate no longer accepts Bosnian: 'historija' fails, naming 'istorija'", () => {
    expect(identifyLanguage("Ovo je važan dan u historiji grada.").lang).toBe("bs");
    const { status, detail } = verdict("sr-Latn", "Ovo je važan dan u historiji grada.");
    expect(status).toBe("fail");
    expect(detail).toContain("'historiji' → 'istorija'");
  });

  it("the Serbian Latin gate refuses a Bosnian answer, naming the Serbian forms", () => {
    const { status, detail } = verdict("sr-Latn", "Ko je rekao da će hiljadu porodica dobiti pomoć ove sedmice, prije nego što vijeće odluči?");
    expect(status).toBe("fail");
    expect(detail).toContain("'prije' → 'pre'");
  });
});
