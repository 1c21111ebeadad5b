import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { PrevodError } from "../errors.js";
import { articleResultSchema, type ArticleResult } from "./article-schema.js";
import { publishedInstant } from "./bulletin-words.js";
import { locateRunArticles, scanRunArticles } from "./bulletin-source.js";
import { atBounds, openStore, STORE_FILE } from "../store/store.js";
import { existsSync } from "node:fs";

/**
 * One article a bulletin may cover, as any store of processed articles gives it. Today
 * `readFolderArticles` makes these from `out/articles/*.json`; the SQLite store will give the same.
 */
export interface StoredArticle {
  id: string;
  result: ArticleResult;
  source: { url?: string; path?: string; outlet?: string; title?: string; published?: string; topic?: string };
  /** ISO 8601: when the article was first processed. */
  firstSeen: string;
  /** ISO 8601: when its result last changed. */
  updated: string;
}

/** A half-open span of time [from, until), in ms since the epoch; either end may be open. */
export interface BulletinWindow {
  from?: number;
  until?: number;
  /** How the title names it: the requested bounds, not the articles' times. */
  label?: { from?: string; until?: string };
}

const TOPIC_LINE = /^\s*Тема\s*:\s*(.+?)\s*$/u;

/** The page's topic line ("Тема: Казахстан") among its meta segments, when it has one. */
export function topicOf(result: ArticleResult): string | undefined {
  for (const segment of result.segments) {
    if (segment.kind !== "meta" && segment.kind !== "title" && segment.kind !== "body") continue;
    const match = TOPIC_LINE.exec(segment.text);
    if (match) return match[1];
  }
  return undefined;
}

/**
 * The outlet a reader knows: the feed's title or the page's site name (source.outlet), else the
 * URL's domain; a file path only when there is nothing else.
 */
export function outletOf(source: StoredArticle["source"], origin: string): string {
  if (source.outlet?.trim()) return source.outlet.trim();
  for (const candidate of [source.url, origin]) {
    try {
      const url = new URL(candidate ?? "");
      if (url.protocol === "http:" || url.protocol === "https:") return url.hostname.replace(/^www\./, "");
    } catch {
      // not a URL
    }
  }
  return source.path ?? origin;
}

/** The stored form of a result read from a file (times from the file's own dates). */
export function storedFromResult(result: ArticleResult, times: { firstSeen: string; updated: string; path?: string }): StoredArticle {
  const { source } = result;
  const topic = topicOf(result);
  return {
    id: result.id,
    result,
    source: {
      ...(source.url !== undefined ? { url: source.url } : {}),
      ...(times.path !== undefined ? { path: times.path } : {}),
      ...(source.outlet !== undefined ? { outlet: source.outlet } : {}),
      ...(source.title !== undefined ? { title: source.title } : {}),
      ...(source.published !== undefined ? { published: source.published } : {}),
      ...(topic !== undefined ? { topic } : {}),
    },
    firstSeen: times.firstSeen,
    updated: times.updated,
  };
}

/**
 * Every article the output folder's store holds (prevod.db, store/store.ts), with the times the
 * store keeps; a folder without a store (results copied by hand, an older prevod) is read from
 * its files (readFolderArticles).
 */
export async function readStoredArticles(outputDir: string, window: BulletinWindow = {}): Promise<StoredArticle[]> {
  if (!existsSync(join(outputDir, STORE_FILE))) return readFolderArticles(outputDir);
  const store = openStore(outputDir, { readonly: true });
  try {
    const stored: StoredArticle[] = [];
    // Only the window's rows are read (the store's `at` index, atBounds): a day's bulletin over a
    // year's store reads the day; the bulletin then decides by instant.
    for (const article of store.iterateArticles({ ...atBounds(window), order: "oldest" })) {
      if (!article.result) continue;
      stored.push(storedFromResult(article.result, { firstSeen: article.firstSeen, updated: article.updated, ...(article.source.path ? { path: article.source.path } : {}) }));
    }
    return stored;
  } finally {
    store.close();
  }
}

/**
 * Every article of the output folder, from `out/articles/*.json`: runs accumulate there (a run
 * of one article into a folder of five gives six). For folders without a store.
 */
export async function readFolderArticles(outputDir: string): Promise<StoredArticle[]> {
  const location = await locateRunArticles(outputDir);
  const stored: StoredArticle[] = [];
  const folder = join(outputDir, "articles");
  const names = await readdir(folder).catch(() => [] as string[]);
  const jsons = names.filter((entry) => entry.endsWith(".json") && !entry.startsWith(".")).sort();
  if (jsons.length === 0 && location.kind === "jsonl") {
    // Results copied without their articles/ folder: the run's articles.jsonl alone.
    const info = await stat(location.path);
    for await (const { article } of scanRunArticles(location)) stored.push(storedFromResult(article, { firstSeen: info.mtime.toISOString(), updated: info.mtime.toISOString() }));
    return stored;
  }
  for (const name of jsons) {
    const path = join(folder, name);
    let value: unknown;
    try {
      value = JSON.parse(await readFile(path, "utf8"));
    } catch {
      throw new PrevodError("INPUT_INVALID", `${path}: not valid JSON`);
    }
    const parsed = articleResultSchema.safeParse(value);
    if (!parsed.success) throw new PrevodError("INPUT_INVALID", `${path}: not an article result of prevod run: ${parsed.error.issues[0]!.path.join(".")}: ${parsed.error.issues[0]!.message}`);
    const info = await stat(path);
    const born = info.birthtimeMs > 0 ? info.birthtime : info.mtime;
    stored.push(storedFromResult(parsed.data, { firstSeen: born.toISOString(), updated: info.mtime.toISOString(), path }));
  }
  return stored;
}

