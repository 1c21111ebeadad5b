import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { hostname } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, runCli, temporaryDirectory, writePipeline } from "./support/cli.js";
import { loadReferenceBook, referenceAnswerer } from "./support/reference-answerer.js";
import { startOllamaSimulator, type Simulator } from "./support/sim/index.js";
import { smallArticles } from "./support/small-articles.js";

/**
 * Issue 14.6's "Must show": `prevod watch` against a feed on 127.0.0.1 that changes between
 * cycles. The right articles run each cycle, an unchanged feed costs one conditional request
 * (and no model call, no new run), and SIGTERM ends cleanly after the articles in flight, with
 * nothing lost for the next watch.
 */
const MODEL = "watch:7b";
const articles = smallArticles(6);
/** Over defaults.max_article_bytes 1024 (the per-feed test): fails before any model call, every time. */
const long = { ...articles[1]!, id: "long", text: `${articles[1]!.title}\n\n${Array.from({ length: 12 }, () => articles[1]!.text.split("\n\n")[1]!.trim()).join(" ")}\n` };
/** What feed items may carry: the articles, then the long one. */
const pool = [...articles, long];
const LONG = pool.length - 1;
const temporary = temporaryDirectory("prevod-watch-");

function escapeXml(text: string): string {
  return text.replace(/[&<>]/g, (character) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;" })[character]!);
}

/** One RSS item per [guid, article index]. */
function rss(items: Array<[string, number]>, base: string): string {
  const body = items.map(([guid, index]) => {
    const article = pool[index]!;
    return `<item><guid isPermaLink="false">${guid}</guid><title>${escapeXml(article.title!)}</title><link>${base}/${guid}</link><description>${escapeXml(article.text)}</description></item>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Watch test</title><link>${base}/</link>${body.join("")}</channel></rss>`;
}

interface FeedRequest {
  version: number;
  ifNoneMatch?: string;
  ifModifiedSince?: string;
  status: number;
  /** Requests the model simulator had received when this one arrived. */
  simulatorRequests: number;
}

/**
 * A feed server that counts requests and answers conditional ones with 304 (ETag and
 * Last-Modified per version, as a real server does: RFC 9110 §13.1). `versionFor(n)` picks the
 * version the n-th request (1-based) sees, so the feed changes between cycles without any clock.
 */
async function startFeed(versions: Record<number, Array<[string, number]>>, versionFor: (request: number) => number, simulator: () => Simulator): Promise<{ url: string; requests: FeedRequest[]; close: () => Promise<void> }> {
  const requests: FeedRequest[] = [];
  let base = "";
  const server: Server = createServer((request: IncomingMessage, response) => {
    if (request.url !== "/feed.xml") return void response.writeHead(404).end();
    const version = versionFor(requests.length + 1);
    const etag = `"v${version}"`;
    const lastModified = new Date(Date.UTC(2026, 11, 1, version)).toUTCString();
    const entry: FeedRequest = { version, status: 200, simulatorRequests: simulator().requests.length };
    if (request.headers["if-none-match"]) entry.ifNoneMatch = String(request.headers["if-none-match"]);
    if (request.headers["if-modified-since"]) entry.ifModifiedSince = String(request.headers["if-modified-since"]);
    requests.push(entry);
    if (entry.ifNoneMatch === etag) {
      entry.status = 304;
      return void response.writeHead(304, { etag, "last-modified": lastModified }).end();
    }
    response.writeHead(200, { "content-type": "application/rss+xml; charset=utf-8", etag, "last-modified": lastModified }).end(rss(versions[version]!, base));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${base}/feed.xml`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function rows(out: string, sql: string, ...params: unknown[]): Array<Record<string, unknown>> {
  const db = new Database(join(out, "prevod.db"), { readonly: true });
  try {
    return db.prepare(sql).all(...params) as Array<Record<string, unknown>>;
  } finally {
    db.close();
  }
}

/** Resolves when `test` holds for the child's stderr so far (checked on each chunk). */
function onStderr(child: import("node:child_process").ChildProcess, test: (stderr: string) => boolean, then: () => void): void {
  let seen = "";
  let done = false;
  child.stderr!.on("data", (chunk) => {
    seen += chunk;
    if (!done && test(seen)) {
      done = true;
      then();
    }
  });
}

let simulator: Simulator;
beforeAll(async () => {
  simulator = await startOllamaSimulator({ answer: referenceAnswerer(await loadReferenceBook(join(ROOT, "samples"))), models: [MODEL], parallel: 4 });
});
afterAll(async () => {
  await simulator?.close();
  temporary.cleanup();
});

const generationsBetween = (from: number, to: number) => simulator.requests.slice(from, to).length;

describe("prevod watch (issue 14.6)", () => {
  it("three cycles of one process: 3 new; then unchanged (one 304 request, no model call, no run); then 1 new and 1 changed run, the rest skipped; SIGTERM exits 0", async () => {
    const dir = join(temporary.dir, "cycles");
    mkdirSync(dir);
    const config = writePipeline(dir, { host: simulator.url, model: MODEL, targets: "[en]" });
    // Requests 1 and 2 see version 1; from the 3rd on, g3 is rewritten and g4 is added.
    const feed = await startFeed(
      {
        1: [["g1", 0], ["g2", 1], ["g3", 2]],
        3: [["g1", 0], ["g2", 1], ["g3", 4], ["g4", 3]],
      },
      (n) => (n <= 2 ? 1 : 3),
      () => simulator,
    );
    try {
      const statusLines = () => (result?.stderr ?? live).split("\n").filter((line) => /^\d\d:\d\d /.test(line));
      let live = "";
      let result: Awaited<ReturnType<typeof runCli>> | undefined;
      result = await runCli(["watch", feed.url, "--every", "1s", "-c", config, "--no-cache"], {
        cwd: dir,
        timeoutMs: 120_000,
        onSpawn: (child) => {
          child.stderr!.on("data", (chunk) => (live += chunk));
          // After the third cycle's line: SIGTERM while watch waits for the next cycle.
          onStderr(child, (stderr) => stderr.split("\n").filter((line) => /^\d\d:\d\d /.test(line)).length >= 3, () => child.kill("SIGTERM"));
        },
      });
      expect(result.code, result.stderr).toBe(0);
      const [first, second, third] = statusLines();
      expect(first).toMatch(/feed\.xml: 3 new, 0 changed, 0 unchanged · [1-9]\d* calls · bulletin 3 articles$/);
      expect(second).toMatch(/feed\.xml: not modified · 0 calls · bulletin 3 articles$/);
      expect(third).toMatch(/feed\.xml: 1 new, 1 changed, 2 unchanged · [1-9]\d* calls · bulletin 4 articles$/);

      // Cycle 1 asked unconditionally; cycle 2 sent the validators and got 304; cycle 3 sent the same ones and got the new version.
      expect(feed.requests[0]).toMatchObject({ status: 200, version: 1 });
      expect(feed.requests[0]!.ifNoneMatch).toBeUndefined();
      expect(feed.requests[1]).toMatchObject({ status: 304, ifNoneMatch: '"v1"', ifModifiedSince: new Date(Date.UTC(2026, 11, 1, 1)).toUTCString() });
      expect(feed.requests[2]).toMatchObject({ status: 200, version: 3, ifNoneMatch: '"v1"' });
      // Cycles after the third (if one began before the signal) are 304s: one request per cycle, never a second GET.
      expect(feed.requests.slice(3).every((request) => request.status === 304)).toBe(true);
      // Cycle 2 (between feed requests 2 and 3) made no request to the model server at all, not even a preflight.
      expect(generationsBetween(feed.requests[1]!.simulatorRequests, feed.requests[2]!.simulatorRequests)).toBe(0);
      expect(generationsBetween(feed.requests[0]!.simulatorRequests, feed.requests[1]!.simulatorRequests)).toBeGreaterThan(0);

      // Two runs in the store (cycles 1 and 3); g3 and g4 were made by the second, g1 and g2 by the first.
      const out = join(dir, "out");
      const runs = rows(out, "SELECT id FROM runs ORDER BY started_at").map((row) => row.id as string);
      expect(runs).toHaveLength(2);
      const madeBy = Object.fromEntries(rows(out, "SELECT id, run_id FROM articles").map((row) => [String(row.id).replace(/^.*-(g\d)$/, "$1"), row.run_id]));
      expect(madeBy).toEqual({ g1: runs[0], g2: runs[0], g3: runs[1], g4: runs[1] });
      // The validators of the version whose articles all ran are kept for the next watch.
      expect(rows(out, "SELECT url, etag FROM http_validators WHERE url LIKE 'http%'")).toEqual([{ url: feed.url, etag: '"v3"' }]);
    } finally {
      await feed.close();
    }
  }, 150_000);

  it("SIGTERM during a cycle: the articles in flight finish, exit 0, no validator saved; the next watch runs the rest, nothing lost or run twice", async () => {
    const slow = await startOllamaSimulator({ answer: referenceAnswerer(await loadReferenceBook(join(ROOT, "samples"))), models: [MODEL], parallel: 1, latency: { perCallMs: 150 } });
    const dir = join(temporary.dir, "sigterm");
    mkdirSync(dir);
    const config = writePipeline(dir, { host: slow.url, model: MODEL, targets: "[en]", extra: "  articles_in_flight: 1\n" });
    const all: Array<[string, number]> = articles.map((_, index) => [`s${index + 1}`, index]);
    const feed = await startFeed({ 1: all }, () => 1, () => slow);
    try {
      const first = await runCli(["watch", feed.url, "--every", "1h", "-c", config, "--no-cache"], {
        cwd: dir,
        timeoutMs: 120_000,
        onSpawn: (child) => {
          // As soon as the first article is written, another is in flight: stop then.
          let sent = false;
          child.stdout!.on("data", () => {
            if (!sent) {
              sent = true;
              child.kill("SIGTERM");
            }
          });
        },
      });
      expect(first.code, first.stderr).toBe(0);
      expect(first.stderr).toContain("SIGTERM: finishing the articles in flight");
      const done = first.stdout.trim().split("\n").map((line) => line.split("\t"));
      expect(done.every(([status]) => status === "ok")).toBe(true);
      expect(done.length).toBeGreaterThanOrEqual(1);
      expect(done.length).toBeLessThan(articles.length);
      expect(first.stderr).toMatch(new RegExp(`feed\\.xml: ${done.length} new, 0 changed, 0 unchanged · [1-9]\\d* calls · bulletin ${done.length} articles · stopped`));
      const out = join(dir, "out");
      // Every article it started was finished: none is left interrupted, and each finished one is in the store.
      expect(rows(out, "SELECT id FROM state WHERE status != 'ok'")).toEqual([]);
      expect(rows(out, "SELECT id FROM articles WHERE result IS NOT NULL ORDER BY id").map((row) => row.id)).toEqual(done.map(([, id]) => id).sort());
      // The cycle was cut short: the feed's validators were not saved.
      expect(rows(out, "SELECT url FROM http_validators WHERE url LIKE 'http%'")).toEqual([]);

      const second = await runCli(["watch", feed.url, "--once", "-c", config, "--no-cache"], { cwd: dir, timeoutMs: 120_000 });
      expect(second.code, second.stderr).toBe(0);
      // The whole feed was asked for again (nothing to send as a validator), and only the rest ran.
      expect(feed.requests).toHaveLength(2);
      expect(feed.requests[1]!.ifNoneMatch).toBeUndefined();
      const rest = articles.length - done.length;
      expect(second.stderr).toMatch(new RegExp(`feed\\.xml: ${rest} new, 0 changed, ${done.length} unchanged · [1-9]\\d* calls · bulletin ${articles.length} articles$`, "m"));
      expect(rows(out, "SELECT count(*) AS n FROM articles WHERE status = 'ok'")).toEqual([{ n: articles.length }]);
      expect(rows(out, "SELECT url, etag FROM http_validators WHERE url LIKE 'http%'")).toEqual([{ url: feed.url, etag: '"v1"' }]);
    } finally {
      await feed.close();
      await slow.close();
    }
  }, 150_000);

  it("a model server that is gone: one line when it goes, retries with backoff in silence, one line when it is back, then the cycle runs", async () => {
    // A port that was just free: the server is "gone" until a simulator is started on it.
    const probe = await startOllamaSimulator({ models: [MODEL] });
    const port = Number(new URL(probe.url).port);
    await probe.close();
    const dir = join(temporary.dir, "outage");
    mkdirSync(dir);
    const config = writePipeline(dir, { host: `http://127.0.0.1:${port}`, model: MODEL, targets: "[en]" });
    const feed = await startFeed({ 1: [["o1", 0], ["o2", 1]] }, () => 1, () => simulator);
    let revived: Simulator | undefined;
    try {
      const result = await runCli(["watch", feed.url, "--every", "1s", "-c", config, "--no-cache", "--progress", "json"], {
        cwd: dir,
        timeoutMs: 120_000,
        onSpawn: (child) => {
          const lines = () => live.split("\n").filter(Boolean).map((line) => JSON.parse(line) as { type: string; state?: string });
          let live = "";
          let started = false;
          let stopped = false;
          child.stderr!.on("data", (chunk) => {
            live += chunk;
            if (!stopped && lines().some((line) => line.type === "cycle")) {
              stopped = true;
              child.kill("SIGTERM");
            }
          });
          // The retries print nothing; each one asks the feed first. After three attempts, the server comes back.
          const timer = setInterval(async () => {
            if (!started && feed.requests.length >= 3) {
              started = true;
              revived = await startOllamaSimulator({ answer: referenceAnswerer(await loadReferenceBook(join(ROOT, "samples"))), models: [MODEL], port });
            }
          }, 50);
          child.on("close", () => clearInterval(timer));
        },
      });
      expect(result.code, result.stderr).toBe(0);
      const events = result.stderr.split("\n").filter(Boolean).map((line) => JSON.parse(line) as { type: string; state?: string; new?: number; calls?: number });
      const states = events.filter((event) => event.type === "model-server").map((event) => event.state);
      // At least three attempts (three feed requests) before it came back, yet one line each way.
      expect(feed.requests.length).toBeGreaterThanOrEqual(4);
      expect(states).toEqual(["unreachable", "back"]);
      const cycles = events.filter((event) => event.type === "cycle");
      expect(cycles[0]).toMatchObject({ new: 2, changed: 0, unchanged: 0 });
      expect(cycles[0]!.calls).toBeGreaterThan(0);
      // Only the cycle that ran reports; the failed attempts did not.
      expect(events.findIndex((event) => event.type === "cycle")).toBeGreaterThan(events.findIndex((event) => event.state === "back"));
    } finally {
      await feed.close();
      await revived?.close();
    }
  }, 150_000);

  it("a second SIGTERM stops at once with exit 130", async () => {
    const slow = await startOllamaSimulator({ answer: referenceAnswerer(await loadReferenceBook(join(ROOT, "samples"))), models: [MODEL], parallel: 1, latency: { perCallMs: 1000 } });
    const dir = join(temporary.dir, "twice");
    mkdirSync(dir);
    const config = writePipeline(dir, { host: slow.url, model: MODEL, targets: "[en]", extra: "  articles_in_flight: 1\n" });
    const feed = await startFeed({ 1: articles.map((_, index): [string, number] => [`t${index + 1}`, index]) }, () => 1, () => slow);
    try {
      const result = await runCli(["watch", feed.url, "--every", "1h", "-c", config, "--no-cache"], {
        cwd: dir,
        timeoutMs: 120_000,
        onSpawn: (child) => {
          // Once a generation request is at the server, an article is in flight: signal twice.
          const timer = setInterval(() => {
            if (slow.requests.some((request) => request.index !== undefined)) {
              clearInterval(timer);
              child.kill("SIGTERM");
              onStderr(child, (stderr) => stderr.includes("finishing the articles in flight"), () => child.kill("SIGTERM"));
            }
          }, 20);
          child.on("close", () => clearInterval(timer));
        },
      });
      expect(result.code, result.stderr).toBe(130);
      expect(result.stderr).toContain("prevod: stopping now");
    } finally {
      await feed.close();
      await slow.close();
    }
  }, 150_000);

  it("a folder by --once (cron): unchanged, nothing runs and no run is stored; a file added, only its article runs", async () => {
    const dir = join(temporary.dir, "folder");
    const news = join(dir, "news");
    mkdirSync(news, { recursive: true });
    const config = writePipeline(dir, { host: simulator.url, model: MODEL, targets: "[en]" });
    const write = (index: number) => writeFileSync(join(news, `${articles[index]!.id}.txt`), articles[index]!.text);
    write(0);
    write(1);
    const once = () => runCli(["watch", news, "--once", "-c", config, "--no-cache"], { cwd: dir, timeoutMs: 120_000 });
    const out = join(dir, "out");
    const runs = () => rows(out, "SELECT count(*) AS n FROM runs")[0]!.n;

    const first = await once();
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/news: 2 new, 0 changed, 0 unchanged · [1-9]\d* calls · bulletin 2 articles$/m);
    expect(runs()).toBe(1);

    // The bulletins are refreshed after every cycle, also one where nothing was new.
    rmSync(join(out, "bulletin.en.md"));
    const before = simulator.requests.length;
    const second = await once();
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toMatch(/news: not modified · 0 calls · bulletin 2 articles$/m);
    expect(simulator.requests.length).toBe(before);
    expect(runs()).toBe(1);
    expect(existsSync(join(out, "bulletin.en.md"))).toBe(true);

    write(2);
    const third = await once();
    expect(third.code, third.stderr).toBe(0);
    expect(third.stderr).toMatch(/news: 1 new, 0 changed, 2 unchanged · [1-9]\d* calls · bulletin 3 articles$/m);
    expect(runs()).toBe(2);
    // Only the added file's article was made by the second run.
    const secondRun = rows(out, "SELECT id FROM runs ORDER BY started_at DESC LIMIT 1")[0]!.id;
    expect(rows(out, "SELECT id FROM articles WHERE run_id = ?", secondRun).map((row) => row.id)).toEqual([articles[2]!.id]);
  }, 150_000);

  it("holds the store lock only while a cycle runs: between cycles a prevod run --no-wait into the same folder goes through", async () => {
    const dir = join(temporary.dir, "lock");
    mkdirSync(dir);
    const config = writePipeline(dir, { host: simulator.url, model: MODEL, targets: "[en]" });
    const feed = await startFeed({ 1: [["l1", 0]] }, () => 1, () => simulator);
    const file = join(dir, "one.txt");
    writeFileSync(file, articles[5]!.text);
    let between: Awaited<ReturnType<typeof runCli>> | undefined;
    let lockBetween: boolean | undefined;
    try {
      const result = await runCli(["watch", feed.url, "--every", "1h", "-c", config, "--no-cache"], {
        cwd: dir,
        timeoutMs: 120_000,
        onSpawn: (child) =>
          onStderr(
            child,
            (stderr) => /^\d\d:\d\d .*bulletin 1 articles$/m.test(stderr),
            async () => {
              lockBetween = existsSync(join(dir, "out", "prevod.lock"));
              between = await runCli(["run", file, "-c", config, "--no-cache", "--no-wait", "--progress", "none"], { cwd: dir, timeoutMs: 120_000 });
              child.kill("SIGTERM");
            },
          ),
      });
      expect(result.code, result.stderr).toBe(0);
      expect(lockBetween).toBe(false);
      expect(between?.code, between?.stderr).toBe(0);
      expect(rows(join(dir, "out"), "SELECT count(*) AS n FROM articles WHERE status = 'ok'")).toEqual([{ n: 2 }]);
    } finally {
      await feed.close();
    }
  }, 150_000);

  it("refuses stdin: it cannot be read again each cycle", async () => {
    const result = await runCli(["watch", "-", "--once", "-c", join(ROOT, "pipeline.yaml")], { timeoutMs: 60_000 });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('"-" (stdin) can be read only once');
  });

  it("SIGTERM while the cycle waits for another prevod's lock: it stops at once (nothing in flight), exit 0, nothing saved", async () => {
    const dir = join(temporary.dir, "locked");
    mkdirSync(join(dir, "out"), { recursive: true });
    const config = writePipeline(dir, { host: simulator.url, model: MODEL, targets: "[en]" });
    // Another prevod (this test process: alive, on this host) holds the output folder.
    writeFileSync(join(dir, "out", "prevod.lock"), `${JSON.stringify({ pid: process.pid, host: hostname(), command: "prevod run", since: new Date().toISOString() })}\n`);
    const feed = await startFeed({ 1: [["k1", 0]] }, () => 1, () => simulator);
    try {
      const result = await runCli(["watch", feed.url, "--every", "1h", "-c", config, "--no-cache"], {
        cwd: dir,
        timeoutMs: 60_000,
        onSpawn: (child) => onStderr(child, (stderr) => stderr.includes("waiting for"), () => child.kill("SIGTERM")),
      });
      expect(result.signal).toBeNull();
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toMatch(/feed\.xml: 0 new, 0 changed, 0 unchanged · 0 calls · bulletin 0 articles · stopped$/m);
      expect(existsSync(join(dir, "out", "prevod.db"))).toBe(false);
    } finally {
      await feed.close();
    }
  }, 90_000);

  it("validators per feed: a feed with an article that failed is asked for whole again (and the article retried), a feed whose articles all ran gets its 304", async () => {
    const dir = join(temporary.dir, "per-feed");
    mkdirSync(dir);
    const config = writePipeline(dir, { host: simulator.url, model: MODEL, targets: "[en]", extra: "  max_article_bytes: 1024\n" });
    const good = await startFeed({ 1: [["a1", 0]] }, () => 1, () => simulator);
    const mixed = await startFeed({ 1: [["b1", 2], ["b2", LONG]] }, () => 1, () => simulator);
    try {
      const once = () => runCli(["watch", good.url, mixed.url, "--once", "-c", config, "--no-cache"], { cwd: dir, timeoutMs: 120_000 });
      const first = await once();
      // --once exits 1 when an article failed (for cron to notice).
      expect(first.code, first.stderr).toBe(1);
      expect(first.stderr).toContain("max_article_bytes");
      const second = await once();
      expect(second.code, second.stderr).toBe(1);
      expect(good.requests.map((request) => request.status)).toEqual([200, 304]);
      expect(mixed.requests.map((request) => request.status)).toEqual([200, 200]);
      expect(mixed.requests[1]!.ifNoneMatch).toBeUndefined();
      // The second cycle ran the failed article again and skipped b1.
      const host = (url: string) => new URL(url).host;
      expect(second.stderr).toContain(`${host(mixed.url)}/feed.xml: 0 new, 1 changed, 1 unchanged; ${host(good.url)}/feed.xml: not modified · 0 calls · 0 partial, 1 failed · bulletin`);
    } finally {
      await good.close();
      await mixed.close();
    }
  }, 150_000);
});
