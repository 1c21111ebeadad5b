import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import type { RunEvent } from "../engine/events.js";
import { openSources } from "../engine/open-sources.js";
import { runPipeline, type RunResult } from "../engine/run-pipeline.js";
import { isPrevodError, PrevodError } from "../errors.js";
import { loadPlan } from "../graph/load-plan.js";
import type { Plan } from "../graph/plan.js";
import { fetchConditional, type FetchedDocument, type Validators } from "../inputs/fetch-source.js";
import type { Article } from "../inputs/types.js";
import { articlePath } from "../outputs/article-files.js";
import { bulletinSettings, writeDeskBulletins } from "../outputs/bulletin-desk.js";
import { readRunFacts } from "../outputs/bulletin-source.js";
import { storedFromResult, type StoredArticle } from "../outputs/bulletin-window.js";
import { readValidators, saveValidators } from "../store/http-validators.js";
import { acquireStoreLock } from "../store/lock.js";
import { openStore, STORE_FILE } from "../store/store.js";
import { summarizeStore } from "../store/summary.js";
import { EXIT } from "./exit-codes.js";
import { resolveSources } from "./sources.js";

export interface WatchOptions {
  config: string;
  out?: string;
  model?: string;
  targets?: string;
  concurrency?: string;
  cache: boolean;
  every: string;
  once?: boolean;
  progress: "text" | "json";
  /** `--no-wait`: fail at once when another prevod holds the output folder. @default true */
  wait?: boolean;
}

/** "15m", "1h", "30s", "1.5h" → milliseconds. */
export function parseDuration(value: string, name: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(s|m|h)$/i.exec(value.trim());
  const ms = match ? Number(match[1]) * { s: 1000, m: 60_000, h: 3_600_000 }[match[2]!.toLowerCase() as "s" | "m" | "h"] : NaN;
  if (!(ms > 0)) throw new PrevodError("USAGE", `${name}: expected a duration with a unit, e.g. 30s, 15m, 1h; got '${value}'`);
  return ms;
}

/** What one cycle did, for its status line or JSON object. */
export interface CycleReport {
  type: "cycle";
  at: string;
  /** Inputs whose articles were read this cycle (changed feeds, changed folders). */
  read: string[];
  notModified: string[];
  unreadable: string[];
  /** Whether the pipeline ran (false: every feed 304, no file changed: one request per feed and nothing else). */
  ran: boolean;
  new: number;
  changed: number;
  unchanged: number;
  calls: number;
  counts: { ok: number; partial: number; failed: number };
  /** Articles in the rolling bulletin after the cycle; absent when no bulletin is configured. */
  bulletin?: number;
  /** The cycle was cut short by SIGTERM/SIGINT: the articles started were finished, the rest wait. */
  stopped: boolean;
}

/** What a model server that is not there (or hangs, or is still loading) answers a preflight with: waited for. */
const SERVER_AWAY = new Set(["MODEL_UNREACHABLE", "MODEL_TIMEOUT", "MODEL_LOADING"]);

type Line = (object: Record<string, unknown>, text: string) => void;

/**
 * `prevod watch [inputs…] --every 15m [--once]`: polls feeds with conditional GETs and folders by
 * their listing, runs only new or changed articles, refreshes the rolling bulletins after each
 * cycle, waits out a model server that went away, and on SIGTERM finishes the articles in flight
 * and exits 0. The store lock is held only while a cycle runs, so `prevod bulletin` and
 * `prevod status` work between cycles.
 */
