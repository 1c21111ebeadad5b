import { describe, expect, it } from "vitest";
import type { TargetLanguage } from "../common/languages.js";
import { checkLanguage } from "./language.js";
import type { CheckResult } from "./types.js";

/**
 * A labelled set of realistic bad answers, written by us in the way LLM translators go wrong,
 * and of good answers that a gate must not fail. Each bad answer names the gates that must
 * catch it and words its detail must mention so a model can act on it.
 */
interface Labelled {
  label: string;
  target: TargetLanguage;
  text: string;
  source?: string;
  fails: Array<"language" | "script" | "mixed-script">;
  mentions?: string[];
}

const BAD: Labelled[] = [
  {
    label: "Bulgarian sentence left inside a Russian answer",
    target: "ru",
    text: "Правительство утвердило бюджет в среду. Министърът каза, че разходите за отбрана ще се увеличат. Оппозиция выступила против.",
    fails: ["language"],
    // The short last sentence is judged together with the one before it.
    mentions: ["sentence 2 of 2", "expected Russian, found Bulgarian", "ъ", "'че'"],
  },
  {
    label: "whole Russian answer is the Bulgarian source copied",
    target: "ru",
    text: "Кметът обяви, че ремонтът на моста ще приключи през юни.",
    source: "Кметът обяви, че ремонтът на моста ще приключи през юни.",
    fails: ["language"],
    mentions: ["found Bulgarian", "copied untranslated from the source"],
  },
  {
    label: "Bulgarian answer for Serbian, without any Bulgarian-only letter",
    target: "sr-Cyrl",
    text: "Кметът обяви, че ремонтът ще приключи през юни.",
    fails: ["language", "script"],
    mentions: ["expected Serbian (Cyrillic), found Bulgarian"],
  },
  {
    label: "Russian letters injected into Serbian",
    target: "sr-Cyrl",
    text: "Влада је саопштила да ће преговоры бити настављени следеће недеље у Београду.",
    fails: ["script"],
    mentions: ["ы", "'преговоры'"],
  },
  {
    label: "Serbian answer that drifts into Russian",
    target: "sr-Cyrl",
    text: "Председник је рекао да ће се састанак одржати. Однако оппозиция считает, что это ошибка.",
    fails: ["language", "script"],
    mentions: ["sentence 2 of 2", "found Russian"],
  },
  {
    label: "Macedonian passed as Serbian",
    target: "sr-Cyrl",
    text: "Владата денеска соопшти дека преговорите ќе продолжат следната недела во Скопје.",
    fails: ["language", "script"],
    mentions: ["found Macedonian", "ќ", "'дека'"],
  },
  {
    label: "Macedonian passed as Serbian, with no Macedonian-only letter",
    target: "sr-Cyrl",
    text: "Владата денеска соопшти дека преговорите со опозицијата продолжуваат и оваа недела.",
    fails: ["language"],
    mentions: ["found Macedonian", "'дека'"],
  },
  {
    label: "Latin homoglyphs hidden in Serbian Cyrillic words",
    target: "sr-Cyrl",
    text: "Председник je рекао да ћe сe састанак одржати у пeтак.",
    fails: ["mixed-script"],
    mentions: ["'ћe'", "Latin letters e", "'je'"],
  },
  {
    label: "Latin homoglyphs hidden in Russian words",
    target: "ru",
    text: "Он сказал, чтo переговоры прoдолжатся c понедельника.",
    fails: ["mixed-script"],
    mentions: ["'чтo'", "'прoдолжатся'", "'c'"],
  },
  {
    label: "English answer with one untranslated Bulgarian sentence",
    target: "en",
    text: "The government approved the budget on Tuesday. Опозицията заяви, че ще го обжалва в съда. The vote was 121 to 98.",
    fails: ["language", "script"],
    mentions: ["sentence 2 of 3", "expected English, found Bulgarian", "'Опозицията'"],
  },
  {
    label: "English answer with one untranslated Russian sentence",
    target: "en",
    text: "Talks resumed in Geneva. Стороны договорились встретиться снова через неделю.",
    fails: ["language", "script"],
    mentions: ["found Russian"],
  },
  {
    label: "Serbian Latin answer still in Cyrillic",
    target: "sr-Latn",
    text: "Влада је саопштила да ће преговори бити настављени.",
    fails: ["language", "script"],
    mentions: ["expected Serbian in Latin script, found Serbian in Cyrillic script"],
  },
  {
    label: "Serbian Cyrillic answer written in Latin script",
    target: "sr-Cyrl",
    text: "Vlada je saopštila da će pregovori biti nastavljeni sledeće nedelje.",
    fails: ["language"],
    mentions: ["expected Serbian in Cyrillic script, found Serbian in Latin script"],
  },
  {
    label: "Croatian vocabulary passed as Serbian Latin",
    target: "sr-Latn",
    text: "Tijekom sljedećeg tjedna tisuće obitelji dobit će pomoć, priopćila je općina.",
    fails: ["language"],
    mentions: ["expected standard (ekavian) Serbian", "'Tijekom' → 'tokom'", "'tisuće' → 'hiljada'"],
  },
  {
    label: "error kind 7: ijekavian Serbian Cyrillic (the target is ekavian)",
    target: "sr-Cyrl",
    text: "Предсједник је рекао да ће се о томе гдје и када разговарати послије избора.",
    fails: ["language"],
    mentions: ["expected standard (ekavian) Serbian", "'гдје' → 'где'"],
  },
  {
    label: "error kind 7: ijekavian and Croatian in Cyrillic letters",
    target: "sr-Cyrl",
    text: "Дјеца у ријеци нашла су тисућу риба.",
    fails: ["language"],
    mentions: ["'ријеци' → 'реци'", "'тисућу' → 'хиљада'"],
  },
  {
    label: "error kind 6: Macedonian with no letter of its own given as Serbian Cyrillic",
    target: "sr-Cyrl",
    text: "Тој рече дека тоа не е вистина.",
    fails: ["language"],
    mentions: ["found Macedonian", "'дека'"],
  },
  {
    label: "error kind 7: Croatian words in Serbian Latin",
    target: "sr-Latn",
    text: "Zrakoplov tvrtke sletio je u siječnju, a obitelj je čekala.",
    fails: ["language"],
    mentions: ["'Zrakoplov' → 'avion'", "'obitelj' → 'porodica'"],
  },
  {
    label: "error kind 3: Bulgarian behind a short Latin prefix, given as Russian",
    target: "ru",
    text: "[note] Вучич е на официално посещение в Астана на 26-27 февруари.",
    fails: ["language"],
    mentions: ["expected Russian, found Bulgarian"],
  },
  {
    label: "error kind 3: Bulgarian behind 'Note:', given as Russian",
    target: "ru",
    text: "Note: Вучич е на официално посещение в Астана.",
    fails: ["language"],
    mentions: ["expected Russian, found Bulgarian"],
  },
];

