import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { isPrevodError } from "../errors.js";
import { loadReference, parseReference, readReferenceLines, referenceSummary, referenceTranslation } from "./reference.js";

const fixtures = fileURLToPath(new URL("../../test/fixtures/golden/", import.meta.url));

describe("reference.yaml", () => {
  it("gives the reference translation per sentence in order, sr-Latn transliterated from sr-Cyrl", async () => {
    const reference = await loadReference(`${fixtures}reference.yaml`);
    expect(reference.translations).toHaveLength(8);
    expect(referenceTranslation(reference, "bg")[0]).toBe("Пловдив започва ремонт на Стария мост");
    expect(referenceTranslation(reference, "en")[1]).toBe("Traffic on the bridge will be restricted until the end of September.");
    expect(referenceTranslation(reference, "sr-Latn")[2]).toBe(
      "Opština Plovdiv 2. juna počinje rekonstrukciju Starog mosta na reci Marici, saopštio je gradonačelnik Ivan Stojanov.",
    );
    expect(referenceSummary(reference, "sr-Latn")?.headline).toBe("Plovdiv počinje rekonstrukciju Starog mosta");
    expect(reference.quotes.map((quote) => quote.kind)).toEqual(["direct", "indirect"]);
  });

  it("reports a sentence without a language and a misspelt key with file:line:col", () => {
    const text = [
      "translations:",
      '  - bg: "Едно."',
      '    en: "One."',
      '    ru: "Одно."',
      '  - bg: "Две."',
      '    en: "Two."',
      '    ru: "Два."',
      '    sr-Cyr: "Два."',
    ].join("\n");
    let message = "";
    try {
      parseReference(text, "reference.yaml");
    } catch (error) {
      expect(isPrevodError(error, "CONFIG_INVALID")).toBe(true);
      message = (error as Error).message;
    }
    expect(message).toContain("reference.yaml:2:5 translations[0].sr-Cyrl: missing: expected a string");
    expect(message).toContain("reference.yaml:8:5 translations[1].sr-Cyr: unknown key 'sr-Cyr' (did you mean 'sr-Cyrl'?)");
  });

  it("reads a plain reference file one segment per line, as prevod eval does", () => {
    const lines = readReferenceLines(`${fixtures}ref-en.txt`);
    expect(lines).toHaveLength(10);
    expect(lines[8]).toBe("Finally!");
    expect(() => readReferenceLines(`${fixtures}absent.txt`)).toThrow(/cannot read reference file .*absent\.txt: ENOENT/);
  });
});
