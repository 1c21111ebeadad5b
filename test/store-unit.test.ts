import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { isPrevodError } from "../src/errors.js";
import type { ArticleResult } from "../src/outputs/article-schema.js";
import { acquireStoreLock, LOCK_FILE } from "../src/store/lock.js";
import { openStore, STORE_FILE } from "../src/store/store.js";
import { ROOT, temporaryDirectory } from "./support/cli.js";

const temporary = temporaryDirectory("prevod-store-");
afterAll(() => temporary.cleanup());

const result = (id: string, published?: string, status: ArticleResult["status"] = "ok"): ArticleResult => ({
  id,
  status,
  source: { title: `Заглавие ${id}`, url: `https://www.dnevnik.bg/${id}`, ...(published ? { published } : {}), origin: `https://www.dnevnik.bg/${id}`, sha256: "0".repeat(64) },
  segments: [{ id: "s1", kind: "body", text: "Текст.", start: 0, end: 6, paragraph: 0 }],
  translations: { en: { segments: [{ id: "s1", text: "Text." }], text: "Text." } },
  summaries: {},
  quotes: [],
  checks: [],
  errors: [],
  usage: { calls: 1, cached: 0, replayed: 0, prompt_tokens: 1, completion_tokens: 1, repairs: 0 },
});
const entry = (status: "ok" | "partial" | "failed" | "interrupted" = "ok", updated = "2026-12-01T10:00:00.000Z") => ({ input: `in-${status}`, answers: "ans", models: "m", status, updated_at: updated });

describe("the store (issue 14)", () => {
  it("imports an existing state.json and articles/*.json once, without loss", () => {
    const dir = join(temporary.dir, "legacy");
    mkdirSync(join(dir, "articles"), { recursive: true });
    const ids = ["a1", "a2", "a3"];
    const state: Record<string, ReturnType<typeof entry>> = {};
    ids.forEach((id, index) => {
      writeFileSync(join(dir, "articles", `${id}.json`), JSON.stringify(result(id, `2026-12-0${index + 1}T08:00:00.000Z`)));
      state[id] = { ...entry("ok"), input: `hash-${id}` };
    });
    // An article cut off in its first run: in the state only, no file.
    state["cut"] = { ...entry("interrupted"), input: "hash-cut" };
    writeFileSync(join(dir, "state.json"), JSON.stringify({ version: 1, articles: state }));
    const store = openStore(dir);
    expect(store.stateEntries()).toEqual(state);
    for (const id of ids) {
      const stored = store.article(id)!;
      expect(stored.result).toEqual(JSON.parse(readFileSync(join(dir, "articles", `${id}.json`), "utf8")));
      expect(stored.input).toBe(`hash-${id}`);
      expect(stored.source).toMatchObject({ url: `https://www.dnevnik.bg/${id}`, outlet: "dnevnik.bg", title: `Заглавие ${id}` });
    }
    expect(store.article("cut")).toMatchObject({ status: "interrupted" });
    expect(store.count()).toBe(4);
    store.close();
    // Once: a later change to the old files is not imported again.
    writeFileSync(join(dir, "state.json"), JSON.stringify({ version: 1, articles: { other: entry() } }));
    const again = openStore(dir);
    expect(again.stateEntry("other")).toBeUndefined();
    expect(again.count()).toBe(4);
    again.close();
  });

  it("is one WAL file with its schema version in user_version", () => {
    const dir = join(temporary.dir, "wal");
    openStore(dir).close();
    const db = new Database(join(dir, STORE_FILE), { readonly: true });
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.pragma("user_version", { simple: true })).toBe(2);
    db.close();
  });

  it("refuses a store written by a newer schema rather than guessing", () => {
    const dir = join(temporary.dir, "newer");
    openStore(dir).close();
    const db = new Database(join(dir, STORE_FILE));
    db.pragma("user_version = 99");
    db.close();
    expect(() => openStore(dir)).toThrow(/newer prevod/);
  });

  it("answers windows, order, limit and status; a cut-off article keeps its earlier result", () => {
    const store = openStore(join(temporary.dir, "query"));
    store.putArticle("old", entry("ok"), result("old", "2026-11-30T22:00:00.000Z"), "r1");
    store.putArticle("mid", entry("ok"), result("mid", "2026-12-01T09:00:00.000Z"), "r1");
    store.putArticle("new", entry("ok"), result("new", "2026-12-01T18:00:00.000Z", "partial"), "r2");
    store.putArticle("next", entry("ok"), result("next", "2026-12-02T01:00:00.000Z"), "r2");
    const day = { from: "2026-12-01T00:00:00.000Z", until: "2026-12-02T00:00:00.000Z" };
    expect(store.articles(day).map((a) => a.id)).toEqual(["new", "mid"]);
    expect(store.articles({ ...day, order: "oldest" }).map((a) => a.id)).toEqual(["mid", "new"]);
    expect(store.articles({ limit: 1 }).map((a) => a.id)).toEqual(["next"]);
    expect(store.articles({ status: "partial" }).map((a) => a.id)).toEqual(["new"]);
    expect(store.article("mid")).toMatchObject({ runId: "r1", at: "2026-12-01T09:00:00.000Z" });
    store.putArticle("mid", entry("interrupted"), undefined, "r3");
    expect(store.stateEntry("mid")!.status).toBe("interrupted");
    expect(store.article("mid")!.result!.id).toBe("mid");
    store.close();
  });
});

