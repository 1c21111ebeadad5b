import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { redact } from "../common/redact.js";
import type { RunEvent } from "../engine/events.js";
import { openSources } from "../engine/open-sources.js";
import { runPipeline, type RunResult } from "../engine/run-pipeline.js";
import { isPrevodError, PrevodError } from "../errors.js";
import type { Plan } from "../graph/plan.js";
import { fetchConditional, type FetchedDocument, type Validators } from "../inputs/fetch-source.js";
import { articlePath } from "../outputs/article-files.js";
import { bulletinSettings, writeDeskBulletins } from "../outputs/bulletin-desk.js";
import { readRunFacts } from "../outputs/bulletin-source.js";
import { readStoredArticles } from "../outputs/bulletin-window.js";
import { readValidators, saveValidators, validatorKey } from "../store/http-validators.js";
import { acquireStoreLock } from "../store/lock.js";
import { openStore, STORE_FILE } from "../store/store.js";
import { summarizeStore } from "../store/summary.js";
import { peekArticles } from "./peek-articles.js";

/**
 * One cycle of `prevod watch`: conditional GETs and folder fingerprints, the pipeline over what
 * changed (on the bytes already fetched), the validators saved after a whole cycle, the rolling
 * bulletins refreshed.
 */

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

export type Line = (object: Record<string, unknown>, text: string) => void;

export interface CycleContext {
  wait: boolean;
  stop: AbortSignal;
  say: Line;
  json: boolean;
}

export async function cycle(plan: Plan, sources: string[], context: CycleContext): Promise<CycleReport> {
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
        const answer = await fetchConditional(source, saved.get(validatorKey(source)) ?? {}, { signal: context.stop });
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
    if (fingerprint !== undefined && saved.get(validatorKey(key))?.etag === fingerprint) report.notModified.push(source);
    else toRead.push(source);
    if (fingerprint !== undefined) next.set(key, { etag: fingerprint });
  }

  let result: RunResult | undefined;
  const retry = new Set<string>();
  if (toRead.length > 0 && !context.stop.aborted) {
    const before = openStore(out, { readonly: true });
    try {
      result = await runOn(plan, toRead, fetched, report, before, context, warn, retry);
    } finally {
      before.close();
    }
  }
  report.read = toRead;
  report.ran = result !== undefined;
  report.stopped = context.stop.aborted;
  // Validators are saved only after a cycle that ran to the end, and not for an input with an
  // article that did not end ok: a cycle cut off, or a failure to try again, asks for the whole
  // feed (reads the whole folder) next time, so a 304 never hides an article that has not run.
  const whole = !report.stopped && !result?.manifest.interrupted;
  for (const [key, validators] of next) {
    const before = saved.get(validatorKey(key));
    const unchanged = before ? before.etag === validators.etag && before.lastModified === validators.lastModified : !validators.etag && !validators.lastModified;
    if (unchanged || retry.has(key.startsWith("file:") ? FILES : key)) next.delete(key);
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

/** In `retry`: some article of a file or folder input did not end ok (they are not told apart). */
const FILES = "file:*";

/**
 * Runs the pipeline on the inputs that changed; the feeds' bytes are those already fetched (no
 * second GET). Adds to `retry` each feed (or FILES) with an article that did not end ok.
 */
async function runOn(plan: Plan, toRead: string[], fetched: Map<string, FetchedDocument>, report: CycleReport, before: ReturnType<typeof openStore>, context: CycleContext, warn: (message: string) => void, retry: Set<string>): Promise<RunResult | undefined> {
  // A feed's articles have the redacted URL as their origin, with "#n" for the item.
  const feeds = toRead.filter((source) => /^https?:\/\//i.test(source)).map((source) => ({ source, name: redact(source) }));
  const inputOf = (origin: string) => feeds.find(({ name }) => origin === name || origin.startsWith(`${name}#`))?.source ?? FILES;
  const origins = new Map<string, string>();
  const replay: typeof fetch = async (input, init) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const document = fetched.get(url);
    if (!document) return fetch(input, init);
    const response = new Response(Buffer.from(document.bytes), { status: 200, headers: document.contentType ? { "content-type": document.contentType } : {} });
    Object.defineProperty(response, "url", { value: document.url });
    return response;
  };
  const opened = openSources(toRead, { fetch: replay, onWarning: warn });
  const peeked = await peekArticles(opened.articles);
  if (peeked === undefined && opened.unread.length === 0) return undefined;
  const articles = peeked && (async function* () {
    for await (const article of peeked) {
      origins.set(article.id, article.origin);
      yield article;
    }
  })();
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
        if (event.status !== "ok") retry.add(inputOf(origins.get(event.id) ?? ""));
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
    const result = await runPipeline({ plan, opened: { ...opened, articles: articles ?? opened.articles }, wait: context.wait, stopFeeding: context.stop, signal: early.signal, onEvent });
    // An input that could not be read as a document (not a feed after all) is tried again too.
    for (const entry of result.manifest.failed) if (entry.source !== undefined) retry.add(inputOf(entry.source));
    return result;
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
  const articles = await readStoredArticles(out, settings.window);
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
