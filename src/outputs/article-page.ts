import { TARGET_LANGUAGES, type TargetLanguage } from "../common/languages.js";
import { openAtomicFile } from "../storage/atomic-write.js";
import { articlePath } from "./article-files.js";
import type { ArticleResult } from "./article-schema.js";
import { escapeHtml } from "./bulletin-html.js";
import { deskWords } from "./bulletin-desk-words.js";
import type { StoredArticle } from "./bulletin-window.js";
import { formatInZone } from "./bulletin-words.js";

/** `<out>/articles/<id>.html`, beside the article's JSON (the id is checked as a file name). */
export function articlePagePath(outputDir: string, id: string): string {
  return articlePath(outputDir, id).replace(/\.json$/, ".html");
}

const LANGUAGE_NAMES: Record<TargetLanguage | "bg", string> = { bg: "Български", en: "English", ru: "Русский", "sr-Cyrl": "Српски", "sr-Latn": "Srpski" };

const PAGE_CSS = `
*{box-sizing:border-box}
html{color-scheme:light dark}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#fff;color:#1b1b1b;overflow-wrap:anywhere}
@media (prefers-color-scheme:dark){body{background:#15171a;color:#e6e6e6}.gate{background:#4a1d1d!important}mark.quote{background:#3d3a12!important;color:inherit}}
.page{max-width:1600px;margin:0 auto;padding:16px}
h1{font-size:1.5rem;margin:.2em 0}
.meta{color:#666;font-size:.9rem}
.top{display:grid;gap:12px;grid-template-columns:1fr}
.top section{border:1px solid #8884;border-radius:6px;padding:8px 12px}
.grid{display:grid;gap:0 16px;grid-template-columns:1fr}
.head,.cell{min-width:0}
.head{font-weight:600;border-bottom:2px solid #8886;padding:4px 0;display:none}
.cell{padding:4px 0;border-bottom:1px solid #8882}
.cell .lang{display:inline-block;font-size:.75rem;color:#666;margin-right:6px}
.kind-title{font-weight:700}
.gate{background:#fde2e2;border-left:4px solid #c0392b;padding-left:6px}
.reason{display:block;font-size:.85rem;color:#a01d1d}
mark.quote{background:#fff3b0;color:inherit}
.comments{margin-top:24px;border-top:3px double #8886;padding-top:8px}
.comments h2{font-size:1.1rem}
@media (min-width:900px){
.top{grid-template-columns:repeat(var(--columns),minmax(0,1fr))}
.grid{grid-template-columns:repeat(var(--columns),minmax(0,1fr))}
.head{display:block}
.cell .lang{display:none}
}`;

interface Column {
  language: TargetLanguage | "bg";
  texts: Map<string, string>;
}

/** Marks the parts of `text` that are quotes: `ranges` are [start, end) within it. */
function marked(text: string, ranges: Array<[number, number]>, label: string): string {
  const sorted = ranges.filter(([start, end]) => end > start).sort((a, b) => a[0] - b[0]);
  let html = "";
  let at = 0;
  for (const [start, end] of sorted) {
    if (start < at) continue;
    html += `${escapeHtml(text.slice(at, start))}<mark class="quote" title="${escapeHtml(label)}">${escapeHtml(text.slice(start, end))}</mark>`;
    at = end;
  }
  return html + escapeHtml(text.slice(at));
}

/** Quote ranges inside one segment's text, per column. */
function quoteRanges(quotes: ArticleResult["quotes"], segment: ArticleResult["segments"][number], column: Column, text: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (const quote of quotes) {
    if (column.language === "bg") {
      ranges.push([Math.max(quote.start, segment.start) - segment.start, Math.min(quote.end, segment.end) - segment.start]);
    } else {
      const translated = quote.translations[column.language]?.trim();
      if (!translated) continue;
      const at = text.indexOf(translated);
      if (at >= 0) ranges.push([at, at + translated.length]);
      else if (quote.segment_ids.length > 1 || text.trim().length <= translated.length + 2) ranges.push([0, text.length]);
    }
  }
  return ranges;
}

/**
 * The article's own page: the summary and key points of each language on top, then the
 * Bulgarian original and every translation side by side, one row per sentence (stacked on a
 * phone), failed gates highlighted at their sentence with the reason, quotes marked in every
 * column, reader comments set apart at the end. Self-contained: inline CSS, no script, no
 * request (a Content-Security-Policy forbids any); every value from the article is escaped.
 */
export function renderArticlePage(article: StoredArticle, options: PageOptions): string {
  return [...articlePageParts(article, options)].join("\n");
}

type PageOptions = { timeZone: string; outlet: string; language?: TargetLanguage };

/**
 * The page as a file, written as it is made (a 5 MB article's page is 14 MB of HTML: as one
 * string, twice that in memory, and as much again for each copy on the way to the disk).
 */
export async function writeArticlePage(outputDir: string, article: StoredArticle, options: PageOptions): Promise<void> {
  const file = await openAtomicFile(articlePagePath(outputDir, article.id));
  try {
    let chunk = "";
    let first = true;
    for (const part of articlePageParts(article, options)) {
      chunk += first ? part : `\n${part}`;
      first = false;
      // Below V8's large-object size (see jsonChunks): each piece dies young.
      if (chunk.length >= 1 << 14) {
        await file.write(chunk);
        chunk = "";
      }
    }
    if (chunk) await file.write(chunk);
    await file.commit();
  } catch (error) {
    await file.abort();
    throw error;
  }
}

