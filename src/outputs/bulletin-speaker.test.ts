import { describe, expect, it } from "vitest";
import { bulletinSpeaker } from "./bulletin-speaker.js";

describe("bulletinSpeaker", () => {
  it("romanises Bulgarian names for English by the official Streamlined System", () => {
    expect(bulletinSpeaker("Любомир Щерев", "en")).toEqual({ text: "Lyubomir Shterev", lang: "bg-Latn" });
    expect(bulletinSpeaker("Ясен Първанов", "en").text).toBe("Yasen Parvanov");
    expect(bulletinSpeaker("д-р Мария Иванова", "en").text).toBe("d-r Maria Ivanova");
    expect(bulletinSpeaker("Надежда Чолакова", "en").text).toBe("Nadezhda Cholakova");
    expect(bulletinSpeaker("ЦВЕТАН ЖЕЛЕВ", "en").text).toBe("TSVETAN ZHELEV");
  });

  it("writes Bulgarian names for Serbian Latin readers the Serbian way, with no Cyrillic left", () => {
    expect(bulletinSpeaker("Любомир Щерев", "sr-Latn")).toEqual({ text: "Ljubomir Šterev", lang: "bg-Latn" });
    expect(bulletinSpeaker("Мария Иванова", "sr-Latn").text).toBe("Marija Ivanova");
    expect(bulletinSpeaker("Йордан Кьосев", "sr-Latn").text).toBe("Jordan Kjosev");
  });

  it("keeps names in Bulgarian Cyrillic for Russian and Serbian Cyrillic, tagged as Bulgarian", () => {
    expect(bulletinSpeaker("Петър Вълчев", "ru")).toEqual({ text: "Петър Вълчев", lang: "bg" });
    expect(bulletinSpeaker("Петър Вълчев", "sr-Cyrl")).toEqual({ text: "Петър Вълчев", lang: "bg" });
  });

  it("leaves names already in Latin script alone", () => {
    expect(bulletinSpeaker("Jean-Claude Juncker", "en").text).toBe("Jean-Claude Juncker");
  });
});
