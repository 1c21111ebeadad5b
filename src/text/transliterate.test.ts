import { describe, expect, it } from "vitest";
import { toCyrillic, toLatin } from "./transliterate.js";

describe("toLatin", () => {
  it("maps every Serbian Cyrillic letter", () => {
    expect(toLatin("абвгдђежзијклљмнњопрстћуфхцчџш")).toBe("abvgdđežzijklljmnnjoprstćufhcčdžš");
    expect(toLatin("АБВГДЂЕЖЗИЈКЛЉМНЊОПРСТЋУФХЦЧЏШ")).toBe("ABVGDĐEŽZIJKLLJMNNJOPRSTĆUFHCČDŽŠ");
  });

  it("writes Љ Њ Џ as Lj Nj Dž in title case and LJ NJ DŽ in all-capital words", () => {
    expect(toLatin("Љубав, Њујорк, Џон")).toBe("Ljubav, Njujork, Džon");
    expect(toLatin("ЉУБАВ У ЊУЈОРКУ, ЏОН")).toBe("LJUBAV U NJUJORKU, DŽON");
    expect(toLatin("Љ. Њ. Џ.")).toBe("Lj. Nj. Dž.");
  });

  it("leaves Latin names, digits, punctuation, whitespace and non-Serbian letters unchanged", () => {
    expect(toLatin("Компанија Google је 3. марта\tобјавила: „Да!“ — 5,5 %")).toBe("Kompanija Google je 3. marta\tobjavila: „Da!“ — 5,5 %");
    expect(toLatin("Россия и Ѓорѓија")).toBe("Rossiя i Ѓorѓija");
  });
});

describe("toCyrillic", () => {
  it("reads lj, nj, dž as one letter in every case", () => {
    expect(toCyrillic("Ljubljana, Njegoš, džep, LJUBAV, NJIVA, DŽEP")).toBe("Љубљана, Његош, џеп, ЉУБАВ, ЊИВА, ЏЕП");
  });

  it("splits the digraph across a prefix: konjunktura, injekcija, nadživeti and their families", () => {
    expect(toCyrillic("konjunktura konjugacija injekcija injektirati vanjezički Tanjug")).toBe("конјунктура конјугација инјекција инјектирати ванјезички Танјуг");
    expect(toCyrillic("nadživeti podžupan odžaliti predžetveni nadživljavati")).toBe("надживети поджупан оджалити преджетвени надживљавати");
    expect(toCyrillic("konj konjak panj injekcije INJEKCIJA")).toBe("коњ коњак пањ инјекције ИНЈЕКЦИЈА");
  });

  it("keeps foreign names in their own spelling, brands, and foreign acronyms in Latin", () => {
    expect(toCyrillic("Google Drive, Microsoft Outlook, Slack i Spotify")).toBe("Google Drive, Microsoft Outlook, Slack и Spotify");
    expect(toCyrillic("Sainsbury's i Marks and Spencer, serija „Still Game“")).toBe("Sainsbury's и Marks and Spencer, серија „Still Game“");
    expect(toCyrillic("CNN i BBC javljaju")).toBe("CNN и BBC јављају");
  });

  it("converts transcribed names and established Serbian acronyms", () => {
    expect(toCyrillic("Džoan River i Tereza Mej u SAD i EU, NATO-u i UN")).toBe("Џоан Ривер и Тереза Меј у САД и ЕУ, НАТО-у и УН");
  });

  it("attaches a Serbian ending to a kept name: Google-ovog, GOP-a", () => {
    expect(toCyrillic("Google-ovog servisa i GOP-a")).toBe("Google-овог сервиса и GOP-а");
  });

  it("keeps URLs, e-mail addresses, handles, hashtags, Roman numerals and unit symbols", () => {
    expect(toCyrillic("Pišite na info@primer.rs ili posetite https://www.primer.rs/vesti?id=5.")).toBe(
      "Пишите на info@primer.rs или посетите https://www.primer.rs/vesti?id=5.",
    );
    expect(toCyrillic("Nalog @novinar i #izbori u XXI veku, brzina 120 km/h")).toBe("Налог @novinar и #izbori у XXI веку, брзина 120 km/h");
  });

  it("treats Serbian prefixes before h as Serbian (prethodni, ishod, neophodan)", () => {
    expect(toCyrillic("prethodni ishod, neophodan rashod, shvatiti")).toBe("претходни исход, неопходан расход, схватити");
  });

  it("reads an all-capitals headline as words, not acronyms", () => {
    expect(toCyrillic("VLADA JE DONELA ODLUKU O BBC-u")).toBe("ВЛАДА ЈЕ ДОНЕЛА ОДЛУКУ О BBC-у");
  });

  it("leaves Cyrillic, digits, punctuation and whitespace unchanged", () => {
    const text = "Већ ћирилица\n\t„Цитат“ — 12,5 % (2024.)";
    expect(toCyrillic(text)).toBe(text);
  });

  it("accepts decomposed diacritics and the Unicode digraph letters", () => {
    expect(toCyrillic("c\u030Cas ǉubav ǅep")).toBe("час љубав Џеп");
  });

  it("round-trips Serbian text in both directions", () => {
    const cyrillic = "Председник Владе Србије рекао је да ће џиновски пројекат бити завршен до јуна, а ЊЕГОШ и ЉУБАВ остају.";
    expect(toCyrillic(toLatin(cyrillic))).toBe(cyrillic);
  });
});
