import type { BulletinEntry, BulletinFormatter, BulletinHead, BulletinQuote, FailedEntry } from "./bulletin-model.js";
import { bulletinWords, formatInZone, formatPublished, formatRange, type BulletinWords } from "./bulletin-words.js";
import { deskWords } from "./bulletin-desk-words.js";

/**
 * Article text is untrusted: collapses whitespace (a newline could start a heading or a list)
 * and backslash-escapes every character that would make markup, raw HTML, math or a link on
 * GitHub (`*_[]<>`, `$`, `https://`, `www.`, `@`), plus block markers at the start.
 */
export function escapeMarkdown(text: string): string {
  const escaped = text
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[\\`*_[\]<>|~&$@]/g, "\\$&")
    .replace(/\b([a-z][a-z0-9+.-]*):(?=\/\/)/gi, "$1\\:")
    .replace(/\b(www)\./gi, "$1\\.");
  if (/^[#+\-=]/.test(escaped)) return `\\${escaped}`;
  return escaped.replace(/^(\d+)([.)])/, "$1\\$2");
}

/** A link from a URL that webLink accepted; angle brackets keep parentheses in it harmless. */
function link(text: string, url: string): string {
  return `[${escapeMarkdown(text)}](<${url.replace(/[<>\s]/g, encodeURIComponent)}>)`;
}

function sourceLine(words: BulletinWords, url: string | undefined, origin: string | undefined, outlet?: string): string | undefined {
  if (url) return `${words.source}: ${link(outlet ?? new URL(url).host, url)}`;
  if (outlet) return `${words.source}: ${escapeMarkdown(outlet)}`;
  return origin ? `${words.source}: ${escapeMarkdown(origin)}` : undefined;
}

function quoteBlock(quote: BulletinQuote, words: BulletinWords): string {
  const [open, close] = words.quoteMarks;
  const text = escapeMarkdown(quote.text.text);
  const body = quote.kind === "direct" ? `${open}${text}${close}` : text;
  const notes = [quote.kind === "indirect" ? words.paraphrased : undefined, quote.text.lang === "bg" ? words.inBulgarian : undefined].filter(Boolean);
  const caption = `— ${escapeMarkdown(quote.speaker.text)}${notes.length > 0 ? ` (${notes.join(", ")})` : ""}`;
  return `> ${body}\\\n> ${caption}`;
}

function entryBlock(entry: BulletinEntry, head: BulletinHead, words: BulletinWords): string {
  const lines: string[] = [`## ${entry.page ? `[${escapeMarkdown(entry.headline.text)}](<${entry.page}>)` : escapeMarkdown(entry.headline.text)}`, ""];
  const desk = deskWords(head.language);
  const meta = [
    entry.published ? (head.timeZone ? formatInZone(entry.published, head.language, head.timeZone) : formatPublished(entry.published, head.language)) : words.noDate,
    sourceLine(words, entry.url, entry.origin, entry.outlet),
    entry.also && entry.also.length > 0 ? escapeMarkdown(`${desk.also}: ${entry.also.join(", ")}`) : undefined,
    entry.topic ? escapeMarkdown(`${desk.topic}: ${entry.topic}`) : undefined,
  ];
  lines.push(meta.filter(Boolean).join(" · "), "");
  if (entry.missing.length > 0) {
    const lead = entry.status === "partial" ? `${words.partialResult} ` : "";
    lines.push(`*${lead}${words.missing}: ${entry.missing.map((part) => words.parts[part]).join(", ")}.*`, "");
  }
  if (entry.summary) lines.push(escapeMarkdown(entry.summary), "");
  if (entry.opening) lines.push(`*${words.fromTranslation}:* ${escapeMarkdown(entry.opening)}`, "");
  if (entry.keyPoints.length > 0) {
    lines.push(`**${words.keyPoints}**`, "", ...entry.keyPoints.map((point) => `- ${escapeMarkdown(point)}`), "");
  }
  if (entry.quotes.length > 0) {
    lines.push(`**${words.keyQuotes}**`, "");
    for (const quote of entry.quotes) lines.push(quoteBlock(quote, words), "");
  }
  return lines.join("\n");
}

function failedBlock(entry: FailedEntry, head: BulletinHead, words: BulletinWords): string {
  const lines = [`### ${escapeMarkdown(entry.title ?? entry.id)}`, "", `- ${words.articleId}: ${escapeMarkdown(entry.id)}`];
  if (entry.published) lines.push(`- ${formatPublished(entry.published, head.language)}`);
  const source = sourceLine(words, entry.url, entry.origin);
  if (source) lines.push(`- ${source}`);
  lines.push(`- ${words.reasons}:`);
  const reasons = entry.reasons.length > 0 ? entry.reasons.map(escapeMarkdown) : [words.noReasons];
  for (const reason of reasons) lines.push(`  - ${reason}`);
  return `${lines.join("\n")}\n`;
}

function headerBlock(head: BulletinHead, words: BulletinWords): string {
  const { counts } = head;
  const period = head.period ?? (head.range ? formatRange(head.range.earliest, head.range.latest, head.language) : words.noDates);
  const tally = [`**${words.articles}:** ${counts.total}`, `${words.ok}: ${counts.ok}`, `${words.partial}: ${counts.partial}`, `${words.failed}: ${counts.failed}`];
  if (counts.interrupted > 0) tally.push(`${words.interrupted}: ${counts.interrupted}`);
  const zone = head.timeZone ? [`${deskWords(head.language).times}: ${head.timeZone}\\`] : [];
  const lines = [`# ${words.title}`, "", `**${words.period}:** ${period}\\`, ...zone, tally.join(" · "), ""];
  if (head.inputError) lines.push(`> **${words.inputError}:** ${escapeMarkdown(head.inputError)}`, "");
  return lines.join("\n");
}

/** Bulletins as GitHub-flavoured Markdown: a section per article, separated by rules. */
export const markdownFormatter: BulletinFormatter = {
  start: (head) => `${headerBlock(head, bulletinWords(head.language))}\n`,
  entry: (entry, head) => `---\n\n${entryBlock(entry, head, bulletinWords(head.language))}\n`,
  failedStart: (head) => `---\n\n## ${bulletinWords(head.language).notTranslated} (${head.counts.failed})\n\n`,
  failed: (entry, head) => `${failedBlock(entry, head, bulletinWords(head.language))}\n`,
  group: (name, head) => `---\n\n# ${escapeMarkdown(`${deskWords(head.language).topic}: ${name}`)}\n\n`,
  end: (head) => `---\n\n*${bulletinWords(head.language).footer}*\n`,
};
