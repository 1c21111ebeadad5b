import { describe, expect, it } from "vitest";
import { bulletinWords, formatPublished, formatRange, publishedInstant } from "./bulletin-words.js";

describe("formatPublished", () => {
  it("writes the time the way each language does", () => {
    const published = "2026-03-14T09:12:00+02:00";
    expect(formatPublished(published, "en")).toBe("14 March 2026, 09:12");
    expect(formatPublished(published, "ru")).toBe("14 марта 2026, 09:12");
    expect(formatPublished(published, "sr-Cyrl")).toBe("14. март 2026, 09:12");
    expect(formatPublished(published, "sr-Latn")).toBe("14. mart 2026, 09:12");
  });

  it("keeps the zone the source gave instead of converting to UTC or the machine's zone", () => {
    expect(formatPublished("2026-01-05T23:30:00-05:00", "en")).toBe("5 January 2026, 23:30");
    expect(formatPublished("2026-12-31T00:05:00Z", "ru")).toBe("31 декабря 2026, 00:05");
    expect(formatPublished("2026-07-01T18:00:00", "sr-Latn")).toBe("1. jul 2026, 18:00");
  });

  it("shows a date without a time as a date, and anything else as it came", () => {
    expect(formatPublished("2026-02-27", "en")).toBe("27 February 2026");
    expect(formatPublished("yesterday evening", "en")).toBe("yesterday evening");
  });
});

describe("formatRange", () => {
  it("names both ends, and the day once when they share it", () => {
    expect(formatRange("2026-03-12T18:25:00+02:00", "2026-03-14T09:12:00+02:00", "en")).toBe("12 March 2026, 18:25 – 14 March 2026, 09:12");
    expect(formatRange("2026-03-14T09:12:00+02:00", "2026-03-14T18:40:00+02:00", "sr-Cyrl")).toBe("14. март 2026, 09:12–18:40");
    expect(formatRange("2026-03-14T09:12:00+02:00", "2026-03-14T09:12:00+02:00", "ru")).toBe("14 марта 2026, 09:12");
  });
});

describe("publishedInstant", () => {
  it("orders times written in different zones by the moment they name", () => {
    const sofia = publishedInstant("2026-03-14T09:00:00+02:00")!;
    const london = publishedInstant("2026-03-14T08:30:00Z")!;
    expect(sofia).toBeLessThan(london);
    expect(publishedInstant("2026-03-14T09:00:00+0200")).toBe(sofia);
    expect(publishedInstant("not a date")).toBeUndefined();
    expect(publishedInstant(undefined)).toBeUndefined();
  });
});

describe("bulletinWords", () => {
  it("gives Serbian Latin the Serbian Cyrillic words in Latin script", () => {
    expect(bulletinWords("sr-Cyrl").keyQuotes).toBe("Кључни цитати");
    expect(bulletinWords("sr-Latn").keyQuotes).toBe("Ključni citati");
    expect(bulletinWords("sr-Latn").parts.quoteTranslations).toBe("prevod nekih citata");
    expect(bulletinWords("ru").notTranslated).toBe("Не переведено");
  });
});