export default async function watch(inputs: string[], options: WatchOptions): Promise<number> {
  const everyMs = parseDuration(options.every, "--every");
  if (options.progress !== "text" && options.progress !== "json") throw new PrevodError("USAGE", `--progress: expected text or json, got '${String(options.progress)}'`);
  const plan = await loadPlan(options.config, { targets: options.targets, model: options.model, outputDir: options.out, concurrency: options.concurrency });
  const sources = resolveSources(inputs, plan);
  if (sources.includes("-")) throw new PrevodError("USAGE", `watch reads its inputs again every cycle; "-" (stdin) can be read only once: use prevod run for it`);
  const json = options.progress === "json";
  const say: Line = (object, text) => void process.stderr.write(json ? `${JSON.stringify(object)}\n` : `${text}\n`);

  const stop = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (stop.signal.aborted) {
      say({ type: "stopping", now: true, signal }, "prevod: stopping now");
      process.exit(EXIT.interrupted);
    }
    say({ type: "stopping", signal }, `prevod: ${signal}: finishing the articles in flight, then stopping; press Ctrl-C again to stop at once`);
    stop.abort();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    let backoffMs: number | undefined;
    for (;;) {
      // Cycles start every --every (a cycle that takes longer is followed at once by the next).
      const cycleStarted = Date.now();
      let report: CycleReport;
      try {
        report = await cycle(plan, sources, { cache: options.cache, wait: options.wait !== false, stop: stop.signal, say, json });
      } catch (error) {
        if (options.once || !isPrevodError(error) || !SERVER_AWAY.has(error.code)) throw error;
        // One line when the server goes away; the retries wait in silence, doubling up to --every.
        const first = backoffMs === undefined;
        backoffMs = first ? Math.min(30_000, everyMs) : Math.min(backoffMs! * 2, everyMs);
        if (first) say({ type: "model-server", state: "unreachable", at: new Date().toISOString(), message: error.message, retryMs: backoffMs }, `prevod: ${clock()} model server unreachable: ${error.message}; waiting for it (retry in ${seconds(backoffMs)}, then less often, at most every ${seconds(everyMs)})`);
        await pause(backoffMs, stop.signal);
        if (stop.signal.aborted) return EXIT.ok;
        continue;
      }
      if (backoffMs !== undefined) {
        backoffMs = undefined;
        say({ type: "model-server", state: "back", at: new Date().toISOString() }, `prevod: ${clock()} model server is back`);
      }
      say({ ...report }, statusLine(report));
      if (options.once) return report.counts.partial + report.counts.failed + report.unreadable.length > 0 ? EXIT.failed : EXIT.ok;
      if (stop.signal.aborted) return EXIT.ok;
      await pause(Math.max(0, everyMs - (Date.now() - cycleStarted)), stop.signal);
      if (stop.signal.aborted) return EXIT.ok;
    }
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}

interface CycleContext {
  cache: boolean;
  wait: boolean;
  stop: AbortSignal;
  say: Line;
  json: boolean;
}

async function cycle(plan: Plan, sources: string[], context: CycleContext): Promise<CycleReport> {
  const out = plan.outputDir;
  const saved = readValidators(out);
  const next = new Map<string, Validators>();
  const fetched = new Map<string, FetchedDocument>();
  const report: CycleReport = { type: "cycle", at: new Date().toISOString(), read: [], notModified: [], unreadable: [], ran: false, new: 0, changed: 0, unchanged: 0, calls: 0, counts: { ok: 0, partial: 0, failed: 0 }, stopped: false };
  const warn = (message: string) => context.say({ type: "warning", message }, `prevod: warning: ${message}`);
  const toRead: string[] = [];
  for (const source of sources) {
    if (context.stop.aborted) break;
    if (/^https?:\/\//i.test(source)) {
      try {
        const answer = await fetchConditional(source, saved.get(source) ?? {}, { signal: context.stop });
        if (answer.notModified) report.notModified.push(source);
        else {
          fetched.set(source, answer.document);
          next.set(source, answer.validators);
          toRead.push(source);
        }
      } catch (error) {
        if (isPrevodError(error, "ABORTED")) break;
        if (!isPrevodError(error, "INPUT_INVALID")) throw error;
        report.unreadable.push(source);
        warn(`${error.message}; tried again next cycle`);
      }
      continue;
    }
    // A file or folder: read again when its listing (names, sizes, times) changed.
    const key = `file:${resolve(source)}`;
    const fingerprint = await fingerprintOf(source);
    if (fingerprint !== undefined && saved.get(key)?.etag === fingerprint) report.notModified.push(source);
    else toRead.push(source);
    if (fingerprint !== undefined) next.set(key, { etag: fingerprint });
  }

  let result: RunResult | undefined;
  if (toRead.length > 0 && !context.stop.aborted) {
    const before = openStore(out, { readonly: true });
    try {
      result = await runOn(plan, toRead, fetched, report, before, context, warn);
    } finally {
      before.close();
    }
  }
  report.read = toRead;
  report.ran = result !== undefined;
  report.stopped = context.stop.aborted;
  // Validators are saved only when every article read ran to the end: a cycle cut off, or one
  // with failures to try again, asks for the whole feed next time.
  const whole = !report.stopped && (!result || (!result.manifest.interrupted && result.manifest.counts.partial + result.manifest.counts.failed === 0));
  for (const [key, validators] of next) {
    const before = saved.get(key);
    if (before ? before.etag === validators.etag && before.lastModified === validators.lastModified : !validators.etag && !validators.lastModified) next.delete(key);
  }
  if (whole && next.size > 0) {
    const lock = await acquireStoreLock(out, { wait: context.wait, onWait: warn });
    try {
      saveValidators(out, next);
    } finally {
      lock.release();
    }
  }
  const bulletin = await refreshBulletins(plan, result);
  if (bulletin !== undefined) report.bulletin = bulletin;
  return report;
}

