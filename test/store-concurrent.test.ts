import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, runCli, temporaryDirectory, writePipeline } from "./support/cli.js";
import { loadReferenceBook, referenceAnswerer } from "./support/reference-answerer.js";
import { startOllamaSimulator, type Simulator } from "./support/sim/index.js";
import { smallArticles } from "./support/small-articles.js";

/**
 * Issue 14.2: one writer at a time on a store. Two `prevod run` into one folder at once used to
 * lose state (the last to finish won: an article vanished from state.json and both paid for the
 * shared one). With the store and its lock, the second run waits, then finds the shared articles
 * done. A run killed with -9 while it writes leaves a store that a resume completes, with every
 * article once.
 */
const MODEL = "store:7b";
let simulator: Simulator;
const temporary = temporaryDirectory("prevod-store-concurrent-");
const articles = smallArticles(9);

/** While set, answers wait for it: the first run is held mid-calls until the second is seen waiting (on a loaded machine a fixed latency was not always enough). */
let hold: Promise<void> | undefined;

beforeAll(async () => {
  const answer = referenceAnswerer(await loadReferenceBook(join(ROOT, "samples")));
  simulator = await startOllamaSimulator({
    answer: async (request) => {
      await hold;
      return answer(request);
    },
    models: [MODEL],
    parallel: 2,
    latency: { perCallMs: 150 },
  });
});
afterAll(async () => {
  await simulator?.close();
  temporary.cleanup();
});

function feed(dir: string, name: string, from: number, to: number): string {
  const file = join(dir, name);
  writeFileSync(file, articles.slice(from, to).map((article) => JSON.stringify({ id: article.id, title: article.title, text: article.text })).join("\n") + "\n");
  return file;
}

const generations = () => simulator.requests.filter((request) => request.index !== undefined).length;

function storeRows(out: string): { articles: string[]; state: string[]; runs: number } {
  const db = new Database(join(out, "prevod.db"), { readonly: true });
  try {
    return {
      articles: (db.prepare("SELECT id FROM articles WHERE result IS NOT NULL ORDER BY id").all() as Array<{ id: string }>).map((row) => row.id),
      state: (db.prepare("SELECT id FROM state WHERE status = 'ok' ORDER BY id").all() as Array<{ id: string }>).map((row) => row.id),
      runs: (db.prepare("SELECT count(*) AS n FROM runs").get() as { n: number }).n,
    };
  } finally {
    db.close();
  }
}

