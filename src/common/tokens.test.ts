import { describe, expect, it } from "vitest";
import { estimateTokens } from "./tokens.js";

/**
 * The same paragraph (our own writing) in each language, with its token count under OpenAI's
 * cl100k_base, measured once with js-tiktoken when the estimate was calibrated.
 */
const MEASURED = [
  {
    language: "bg",
    cl100k: 132,
    text: "Общинският съвет одобри бюджета за следващата година с 32 гласа „за“ и 7 „против“. Най-много пари ще получат училищата и детските градини. Кметът обеща, че ремонтът на централната улица ще започне през пролетта, а не през есента, както беше планирано.",
  },
  {
    language: "ru",
    cl100k: 108,
    text: "Городской совет утвердил бюджет на следующий год: 32 голоса «за» и 7 «против». Больше всего денег получат школы и детские сады. Мэр пообещал, что ремонт центральной улицы начнется весной, а не осенью, как планировалось.",
  },
  {
    language: "sr-Cyrl",
    cl100k: 151,
    text: "Градско веће је усвојило буџет за следећу годину са 32 гласа „за“ и 7 „против“. Највише новца добиће школе и вртићи. Градоначелник је обећао да ће реконструкција главне улице почети у пролеће, а не на јесен, како је било планирано.",
  },
  {
    language: "sr-Latn",
    cl100k: 96,
    text: "Gradsko veće je usvojilo budžet za sledeću godinu sa 32 glasa „za“ i 7 „protiv“. Najviše novca dobiće škole i vrtići. Gradonačelnik je obećao da će rekonstrukcija glavne ulice početi u proleće, a ne na jesen, kako je bilo planirano.",
  },
  {
    language: "en",
    cl100k: 55,
    text: "The city council approved next year's budget with 32 votes in favour and 7 against. Schools and kindergartens will receive the most money. The mayor promised that the repair of the main street would start in spring rather than in autumn, as had been planned.",
  },
];

describe("estimateTokens", () => {
  it.each(MEASURED)("slightly over-estimates a $language paragraph (cl100k_base: $cl100k tokens)", ({ text, cl100k }) => {
    const estimate = estimateTokens(text);
    expect(estimate).toBeGreaterThanOrEqual(cl100k);
    expect(estimate).toBeLessThanOrEqual(Math.ceil(cl100k * 1.25));
  });

  it("is 0 for empty and blank text and ignores whitespace", () => {
    expect(estimateTokens("")).toBe(0);
    expect(estimateTokens(" \n\t\u00a0")).toBe(0);
    expect(estimateTokens("Кметът  обеща.\n")).toBe(estimateTokens("Кметът обеща."));
  });

  it("is deterministic and grows with the text", () => {
    const sentence = "Кметът обеща ремонт на улицата.";
    expect(estimateTokens(sentence)).toBe(estimateTokens(sentence));
    expect(estimateTokens(`${sentence} ${sentence}`)).toBeGreaterThan(estimateTokens(sentence));
  });

  it("charges Serbian Latin more than English text of the same length", () => {
    const serbian = "Gradonačelnik je obećao rekonstrukciju ulice.";
    const english = "The mayor promised that the street is rebuilt.";
    expect(estimateTokens(serbian)).toBeGreaterThan(estimateTokens(english));
  });
});