const GOOD: Array<Omit<Labelled, "fails" | "mentions">> = [
  { label: "Russian with Latin product names", target: "ru", text: "Компания объявила, что Google Drive, Microsoft Outlook, Slack и Spotify будут доступны всем сотрудникам." },
  { label: "Serbian with a Latin company name and acronyms", target: "sr-Cyrl", text: "Компанија Mambikom Agrar је у сарадњи са NATO и CNN објавила нови пројекат вредан 5 милиона евра." },
  { label: "ekavian Serbian Cyrillic", target: "sr-Cyrl", text: "Председник је рекао да ће се о томе где и када разговарати после избора." },
  { label: "Serbian Latin with loanwords spelled -ije- and 'Što se tiče'", target: "sr-Latn", text: "Što se tiče premijera, pacijenti su dobili karijeru i prijem." },
  { label: "Serbian with a grade letter in Latin", target: "sr-Cyrl", text: "Већина ученика добила је оцену A из математике." },
  { label: "English with numbers and a Bulgarian place name", target: "en", text: "Prices in Plovdiv rose by 3.5% in March, the statistics office said on 12 April." },
  { label: "only names and numbers in a Russian answer", target: "ru", text: "Mambikom Agrar, 2024." },
  { label: "only a product name in a Serbian answer", target: "sr-Cyrl", text: "Google Drive" },
  { label: "a short Russian reply", target: "ru", text: "Да, это так." },
  { label: "Russian behind a short Latin prefix", target: "ru", text: "[note] Вучич находится с официальным визитом в Астане 26-27 февраля." },
  { label: "Serbian Latin with a foreign name", target: "sr-Latn", text: "Kompanija Sainsbury's je najavila da će udvostručiti ponudu kozmetike." },
  { label: "a Russian quotation inside a Russian answer", target: "ru", text: "«Мы не отступим», — заявил лидер партии журналистам в понедельник." },
];

const failing = (results: CheckResult[]): CheckResult[] => results.filter((result) => result.status === "fail");

describe("checkLanguage on bad answers", () => {
  for (const answer of BAD) {
    it(`catches: ${answer.label}`, () => {
      const results = checkLanguage({ target: answer.target, text: answer.text, id: "s7", ...(answer.source === undefined ? {} : { source: answer.source }) });
      const failed = failing(results);
      expect([...new Set(failed.map((result) => result.name))].sort()).toEqual([...answer.fails].sort());
      const details = failed.map((result) => result.detail).join("\n");
      for (const mention of answer.mentions ?? []) expect(details).toContain(mention);
      for (const result of failed) {
        expect(result.segmentId).toBe("s7");
        expect(result.detail.startsWith("s7: ")).toBe(true);
      }
    });
  }
});

describe("checkLanguage on good answers", () => {
  for (const answer of GOOD) {
    it(`passes: ${answer.label}`, () => {
      const results = checkLanguage({ target: answer.target, text: answer.text });
      expect(failing(results)).toEqual([]);
      expect(results.map((result) => result.name)).toEqual(["language", "script", "mixed-script"]);
    });
  }

  it("gives one pass per gate without an id when none is given", () => {
    const results = checkLanguage({ target: "en", text: "The talks resumed." });
    expect(results).toEqual([
      { name: "language", status: "pass", detail: "in English" },
      { name: "script", status: "pass", detail: "in the script of English" },
      { name: "mixed-script", status: "pass", detail: "no word mixes Latin and Cyrillic letters" },
    ]);
  });
});