describe("the store's lock", () => {
  const deadPid = (): number => spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" }).stdout.trim() as unknown as number;

  it("takes over the lock of a process that is gone (kill -9)", async () => {
    const dir = join(temporary.dir, "stale");
    mkdirSync(dir, { recursive: true });
    const pid = Number(deadPid());
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid, host: hostname(), command: "prevod run feed.xml", since: "2026-12-03T05:00:00.000Z" }));
    const lock = await acquireStoreLock(dir, { wait: false });
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), "utf8")).pid).toBe(process.pid);
    lock.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it("with wait: false fails with one line naming the holder; by default waits, saying so once", async () => {
    const dir = join(temporary.dir, "held");
    mkdirSync(dir, { recursive: true });
    const holder = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"], { stdio: "ignore" });
    try {
      writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: holder.pid, host: hostname(), command: "prevod run feed.xml", since: "2026-12-03T05:00:00.000Z" }));
      const error = await acquireStoreLock(dir, { wait: false }).catch((caught: unknown) => caught);
      expect(isPrevodError(error, "USAGE")).toBe(true);
      expect((error as Error).message).toBe(`${dir} is in use by another prevod: pid ${holder.pid} on ${hostname()} (prevod run feed.xml) since 2026-12-03T05:00:00.000Z; try again later or drop --no-wait to wait`);
      const waits: string[] = [];
      const waiting = acquireStoreLock(dir, { pollMs: 20, onWait: (message) => waits.push(message) });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(waits).toHaveLength(1);
      holder.kill("SIGKILL");
      const lock = await waiting;
      expect(waits).toHaveLength(1);
      expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), "utf8")).pid).toBe(process.pid);
      lock.release();
    } finally {
      holder.kill("SIGKILL");
    }
  });

  it("a store write killed with -9 leaves every transaction whole: nothing lost, nothing duplicated", async () => {
    const dir = join(temporary.dir, "killed-write");
    openStore(dir).close();
    const script = `
      import { openStore } from ${JSON.stringify(join(ROOT, "dist", "store", "store.js"))};
      const store = openStore(${JSON.stringify(dir)});
      const big = "ж".repeat(20000);
      for (let i = 0; ; i++) {
        const id = "w" + String(i).padStart(6, "0");
        store.putArticle(id, { input: "h" + i, answers: "a", status: "ok", updated_at: new Date().toISOString() }, { id, status: "ok", source: { origin: "x", sha256: big }, segments: [], translations: {}, summaries: {}, quotes: [], checks: [], errors: [], usage: { calls: 0, cached: 0, prompt_tokens: 0, completion_tokens: 0, repairs: 0 } });
        if (i === 20) process.stdout.write("writing\\n");
      }`;
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], { stdio: ["ignore", "pipe", "inherit"] });
    await new Promise<void>((resolve) => child.stdout.once("data", () => resolve()));
    await new Promise((resolve) => setTimeout(resolve, 150));
    child.kill("SIGKILL");
    await new Promise((resolve) => child.once("close", resolve));
    const store = openStore(dir);
    const ids = store.articles({ order: "oldest" }).map((a) => a.id);
    const state = store.stateEntries();
    expect(ids.length).toBeGreaterThan(20);
    // Each article and its state entry went in together, in order, with no gap and no double.
    expect(new Set(ids).size).toBe(ids.length);
    expect(Object.keys(state).sort()).toEqual([...ids].sort());
    expect([...ids].sort()).toEqual(Array.from({ length: ids.length }, (_, i) => "w" + String(i).padStart(6, "0")));
    for (const id of ids.slice(-3)) expect(store.article(id)!.result!.source.sha256).toHaveLength(20000);
    store.close();
  });
});