/** Runs the pipeline on the inputs that changed; the feeds' bytes are those already fetched (no second GET). */
async function runOn(plan: Plan, toRead: string[], fetched: Map<string, FetchedDocument>, report: CycleReport, before: ReturnType<typeof openStore>, context: CycleContext, warn: (message: string) => void): Promise<RunResult | undefined> {
  const replay: typeof fetch = async (input, init) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const document = fetched.get(url);
    if (!document) return fetch(input, init);
    const response = new Response(Buffer.from(document.bytes), { status: 200, headers: document.contentType ? { "content-type": document.contentType } : {} });
    Object.defineProperty(response, "url", { value: document.url });
    return response;
  };
  const opened = openSources(toRead, { fetch: replay, onWarning: warn });
  const articles = await peek(opened.articles);
  if (articles === undefined && opened.unread.length === 0) return undefined;
  // A stop before any article started (a preflight, a model loading, another prevod's lock waited
  // for) ends the run at once: there is nothing in flight to finish.
  const early = new AbortController();
  let started = false;
  const onStop = () => {
    if (!started) early.abort(new PrevodError("ABORTED", "stopped before any article started"));
  };
  context.stop.addEventListener("abort", onStop, { once: true });
  const onEvent = (event: RunEvent) => {
    switch (event.type) {
      case "article-started":
        started = true;
        // The store's state is written when an article finishes: here it is still the last cycle's.
        if (before.stateEntry(event.id)) report.changed++;
        else report.new++;
        break;
      case "article-skipped":
        report.unchanged++;
        process.stdout.write(`ok\t${event.id}\t${articlePath(plan.outputDir, event.id)}\n`);
        break;
      case "article-finished":
        report.counts[event.status]++;
        process.stdout.write(`${event.status}\t${event.id}\t${event.file}\n`);
        if (event.status !== "ok" && event.reasons[0]) warn(`${event.id} ${event.status}: ${event.reasons[0]}`);
        break;
      case "model-call":
        if (event.source === "model") report.calls++;
        break;
      case "warning":
        warn(event.message);
        break;
      case "notice":
        context.say({ type: "notice", message: event.message }, `prevod: ${event.message}`);
        break;
      default:
        break;
    }
  };
  try {
    return await runPipeline({ plan, opened: { ...opened, articles: articles ?? opened.articles }, cache: context.cache && plan.config.cache.enabled, wait: context.wait, stopFeeding: context.stop, signal: early.signal, onEvent });
  } catch (error) {
    if (early.signal.aborted && isPrevodError(error, "ABORTED")) return undefined;
    throw error;
  } finally {
    context.stop.removeEventListener("abort", onStop);
  }
}

/**
 * The rolling bulletins over the configured window, refreshed after every cycle, and the number
 * of articles in the window (an indexed count, as `prevod status` gives it; a syndicated copy
 * counts as an article). Only the window's articles are read: a cycle with nothing new costs
 * the window, not the whole store.
 */
