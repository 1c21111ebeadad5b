import { describe, expect, it } from "vitest";
import type { Segment, SegmentKind } from "../text/types.js";
import { checkQuote, locateQuote, quoteInTranslation } from "./quotes.js";
import type { IdText } from "./types.js";

// An article written for these tests, with a comment thread under it.
const LINES: Array<[SegmentKind, string]> = [
  ["title", "Токаев обеща реформи"],
  ["meta", "Астана, 27 февруари (БТА)"],
  ["body", "Президентът на Казахстан Касим-Жомарт Токаев обяви нов пакет от реформи."],
  ["body", "„Ще намалим данъците за малкия бизнес с 10%“, каза той пред депутатите."],
  ["body", "Според него мерките ще влязат в сила от 1 юли."],
  ["body", "„Това е началото."],
  ["body", "Следват още промени“, добави Токаев."],
  ["boilerplate", "Коментари"],
  ["comment", "Иван: „Ще намалим данъците“ — да бе, как ли не."],
];

function buildArticle(): { articleText: string; segments: Segment[] } {
  let articleText = "";
  const segments = LINES.map(([kind, text], index) => {
    if (index > 0) articleText += index === 5 ? " " : "\n\n";
    const start = articleText.length;
    articleText += text;
    return { id: `s${index + 1}`, kind, text, start, end: articleText.length, paragraph: index };
  });
  return { articleText, segments };
}
const { articleText, segments } = buildArticle();
const QUOTE = "Ще намалим данъците за малкия бизнес с 10%";
const quoteStart = articleText.indexOf(QUOTE);

describe("locateQuote", () => {
  it("finds a quote verbatim with its offsets and segment", () => {
    expect(locateQuote(articleText, segments, QUOTE)).toEqual({ start: quoteStart, end: quoteStart + QUOTE.length, segmentIds: ["s4"] });
    expect(articleText.slice(quoteStart, quoteStart + QUOTE.length)).toBe(QUOTE);
  });

  it.each([`„${QUOTE}“`, `"${QUOTE}"`, `«${QUOTE}»`, ` “${QUOTE}” `, "Ще  намалим\nданъците за малкия\u00a0бизнес с 10%"])(
    "tolerates quotation marks at the ends and other whitespace: %j",
    (text) => {
      expect(locateQuote(articleText, segments, text)).toEqual({ start: quoteStart, end: quoteStart + QUOTE.length, segmentIds: ["s4"] });
    },
  );

  it("tolerates nothing else: a changed word, a dropped comma or a missing space", () => {
    expect(locateQuote(articleText, segments, "Ще намалим данъците за малкия бизнес с 15%")).toBeUndefined();
    expect(locateQuote(articleText, segments, "Ще намалим данъците за малкия бизнес с10%")).toBeUndefined();
    expect(locateQuote(articleText, segments, "Иван „Ще намалим данъците“")).toBeUndefined();
  });

  it("prefers the article's own text to a reader comment quoting the same words", () => {
    expect(locateQuote(articleText, segments, "Ще намалим данъците")?.segmentIds).toEqual(["s4"]);
  });

  it("spans several segments", () => {
    expect(locateQuote(articleText, segments, "Това е началото. Следват още промени")?.segmentIds).toEqual(["s6", "s7"]);
  });
});

