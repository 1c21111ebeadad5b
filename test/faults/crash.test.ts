import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { articleResultSchema } from "../../src/outputs/article-schema.js";
import { ROOT, runCli, temporaryDirectory, writePipeline } from "../support/cli.js";
import { cachedAnswerKey, generationKey } from "../support/generation-key.js";
import { loadReferenceBook, referenceAnswerer } from "../support/reference-answerer.js";
import { createRandom } from "../support/sim/prng.js";
import { startOllamaSimulator, type LoggedRequest, type Simulator } from "../support/sim/index.js";
import { smallArticles } from "../support/small-articles.js";

/**
 * Issue 7, crash test: `prevod run` is killed with SIGKILL at 12 seeded moments and resumed each
 * time in the same output folder (cache on). After every kill the folder holds no partial file;
 * the finished outputs equal those of an uninterrupted run (usage aside: calls and cache hits
 * legitimately differ); and the answers paid for twice are at most the calls that were in flight
 * at the kills.
 */
const MODEL = "crash:7b";
const ARTICLES = 50;
const KILLS = 12;
const SLOTS = 4;

let simulator: Simulator;
const temporary = temporaryDirectory("prevod-crash-");

beforeAll(async () => {
  simulator = await startOllamaSimulator({
    answer: referenceAnswerer(await loadReferenceBook(join(ROOT, "samples"))),
    models: [MODEL],
    parallel: SLOTS,
    // 350 calls of 40 ms on 4 slots: an uninterrupted run lasts about 4 s.
    latency: { perCallMs: 40 },
  });
  const feed = smallArticles(ARTICLES).map(({ id, title, text }) => JSON.stringify({ id, title, text }));
  writeFileSync(join(temporary.dir, "feed.jsonl"), `${feed.join("\n")}\n`);
});
afterAll(async () => {
  await simulator?.close();
  temporary.cleanup();
});

interface Kill {
  afterRequests: number;
  delayMs: number;
  /** Calls asked before the kill whose answer was not in the cache after it. */
  inFlight: number;
  /** Of the calls asked, those the server was still answering at the kill. */
  serverBusy: number;
  /** Answers the server had finished sending before the kill that were not stored at it. */
  unstored: number;
  /** Answers the server had finished sending before the kill. */
  answeredBefore: number;
  articles: number;
  hidden: string[];
}

const isCached = (cache: string, request: LoggedRequest) => {
  const key = cachedAnswerKey(request, simulator.url);
  return existsSync(join(cache, key.slice(0, 2), `${key}.json`));
};
const generations = (requests: LoggedRequest[]) => requests.filter((request) => request.index !== undefined);
/** A request whose answer reached the client whole. */
const answered = (request: LoggedRequest) => request.status === 200 && !request.disconnected;

