import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { TARGET_NOTES } from "./target-notes.js";

/** Issue 10.11: what 7–14B local models get wrong, said in the prompt's per-target part. */
describe("target notes", () => {
  it("spell out each target's quotation marks, and that a quotation may span sentences", () => {
    expect(TARGET_NOTES.en).toContain("“…”");
    expect(TARGET_NOTES.ru).toContain("«…»");
    expect(TARGET_NOTES["sr-Cyrl"]).toContain("„…“");
    for (const target of ["en", "ru", "sr-Cyrl"] as const) expect(TARGET_NOTES[target]).toContain("open in one sentence and close in a later one");
  });

  it("give Serbian ekavian pairs and the Bulgarian → Serbian Cyrillic name mapping", () => {
    for (const pair of ["дете (not дијете)", "река (not ријека)", "хиљада (not тисућа)", "Бойко → Бојко", "Щерев → Штерев", "Мария → Марија"]) expect(TARGET_NOTES["sr-Cyrl"]).toContain(pair);
  });

  it("give the official Bulgarian romanisation for English", () => {
    for (const pair of ["Христо → Hristo", "Щерев → Shterev", "Търново → Tarnovo"]) expect(TARGET_NOTES.en).toContain(pair);
  });

  it("come last in the translate prompt, after the sentences, with a one-line example answer in the system part", () => {
    const prompt = readFileSync(new URL("../../prompts/translate.md", import.meta.url), "utf8");
    const split = prompt.search(/^## user$/m);
    const user = prompt.slice(split);
    expect(user.indexOf("{{target_notes}}")).toBeGreaterThan(user.indexOf("{{sentences}}"));
    expect(prompt.slice(0, split)).toMatch(/\{"translations": \[\{"id": "1"/);
  });
});
