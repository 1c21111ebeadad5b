/**
 * The store across runs: one SQLite file, `<out>/prevod.db` (WAL mode), that holds every article
 * ever processed into the folder, the runs, and the incremental state `state.json` held before.
 * `articles/<id>.json`, `articles.jsonl` and the bulletins are exports written from it.
 *
 * API (for bulletins, pages, `watch`):
 *
 * ```ts
 * const store = openStore("out");               // creates or migrates out/prevod.db; imports state.json + articles/ once
 * store.articles({ from, until, order: "newest", limit, status }); // StoredArticle[]: metadata + result
 * store.article("id");                          // one StoredArticle or undefined
 * store.runs();                                 // StoredRun[], newest first (run.json's content)
 * store.stateEntry("id") / store.stateEntries(); // the incremental state (StateEntry)
 * store.putArticle(id, state, result?, runId);  // one transaction: the state entry and the article
 * store.putRun(manifest);                        // returns the run id
 * store.close();
 * ```
 *
 * Times (`from`, `until`) are ISO strings; an article's time is its `published` date, else the
 * time it was first seen. One writer at a time is the lock's business (lock.ts), not SQLite's:
 * SQLite keeps each write whole, the lock keeps two runs from deciding on the same state.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { redact } from "../common/redact.js";
import { jsonChunks } from "../common/json-chunks.js";
import type { ArticleResult } from "../outputs/article-schema.js";
import type { RunManifest } from "../outputs/run-manifest.js";
import type { StateEntry } from "../outputs/run-state.js";

export const STORE_FILE = "prevod.db";

export interface SourceMetadata {
  url?: string;
  path?: string;
  origin?: string;
  outlet?: string;
  title?: string;
  published?: string;
  topic?: string;
}

export interface StoredArticle {
  id: string;
  /** Hash of the input (incremental.inputHash). */
  input: string;
  status: ArticleResult["status"] | "interrupted";
  source: SourceMetadata;
  /** The article's result (articles/<id>.json), absent for an article that never finished. */
  result?: ArticleResult;
  runId?: string;
  firstSeen: string;
  updated: string;
  /** published, else first seen: what time windows and order use. */
  at: string;
}

export interface StoredRun {
  id: string;
  startedAt: string;
  manifest: RunManifest;
}

export interface ArticleQuery {
  from?: string;
  until?: string;
  order?: "newest" | "oldest";
  limit?: number;
  status?: StoredArticle["status"] | Array<StoredArticle["status"]>;
}

export interface Store {
  readonly path: string;
  articles(query?: ArticleQuery): StoredArticle[];
  /** As articles(), one at a time: for exports of a whole store with flat memory. */
  iterateArticles(query?: ArticleQuery): IterableIterator<StoredArticle>;
  /** The results as the store keeps them (UTF-8 JSON, redacted when stored), in articles()' order: an export that need not parse them. */
  iterateResultJson(query?: ArticleQuery): IterableIterator<Buffer>;
  article(id: string): StoredArticle | undefined;
  count(): number;
  runs(): StoredRun[];
  stateEntry(id: string): StateEntry | undefined;
  stateEntries(): Record<string, StateEntry>;
  /** The state entry and (when given) the result, in one transaction. */
  putArticle(id: string, entry: StateEntry, result?: ArticleResult, runId?: string, source?: SourceMetadata): void;
  putRun(manifest: RunManifest, id?: string): string;
  close(): void;
}

/** Migrations in order; PRAGMA user_version is the number applied. Never edit one, add the next. */
const MIGRATIONS: string[] = [
  `CREATE TABLE articles (
     id TEXT PRIMARY KEY,
     input TEXT NOT NULL,
     source TEXT NOT NULL,
     status TEXT NOT NULL,
     result TEXT,
     run_id TEXT,
     first_seen TEXT NOT NULL,
     updated TEXT NOT NULL,
     at TEXT NOT NULL
   );
   CREATE INDEX articles_at ON articles(at);
   CREATE TABLE runs (id TEXT PRIMARY KEY, started_at TEXT NOT NULL, manifest TEXT NOT NULL);
   CREATE INDEX runs_started ON runs(started_at);
   CREATE TABLE state (
     id TEXT PRIMARY KEY,
     input TEXT NOT NULL,
     answers TEXT NOT NULL,
     models TEXT,
     status TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);`,
  // prevod watch (store/http-validators.ts): each feed's ETag / Last-Modified, or a folder's
  // fingerprint, as of the last cycle that finished; and `prevod status`'s counts by index.
  `CREATE TABLE http_validators (url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, checked_at TEXT NOT NULL);
   CREATE INDEX articles_status ON articles(status);
   CREATE INDEX articles_done_at ON articles(at) WHERE result IS NOT NULL;`,
];

