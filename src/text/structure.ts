import { PrevodError } from "../errors.js";
import { classifyLine, isDateOrCounterLine, isHeadlineLike, isSentenceLike, type LinePattern } from "./classify-line.js";
import { skipSpace, trimEnd } from "./segment-characters.js";
import { splitSentences } from "./sentences.js";
import type { Segment, SegmentKind, StructureHint } from "./types.js";

/** One non-blank line of the page, trimmed, with the paragraph (block between blank lines) it is in. */
interface Line {
  start: number;
  end: number;
  text: string;
  paragraph: number;
  pattern: LinePattern;
}

/** A trimmed range of one line with its decided kind. */
interface Piece {
  start: number;
  end: number;
  kind: SegmentKind;
  paragraph: number;
}

const SEGMENT_KINDS: readonly SegmentKind[] = ["title", "meta", "body", "comment", "boilerplate"];
const SENTENCE_KINDS: ReadonlySet<SegmentKind> = new Set(["title", "body", "comment"]);

/** How far after a numbered user name its votes or timestamp must follow to prove a comment. */
const COMMENT_PROOF_LINES = 4;

export interface AnalyzeArticleOptions {
  /** Ranges whose kind the input already knows (from HTML markup); they override guesses. */
  hints?: StructureHint[];
}

/**
 * The structure of a scraped news page: its title, meta lines (dates, counters, "Тема: …",
 * bylines, photo credits), body paragraphs, reader comments and page furniture.
 *
 * Title, body and comment paragraphs are split into sentences; meta and boilerplate lines are
 * one segment each. Ids are "s1", "s2", … in text order; `paragraph` counts blocks between
 * blank lines from 0. A later repetition of the title (many sites print it twice) is `meta`,
 * so it is neither translated twice nor summarised. In the comment thread, user names, votes,
 * "Отговор" buttons and timestamps are `meta`; the comment text is `comment`.
 *
 * @example analyzeArticle(page).filter((segment) => segment.kind === "body")
 */
export function analyzeArticle(text: string, options: AnalyzeArticleOptions = {}): Segment[] {
  const hints = validateHints(text, options.hints ?? []);
  const lines = readLines(text);
  const hintedTitle = hints.find((hint) => hint.kind === "title");
  const kinds = guessKinds(lines, hintedTitle === undefined ? undefined : text.slice(hintedTitle.start, hintedTitle.end));
  return toSegments(text, applyHints(text, lines, kinds, hints));
}

function validateHints(text: string, hints: StructureHint[]): StructureHint[] {
  hints.forEach((hint, index) => {
    const valid =
      Number.isInteger(hint.start) && Number.isInteger(hint.end) && hint.start >= 0 && hint.start <= hint.end && hint.end <= text.length;
    if (!valid) {
      throw new PrevodError("INPUT_INVALID", `hints[${index}]: expected integers 0 ≤ start ≤ end ≤ ${text.length}, got start ${hint.start}, end ${hint.end}`);
    }
    if (!SEGMENT_KINDS.includes(hint.kind)) {
      throw new PrevodError("INPUT_INVALID", `hints[${index}].kind: expected one of ${SEGMENT_KINDS.join(", ")}, got '${String(hint.kind)}'`);
    }
  });
  return hints;
}

function readLines(text: string): Line[] {
  const lines: Line[] = [];
  let paragraph = -1;
  let blankBefore = true;
  let lineStart = 0;
  while (lineStart <= text.length) {
    const newline = text.indexOf("\n", lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    const start = skipSpace(text, lineStart);
    if (start < lineEnd) {
      if (blankBefore) paragraph++;
      const end = trimEnd(text, lineEnd, start);
      const content = text.slice(start, end);
      lines.push({ start, end, text: content, paragraph, pattern: classifyLine(content) });
      blankBefore = false;
    } else {
      blankBefore = true;
    }
    if (newline === -1) break;
    lineStart = newline + 1;
  }
  return lines;
}

const normalizeTitle = (line: string): string => line.toLowerCase().replace(/\s+/g, " ").trim();

/** The title again, alone or followed by a site name ("Заглавие | Дневник"). */
function repeatsTitle(line: string, title: string): boolean {
  const normal = normalizeTitle(line);
  if (title === "" || !normal.startsWith(title)) return false;
  const rest = normal.slice(title.length).trim();
  return rest === "" || (/^[|–—\-:]/.test(rest) && rest.split(" ").length <= 5);
}

const wordCount = (line: string): number => line.split(/\s+/).length;

/**
 * The first headline-like content line of at least three words before any running text. One-
 * and two-word lines before it are site navigation ("Новини", "Икономика").
 */
function findTitle(lines: Line[]): number {
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    if (line.pattern !== "content") continue;
    if (!isHeadlineLike(line.text) || isSentenceLike(line.text)) return -1;
    if (wordCount(line.text) >= 3) return index;
  }
  return -1;
}

/**
 * A numbered user name with votes, "Отговор" or a timestamp within the next few lines; a
 * numbered list item in the body ("1. Нови правила") has none of these after it.
 */
function isProvenCommentHeader(lines: Line[], index: number): boolean {
  if (lines[index]!.pattern !== "comment-header") return false;
  return lines.slice(index + 1, index + 1 + COMMENT_PROOF_LINES).some((line) => isDateOrCounterLine(line.text));
}