describe("checkQuote", () => {
  const check = (speaker: string, text: string) => checkQuote({ quote: { speaker, text }, articleText, segments });
  const byName = (results: ReturnType<typeof check>["results"]) => Object.fromEntries(results.map((result) => [result.name, result]));

  it("accepts a verbatim quote from the body by a named speaker, surname alone", () => {
    const { results, location } = check("Токаев", QUOTE);
    expect(results.map((result) => result.status)).toEqual(["pass", "pass", "pass"]);
    expect(location?.segmentIds).toEqual(["s4"]);
  });

  it("accepts the speaker's full name and inflected forms", () => {
    expect(byName(check("Касим-Жомарт Токаев", QUOTE).results)["quote-speaker"]?.status).toBe("pass");
    expect(byName(check("президентът Токаев", QUOTE).results)["quote-speaker"]?.status).toBe("pass");
    expect(byName(check("президента на Казахстан", QUOTE).results)["quote-speaker"]?.status).toBe("pass");
  });

  it("rejects a quote that is not verbatim, saying where it parts from the article", () => {
    const verbatim = byName(check("Токаев", "Ще намалим данъците за бизнеса с 10%").results)["quote-verbatim"];
    expect(verbatim).toEqual({
      name: "quote-verbatim",
      status: "fail",
      detail: 'the quote "Ще намалим данъците за бизнеса с 10%" is not in the article word for word: the article has "Ще намалим данъците за" but then "малкия бизнес с 10%“,", not "бизнеса с 10%"; copy the quoted words exactly as the article has them',
    });
  });

  it("rejects a quote taken from the reader comments", () => {
    const source = byName(check("Иван", "да бе, как ли не").results)["quote-source"];
    expect(source?.status).toBe("fail");
    expect(source?.detail).toBe("the quote lies in a reader comment (s9), not in the article's own text; quote only the article body");
  });

  it("rejects a pronoun or a person the article does not name as speaker", () => {
    expect(byName(check("той", QUOTE).results)["quote-speaker"]?.detail).toBe('the speaker "той" is a pronoun; give the name the article uses for that person');
    expect(byName(check("Назарбаев", QUOTE).results)["quote-speaker"]?.detail).toBe('the speaker "Назарбаев" is not named in the article; give the speaker as the article names them');
  });

  it("does not take a speaker named only inside the quote itself (issue 13.10: the speaker must be named by the article)", () => {
    const text = "Скандал в общината\n\n„Петров излъга съветниците“, каза Иванов пред журналисти.";
    const own: Segment[] = [
      { id: "s1", kind: "title", text: "Скандал в общината", start: 0, end: 18, paragraph: 0 },
      { id: "s2", kind: "body", text: text.slice(20), start: 20, end: text.length, paragraph: 1 },
    ];
    const speakerOf = (speaker: string) => checkQuote({ quote: { speaker, text: "Петров излъга съветниците" }, articleText: text, segments: own }).results.find((result) => result.name === "quote-speaker");
    expect(speakerOf("Петров")).toMatchObject({ status: "fail", detail: 'the speaker "Петров" is not named in the article; give the speaker as the article names them' });
    expect(speakerOf("Иванов")?.status).toBe("pass");
    expect(speakerOf("Иванова")?.status).toBe("pass");
    expect(speakerOf("Георгиев")?.status).toBe("fail");
  });

  it("does not take a speaker named only in the comments", () => {
    expect(byName(check("Иван", QUOTE).results)["quote-speaker"]?.status).toBe("fail");
  });
});

describe("quoteInTranslation", () => {
  const sourceSegments: IdText[] = segments.map(({ id, text }) => ({ id, text }));
  const location = (text: string) => locateQuote(articleText, segments, text)!;
  const translations: Record<string, IdText[]> = {
    en: [
      { id: "s4", text: "“We will cut taxes for small businesses by 10%,” he told the deputies." },
      { id: "s5", text: "According to him, the measures will take effect on 1 July." },
      { id: "s6", text: "“This is the beginning." },
      { id: "s7", text: "More changes will follow,” Tokayev added." },
    ],
    ru: [{ id: "s4", text: "«Мы снизим налоги для малого бизнеса на 10%», — сказал он депутатам." }],
    "sr-Cyrl": [{ id: "s4", text: "„Смањићемо порезе за мала предузећа за 10%”, рекао је он посланицима." }],
    "sr-Latn": [{ id: "s4", text: "„Smanjićemo poreze za mala preduzeća za 10%”, rekao je on poslanicima." }],
  };
  const inTarget = (target: string, quote: string) => quoteInTranslation({ sourceSegments, quote: location(quote), articleText, translated: translations[target]! });

  it.each([
    ["en", "We will cut taxes for small businesses by 10%"],
    ["ru", "Мы снизим налоги для малого бизнеса на 10%"],
    ["sr-Cyrl", "Смањићемо порезе за мала предузећа за 10%"],
    ["sr-Latn", "Smanjićemo poreze za mala preduzeća za 10%"],
  ])("takes the quoted stretch of the %s translation", (target, expected) => {
    expect(inTarget(target, QUOTE)).toBe(expected);
  });

  it("takes a quote across two sentences from both translated sentences", () => {
    expect(inTarget("en", "Това е началото. Следват още промени")).toBe("This is the beginning. More changes will follow");
  });

  it("returns the whole translated sentence when the quote is not a quoted stretch", () => {
    expect(inTarget("en", "мерките ще влязат в сила от 1 юли")).toBe("According to him, the measures will take effect on 1 July.");
  });

  it("returns the whole sentence when the translation lost the quotation marks", () => {
    const translated = [{ id: "s4", text: "He told the deputies they would cut taxes for small businesses by 10%." }];
    expect(quoteInTranslation({ sourceSegments, quote: location(QUOTE), articleText, translated })).toBe(translated[0]!.text);
  });

  it("refuses to invent a quote when the translation lacks a sentence", () => {
    expect(() => quoteInTranslation({ sourceSegments, quote: location(QUOTE), articleText, translated: [] })).toThrow("the quote spans s4, but the translation has no text for s4");
  });
});
