/**
 * What `prevod watch` remembers between cycles (table http_validators, migration 2): per feed URL
 * the ETag and Last-Modified of the last version whose articles all ran, and per file or folder
 * input a fingerprint of its listing (names, sizes, modification times) in the `etag` column
 * under the key `file:<absolute path>`. Saved only after a cycle finished uninterrupted, so a
 * cycle cut off asks for the whole feed again and loses nothing.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { redact } from "../common/redact.js";
import type { Validators } from "../inputs/fetch-source.js";
import { openStore, STORE_FILE } from "./store.js";

/** The table's key for a URL or `file:` key: itself, or the redacted form and a hash when redaction changes it. */
export function validatorKey(url: string): string {
  const redacted = redact(url);
  return redacted === url ? url : `${redacted} sha256:${createHash("sha256").update(url).digest("hex").slice(0, 32)}`;
}

/** Every saved validator by key ({@link validatorKey}) (or `file:` key); nothing for a folder without a store or an older schema. */
export function readValidators(folder: string): Map<string, Validators> {
  const path = join(folder, STORE_FILE);
  const found = new Map<string, Validators>();
  if (!existsSync(path)) return found;
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    db.pragma("busy_timeout = 10000");
    const table = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'http_validators'").get();
    if (!table) return found;
    for (const row of db.prepare("SELECT url, etag, last_modified FROM http_validators").iterate() as IterableIterator<{ url: string; etag: string | null; last_modified: string | null }>) {
      found.set(row.url, { ...(row.etag !== null ? { etag: row.etag } : {}), ...(row.last_modified !== null ? { lastModified: row.last_modified } : {}) });
    }
    return found;
  } finally {
    db.close();
  }
}

/** Saves validators (by URL or `file:` key) in one transaction (the caller holds the store lock). An entry without either field is removed. */
export function saveValidators(folder: string, entries: Map<string, Validators>, now = new Date().toISOString()): void {
  // openStore creates and migrates the store; the table is then there.
  openStore(folder).close();
  const db = new Database(join(folder, STORE_FILE));
  try {
    db.pragma("busy_timeout = 10000");
    const put = db.prepare("INSERT INTO http_validators (url, etag, last_modified, checked_at) VALUES (?, ?, ?, ?) ON CONFLICT(url) DO UPDATE SET etag=excluded.etag, last_modified=excluded.last_modified, checked_at=excluded.checked_at");
    const remove = db.prepare("DELETE FROM http_validators WHERE url = ?");
    db.transaction(() => {
      for (const [url, validators] of entries) {
        const key = validatorKey(url);
        if (!validators.etag && !validators.lastModified) remove.run(key);
        else put.run(key, redact(validators.etag ?? "") || null, redact(validators.lastModified ?? "") || null, now);
      }
    }).immediate();
  } finally {
    db.close();
  }
}