/**
 * Where the reader comments begin: at the first proven comment header, moved back to a
 * "Коментари" heading when only headings and meta lines lie between. Without headers, a
 * "Коментари" heading after the body text still opens the thread.
 */
function findCommentStart(lines: Line[], from: number): number {
  let header = -1;
  for (let index = from; index < lines.length; index++) {
    if (isProvenCommentHeader(lines, index)) {
      header = index;
      break;
    }
  }
  if (header === -1) {
    const sawBody = lines.slice(from).findIndex((line) => line.pattern === "content" && isSentenceLike(line.text));
    if (sawBody === -1) return lines.length;
    const heading = lines.findIndex((line, index) => index > from + sawBody && line.pattern === "comments-heading");
    return heading === -1 ? lines.length : heading;
  }
  let start = header;
  for (let index = header - 1; index >= from; index--) {
    const line = lines[index]!;
    if (line.pattern === "comments-heading") start = index;
    else if (line.pattern === "content" && isSentenceLike(line.text)) break;
  }
  return start;
}

function guessKinds(lines: Line[], hintedTitle: string | undefined): SegmentKind[] {
  const titleIndex = hintedTitle === undefined ? findTitle(lines) : -1;
  const title = normalizeTitle(hintedTitle ?? (titleIndex === -1 ? "" : lines[titleIndex]!.text));
  const commentStart = findCommentStart(lines, titleIndex + 1);
  let inRelated = false;
  const kinds = lines.map((line, index): SegmentKind => {
    if (index === titleIndex) return "title";
    const inComments = index >= commentStart;
    switch (line.pattern) {
      case "boilerplate":
        return "boilerplate";
      case "related-heading":
        inRelated = true;
        return "boilerplate";
      case "meta":
      case "comments-heading":
        return "meta";
      case "comment-header":
        if (inComments) return "meta";
    }
    if (repeatsTitle(line.text, title)) return "meta";
    // Headlines listed under "Още по темата" are links to other articles.
    if (inRelated && isHeadlineLike(line.text) && !inComments) return "boilerplate";
    inRelated = false;
    return inComments ? "comment" : "body";
  });
  for (let index = 0; index < titleIndex; index++) {
    if (kinds[index] === "body") kinds[index] = "boilerplate";
  }
  // A short line between a non-meta line and a date line is the commenter's name ("Иван_П").
  for (let index = Math.max(commentStart, 1); index + 1 < lines.length; index++) {
    const line = lines[index]!;
    const isName = kinds[index] === "comment" && isHeadlineLike(line.text) && wordCount(line.text) <= 3;
    if (isName && isDateOrCounterLine(lines[index + 1]!.text) && lines[index - 1]!.pattern !== "meta") kinds[index] = "meta";
  }
  // A short label in the same block just above the first comment ("Казахстан") names the thread.
  const first = lines[commentStart];
  for (let index = commentStart - 1; first !== undefined && index >= 0; index--) {
    const line = lines[index]!;
    if (line.paragraph !== first.paragraph || kinds[index] !== "body") break;
    if (!isHeadlineLike(line.text) || wordCount(line.text) > 4) break;
    kinds[index] = "meta";
  }
  return kinds;
}

/** Cuts lines at hint edges; covered parts take the kind of the last hint covering them. */
function applyHints(text: string, lines: Line[], kinds: SegmentKind[], hints: StructureHint[]): Piece[] {
  const pieces: Piece[] = [];
  const edges = hints.flatMap((hint) => [hint.start, hint.end]);
  lines.forEach((line, index) => {
    const cuts = [line.start, ...edges.filter((edge) => edge > line.start && edge < line.end).sort((a, b) => a - b), line.end];
    for (let cut = 0; cut + 1 < cuts.length; cut++) {
      const start = skipSpace(text, cuts[cut]!);
      const end = trimEnd(text, cuts[cut + 1]!, start);
      if (end <= start) continue;
      const middle = (start + end) / 2;
      const hint = hints.findLast((candidate) => candidate.start <= middle && middle < candidate.end);
      pieces.push({ start, end, kind: hint?.kind ?? kinds[index]!, paragraph: line.paragraph });
    }
  });
  return pieces;
}

/** Sentences for runs of title, body and comment pieces in one paragraph; one segment per other piece. */
function toSegments(text: string, pieces: Piece[]): Segment[] {
  const segments: Segment[] = [];
  const add = (kind: SegmentKind, start: number, end: number, paragraph: number): void => {
    segments.push({ id: `s${segments.length + 1}`, kind, text: text.slice(start, end), start, end, paragraph });
  };
  let index = 0;
  while (index < pieces.length) {
    const piece = pieces[index]!;
    let last = index;
    if (SENTENCE_KINDS.has(piece.kind)) {
      while (pieces[last + 1]?.kind === piece.kind && pieces[last + 1]?.paragraph === piece.paragraph) last++;
      const end = pieces[last]!.end;
      for (const sentence of splitSentences(text.slice(piece.start, end))) {
        add(piece.kind, piece.start + sentence.start, piece.start + sentence.end, piece.paragraph);
      }
    } else {
      add(piece.kind, piece.start, piece.end, piece.paragraph);
    }
    index = last + 1;
  }
  return segments;
}