describe("prevod run killed with SIGKILL and resumed", () => {
  it("ends with the outputs of an uninterrupted run and pays again only for calls in flight at the kills", async () => {
    const feed = join(temporary.dir, "feed.jsonl");
    const whole = join(temporary.dir, "whole");
    const crashed = join(temporary.dir, "crashed");
    const configWhole = writePipeline(prepare(whole), { host: simulator.url, model: MODEL, parallel: SLOTS });
    const configCrashed = writePipeline(prepare(crashed), { host: simulator.url, model: MODEL, parallel: SLOTS });

    const before = simulator.requests.length;
    const uninterrupted = await runCli(["run", feed, "-c", configWhole, "--progress", "none"]);
    expect(uninterrupted.code, uninterrupted.stderr).toBe(0);
    const wholeRequests = generations(simulator.requests.slice(before));
    const wholePaid = wholeRequests.filter(answered).length;

    // The keys are right: every answer of the uninterrupted run sits in its cache under its key.
    const wholeCache = join(whole, "out", ".cache");
    expect(wholeRequests.filter(answered).every((request) => isCached(wholeCache, request))).toBe(true);

    const cache = join(crashed, "out", ".cache");
    const random = createRandom(20261125, "crash-moments");
    const kills: Kill[] = [];
    const answeredKeys = new Set<string>();
    const inFlightKeys = new Set<string>();
    const repeatedKeys: string[] = [];
    let crashedPaid = 0;
    let lastPaid = Number.POSITIVE_INFINITY;

    for (let run = 0; run <= KILLS; run++) {
      const start = simulator.requests.length;
      const kill = run < KILLS ? { afterRequests: 1 + Math.floor(random() * 30), delayMs: Math.floor(random() * 60) } : undefined;
      let killedAt = Number.POSITIVE_INFINITY;
      const result = await runCli(["run", feed, "-c", configCrashed, "--progress", "none"], {
        onSpawn: (child) => {
          if (!kill) return;
          const watch = setInterval(() => {
            if (generations(simulator.requests.slice(start)).length < kill.afterRequests) return;
            clearInterval(watch);
            setTimeout(() => {
              killedAt = performance.now();
              child.kill("SIGKILL");
            }, kill.delayMs);
          }, 2);
          child.once("exit", () => clearInterval(watch));
        },
      });
      const requests = generations(simulator.requests.slice(start));
      for (const request of requests) if (answeredKeys.has(generationKey(request))) repeatedKeys.push(generationKey(request));
      crashedPaid += requests.filter(answered).length;
      for (const request of requests.filter(answered)) answeredKeys.add(generationKey(request));

      if (!kill) {
        lastPaid = requests.filter(answered).length;
        expect(result.code, result.stderr).toBe(0);
        break;
      }
      expect(result.signal, `run ${run + 1} ended before its kill (${result.stderr})`).toBe("SIGKILL");
      // In flight at the kill: asked before it, and no answer stored in the cache when it came.
      const sent = requests.filter((request) => request.arrivalMs <= killedAt);
      const inFlight = sent.filter((request) => !isCached(cache, request));
      for (const request of inFlight) inFlightKeys.add(generationKey(request));
      // Answers the server had sent before the kill that the process had not stored yet.
      const unstored = inFlight.filter((request) => answered(request) && request.endMs! < killedAt).length;
      const answeredBefore = sent.filter((request) => answered(request) && request.endMs! < killedAt).length;
      const state = inspectOutput(join(crashed, "out"));
      kills.push({ ...kill, inFlight: inFlight.length, serverBusy: sent.filter((request) => request.endMs === undefined || request.endMs >= killedAt).length, unstored, answeredBefore, ...state });
    }

    expect(kills).toHaveLength(KILLS);
    const inFlightTotal = kills.reduce((sum, kill) => sum + kill.inFlight, 0);
    // Nothing stored was paid for again: each repeated call was in flight at some kill.
    expect(repeatedKeys.filter((key) => !inFlightKeys.has(key))).toEqual([]);
    expect(repeatedKeys.length).toBeLessThanOrEqual(inFlightTotal);
    expect(crashedPaid).toBeLessThanOrEqual(wholePaid + inFlightTotal);
    // Answers are stored as they arrive: "in flight" never hides a cache that is not written. Counts,
    // not milliseconds (issue 12; "stored within 1 s" failed on a loaded machine): answers received
    // before the kills were stored, and the last, unkilled run paid less than a whole run.
    const unstored = kills.reduce((sum, kill) => sum + kill.unstored, 0);
    const answeredBefore = kills.reduce((sum, kill) => sum + kill.answeredBefore, 0);
    expect(unstored).toBeLessThan(answeredBefore);
    expect(lastPaid).toBeLessThan(wholePaid);

    const expected = articleFiles(join(whole, "out"));
    const actual = articleFiles(join(crashed, "out"));
    expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
    expect(expected.size).toBe(ARTICLES);
    for (const [id, article] of expected) expect(actual.get(id), id).toEqual(article);

    console.info(
      `crash test: ${KILLS} kills (after ${kills.map((kill) => `${kill.afterRequests} req + ${kill.delayMs} ms`).join(", ")}); ` +
        `in flight at each: ${kills.map((kill) => kill.inFlight).join(", ")} (total ${inFlightTotal}; still running on the server: ${kills.map((kill) => kill.serverBusy).join(", ")}; ` +
        `answers received but not yet stored at each: ${kills.map((kill) => `${kill.unstored}/${kill.answeredBefore}`).join(", ")}); answers paid again: ${repeatedKeys.length}; ` +
        `paid calls ${crashedPaid} vs ${wholePaid} uninterrupted; articles on disk after each kill: ${kills.map((kill) => kill.articles).join(", ")}; ` +
        `hidden temporary files left: ${[...new Set(kills.flatMap((kill) => kill.hidden))].join(", ") || "none"}`,
    );
  });
});

/** Creates the folder and returns it. */
function prepare(dir: string): string {
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * Checks a killed run's output folder: every visible file parses (article files against the
 * public schema); anything else must be a hidden temporary file (a dot-file) that later runs
 * ignore. Returns the article count and the hidden files, relative to the folder.
 */
function inspectOutput(out: string): { articles: number; hidden: string[] } {
  if (!existsSync(out)) return { articles: 0, hidden: [] };
  const hidden: string[] = [];
  let articles = 0;
  for (const entry of readdirSync(out, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const name = relative(out, path);
    if (entry.name.startsWith(".")) {
      // One name per kind of leftover: pids, random suffixes, keys and ids vary.
      hidden.push(name.replace(/\.\d+(\.[0-9a-f]+)?\.tmp$/, ".<pid>.tmp").replace(/[0-9a-f]{64}/, "<key>").replace(/\/[0-9a-f]{2}\//, "/<xx>/").replace(/small-\d+/, "<id>"));
      continue;
    }
    // The store (prevod.db and SQLite's -wal/-shm) keeps each transaction whole itself: its
    // kill -9 cases are in test/store-unit.test.ts and test/store-concurrent.test.ts.
    if (/^prevod\.db(-wal|-shm)?$/.test(name)) continue;
    const text = readFileSync(path, "utf8");
    if (name.endsWith(".html")) {
      // Pages and bulletins are written whole (temporary file + rename), never cut off.
      expect(text.trimEnd().endsWith("</html>"), `${name} is cut off`).toBe(true);
    } else if (name.endsWith(".jsonl")) {
      for (const line of text.split("\n").filter(Boolean)) expect(() => JSON.parse(line), `${name} holds a partial line`).not.toThrow();
    } else {
      const value = JSON.parse(text) as unknown;
      if (name.startsWith("articles/")) {
        articleResultSchema.parse(value);
        articles++;
      }
    }
  }
  return { articles, hidden };
}

/** Each article file with its `usage` removed: calls vs cache hits legitimately differ. */
function articleFiles(out: string): Map<string, unknown> {
  const folder = join(out, "articles");
  const files = new Map<string, unknown>();
  for (const file of readdirSync(folder).filter((name) => name.endsWith(".json") && !name.startsWith("."))) {
    const { usage: _usage, ...rest } = JSON.parse(readFileSync(join(folder, file), "utf8")) as Record<string, unknown>;
    files.set(file, rest);
  }
  return files;
}
