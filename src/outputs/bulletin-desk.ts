import { join } from "node:path";
import { existsSync } from "node:fs";
import { PrevodError } from "../errors.js";
import { TARGET_LANGUAGES, type TargetLanguage } from "../common/languages.js";
import { writeFileAtomic } from "../storage/atomic-write.js";
import { articlePagePath, writeArticlePage } from "./article-page.js";
import { htmlFormatter } from "./bulletin-html.js";
import { markdownFormatter } from "./bulletin-markdown.js";
import { toEntry, toFailedEntry, type BulletinEntry, type BulletinFormatter, type BulletinHead, type FailedEntry } from "./bulletin-model.js";
import { groupStories } from "./bulletin-syndication.js";
import type { PipelineConfig } from "../config/schema.js";
import type { RunManifest } from "./run-manifest.js";
import { articleInstant, checkTimeZone, inWindow, outletOf, resolveWindow, systemTimeZone, type BulletinWindow, type StoredArticle } from "./bulletin-window.js";
import { deskWords } from "./bulletin-desk-words.js";
import { formatInZone, formatPublished } from "./bulletin-words.js";
import type { BulletinFormat, WrittenBulletin } from "./write-bulletins.js";

const FORMATTERS: Record<BulletinFormat, BulletinFormatter> = { md: markdownFormatter, html: htmlFormatter };

export interface DeskBulletinOptions {
  window?: BulletinWindow;
  /** @default "newest" */
  order?: "newest" | "oldest";
  /** @default every target language present in the results (all four when none is) */
  languages?: readonly TargetLanguage[];
  /** @default ["md", "html"] */
  formats?: readonly BulletinFormat[];
  group?: "topic";
  /** IANA zone for every time shown. @default the system zone */
  timeZone?: string;
  /**
   * Also write articles/<id>.html for every article shown (true), none (false), or those of the
   * given ids and any that has no page yet (what a run changed: the others are as they were).
   * @default true
   */
  pages?: boolean | { only: ReadonlySet<string> };
  /** Failures a run recorded without an article result (run.json); listed with the failed ones. */
  runFailures?: readonly FailedEntry[];
}

/** The bulletin settings of pipeline.yaml: formats, the default window (resolved now), the zone. */
export function bulletinSettings(config: Pick<PipelineConfig, "outputs" | "bulletin">, now = Date.now()): { formats: BulletinFormat[]; window: BulletinWindow; windowName: string; timeZone: string } {
  const setting = config.outputs.bulletins;
  const formats = Array.isArray(setting) ? setting : setting.formats;
  const windowName = Array.isArray(setting) ? "all" : setting.window;
  const timeZone = checkTimeZone(config.bulletin?.timezone ?? systemTimeZone());
  return { formats: [...formats], window: resolveWindow({ configured: windowName }, timeZone, now), windowName, timeZone };
}

/** Failures run.json records (too large, unreadable …): FailedEntry form, for runFailures. */
export function runOnlyFailures(manifest: Pick<RunManifest, "failed">): FailedEntry[] {
  return manifest.failed.filter((entry) => entry.status === "failed").map((entry) => ({ id: entry.id, reasons: [...entry.reasons] }));
}

/** One story of a bulletin: the article shown and the other outlets that carried it. */
export interface BulletinStory {
  article: StoredArticle;
  also: StoredArticle[];
}

/**
 * What a bulletin over a window shows: the ok and partial articles in the window, syndicated
 * copies folded into the first (earliest) outlet's story, in the order asked; failed ones apart.
 */
export function selectStories(articles: Iterable<StoredArticle>, options: Pick<DeskBulletinOptions, "window" | "order"> = {}): { stories: BulletinStory[]; failed: StoredArticle[]; ids: Set<string> } {
  const chosen: StoredArticle[] = [];
  const seen = new Set<string>();
  for (const article of articles) {
    if (seen.has(article.id)) continue;
    seen.add(article.id);
    if (inWindow(article, options.window ?? {})) chosen.push(article);
  }
  const oldestFirst = (a: StoredArticle, b: StoredArticle) => {
    const [x, y] = [articleInstant(a), articleInstant(b)];
    if (x !== undefined && y !== undefined && x !== y) return x - y;
    if (x === undefined && y !== undefined) return 1;
    if (x !== undefined && y === undefined) return -1;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  };
  chosen.sort(oldestFirst);
  const shown = chosen.filter((article) => article.result.status !== "failed");
  const stories = groupStories(shown, (article) => article.result).map(([first, ...rest]) => ({ article: first!, also: rest }));
  if ((options.order ?? "newest") === "newest") stories.reverse();
  return { stories, failed: chosen.filter((article) => article.result.status === "failed"), ids: seen };
}

