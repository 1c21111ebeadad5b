import { describe, expect, it } from "vitest";
import { checkCopiedSource } from "./copied-source.js";
import { checkTranslation } from "./translation.js";
import { copiedRun } from "./untranslated.js";

const HEADLINE = "Варна пуска 40 нови електробуса по най-натоварените линии";
const NEXT = "Общината купи автобусите със средства по европейска програма.";
const fails = (results: ReturnType<typeof checkTranslation>) => results.filter((result) => result.status === "fail");

describe("error kind 2: an untranslated sentence glued into a translation passes", () => {
  it("fails a Bulgarian headline without a final stop merged with the next sentence's Russian translation", () => {
    const source = [{ id: "s1", text: HEADLINE }, { id: "s2", text: NEXT }];
    const translation = [
      { id: "s1", text: `${HEADLINE} Муниципалитет купил автобусы на средства европейской программы.` },
      { id: "s2", text: "Муниципалитет купил автобусы на средства европейской программы." },
    ];
    const failed = fails(checkTranslation({ target: "ru", source, translation }));
    expect(failed.map((result) => [result.name, result.segmentId])).toContainEqual(["copied-source", "s1"]);
  });

  it("fails a Serbian Latin answer that keeps its own Bulgarian source beside the translation (what prevod check runs)", () => {
    const text = `${HEADLINE}: Varna pušta 40 novih električnih autobusa na najopterećenijim linijama`;
    const [result] = checkCopiedSource({ id: "s1", source: HEADLINE, text, target: "sr-Latn" });
    expect(result!.status).toBe("fail");
    expect(result!.detail).toContain("Bulgarian");
  });

  it("fails a neighbour's Bulgarian sentence glued into an English answer", () => {
    const source = [{ id: "s1", text: NEXT }, { id: "s2", text: "Първите от тях ще тръгнат през март." }];
    const translation = [
      { id: "s1", text: "The municipality bought the buses with money from a European programme. Първите от тях ще тръгнат през март." },
      { id: "s2", text: "The first of them will run in March." },
    ];
    expect(fails(checkTranslation({ target: "en", source, translation })).map((result) => result.segmentId)).toContain("s1");
  });

  it("passes close translations that share single words and names with the Bulgarian", () => {
    expect(copiedRun("Помпео планира да посети Пхенян следващия месец.", "Помпео планира да посети Пјонгјанг следећег месеца.", "sr-Cyrl")).toBeUndefined();
    expect(copiedRun("Вучич е на официално посещение в Астана.", "Вучич находится с официальным посещением в Астане.", "ru")).toBeUndefined();
  });
});
