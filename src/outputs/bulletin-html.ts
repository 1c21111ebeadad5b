import type { TargetLanguage } from "../common/languages.js";
import type { BulletinEntry, BulletinFormatter, BulletinHead, BulletinQuote, FailedEntry } from "./bulletin-model.js";
import type { TaggedText } from "./bulletin-speaker.js";
import { BULLETIN_CSS } from "./bulletin-style.js";
import { bulletinWords, formatInZone, formatPublished, formatRange, type BulletinWords } from "./bulletin-words.js";
import { deskWords } from "./bulletin-desk-words.js";

const SEPARATOR = '<span class="sep" aria-hidden="true"> · </span>';
const HTML_ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Article text is untrusted: every value that reaches the page goes through here. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ENTITIES[character]!);
}

/** Text in its own language: a `lang` attribute only where it differs from the page's. */
function tagged(value: TaggedText, page: TargetLanguage, element = "span", className?: string): string {
  const attributes = `${value.lang !== page ? ` lang="${value.lang}"` : ""}${className ? ` class="${className}"` : ""}`;
  if (element === "span" && attributes === "") return escapeHtml(value.text);
  return `<${element}${attributes}>${escapeHtml(value.text)}</${element}>`;
}

function time(published: string | undefined, language: TargetLanguage, words: BulletinWords, timeZone?: string): string {
  if (!published) return `<span class="muted">${escapeHtml(words.noDate)}</span>`;
  return `<time datetime="${escapeHtml(published)}">${escapeHtml(timeZone ? formatInZone(published, language, timeZone) : formatPublished(published, language))}</time>`;
}

/** Links never leak a referrer and open outside the bulletin; they are only followed on a click. */
function source(url: string | undefined, origin: string | undefined, words: BulletinWords, outlet?: string): string {
  if (url) return `${escapeHtml(words.source)}: <a class="outlet" href="${escapeHtml(url)}" rel="noopener noreferrer nofollow" target="_blank">${escapeHtml(outlet ?? new URL(url).host)}</a>`;
  if (outlet) return `${escapeHtml(words.source)}: <span class="outlet">${escapeHtml(outlet)}</span>`;
  return origin ? `${escapeHtml(words.source)}: <span class="origin">${escapeHtml(origin)}</span>` : "";
}

function quoteFigure(quote: BulletinQuote, head: BulletinHead, words: BulletinWords): string {
  const [open, close] = words.quoteMarks;
  const text = quote.kind === "direct" ? `${open}${escapeHtml(quote.text.text)}${close}` : escapeHtml(quote.text.text);
  const lang = quote.text.lang !== head.language ? ` lang="${quote.text.lang}"` : "";
  const notes = [quote.kind === "indirect" ? words.paraphrased : undefined, quote.text.lang === "bg" ? words.inBulgarian : undefined].filter(Boolean);
  const note = notes.length > 0 ? ` <span class="muted">(${escapeHtml(notes.join(", "))})</span>` : "";
  return `<figure class="quote ${quote.kind}"><blockquote${lang}><p>${text}</p></blockquote><figcaption>— ${tagged(quote.speaker, head.language, "span", "speaker")}${note}</figcaption></figure>`;
}

function articleAttributes(id: string, status: string): string {
  return `id="article-${escapeHtml(id)}" data-article-id="${escapeHtml(id)}" data-status="${status}"`;
}

function entryHtml(entry: BulletinEntry, head: BulletinHead, words: BulletinWords): string {
  const headline = entry.page
    ? `<h2${entry.headline.lang !== head.language ? ` lang="${entry.headline.lang}"` : ""}><a class="page" href="${escapeHtml(entry.page)}">${escapeHtml(entry.headline.text)}</a></h2>`
    : tagged(entry.headline, head.language, "h2");
  const parts = [`<article class="entry" ${articleAttributes(entry.id, entry.status)}${entry.topic ? ` data-topic="${escapeHtml(entry.topic)}"` : ""}>`, headline];
  const link = source(entry.url, entry.origin, words, entry.outlet);
  const desk = deskWords(head.language);
  const also = entry.also && entry.also.length > 0 ? `${SEPARATOR}<span class="also">${escapeHtml(`${desk.also}: ${entry.also.join(", ")}`)}</span>` : "";
  const topic = entry.topic ? `${SEPARATOR}<span class="topic">${escapeHtml(`${desk.topic}: ${entry.topic}`)}</span>` : "";
  parts.push(`<p class="meta">${time(entry.published, head.language, words, head.timeZone)}${link ? `${SEPARATOR}${link}` : ""}${also}${topic}</p>`);
  if (entry.missing.length > 0) {
    const lead = entry.status === "partial" ? `<strong>${escapeHtml(words.partialResult)}</strong> ` : "";
    parts.push(`<p class="note">${lead}${escapeHtml(`${words.missing}: ${entry.missing.map((part) => words.parts[part]).join(", ")}.`)}</p>`);
  }
  if (entry.summary) parts.push(`<p class="summary">${escapeHtml(entry.summary)}</p>`);
  if (entry.opening) parts.push(`<p class="summary opening"><em>${escapeHtml(words.fromTranslation)}:</em> ${escapeHtml(entry.opening)}</p>`);
  if (entry.keyPoints.length > 0) {
    parts.push(`<h3>${escapeHtml(words.keyPoints)}</h3>`, `<ul class="points">${entry.keyPoints.map((point) => `<li>${escapeHtml(point)}</li>`).join("")}</ul>`);
  }
  if (entry.quotes.length > 0) {
    parts.push(`<h3>${escapeHtml(words.keyQuotes)}</h3>`, ...entry.quotes.map((quote) => quoteFigure(quote, head, words)));
  }
  parts.push("</article>");
  return parts.join("\n");
}