/** The zone's offset from UTC at `instant`, in ms (Europe/Sofia in winter: 7,200,000). */
export function zoneOffset(instant: number, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" })
      .formatToParts(new Date(instant))
      .map((part) => [part.type, part.value]),
  );
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour) % 24, Number(parts.minute), Number(parts.second));
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The instant of a wall-clock time in a zone (two passes settle a DST change). */
export function zonedInstant(year: number, month: number, day: number, hour: number, minute: number, timeZone: string): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  let instant = wall - zoneOffset(wall, timeZone);
  instant = wall - zoneOffset(instant, timeZone);
  return instant;
}

export function systemTimeZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone ?? "UTC";
}

/** Checks an IANA zone name with Intl; one line on a typo. */
export function checkTimeZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat("en", { timeZone });
    return timeZone;
  } catch {
    throw new PrevodError("USAGE", `bulletin.timezone: '${timeZone}' is not a time zone (expected an IANA name such as Europe/Sofia)`);
  }
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DURATION = /^(\d+)\s*([mhd])$/;

/** A calendar day (YYYY-MM-DD) in the zone, midnight to midnight. */
export function dayWindow(date: string, timeZone: string): BulletinWindow {
  const parts = DATE.exec(date.trim());
  if (!parts) throw new PrevodError("USAGE", `--date: expected YYYY-MM-DD, got '${date}'`);
  const [year, month, day] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  const next = new Date(Date.UTC(year, month - 1, day + 1));
  return {
    from: zonedInstant(year, month, day, 0, 0, timeZone),
    until: zonedInstant(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), 0, 0, timeZone),
    label: { from: date.trim() },
  };
}

/** "24h", "90m", "7d" back from `now`. */
export function sinceWindow(duration: string, now: number): BulletinWindow {
  const parts = DURATION.exec(duration.trim());
  if (!parts) throw new PrevodError("USAGE", `--since: expected a duration such as 24h, 90m or 7d, got '${duration}'`);
  const ms = Number(parts[1]) * { m: 60_000, h: 3_600_000, d: 86_400_000 }[parts[2] as "m" | "h" | "d"];
  return { from: now - ms, until: now + 1 };
}

/** A bound: a date (midnight in the zone) or an ISO date-time (its own offset, else the zone's). */
export function parseBound(value: string, timeZone: string, name: string): number {
  const trimmed = value.trim();
  const day = DATE.exec(trimmed);
  if (day) return zonedInstant(Number(day[1]), Number(day[2]), Number(day[3]), 0, 0, timeZone);
  const local = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})$/.exec(trimmed);
  if (local) return zonedInstant(Number(local[1]), Number(local[2]), Number(local[3]), Number(local[4]), Number(local[5]), timeZone);
  const instant = publishedInstant(trimmed);
  if (instant === undefined) throw new PrevodError("USAGE", `${name}: expected a date (2026-12-01) or date-time (2026-12-01T08:00+02:00), got '${value}'`);
  return instant;
}

export interface WindowRequest {
  date?: string;
  since?: string;
  from?: string;
  until?: string;
  /** pipeline.yaml's outputs.bulletins window: all, day, or a duration. */
  configured?: string;
}

/** The window the options ask for; with none, the configured one; with neither, everything. */
export function resolveWindow(request: WindowRequest, timeZone: string, now: number): BulletinWindow {
  const given = [request.date !== undefined, request.since !== undefined, request.from !== undefined || request.until !== undefined].filter(Boolean).length;
  if (given > 1) throw new PrevodError("USAGE", "give one of --date, --since or --from/--until");
  if (request.date !== undefined) return dayWindow(request.date, timeZone);
  if (request.since !== undefined) return sinceWindow(request.since, now);
  if (request.from !== undefined || request.until !== undefined) {
    return {
      ...(request.from !== undefined ? { from: parseBound(request.from, timeZone, "--from") } : {}),
      ...(request.until !== undefined ? { until: parseBound(request.until, timeZone, "--until") } : {}),
      label: { ...(request.from !== undefined ? { from: request.from.trim() } : {}), ...(request.until !== undefined ? { until: request.until.trim() } : {}) },
    };
  }
  const configured = request.configured ?? "all";
  if (configured === "all") return {};
  if (configured === "day") {
    const local = new Date(now + zoneOffset(now, timeZone));
    return dayWindow(local.toISOString().slice(0, 10), timeZone);
  }
  return sinceWindow(configured, now);
}

/**
 * The article's time for windows and order: its publication time, else when it was first seen
 * (an undated feed item belongs to the day it arrived).
 */
export function articleInstant(article: StoredArticle): number | undefined {
  return publishedInstant(article.source.published ?? article.result.source.published) ?? publishedInstant(article.firstSeen);
}

export function inWindow(article: StoredArticle, window: BulletinWindow): boolean {
  if (window.from === undefined && window.until === undefined) return true;
  const instant = articleInstant(article);
  if (instant === undefined) return false;
  return (window.from === undefined || instant >= window.from) && (window.until === undefined || instant < window.until);
}
