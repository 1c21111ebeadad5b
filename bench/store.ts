/**
 * The store at desk scale (issue 14): 100,000 articles written one transaction each (as a run
 * writes them), then what a run and a bulletin ask of it: the state of one article, a day's
 * window, the end-of-run export of articles.jsonl, a bulletin of 3,000 articles (with and
 * without their pages) and `prevod status` as a new process. Prints figures with the load average;
 * asserts nothing.
 *
 *   npx tsx bench/store.ts [count]
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { exportArticlesJsonl } from "../src/outputs/article-files.js";
import type { ArticleResult } from "../src/outputs/article-schema.js";
import { writeDeskBulletins } from "../src/outputs/bulletin-desk.js";
import { readStoredArticles } from "../src/outputs/bulletin-window.js";
import { openStore, STORE_FILE } from "../src/store/store.js";
import { summarizeStore } from "../src/store/summary.js";

const count = Number(process.argv[2] ?? 100_000);
const dir = mkdtempSync(join(tmpdir(), "prevod-bench-store-"));
const load = () => loadavg().map((value) => value.toFixed(2)).join(" ");
const day = 86_400_000;
const start = Date.parse("2026-09-01T00:00:00.000Z");

const WORDS = "община съвет кмет решение бюджет улица училище болница ремонт автобус трамвай министър парламент закон данък пенсия заплата цена ток вода газ пътя моста гара летище полиция съд прокурор дело присъда избори партия депутат протест стачка фирма завод работници пазар борса банка кредит лихва инфлация туризъм хотел море планина сняг дъжд наводнение пожар горски спасители лекари пациенти ваксина грип вирус университет студенти учители изпит книга театър концерт филм футбол отбор мач треньор победа загуба".split(" ");

/** A result of a typical short article: 8 sentences, one target, a summary. About 3 KB of JSON. */
function result(index: number): ArticleResult {
  const id = `article-${String(index).padStart(6, "0")}`;
  const published = new Date(start + Math.floor((index / count) * 90 * day)).toISOString();
  // Words drawn per article, so no two articles read as copies of one story (bulletin-syndication).
  let seed = (Math.imul(index + 1, 2654435761) | 1) >>> 0;
  const word = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return WORDS[(seed >>> 0) % WORDS.length]!;
  };
  const sentences = Array.from({ length: 8 }, (_, n) => `${n === 0 ? "Днес" : "Освен това"} ${Array.from({ length: 12 }, word).join(" ")} в статия ${index}.`);
  let offset = 0;
  const segments = sentences.map((text, n) => {
    const segment = { id: `s${n + 1}`, kind: "body" as const, text, start: offset, end: offset + text.length, paragraph: Math.floor(n / 3) };
    offset += text.length + 1;
    return segment;
  });
  const english = sentences.map((_, n) => ({ id: `s${n + 1}`, text: `Sentence ${n + 1} of article ${index}, which tells what happened yesterday in Sofia.` }));
  return {
    id,
    status: "ok",
    source: { title: `Заглавие ${index}`, url: `https://news.example.bg/${id}`, published, origin: `https://news.example.bg/feed.xml`, sha256: "0".repeat(64) },
    segments,
    translations: { en: { segments: english, text: english.map((segment) => segment.text).join(" ") } },
    summaries: { en: { headline: `Headline ${index}`, summary: `What happened in Sofia, article ${index}.`, key_points: ["One", "Two"] } },
    quotes: [],
    checks: [],
    errors: [],
    usage: { calls: 3, cached: 0, replayed: 0, prompt_tokens: 900, completion_tokens: 400, repairs: 0 },
  } as ArticleResult;
}