/** The title's period: the window asked for, else the articles' first and last times, in the zone. */
function period(window: BulletinWindow | undefined, stories: BulletinStory[], language: TargetLanguage, timeZone: string): string | undefined {
  const label = window?.label;
  if (label?.from && !label.until && /^\d{4}-\d{2}-\d{2}$/.test(label.from)) return formatPublished(label.from, language);
  const show = (value: string) => (/^\d{4}-\d{2}-\d{2}$/.test(value) ? formatPublished(value, language) : formatInZone(value, language, timeZone));
  if (label && (label.from || label.until)) return `${label.from ? show(label.from) : "…"} – ${label.until ? show(label.until) : "…"}`;
  const times = stories.map((story) => articleInstant(story.article)).filter((value): value is number => value !== undefined);
  if (times.length === 0) return undefined;
  const [first, last] = [new Date(Math.min(...times)).toISOString(), new Date(Math.max(...times)).toISOString()];
  return first === last ? show(first) : `${show(first)} – ${show(last)}`;
}

/**
 * Writes `out/bulletin.<lang>.md|html` over the stored articles in a window, and the article
 * page of every article in the window (articles/<id>.html, which the headlines link to).
 */
export async function writeDeskBulletins(outputDir: string, articles: Iterable<StoredArticle>, options: DeskBulletinOptions = {}): Promise<WrittenBulletin[]> {
  const timeZone = options.timeZone ?? (new Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC");
  const { stories, failed: failedArticles, ids: known } = selectStories(articles, options);
  const failed: FailedEntry[] = [...failedArticles.map((article) => toFailedEntry(article.result)), ...(options.runFailures ?? []).filter((entry) => !known.has(entry.id))];
  if (stories.length === 0 && failed.length === 0) {
    throw new PrevodError("INPUT_INVALID", `${outputDir}: no articles in the window to put in a bulletin`);
  }
  const present = new Set<string>();
  for (const { article } of stories) for (const key of [...Object.keys(article.result.translations), ...Object.keys(article.result.summaries)]) present.add(key);
  const found = TARGET_LANGUAGES.filter((language) => present.has(language));
  const languages = options.languages ?? (found.length > 0 ? found : TARGET_LANGUAGES);
  const formats = options.formats ?? ["md", "html"];

  const pages = options.pages ?? true;
  if (pages !== false) {
    // Every article in the window has its page: a syndicated copy and a failed article too.
    const paged = [...stories.flatMap((story) => [story.article, ...story.also]), ...failedArticles].filter((article) => pages === true || pages.only.has(article.id) || !existsSync(articlePagePath(outputDir, article.id)));
    for (const article of paged) await writeArticlePage(outputDir, article, { timeZone, outlet: outletOf(article.source, article.result.source.origin) });
  }

  const sections: Array<{ name?: string; stories: BulletinStory[] }> = [];
  if (options.group === "topic") {
    const byTopic = new Map<string, BulletinStory[]>();
    for (const story of stories) {
      const topic = story.article.source.topic ?? "";
      byTopic.set(topic, [...(byTopic.get(topic) ?? []), story]);
    }
    // Topics by their newest (or oldest) story, as the stories are ordered; untopical ones last.
    for (const [name, list] of byTopic) if (name !== "") sections.push({ name, stories: list });
    if (byTopic.has("")) sections.push({ name: "", stories: byTopic.get("")! });
  } else sections.push({ stories });

  const written: WrittenBulletin[] = [];
  for (const language of languages) {
    const counts = { total: stories.length + failed.length, ok: 0, partial: 0, failed: failed.length, interrupted: 0 };
    for (const { article } of stories) counts[article.result.status === "partial" ? "partial" : "ok"]++;
    const title = period(options.window, stories, language, timeZone);
    const head: BulletinHead = { language, counts, timeZone, ...(title ? { period: title } : {}) };
    for (const format of formats) {
      const formatter = FORMATTERS[format];
      const parts = [formatter.start(head)];
      for (const section of sections) {
        if (section.name !== undefined && formatter.group) parts.push(formatter.group(section.name === "" ? deskWords(language).noTopic : section.name, head));
        for (const story of section.stories) parts.push(formatter.entry(storyEntry(story, language), head));
      }
      if (failed.length > 0) {
        parts.push(formatter.failedStart(head));
        for (const entry of failed) parts.push(formatter.failed(entry, head));
      }
      parts.push(formatter.end(head));
      const path = join(outputDir, `bulletin.${language}.${format}`);
      await writeFileAtomic(path, parts.join(""));
      written.push({ language, format, path, articles: counts.total });
    }
  }
  return written;
}

function storyEntry(story: BulletinStory, language: TargetLanguage): BulletinEntry {
  const { article } = story;
  const entry = toEntry(article.result, language);
  const outlet = outletOf(article.source, article.result.source.origin);
  const also = [...new Set(story.also.map((copy) => outletOf(copy.source, copy.result.source.origin)).filter((name) => name !== outlet))];
  return {
    ...entry,
    page: `articles/${encodeURIComponent(article.id)}.html`,
    outlet,
    ...(also.length > 0 ? { also } : {}),
    ...(article.source.topic ? { topic: article.source.topic } : {}),
  };
}
