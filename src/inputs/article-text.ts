import type { StructureHint } from "../text/types.js";

/** A reader comment taken from a page: its text, and who wrote it when, kept apart from the text. */
export interface ReaderComment {
  /** The comment's own words; paragraphs joined by single newlines so it stays one block. */
  text: string;
  author?: string;
  /** ISO 8601 when the page gave a machine-readable time, else the time as the page shows it. */
  time?: string;
}

/** The parts of an article before they are laid out as one text. */
export interface ArticleParts {
  title?: string;
  /** Body paragraphs in reading order, without the title. */
  paragraphs: string[];
  /** Paragraphs known to be meta lines (byline, date line): they get a `meta` hint. */
  metaParagraphs?: ReadonlySet<string>;
  comments?: ReaderComment[];
}

/**
 * Lays out an article as the pipeline reads it: title, blank line, body paragraphs separated by
 * blank lines, then each reader comment as its own block, preceded by a meta line
 * ("author · time") when the page named them. Hints mark the title, meta lines and comments,
 * so structure analysis knows them for sure instead of guessing.
 */
export function composeArticleText(parts: ArticleParts): { text: string; hints: StructureHint[] } {
  const blocks: { text: string; kind?: StructureHint["kind"] }[] = [];
  const title = parts.title === undefined ? "" : cleanLine(parts.title);
  if (title !== "") blocks.push({ text: title, kind: "title" });
  for (const paragraph of parts.paragraphs) {
    const text = cleanBlock(paragraph);
    if (text === "") continue;
    if (blocks.length === 1 && title !== "" && sameText(text, title)) continue;
    blocks.push(parts.metaParagraphs?.has(paragraph) ? { text, kind: "meta" } : { text });
  }
  for (const comment of parts.comments ?? []) {
    const text = cleanBlock(comment.text);
    if (text === "") continue;
    const meta = [comment.author, comment.time].map((value) => (value === undefined ? "" : cleanLine(value))).filter((value) => value !== "");
    if (meta.length > 0) blocks.push({ text: meta.join(" · "), kind: "meta" });
    blocks.push({ text, kind: "comment" });
  }
  let text = "";
  const hints: StructureHint[] = [];
  for (const block of blocks) {
    if (text !== "") text += "\n\n";
    if (block.kind !== undefined) hints.push({ kind: block.kind, start: text.length, end: text.length + block.text.length });
    text += block.text;
  }
  return { text, hints };
}

/**
 * Plain text as an article: newlines normalised, invisible characters removed, trailing spaces
 * trimmed. A title given apart from the text is put in front, unless the text already opens with it.
 */
export function composePlainText(body: string, title?: string): { text: string; title?: string; hints: StructureHint[] } {
  const text = cleanPlainText(body);
  const cleanTitle = title === undefined ? "" : cleanLine(title);
  if (cleanTitle === "") return { text, hints: [], ...firstLineTitle(text) };
  const firstLine = /^[^\n]*/.exec(text)![0];
  if (sameText(firstLine, cleanTitle)) {
    return { text, title: cleanTitle, hints: [{ kind: "title", start: 0, end: firstLine.length }] };
  }
  const joined = text === "" ? cleanTitle : `${cleanTitle}\n\n${text}`;
  return { text: joined, title: cleanTitle, hints: [{ kind: "title", start: 0, end: cleanTitle.length }] };
}

// The first line is the title of a plain-text article; a Markdown heading mark is not part of it.
function firstLineTitle(text: string): { title?: string } {
  const line = /^[^\n]*/.exec(text)![0].replace(/^#{1,6}\s+/, "").trim();
  return line === "" ? {} : { title: line };
}

/** Normalises plain text: CRLF and CR to LF, NFC, no invisible characters, no trailing spaces. */
export function cleanPlainText(value: string): string {
  return removeInvisible(value.replace(/\r\n?/g, "\n").normalize("NFC"))
    .split("\n")
    .map((line) => line.replace(/[ \t\u00a0]+$/, ""))
    .join("\n")
    .replace(/^\n+|\n+$/g, "");
}

// Soft hyphens, zero-width spaces and stray BOMs are invisible on a page but split words for every
// later check (quotes verbatim, names preserved); control characters are never article text.
function removeInvisible(value: string): string {
  return value.replace(/[\u00ad\u200b\u2060\ufeff]|[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, "");
}

/** One block: lines trimmed and collapsed, empty lines dropped, so no blank line splits it. */
function cleanBlock(value: string): string {
  return removeInvisible(value.normalize("NFC"))
    .split(/\r\n?|\n/)
    .map(cleanLine)
    .filter((line) => line !== "")
    .join("\n");
}

function cleanLine(value: string): string {
  return removeInvisible(value.normalize("NFC")).replace(/[ \t\r\n\f\v]+/g, " ").replace(/^[ \u00a0]+|[ \u00a0]+$/g, "");
}

function sameText(left: string, right: string): boolean {
  const simplify = (value: string): string => value.toLowerCase().replace(/[\s\u00a0]+/g, " ").trim();
  return simplify(left) === simplify(right);
}
