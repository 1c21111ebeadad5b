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

  it("a Macedonian answer to a Serbian target still fails", () => {
    expect(verdict("sr-Cyrl", "Тоа ќе биде добро за сите граѓани.").status).toBe("fail");
  });
});