interface ArticleRow {
  id: string;
  input: string;
  source: string;
  status: string;
  result: string | null;
  run_id: string | null;
  first_seen: string;
  updated: string;
  at: string;
}

interface StateRow {
  id: string;
  input: string;
  answers: string;
  models: string | null;
  status: string;
  updated_at: string;
}

function toArticle(row: ArticleRow): StoredArticle {
  return {
    id: row.id,
    input: row.input,
    status: row.status as StoredArticle["status"],
    source: JSON.parse(row.source) as SourceMetadata,
    ...(row.result !== null ? { result: JSON.parse(row.result) as ArticleResult } : {}),
    ...(row.run_id !== null ? { runId: row.run_id } : {}),
    firstSeen: row.first_seen,
    updated: row.updated,
    at: row.at,
  };
}

function toEntry(row: StateRow): StateEntry {
  return { input: row.input, answers: row.answers, ...(row.models !== null ? { models: row.models } : {}), status: row.status as StateEntry["status"], updated_at: row.updated_at };
}

/** Source metadata of a result: url or path, title, published; the outlet is the url's domain. */
export function sourceOf(result: ArticleResult): SourceMetadata {
  const { url, title, published, origin } = result.source;
  let outlet: string | undefined;
  if (url) {
    try {
      outlet = new URL(url).hostname.replace(/^www\./, "");
    } catch {
      outlet = undefined;
    }
  }
  const isPath = !/^[a-z]+:\/\//i.test(origin);
  return { ...(url ? { url } : {}), ...(isPath ? { path: origin.replace(/(#|:)\d+$/, "") } : {}), origin, ...(outlet ? { outlet } : {}), ...(title ? { title } : {}), ...(published ? { published } : {}) };
}

/**
 * The text bounds on `at` that hold every article of a window of instants. `at` is the article's
 * time as written (ISO 8601 with the writer's offset, up to 14 h either way, or a bare date), so
 * its date may be a day off the UTC one: dates from the day before `from` up to (not including)
 * two days after `until`'s. The `at` index narrows by these; the caller then decides by instant.
 */
export function atBounds(window: { from?: number; until?: number }): { from?: string; until?: string } {
  const day = 86_400_000;
  return {
    ...(window.from !== undefined ? { from: new Date(window.from - day).toISOString().slice(0, 10) } : {}),
    ...(window.until !== undefined ? { until: new Date(window.until + 2 * day).toISOString().slice(0, 10) } : {}),
  };
}

/** JSON as the store keeps it: redacted like every file prevod writes (common/redact.ts). */
function stored(value: unknown): string {
  return redact(JSON.stringify(value));
}

/**
 * A result as the store keeps it, as UTF-8 bytes made piece by piece (redacted piece by piece:
 * jsonChunks never cuts inside a string): a 5 MB article's result never becomes one 30 MB string.
 * Bound as `CAST(? AS TEXT)`, so the column stays text.
 */
function storedBytes(value: unknown): Buffer {
  const parts: Buffer[] = [];
  for (const chunk of jsonChunks(value)) parts.push(Buffer.from(redact(chunk)));
  return Buffer.concat(parts);
}

/** Opens (creating and migrating) `<folder>/prevod.db`; imports state.json and articles/*.json once. */
export function openStore(folder: string, options: { readonly?: boolean } = {}): Store {
  const path = join(folder, STORE_FILE);
  if (options.readonly && !existsSync(path)) return emptyStore(path);
  if (!options.readonly) mkdirSync(folder, { recursive: true });
  const db = new Database(path, options.readonly ? { readonly: true, fileMustExist: true } : {});
  db.pragma("busy_timeout = 10000");
  // SQLite's own default page cache (2 MB), not better-sqlite3's 16 MB: a large article's result
  // passes through the cache whole when it is written and when it is read, and each connection kept
  // up to 16 MB of it (issue 13.2: a 26 MB row cost 37 MB of resident memory, 11 with this).
  db.pragma("cache_size = -2000");
  if (!options.readonly) {
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    migrate(db);
    importLegacy(db, folder);
  }

  const putState = db.prepare("INSERT INTO state (id, input, answers, models, status, updated_at) VALUES (@id, @input, @answers, @models, @status, @updated_at) ON CONFLICT(id) DO UPDATE SET input=excluded.input, answers=excluded.answers, models=excluded.models, status=excluded.status, updated_at=excluded.updated_at");
  const putArticleRow = db.prepare(
    "INSERT INTO articles (id, input, source, status, result, run_id, first_seen, updated, at) VALUES (@id, @input, @source, @status, CAST(@result AS TEXT), @run_id, @now, @now, @at) ON CONFLICT(id) DO UPDATE SET input=excluded.input, source=excluded.source, status=excluded.status, result=coalesce(excluded.result, articles.result), run_id=coalesce(excluded.run_id, articles.run_id), updated=excluded.updated, at=CASE WHEN json_extract(excluded.source, '$.published') IS NOT NULL THEN excluded.at ELSE articles.at END",
  );
  const insertArticleRow = db.prepare("INSERT OR IGNORE INTO articles (id, input, source, status, result, run_id, first_seen, updated, at) VALUES (@id, @input, @source, @status, NULL, NULL, @now, @now, @at)");
  const putArticleTx = db.transaction((id: string, entry: StateEntry, result: ArticleResult | undefined, runId: string | undefined, source: SourceMetadata | undefined) => {
    putState.run({ id, input: entry.input, answers: entry.answers, models: entry.models ?? null, status: entry.status, updated_at: entry.updated_at });
    const meta = source ?? (result ? sourceOf(result) : {});
    // An article cut off keeps the result it had; only a new one gets a row without a result.
    if (!result) {
      insertArticleRow.run({ id, input: entry.input, source: stored(meta), status: entry.status, now: entry.updated_at, at: meta.published ?? entry.updated_at });
      return;
    }
    putArticleRow.run({ id, input: entry.input, source: stored(meta), status: result?.status ?? entry.status, result: result ? storedBytes(result) : null, run_id: runId ?? null, now: entry.updated_at, at: meta.published ?? entry.updated_at });
  });

  const select = (query: ArticleQuery, columns = "*", also?: string): { sql: string; params: unknown[] } => {
    const where: string[] = also ? [also] : [];
    const params: unknown[] = [];
    if (query.from) {
      where.push("at >= ?");
      params.push(query.from);
    }
    if (query.until) {
      where.push("at < ?");
      params.push(query.until);
    }
    if (query.status) {
      const statuses = Array.isArray(query.status) ? query.status : [query.status];
      where.push(`status IN (${statuses.map(() => "?").join(",")})`);
      params.push(...statuses);
    }
    const order = query.order === "oldest" ? "ASC" : "DESC";
    const limit = query.limit !== undefined ? ` LIMIT ${Math.max(0, Math.floor(query.limit))}` : "";
    return { sql: `SELECT ${columns} FROM articles${where.length ? ` WHERE ${where.join(" AND ")}` : ""} ORDER BY at ${order}, id ${order}${limit}`, params };
  };

  return {
    path,
    articles(query = {}) {
      const { sql, params } = select(query);
      return (db.prepare(sql).all(...params) as ArticleRow[]).map(toArticle);
    },
    *iterateArticles(query = {}) {
      const { sql, params } = select(query);
      for (const row of db.prepare(sql).iterate(...params) as IterableIterator<ArticleRow>) yield toArticle(row);
    },
    *iterateResultJson(query = {}) {
      const { sql, params } = select(query, "CAST(result AS BLOB) AS json", "result IS NOT NULL");
      for (const row of db.prepare(sql).iterate(...params) as IterableIterator<{ json: Buffer }>) yield row.json;
    },
    article(id) {
      const row = db.prepare("SELECT * FROM articles WHERE id = ?").get(id) as ArticleRow | undefined;
      return row ? toArticle(row) : undefined;
    },
    count() {
      return (db.prepare("SELECT count(*) AS n FROM articles").get() as { n: number }).n;
    },
    runs() {
      return (db.prepare("SELECT * FROM runs ORDER BY started_at DESC").all() as Array<{ id: string; started_at: string; manifest: string }>).map((row) => ({ id: row.id, startedAt: row.started_at, manifest: JSON.parse(row.manifest) as RunManifest }));
    },
    stateEntry(id) {
      const row = db.prepare("SELECT * FROM state WHERE id = ?").get(id) as StateRow | undefined;
      return row ? toEntry(row) : undefined;
    },
    stateEntries() {
      const entries: Record<string, StateEntry> = {};
      for (const row of db.prepare("SELECT * FROM state").iterate() as IterableIterator<StateRow>) entries[row.id] = toEntry(row);
      return entries;
    },
    putArticle(id, entry, result, runId, source) {
      putArticleTx(id, entry, result, runId, source);
    },
    putRun(manifest, id = `${manifest.started_at}-${process.pid}`) {
      db.prepare("INSERT INTO runs (id, started_at, manifest) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET manifest=excluded.manifest").run(id, manifest.started_at, stored(manifest));
      return id;
    },
    close() {
      db.close();
    },
  };
}

function migrate(db: Database.Database): void {
  const version = db.pragma("user_version", { simple: true }) as number;
  if (version > MIGRATIONS.length) throw new Error(`${db.name} was written by a newer prevod (schema ${version}, this one knows ${MIGRATIONS.length})`);
  for (let next = version; next < MIGRATIONS.length; next++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[next]!);
      db.pragma(`user_version = ${next + 1}`);
    }).immediate();
  }
}

/**
 * Once per store: the folder's state.json and articles/*.json (what prevod wrote before the store)
 * go in, in one transaction, so a crash during the import leaves nothing half-imported. Entries
 * already in the store are never overwritten by older files.
 */
function importLegacy(db: Database.Database, folder: string): void {
  const done = db.prepare("SELECT value FROM meta WHERE key = 'imported'").get();
  if (done) return;
  db.transaction(() => {
    if (db.prepare("SELECT value FROM meta WHERE key = 'imported'").get()) return;
    const now = new Date().toISOString();
    const stateFile = join(folder, "state.json");
    let state: Record<string, StateEntry> = {};
    if (existsSync(stateFile)) {
      try {
        const parsed = JSON.parse(readFileSync(stateFile, "utf8")) as { articles?: Record<string, StateEntry> };
        state = parsed.articles ?? {};
      } catch {
        state = {};
      }
    }
    const insertState = db.prepare("INSERT OR IGNORE INTO state (id, input, answers, models, status, updated_at) VALUES (?, ?, ?, ?, ?, ?)");
    for (const [id, entry] of Object.entries(state)) insertState.run(id, entry.input, entry.answers, entry.models ?? null, entry.status, entry.updated_at);
    const insertArticle = db.prepare("INSERT OR IGNORE INTO articles (id, input, source, status, result, run_id, first_seen, updated, at) VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?)");
    const articlesDir = join(folder, "articles");
    const seen = new Set<string>();
    if (existsSync(articlesDir)) {
      for (const name of readdirSync(articlesDir)) {
        if (!name.endsWith(".json") || name.startsWith(".")) continue;
        let result: ArticleResult;
        try {
          result = JSON.parse(readFileSync(join(articlesDir, name), "utf8")) as ArticleResult;
        } catch {
          continue;
        }
        if (typeof result?.id !== "string" || typeof result.status !== "string" || !result.source) continue;
        const entry = state[result.id];
        const meta = sourceOf(result);
        const when = entry?.updated_at ?? now;
        insertArticle.run(result.id, entry?.input ?? "", stored(meta), result.status, stored(result), when, when, meta.published ?? when);
        seen.add(result.id);
      }
    }
    // State entries without a file (interrupted articles) are articles the store knows too.
    for (const [id, entry] of Object.entries(state)) {
      if (!seen.has(id)) insertArticle.run(id, entry.input, "{}", entry.status, null, entry.updated_at, entry.updated_at, entry.updated_at);
    }
    db.prepare("INSERT INTO meta (key, value) VALUES ('imported', ?)").run(now);
  }).immediate();
}

/** A folder without a store, read-only: nothing in it. */
function emptyStore(path: string): Store {
  return {
    path,
    articles: () => [],
    *iterateArticles() {},
    *iterateResultJson() {},
    article: () => undefined,
    count: () => 0,
    runs: () => [],
    stateEntry: () => undefined,
    stateEntries: () => ({}),
    putArticle() {
      throw new Error(`${path}: the store is read-only`);
    },
    putRun() {
      throw new Error(`${path}: the store is read-only`);
    },
    close() {},
  };
}
