import { join } from "node:path";
import { PrevodError } from "../errors.js";
import { TARGET_LANGUAGES, type TargetLanguage } from "../text/languages.js";
import { openAtomicFile } from "../storage/atomic-write.js";
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
 * their ids, statuses and times; then, per language, each article is read again on its own, in
 * time order, rendered and streamed to disk. Memory holds the index and one entry, never the
 * run's articles or a whole bulletin. Each file appears atomically when complete.
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
  const written: WrittenBulletin[] = [];
  try {
    for (const language of languages) {
      const head = bulletinHead(index, language);
      const documents = await Promise.all(
        formats.map(async (format) => ({ format, formatter: FORMATTERS[format], path: join(outputDir, `bulletin.${language}.${format}`), file: await openAtomicFile(join(outputDir, `bulletin.${language}.${format}`)) })),
      );
      const write = async (render: (formatter: BulletinFormatter) => string) => {
        for (const document of documents) await document.file.write(render(document.formatter));
      };
      try {
        await write((formatter) => formatter.start(head));
        for (const indexed of ordered) {
          const entry = toEntry(await reader.read(indexed.reference, indexed.id), language);
          await write((formatter) => formatter.entry(entry, head));
        }
        if (head.counts.failed > 0) {
          await write((formatter) => formatter.failedStart(head));
          for (const indexed of failed) {
            const entry = toFailedEntry(await reader.read(indexed.reference, indexed.id));
            await write((formatter) => formatter.failed(entry, head));
          }
          for (const entry of extraFailures) await write((formatter) => formatter.failed(entry, head));
        }
        await write((formatter) => formatter.end(head));
        for (const document of documents) {
          await document.file.commit();
          written.push({ language, format: document.format, path: document.path, articles: ordered.length + head.counts.failed });
        }
      } catch (error) {
        await Promise.all(documents.map((document) => document.file.abort()));
        throw error;
      }
    }
  } finally {
    await reader.close();
  }
  return written;
}