/** The page's lines, in order (joined by line breaks they are the page). */
function* articlePageParts(article: StoredArticle, options: PageOptions): Generator<string> {
  const { result } = article;
  const language = options.language ?? "en";
  const words = deskWords(language);
  const targets = TARGET_LANGUAGES.filter((target) => result.translations[target] || result.summaries[target]);
  const columns: Column[] = [
    { language: "bg", texts: new Map(result.segments.map((segment) => [segment.id, segment.text])) },
    ...targets.map((target) => ({ language: target, texts: new Map((result.translations[target]?.segments ?? []).map((segment) => [segment.id, segment.text])) })),
  ];
  // Quotes by the segments they touch, in quote order: looked up per cell, a walk over every quote
  // and every segment per cell made a 5 MB article's page take seconds (quadratic).
  const quotesAt = new Map<string, ArticleResult["quotes"]>();
  for (const quote of result.quotes) {
    for (const id of new Set(quote.segment_ids)) {
      const list = quotesAt.get(id);
      if (list) list.push(quote);
      else quotesAt.set(id, [quote]);
    }
  }
  const segmentIds = new Set(result.segments.map((segment) => segment.id));
  const failedAt = new Map<string, Array<{ target?: string; reason: string }>>();
  const failedElsewhere: string[] = [];
  for (const check of result.checks) {
    if (check.status !== "fail") continue;
    const reason = `${check.name}: ${check.detail}`;
    if (check.segment_id && segmentIds.has(check.segment_id)) {
      failedAt.set(check.segment_id, [...(failedAt.get(check.segment_id) ?? []), { ...(check.target ? { target: check.target } : {}), reason }]);
    } else failedElsewhere.push(`${check.step}${check.target ? `/${check.target}` : ""}: ${reason}`);
  }
  for (const error of result.errors) failedElsewhere.push(`${error.step}${error.target ? `/${error.target}` : ""}: ${error.message}`);

  const title = result.source.title ?? result.id;
  const published = result.source.published ? formatInZone(result.source.published, language, options.timeZone) : undefined;
  const url = result.source.url && /^https?:\/\//i.test(result.source.url) ? result.source.url : undefined;
  yield* [
    "<!doctype html>",
    '<html lang="bg">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="generator" content="prevod">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${PAGE_CSS}</style>`,
    "</head>",
    "<body>",
    `<div class="page" style="--columns:${columns.length}">`,
    `<p class="meta"><a href="../bulletin.${language}.html">← ${escapeHtml(words.back)}</a></p>`,
    `<h1>${escapeHtml(title)}</h1>`,
    `<p class="meta">${[published, url ? `<a href="${escapeHtml(url)}" rel="noopener noreferrer nofollow">${escapeHtml(options.outlet)}</a>` : escapeHtml(options.outlet), article.source.topic ? escapeHtml(`${words.topic}: ${article.source.topic}`) : undefined].filter(Boolean).join(" · ")}</p>`,
  ];
  if (failedElsewhere.length > 0) {
    yield `<section class="gate failures"><strong>${escapeHtml(words.failedGates)}</strong><ul>${failedElsewhere.map((reason) => `<li>${escapeHtml(reason)}</li>`).join("")}</ul></section>`;
  }
  const summaries = targets.filter((target) => result.summaries[target]);
  if (summaries.length > 0) {
    yield '<div class="top">';
    for (const target of summaries) {
      const summary = result.summaries[target]!;
      yield (
        `<section class="summary" lang="${target}" data-lang="${target}"><h2>${escapeHtml(summary.headline)}</h2><p>${escapeHtml(summary.summary)}</p>` +
          (summary.key_points.length > 0 ? `<ul class="points">${summary.key_points.map((point) => `<li>${escapeHtml(point)}</li>`).join("")}</ul>` : "") +
          "</section>"
      );
    }
    yield "</div>";
  }
  const gridOf = (kinds: ReadonlyArray<string>) => result.segments.filter((segment) => kinds.includes(segment.kind));
  function* grid(segments: typeof result.segments, className: string): Generator<string> {
    if (segments.length === 0) return;
    yield `<div class="grid ${className}">`;
    for (const column of columns) yield `<div class="head" data-lang="${column.language}">${escapeHtml(column.language === "bg" ? words.original : LANGUAGE_NAMES[column.language])}</div>`;
    for (const segment of segments) {
      for (const column of columns) {
        const text = column.texts.get(segment.id) ?? "";
        const gates = (failedAt.get(segment.id) ?? []).filter((gate) => (column.language === "bg" ? gate.target === undefined : gate.target === column.language));
        const classes = ["cell", `kind-${segment.kind}`, ...(gates.length > 0 ? ["gate"] : [])].join(" ");
        const reasons = gates.map((gate) => `<span class="reason" lang="en">${escapeHtml(gate.reason)}</span>`).join("");
        yield `<div class="${classes}" lang="${column.language}" data-lang="${column.language}" data-segment="${escapeHtml(segment.id)}"><span class="lang">${escapeHtml(column.language)}</span>${marked(text, quoteRanges(quotesAt.get(segment.id) ?? [], segment, column, text), words.quote)}${reasons}</div>`;
      }
    }
    yield "</div>";
  }
  yield "<main>";
  yield* grid(gridOf(["title", "meta", "body"]), "text");
  yield "</main>";
  const comments = gridOf(["comment"]);
  if (comments.length > 0) {
    yield `<aside class="comments"><h2>${escapeHtml(words.comments)}</h2>`;
    yield* grid(comments, "comment-grid");
    yield "</aside>";
  }
  yield* ["</div>", "</body>", "</html>", ""];
}