function jsonlIds(out: string): string[] {
  return readFileSync(join(out, "articles.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((line) => (JSON.parse(line) as { id: string }).id);
}

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  for (let tries = 0; tries < 600; tries++) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe("one writer at a time on the store (issue 14.2)", () => {
  it("two concurrent runs sharing articles: the second waits, nothing is lost, the shared ones are paid once", async () => {
    const ids = articles.map((article) => article.id);
    // What the union costs when one run does it alone, without the cache.
    const solo = join(temporary.dir, "solo");
    mkdirSync(solo);
    const soloConfig = writePipeline(solo, { host: simulator.url, model: MODEL, targets: "[en]" });
    const before = generations();
    expect((await runCli(["run", feed(solo, "all.jsonl", 0, 9), "-c", soloConfig, "--no-cache", "--progress", "none"], { cwd: solo, timeoutMs: 120_000 })).code).toBe(0);
    const unionCost = generations() - before;
    expect(unionCost).toBeGreaterThanOrEqual(9);

    const dir = join(temporary.dir, "shared");
    mkdirSync(dir);
    const config = writePipeline(dir, { host: simulator.url, model: MODEL, targets: "[en]" });
    const first = feed(dir, "a.jsonl", 0, 6);
    const second = feed(dir, "b.jsonl", 3, 9);
    const start = generations();
    let release = () => {};
    hold = new Promise<void>((resolve) => (release = resolve));
    const runA = runCli(["run", first, "-c", config, "--no-cache", "--progress", "none"], { cwd: dir, timeoutMs: 120_000 });
    // B starts while A holds the folder and is paying for its calls; A's answers wait until B says it waits.
    await waitFor(() => existsSync(join(dir, "out", "prevod.lock")) && generations() > start, "the first run to start its calls");
    const runB = runCli(["run", second, "-c", config, "--no-cache", "--progress", "none"], {
      cwd: dir,
      timeoutMs: 120_000,
      onSpawn: (child) => {
        let said = "";
        child.stderr?.on("data", (data: Buffer) => {
          said += data.toString();
          if (/waiting for/.test(said)) release();
        });
        child.on("exit", () => release());
      },
    });
    const [a, b] = await Promise.all([runA, runB]);
    hold = undefined;
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    expect(b.stderr, b.stderr).toMatch(/waiting for .*in use by/);

    // The shared articles (4–6) were paid for once: the second run found them done in the store.
    expect(b.stderr).toMatch(/6 articles: 6 ok \(3 unchanged\)/);
    expect(generations() - start).toBeLessThan(2 * unionCost);
    const out = join(dir, "out");
    const rows = storeRows(out);
    expect(rows.articles).toEqual(ids);
    expect(rows.state).toEqual(ids);
    expect(rows.runs).toBe(2);
    expect(jsonlIds(out).sort()).toEqual(ids);
    // A third run over everything finds all of it done: no call at all.
    const third = generations();
    // (One feed of all nine: the same id twice in one run is renamed, by design.)
    const thirdRun = await runCli(["run", feed(dir, "all.jsonl", 0, 9), "-c", config, "--no-cache", "--progress", "none"], { cwd: dir, timeoutMs: 120_000 });
    expect(thirdRun.code).toBe(0);
    expect(generations(), thirdRun.stderr).toBe(third);
  }, 300_000);

  it("a run killed with -9 while it writes: the resume completes, every article is in the store and articles.jsonl once", async () => {
    const ids = articles.map((article) => article.id);
    const dir = join(temporary.dir, "killed");
    mkdirSync(dir);
    const config = writePipeline(dir, { host: simulator.url, model: MODEL, targets: "[en]" });
    const input = feed(dir, "all.jsonl", 0, 9);
    const killed = await runCli(["run", input, "-c", config, "--progress", "none"], {
      cwd: dir,
      timeoutMs: 120_000,
      onSpawn(child) {
        // Killed once a few articles are in the store: mid-run, between or during its writes.
        void waitFor(() => {
          if (!existsSync(join(dir, "out", "prevod.db"))) return false;
          try {
            return storeRows(join(dir, "out")).articles.length >= 3;
          } catch {
            return false;
          }
        }, "three articles in the store").then(() => child.kill("SIGKILL"));
      },
    });
    expect(killed.signal).toBe("SIGKILL");
    const partial = storeRows(join(dir, "out"));
    expect(partial.articles.length).toBeGreaterThanOrEqual(3);
    expect(partial.articles.length).toBeLessThan(9);

    // The stale lock of the killed run is taken over; the finished articles are not paid again.
    const before = generations();
    const resumed = await runCli(["run", input, "-c", config, "--no-cache", "--progress", "none"], { cwd: dir, timeoutMs: 120_000 });
    expect(resumed.code).toBe(0);
    const resumeCost = generations() - before;
    const rows = storeRows(join(dir, "out"));
    expect(rows.articles).toEqual(ids);
    expect(rows.state).toEqual(ids);
    expect(jsonlIds(join(dir, "out")).sort()).toEqual(ids);
    // Only the articles the killed run had not stored are run again (at least one call each, and
    // fewer calls than the whole feed costs).
    expect(resumeCost).toBeGreaterThanOrEqual(9 - partial.articles.length);
    const full = generations();
    const again = join(temporary.dir, "killed-full");
    mkdirSync(again);
    const fullConfig = writePipeline(again, { host: simulator.url, model: MODEL, targets: "[en]" });
    expect((await runCli(["run", feed(again, "all.jsonl", 0, 9), "-c", fullConfig, "--no-cache", "--progress", "none"], { cwd: again, timeoutMs: 120_000 })).code).toBe(0);
    expect(resumeCost).toBeLessThan(generations() - full);
  }, 300_000);
});