function failedHtml(entry: FailedEntry, head: BulletinHead, words: BulletinWords): string {
  const heading = entry.title ? tagged({ text: entry.title, lang: "bg" }, head.language, "h3") : `<h3>${escapeHtml(entry.id)}</h3>`;
  const meta = [`${escapeHtml(words.articleId)}: <code>${escapeHtml(entry.id)}</code>`];
  if (entry.published) meta.push(time(entry.published, head.language, words));
  const link = source(entry.url, entry.origin, words);
  if (link) meta.push(link);
  const reasons = entry.reasons.length > 0 ? entry.reasons.map((reason) => `<li>${escapeHtml(reason)}</li>`).join("") : `<li class="muted">${escapeHtml(words.noReasons)}</li>`;
  return [
    `<article class="entry failed" ${articleAttributes(entry.id, "failed")}>`,
    heading,
    `<p class="meta">${meta.join(SEPARATOR)}</p>`,
    `<p class="reasons-label">${escapeHtml(words.reasons)}:</p>`,
    `<ul class="reasons">${reasons}</ul>`,
    "</article>",
  ].join("\n");
}

function startHtml(head: BulletinHead, words: BulletinWords): string {
  const { counts } = head;
  const period = head.period ?? (head.range ? formatRange(head.range.earliest, head.range.latest, head.language) : words.noDates);
  const tally: Array<[string, number]> = [[words.ok, counts.ok], [words.partial, counts.partial], [words.failed, counts.failed]];
  if (counts.interrupted > 0) tally.push([words.interrupted, counts.interrupted]);
  return [
    "<!doctype html>",
    `<html lang="${head.language}">`,
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="color-scheme" content="light dark">',
    '<meta name="generator" content="prevod">',
    `<title>${escapeHtml(`${words.title} · ${period}`)}</title>`,
    `<style>${BULLETIN_CSS}</style>`,
    "</head>",
    "<body>",
    '<div class="page">',
    `<header class="masthead">`,
    `<h1>${escapeHtml(words.title)}</h1>`,
    `<p class="period">${escapeHtml(words.period)}: <strong>${escapeHtml(period)}</strong></p>`,
    ...(head.timeZone ? [`<p class="zone">${escapeHtml(`${deskWords(head.language).times}: ${head.timeZone}`)}</p>`] : []),
    `<p class="counts">${escapeHtml(words.articles)}: <strong>${counts.total}</strong>${tally.map(([label, value]) => `${SEPARATOR}${escapeHtml(label)}: <strong>${value}</strong>`).join("")}</p>`,
    ...(head.inputError ? [`<p class="note">${escapeHtml(`${words.inputError}: ${head.inputError}`)}</p>`] : []),
    `</header>`,
    "<main>",
    "",
  ].join("\n");
}

/**
 * Bulletins as self-contained HTML pages: inline CSS, no scripts, no fonts, images or any other
 * request (a Content-Security-Policy forbids them even if text escaping ever failed), fluid
 * down to a 320 px phone, light and dark.
 */
export const htmlFormatter: BulletinFormatter = {
  start: (head) => startHtml(head, bulletinWords(head.language)),
  entry: (entry, head) => `${entryHtml(entry, head, bulletinWords(head.language))}\n`,
  failedStart: (head) =>
    `<section class="not-translated" aria-labelledby="not-translated">\n<h2 id="not-translated">${escapeHtml(bulletinWords(head.language).notTranslated)} (${head.counts.failed})</h2>\n`,
  failed: (entry, head) => `${failedHtml(entry, head, bulletinWords(head.language))}\n`,
  group: (name, head) => `<h2 class="group">${escapeHtml(`${deskWords(head.language).topic}: ${name}`)}</h2>\n`,
  end: (head) => [...(head.counts.failed > 0 ? ["</section>"] : []), "</main>", `<footer>${escapeHtml(bulletinWords(head.language).footer)}</footer>`, "</div>", "</body>", "</html>", ""].join("\n"),
};
