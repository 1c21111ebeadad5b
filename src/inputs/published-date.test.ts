import { describe, expect, it } from "vitest";
import { datelineOf, normalizePublished } from "./published-date.js";

describe("normalizePublished", () => {
  it.each([
    ["2026-03-04T08:15:00+02:00", "2026-03-04T08:15:00+02:00"],
    ["2026-03-04T08:15:00.000Z", "2026-03-04T08:15:00Z"],
    ["2026-03-04T08:15:00.250+0200", "2026-03-04T08:15:00.250+02:00"],
    ["2026-03-04 08:15", "2026-03-04T08:15:00"],
    ["2026-03-04", "2026-03-04"],
    ["Fri, 20 Mar 2026 09:45:00 +0200", "2026-03-20T09:45:00+02:00"],
    ["Thu, 19 Mar 2026 18:05:00 EET", "2026-03-19T18:05:00+02:00"],
    ["Thu, 19 Mar 2026 18:05:00 GMT", "2026-03-19T18:05:00Z"],
    ["19 Mar 26 18:05 EEST", "2026-03-19T18:05:00+03:00"],
    ["27 Февруари, 2026 16:37", "2026-02-27T16:37:00"],
    ["4 март 2026 в 9:02", "2026-03-04T09:02:00"],
    ["17.03.2026 14:20", "2026-03-17T14:20:00"],
    ["17.03.2026 г.", "2026-03-17"],
  ])("reads %j as %j", (input, expected) => {
    expect(normalizePublished(input)).toBe(expected);
  });

  it.each(["", "вчера", "31.02.2026", "2026-13-01", "25:61", "Fri, 20 Foo 2026 09:45:00"])("refuses %j", (input) => {
    expect(normalizePublished(input)).toBeUndefined();
  });

  it("keeps the writer's offset, so the instant is still exact", () => {
    const value = normalizePublished("Fri, 20 Mar 2026 09:45:00 +0200")!;
    expect(new Date(value).toISOString()).toBe("2026-03-20T07:45:00.000Z");
  });
});

describe("datelineOf", () => {
  it("reads the date line under the title of a scraped page, ignoring the counters after it", () => {
    expect(datelineOf("Заглавие\n  Тема: Варна\n\nЗаглавие\n\n14 Март, 2026 09:12 1187 3\n\nТекст.")).toBe("2026-03-14T09:12:00");
    expect(datelineOf("Заглавие\n27.02.2026 16:43\nТекст.")).toBe("2026-02-27T16:43:00");
  });
  it("finds nothing in a page without a date line near the top", () => {
    expect(datelineOf("Заглавие\n\nНа 14 март 2026 г. общината реши.")).toBeUndefined();
    expect(datelineOf("Заглавие\n\n" + "ред\n".repeat(10) + "14 Март, 2026 09:12")).toBeUndefined();
  });
});
