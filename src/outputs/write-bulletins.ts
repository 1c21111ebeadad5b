import { join } from "node:path";
import { PrevodError } from "../errors.js";
import { TARGET_LANGUAGES, type TargetLanguage } from "../common/languages.js";
import { openAtomicFile, type AtomicFile } from "../storage/atomic-write.js";
import { htmlFormatter } from "./bulletin-html.js";
import { markdownFormatter } from "./bulletin-markdown.js";
import { bulletinHead, failedArticles, indexRun, runOnlyFailures, timeOrder, toEntry, toFailedEntry, type BulletinFormatter } from "./bulletin-model.js";
import { openArticleReader } from "./bulletin-source.js";

export type BulletinFormat = "md" | "html";

const FORMATTERS: Record<BulletinFormat, BulletinFormatter> = { md: markdownFormatter, html: htmlFormatter };

export interface WriteBulletinsOptions {
  /**
   * Languages to write. A language the run did not produce still gets a bulletin: it lists
   * every article by its Bulgarian title and says what is missing.
   * @default every target language present in the results (all four when none is)
   */
  languages?: readonly TargetLanguage[];
  /** @default ["md", "html"] */
  formats?: readonly BulletinFormat[];
}

/** One file written: `out/bulletin.<lang>.<format>`. */
export interface WrittenBulletin {
  language: TargetLanguage;
  format: BulletinFormat;
  path: string;
  /** Articles listed, failed ones included. */
  articles: number;
}

/**
 * Renders `out/bulletin.<lang>.md` and `.html` from a run's stored results, without any model
 * call. A first pass streams the articles (articles.jsonl, else articles/*.json) and keeps only
 * their ids, statuses and times; a second reads each article once more, in time order, and
 * renders it into every language's bulletin at once, streamed to disk. Memory holds the index and
 * one article, never the run's articles or a whole bulletin. Each file appears atomically when
 * complete.
 */
export async function writeBulletins(outputDir: string, options: WriteBulletinsOptions = {}): Promise<WrittenBulletin[]> {
  const index = await indexRun(outputDir);
  const extraFailures = runOnlyFailures(index);
  if (index.articles.length === 0 && extraFailures.length === 0) {
    throw new PrevodError("INPUT_INVALID", `${outputDir}: the run has no articles to put in a bulletin`);
  }
  const languages = options.languages ?? (index.languages.length > 0 ? index.languages : TARGET_LANGUAGES);
  const formats = options.formats ?? ["md", "html"];
  const ordered = timeOrder(index);
  const failed = failedArticles(index);
  const reader = await openArticleReader(index.location);
  const documents: Array<{ language: TargetLanguage; head: ReturnType<typeof bulletinHead>; format: BulletinFormat; path: string; file: AtomicFile }> = [];
  try {
    for (const language of languages) {
      const head = bulletinHead(index, language);
      for (const format of formats) {
        const path = join(outputDir, `bulletin.${language}.${format}`);
        documents.push({ language, head, format, path, file: await openAtomicFile(path) });
      }
    }
    for (const document of documents) await document.file.write(FORMATTERS[document.format].start(document.head));
    for (const indexed of ordered) {
      const article = await reader.read(indexed.reference, indexed.id);
      for (const language of languages) {
        const entry = toEntry(article, language);
        for (const document of documents) if (document.language === language) await document.file.write(FORMATTERS[document.format].entry(entry, document.head));
      }
    }
    if (failed.length + extraFailures.length > 0) {
      for (const document of documents) if (document.head.counts.failed > 0) await document.file.write(FORMATTERS[document.format].failedStart(document.head));
      for (const indexed of failed) {
        const entry = toFailedEntry(await reader.read(indexed.reference, indexed.id));
        for (const document of documents) if (document.head.counts.failed > 0) await document.file.write(FORMATTERS[document.format].failed(entry, document.head));
      }
      for (const entry of extraFailures) {
        for (const document of documents) if (document.head.counts.failed > 0) await document.file.write(FORMATTERS[document.format].failed(entry, document.head));
      }
    }
    for (const document of documents) {
      await document.file.write(FORMATTERS[document.format].end(document.head));
      await document.file.commit();
    }
  } catch (error) {
    await Promise.all(documents.map((document) => document.file.abort()));
    throw error;
  } finally {
    await reader.close();
  }
  return documents.map((document) => ({ language: document.language, format: document.format, path: document.path, articles: ordered.length + document.head.counts.failed }));
}
