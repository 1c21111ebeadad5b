/**
 * A store's summary for `prevod status`: counts by index (articles by status, articles in a time
 * window), the last run's manifest, the feeds `prevod watch` keeps validators for. Every query is
 * an indexed count or one row, so it stays fast on a year's store (100,000 articles); no article's
 * result is read.
 */
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import type { RunManifest } from "../outputs/run-manifest.js";
import { atBounds, STORE_FILE } from "./store.js";

export interface StoreSummary {
  path: string;
  schema: number;
  bytes: number;
  articles: { total: number; byStatus: Record<string, number> };
  runs: number;
  lastRun?: { id: string; startedAt: string; manifest: RunManifest };
  /** Articles with a result whose time (published, else first seen) is in [from, until). */
  inWindow?: number;
  feeds?: { watched: number; lastChecked?: string };
}

/** The summary of `<folder>/prevod.db`, or undefined when the folder has no store. */
export function summarizeStore(folder: string, window?: { from?: number; until?: number }): StoreSummary | undefined {
  const path = join(folder, STORE_FILE);
  if (!existsSync(path)) return undefined;
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    db.pragma("busy_timeout = 10000");
    const byStatus: Record<string, number> = {};
    let total = 0;
    for (const row of db.prepare("SELECT status, count(*) AS n FROM articles GROUP BY status").iterate() as IterableIterator<{ status: string; n: number }>) {
      byStatus[row.status] = row.n;
      total += row.n;
    }
    const last = db.prepare("SELECT id, started_at, manifest FROM runs ORDER BY started_at DESC LIMIT 1").get() as { id: string; started_at: string; manifest: string } | undefined;
    const summary: StoreSummary = {
      path,
      schema: db.pragma("user_version", { simple: true }) as number,
      bytes: statSync(path).size + (existsSync(`${path}-wal`) ? statSync(`${path}-wal`).size : 0),
      articles: { total, byStatus },
      runs: (db.prepare("SELECT count(*) AS n FROM runs").get() as { n: number }).n,
      ...(last ? { lastRun: { id: last.id, startedAt: last.started_at, manifest: JSON.parse(last.manifest) as RunManifest } } : {}),
    };
    if (window) {
      // `at` is ISO 8601 with the feed's own offset (+02:00) or a bare date: the index narrows
      // the range by text (± a day covers every offset), julianday() then compares instants.
      const where = ["result IS NOT NULL"];
      const params: Array<string | number> = [];
      const bounds = atBounds(window);
      if (window.from !== undefined) {
        where.push("at >= ?", "(julianday(at) - 2440587.5) * 86400000 >= ?");
        params.push(bounds.from!, window.from);
      }
      if (window.until !== undefined) {
        where.push("at < ?", "(julianday(at) - 2440587.5) * 86400000 < ?");
        params.push(bounds.until!, window.until);
      }
      summary.inWindow = (db.prepare(`SELECT count(*) AS n FROM articles WHERE ${where.join(" AND ")}`).get(...params) as { n: number }).n;
    }
    if (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'http_validators'").get()) {
      const feeds = db.prepare("SELECT count(*) AS n, max(checked_at) AS last FROM http_validators WHERE url NOT LIKE 'file:%'").get() as { n: number; last: string | null };
      summary.feeds = { watched: feeds.n, ...(feeds.last ? { lastChecked: feeds.last } : {}) };
    }
    return summary;
  } finally {
    db.close();
  }
}