try {
  console.log(`store bench: ${count.toLocaleString("en")} articles in ${dir} · load ${load()} at start`);
  const store = openStore(dir);
  let t = performance.now();
  for (let index = 0; index < count; index++) {
    const item = result(index);
    store.putArticle(item.id, { input: `input-${index}`, answers: "answers", models: "local=sim", status: "ok", updated_at: item.source.published! }, item, "bench-run");
  }
  const writeMs = performance.now() - t;
  console.log(`write: ${(writeMs / 1000).toFixed(1)} s, ${Math.round(count / (writeMs / 1000)).toLocaleString("en")} articles/s (one transaction each) · load ${load()}`);
  const size = statSync(join(dir, STORE_FILE)).size + (() => { try { return statSync(join(dir, `${STORE_FILE}-wal`)).size; } catch { return 0; } })();
  console.log(`size: ${(size / 1024 / 1024).toFixed(0)} MB (${(size / count / 1024).toFixed(1)} KB per article, db + wal)`);

  const lookups = 10_000;
  t = performance.now();
  for (let n = 0; n < lookups; n++) store.stateEntry(`article-${String((n * 7919) % count).padStart(6, "0")}`);
  console.log(`state of one article (a run's skip decision): ${(((performance.now() - t) / lookups) * 1000).toFixed(1)} µs`);

  const from = new Date(start + 45 * day).toISOString();
  const until = new Date(start + 46 * day).toISOString();
  t = performance.now();
  const dayArticles = store.articles({ from, until, order: "newest" });
  console.log(`one day's window (a daily bulletin's query): ${dayArticles.length.toLocaleString("en")} articles in ${(performance.now() - t).toFixed(0)} ms`);

  t = performance.now();
  const exported = await exportArticlesJsonl(dir, store);
  console.log(`export of articles.jsonl (end of every run): ${exported.toLocaleString("en")} articles in ${((performance.now() - t) / 1000).toFixed(1)} s · load ${load()}`);
  store.close();
  t = performance.now();
  const reopened = openStore(dir);
  console.log(`reopen (a run's start): ${(performance.now() - t).toFixed(0)} ms, ${reopened.count().toLocaleString("en")} articles`);
  reopened.close();
  // prevod status (issue 14.7): indexed counts, the last run, a day's window; the first call on a cold connection.
  t = performance.now();
  const summary = summarizeStore(dir, { from: Date.parse(from), until: Date.parse(until) })!;
  console.log(`prevod status's summary: ${summary.articles.total.toLocaleString("en")} articles, ${summary.inWindow!.toLocaleString("en")} in a day's window, in ${(performance.now() - t).toFixed(0)} ms · load ${load()}`);
  // A day's bulletin at 3,000 articles (issue 14.7): the window's rows from the store, the md and
  // html bulletins, then the same with the 3,000 article pages (a run writes only its own).
  const span = Math.round((3000 / count) * 90 * day);
  const window = { from: start + 30 * day, until: start + 30 * day + span };
  for (const pages of [false, true]) {
    t = performance.now();
    const windowArticles = await readStoredArticles(dir, window);
    const readMs = performance.now() - t;
    const written = await writeDeskBulletins(dir, windowArticles, { window, timeZone: "Europe/Sofia", formats: ["md", "html"], pages, languages: ["en"] });
    console.log(`bulletin of ${written[0]!.articles.toLocaleString("en")} articles${pages ? " with their pages" : ""}: ${((performance.now() - t) / 1000).toFixed(2)} s (reading the window ${(readMs / 1000).toFixed(2)} s) · load ${load()}`);
  }
  // What a user waits for, from the shell: `prevod status` on the store (node's own start included).
  const cli = join(process.cwd(), "dist", "cli", "main.js");
  if (existsSync(cli)) {
    writeFileSync(join(dir, "pipeline.yaml"), `version: 1\ntargets: [en]\nmodels:\n  local: { kind: ollama, model: "bench:7b" }\ndefaults: { model: local }\nsteps:\n  segment: { kind: segment }\n  translate: { kind: translate, needs: [segment] }\noutputs:\n  dir: ${JSON.stringify(dir)}\n`);
    t = performance.now();
    const status = spawnSync(process.execPath, [cli, "status", "-c", join(dir, "pipeline.yaml"), "-o", dir], { encoding: "utf8" });
    console.log(`prevod status (a new process): ${((performance.now() - t) / 1000).toFixed(2)} s, exit ${status.status}${status.status === 0 ? "" : `: ${status.stderr.trim()}`} · load ${load()}`);
  } else console.log("prevod status (a new process): skipped, run `npm run build` first");
  console.log(`load ${load()} at end · peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
