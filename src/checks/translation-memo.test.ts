import { describe, expect, it, vi } from "vitest";
import type { IdText } from "./types.js";

// Counts how often the per-sentence gates run; they still do their real work.
const runs = vi.hoisted(() => ({ language: 0, numbers: 0 }));
// The runner's look for a neighbour's sentence left untranslated (given the other sentences of the request).
const neighbourLooks = vi.hoisted(() => ({ count: 0 }));
vi.mock("./untranslated.js", async (importOriginal) => {
  const actual = await importOriginal<typeof import("./untranslated.js")>();
  return {
    ...actual,
    checkUntranslated: (...args: Parameters<typeof actual.checkUntranslated>) => (args[0].sources.length > 1 && neighbourLooks.count++, actual.checkUntranslated(...args)),
  };
});
vi.mock("./language.js", async (importOriginal) => {
  const actual = await importOriginal<typeof import("./language.js")>();
  return { ...actual, checkLanguage: (...args: Parameters<typeof actual.checkLanguage>) => (runs.language++, actual.checkLanguage(...args)) };
});
vi.mock("./numbers.js", async (importOriginal) => {
  const actual = await importOriginal<typeof import("./numbers.js")>();
  return { ...actual, checkNumbers: (...args: Parameters<typeof actual.checkNumbers>) => (runs.numbers++, actual.checkNumbers(...args)) };
});
const { checkTranslation } = await import("./translation.js");

/**
 * Issue 15, part 3: the gates cost 1.7 ms of CPU per model call, and the same sentence and
 * translation were checked again on every re-ask of their chunk and wherever they recurred.
 * The per-sentence verdicts are computed once per target, source and translation.
 */
const SOURCE: IdText[] = [
  { id: "s1", text: "Общината ще похарчи 5 млн. лв. за ремонт на училищата." },
  { id: "s2", text: "Ремонтите ще започнат на 1 юли и ще продължат два месеца." },
];
const TRANSLATION: IdText[] = [
  { id: "s1", text: "The municipality will spend 5 million leva on repairing the schools." },
  // Copied source and a lost number: verdicts that name their sentence.
  { id: "s2", text: "Ремонтите ще започнат на юли и ще продължат два месеца." },
];
// The same sentences under other ids, in another order (another article, or a later chunk).
const renamed = (items: IdText[], ids: Record<string, string>) => items.map((item) => ({ ...item, id: ids[item.id]! })).reverse();

describe("checkTranslation, verdicts kept per sentence", () => {
  it("runs the per-sentence gates once per target, source and translation, and names each sentence by its own id", () => {
    const first = checkTranslation({ target: "en", source: SOURCE, translation: TRANSLATION });
    expect(runs).toEqual({ language: 2, numbers: 2 });
    expect(checkTranslation({ target: "en", source: SOURCE, translation: TRANSLATION })).toEqual(first);
    expect(runs).toEqual({ language: 2, numbers: 2 });

    const ids = { s1: "s7", s2: "s9" };
    const moved = checkTranslation({ target: "en", source: renamed(SOURCE, ids), translation: renamed(TRANSLATION, ids) });
    expect(runs).toEqual({ language: 2, numbers: 2 });
    const failures = (results: typeof first) => results.filter((result) => result.status === "fail").map((result) => `${result.name} ${result.segmentId} ${result.detail}`);
    expect(failures(first).length).toBeGreaterThan(0);
    expect(failures(first).every((line) => line.includes(" s2 s2: "))).toBe(true);
    expect(failures(moved)).toEqual(failures(first).map((line) => line.replaceAll("s2", "s9")));
    expect(moved.filter((result) => result.status === "pass")).toEqual(first.filter((result) => result.status === "pass"));

    // Another target is another verdict.
    checkTranslation({ target: "ru", source: SOURCE, translation: TRANSLATION });
    expect(runs).toEqual({ language: 4, numbers: 4 });
  });

  it("looks for a neighbour's Bulgarian sentence in an English answer only when the answer has Cyrillic letters", () => {
    const source: IdText[] = [...SOURCE, { id: "s3", text: "Кметът каза, че децата ще учат в нови класни стаи от септември." }];
    const latin: IdText[] = [
      { id: "s1", text: "The municipality will spend 5 million leva on repairing the schools." },
      { id: "s2", text: "The repairs will begin on 1 July and will last two months." },
      { id: "s3", text: "The mayor said the children would study in new classrooms from September." },
    ];
    neighbourLooks.count = 0;
    expect(checkTranslation({ target: "en", source, translation: latin }).filter((result) => result.status === "fail")).toEqual([]);
    expect(neighbourLooks.count).toBe(0);
    // s3's Bulgarian glued to s2's answer: still caught.
    const glued = latin.map((item) => (item.id === "s2" ? { ...item, text: `${item.text} Кметът каза, че децата ще учат в нови класни стаи от септември.` } : item));
    const failures = checkTranslation({ target: "en", source, translation: glued }).filter((result) => result.status === "fail");
    expect(neighbourLooks.count).toBeGreaterThan(0);
    expect(failures.some((result) => result.name === "copied-source" && result.segmentId === "s2")).toBe(true);
  });
});