async function refreshBulletins(plan: Plan, result: RunResult | undefined): Promise<number | undefined> {
  const settings = bulletinSettings(plan.config);
  if (settings.formats.length === 0) return undefined;
  const out = plan.outputDir;
  if (!existsSync(join(out, STORE_FILE))) return 0;
  const count = () => summarizeStore(out, settings.window)?.inWindow ?? 0;
  // runPipeline wrote them (with the pages) when it read an article and was not interrupted.
  if (result && !result.manifest.interrupted && result.articles.some((entry) => entry.status !== "interrupted")) return count();
  const { from, until } = settings.window;
  // Window "all" and nothing ran: the store is as the last writer left it, and that writer wrote them.
  const written = plan.targets.every((language) => settings.formats.every((format) => existsSync(join(out, `bulletin.${language}.${format}`))));
  if (from === undefined && until === undefined && written) return count();
  const day = 86_400_000;
  const store = openStore(out, { readonly: true });
  const articles: StoredArticle[] = [];
  try {
    // `at` carries the feed's own offset; a day either side covers every offset, the window then decides by instant.
    for (const article of store.iterateArticles({ ...(from !== undefined ? { from: new Date(from - day).toISOString().slice(0, 10) } : {}), ...(until !== undefined ? { until: new Date(until + day).toISOString().slice(0, 10) } : {}), order: "oldest" })) {
      if (article.result) articles.push(storedFromResult(article.result, { firstSeen: article.firstSeen, updated: article.updated, ...(article.source.path ? { path: article.source.path } : {}) }));
    }
  } finally {
    store.close();
  }
  const runFailures = (await readRunFacts(out))?.failed.filter((entry) => entry.status === "failed").map((entry) => ({ id: entry.id, reasons: entry.reasons })) ?? [];
  try {
    // No article changed, so the pages are as they were; the window moved on.
    await writeDeskBulletins(out, articles, { languages: plan.targets, formats: settings.formats, window: settings.window, timeZone: settings.timeZone, runFailures, pages: false });
  } catch (error) {
    if (!isPrevodError(error, "INPUT_INVALID")) throw error;
  }
  return count();
}

/** A file's or folder's listing (relative names, sizes, modification times) as a hash; undefined for a glob. */
async function fingerprintOf(source: string): Promise<string | undefined> {
  let info;
  try {
    info = await stat(source);
  } catch {
    return undefined;
  }
  const hash = createHash("sha256");
  if (!info.isDirectory()) return hash.update(`${info.size}\t${info.mtimeMs}`).digest("hex");
  const entries = await readdir(source, { recursive: true, withFileTypes: true });
  const lines: string[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    try {
      const file = await stat(path);
      lines.push(`${path}\t${file.size}\t${file.mtimeMs}`);
    } catch {
      /* gone meanwhile */
    }
  }
  return hash.update(lines.sort().join("\n")).digest("hex");
}

async function peek(source: AsyncIterable<Article>): Promise<AsyncIterable<Article> | undefined> {
  const iterator = source[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) return undefined;
  return (async function* () {
    try {
      yield first.value;
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
    } finally {
      await iterator.return?.();
    }
  })();
}

/** Waits `ms`, or less when the signal fires. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((done) => {
    if (signal.aborted) return done();
    const timer = setTimeout(finish, ms);
    function finish() {
      clearTimeout(timer);
      signal.removeEventListener("abort", finish);
      done();
    }
    signal.addEventListener("abort", finish, { once: true });
  });
}

/** `12:15 feed.xml: 3 new, 1 changed, 41 unchanged · 27 calls · bulletin 58 articles`. */
export function statusLine(report: CycleReport): string {
  const parts: string[] = [];
  if (report.read.length > 0) parts.push(`${report.read.map(nameOf).join(", ")}: ${report.new} new, ${report.changed} changed, ${report.unchanged} unchanged`);
  if (report.notModified.length > 0) parts.push(`${report.notModified.map(nameOf).join(", ")}: not modified`);
  if (report.unreadable.length > 0) parts.push(`${report.unreadable.map(nameOf).join(", ")}: unreadable`);
  const failures = report.counts.partial + report.counts.failed;
  const tail = [`${report.calls} calls`, ...(failures > 0 ? [`${report.counts.partial} partial, ${report.counts.failed} failed`] : []), ...(report.bulletin !== undefined ? [`bulletin ${report.bulletin} articles`] : []), ...(report.stopped ? ["stopped"] : [])];
  return `${clock(new Date(report.at))} ${parts.join("; ")} · ${tail.join(" · ")}`;
}

/** The last part of a feed's path (feed.xml), else its host; a file's or folder's name. */
function nameOf(source: string): string {
  if (/^https?:\/\//i.test(source)) {
    try {
      const url = new URL(source);
      return url.pathname.split("/").filter(Boolean).pop() ?? url.host;
    } catch {
      return source;
    }
  }
  return basename(source) || source;
}

function clock(date = new Date()): string {
  return `${String(date.getHours()).padStart(2, "0")}:${String(date.getMinutes()).padStart(2, "0")}`;
}

function seconds(ms: number): string {
  return ms >= 60_000 && ms % 60_000 === 0 ? `${ms / 60_000} min` : `${Math.round(ms / 100) / 10} s`;
}
