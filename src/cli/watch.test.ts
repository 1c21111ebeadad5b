import { describe, expect, it } from "vitest";
import { parseDuration } from "./watch.js";
import type { CycleReport } from "./watch-cycle.js";
import { statusLine } from "./watch-line.js";

describe("watch's --every", () => {
  it("reads durations with a unit", () => {
    expect(parseDuration("1s", "--every")).toBe(1000);
    expect(parseDuration("15m", "--every")).toBe(900_000);
    expect(parseDuration("1.5h", "--every")).toBe(5_400_000);
    expect(parseDuration(" 30S ", "--every")).toBe(30_000);
  });

  it("refuses a number without a unit, zero and words, naming the flag", () => {
    for (const value of ["15", "0s", "fast", "5d", "-1m"]) expect(() => parseDuration(value, "--every")).toThrow(/--every: expected a duration/);
  });
});

describe("watch's status line", () => {
  const base: CycleReport = { type: "cycle", at: new Date(2026, 11, 3, 12, 15).toISOString(), read: [], notModified: [], unreadable: [], ran: false, new: 0, changed: 0, unchanged: 0, calls: 0, counts: { ok: 0, partial: 0, failed: 0 }, stopped: false };

  it("is the issue's line for a feed that changed", () => {
    expect(statusLine({ ...base, read: ["https://example.bg/rss/feed.xml"], ran: true, new: 3, changed: 1, unchanged: 41, calls: 27, counts: { ok: 4, partial: 0, failed: 0 }, bulletin: 58 })).toBe("12:15 feed.xml: 3 new, 1 changed, 41 unchanged · 27 calls · bulletin 58 articles");
  });

  it("names feeds not modified and unreadable, failures and a stop", () => {
    expect(statusLine({ ...base, read: ["/srv/news"], notModified: ["https://a.bg/a.xml"], unreadable: ["https://b.bg/"], ran: true, new: 1, calls: 7, counts: { ok: 0, partial: 1, failed: 0 }, bulletin: 2, stopped: true })).toBe(
      "12:15 news: 1 new, 0 changed, 0 unchanged; a.xml: not modified; b.bg: unreadable · 7 calls · 1 partial, 0 failed · bulletin 2 articles · stopped",
    );
    expect(statusLine({ ...base, notModified: ["https://a.bg/a.xml"] })).toBe("12:15 a.xml: not modified · 0 calls");
  });

  it("names feeds that share a path's last part by their host", () => {
    expect(statusLine({ ...base, read: ["https://www.dnevnik.bg/rss"], notModified: ["https://mediapool.bg/rss", "https://bta.bg/feed.xml"] })).toBe("12:15 dnevnik.bg/rss: 0 new, 0 changed, 0 unchanged; mediapool.bg/rss, feed.xml: not modified · 0 calls");
  });
});
