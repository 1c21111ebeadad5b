import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { isPrevodError } from "../errors.js";
import { loadExpectations, parseExpectations } from "./expectations.js";

const fixtures = fileURLToPath(new URL("../../test/fixtures/golden/", import.meta.url));

function errorOf(text: string): string {
  try {
    parseExpectations(text, "expect.yaml");
  } catch (error) {
    expect(isPrevodError(error, "CONFIG_INVALID")).toBe(true);
    return (error as Error).message;
  }
  throw new Error("expected a CONFIG_INVALID error");
}

describe("expect.yaml", () => {
  it("reads every assertion with a stable id that counts uses of the same assertion", async () => {
    const expectations = await loadExpectations(`${fixtures}expect.yaml`);
    expect(expectations.status).toBe("ok");
    const ids = expectations.assertions.map((assertion) => assertion.id);
    expect(ids.slice(0, 5)).toEqual(["translate/en/valid#0", "translate/en/gates#0", "translate/en/chrf#0", "translate/en/chrf++#0", "translate/en/chrf#1"]);
    expect(ids).toContain("extract-quotes/all/count#1");
    expect(new Set(ids).size).toBe(ids.length);
    const contains = expectations.assertions.find((assertion) => assertion.id === "translate/ru/contains#0");
    expect(contains?.args).toEqual(["Стоянов"]);
    const refFile = expectations.assertions.find((assertion) => assertion.id === "translate/en/chrf#1");
    expect(refFile?.args).toEqual({ min: 60, ref: ["ref-en.txt"] });
  });

  it("defaults the status to ok and accepts a file with no steps", () => {
    expect(parseExpectations("status: partial\n", "expect.yaml")).toEqual({ file: "expect.yaml", status: "partial", assertions: [] });
    expect(parseExpectations("steps: {}\n", "expect.yaml").status).toBe("ok");
  });

  it("names a misspelt assertion with its line and column and lists the known ones", () => {
    const message = errorOf(["steps:", "  translate:", "    en:", "      - valid: true", "      - chrff: { min: 50 }"].join("\n"));
    expect(message).toContain("expect.yaml: 1 error");
    expect(message).toContain("expect.yaml:5:9 steps.translate.en[1].chrff: unknown key 'chrff' (did you mean 'chrf'?); expected one of: valid, gates, chrf, chrf++, contains, not-contains, language, max_words, headline_max_words, quote, count");
  });

  it("locates bad arguments, unknown targets and steps, and assertions that do not fit the step", () => {
    const message = errorOf(
      [
        "status: done",
        "steps:",
        "  translate:",
        "    eng:",
        "      - valid: true",
        "    ru:",
        "      - chrf: { min: high }",
        "      - quote: { speaker: Иванов }",
        "      - contains: 5",
        "  summarise:",
        "    en: []",
        "  extract-quotes:",
        "    all:",
        "      - count: { min: 4, max: 2 }",
        "      - contains: x",
        "        not-contains: y",
      ].join("\n"),
    );
    expect(message).toContain("expect.yaml: 8 errors");
    expect(message).toContain(`expect.yaml:1:9 status: expected one of "ok", "partial", "failed", found 'done'`);
    expect(message).toContain("expect.yaml:4:5 steps.translate.eng: unknown key 'eng' (did you mean 'en'?)");
    expect(message).toContain("expect.yaml:7:22 steps.translate.ru[0].chrf.min: expected a number, found 'high'");
    expect(message).toContain("expect.yaml:8:16 steps.translate.ru[1].quote: expected an assertion that applies to translate (valid, gates, chrf, chrf++, contains, not-contains, language); 'quote' applies to extract-quotes, found 'quote'");
    expect(message).toContain("expect.yaml:9:19 steps.translate.ru[2].contains: expected a list, found number 5");
    expect(message).toContain("expect.yaml:10:3 steps.summarise: unknown key 'summarise' (did you mean 'summarize'?)");
    expect(message).toContain("expect.yaml:14:16 steps.extract-quotes.all[0].count: expected min ≤ max, found 'min 4 > max 2'");
    expect(message).toContain("expect.yaml:15:9 steps.extract-quotes.all[1]: expected one assertion per list item");
  });
});
