import { PrevodError } from "../errors.js";
import { estimateTokens } from "../common/tokens.js";
import type { Chunk, Segment, SegmentKind } from "./types.js";

export interface ChunkOptions {
  /** Budget of estimated tokens per chunk (estimateTokens); a single larger sentence still gets a chunk of its own. */
  maxTokens: number;
  /**
   * Kinds of segments to send; the others are left out.
   * @default ["title", "body", "comment"]
   */
  kinds?: SegmentKind[];
}

const DEFAULT_KINDS: readonly SegmentKind[] = ["title", "body", "comment"];
/** On average, a content-defined boundary every this many paragraphs. */
export const BOUNDARY_EVERY = 4;

/** A paragraph's worth of consecutive segments of one side of the page (article or comments). */
interface Block {
  side: "article" | "comments";
  segments: Array<{ id: string; tokens: number }>;
  tokens: number;
  /** The paragraph's text, which decides whether a content-defined boundary follows it. */
  text: string;
  title: boolean;
}

/**
 * Groups consecutive segments into chunks of at most `maxTokens` estimated tokens, cutting at
 * paragraph boundaries where possible and never inside a sentence. A paragraph larger than the
 * budget is cut between its sentences; a sentence larger than the budget is a chunk of its own.
 * Reader comments never share a chunk with the article. Ids are "c1", "c2", … in text order.
 *
 * Chunk boundaries are also content-defined: a chunk ends after any paragraph whose text hashes
 * to a boundary (about one paragraph in {@link BOUNDARY_EVERY}). When one paragraph of an article
 * is edited, chunking falls back into step at the next such paragraph, so only the chunks near
 * the edit change and every other chunk's request, and cached answer, stays the same.
 *
 * @example chunkSegments(analyzeArticle(page), { maxTokens: 1500 })
 */
export function chunkSegments(segments: Segment[], options: ChunkOptions): Chunk[] {
  const { maxTokens } = options;
  if (typeof maxTokens !== "number" || !Number.isFinite(maxTokens) || maxTokens <= 0) {
    throw new PrevodError("CONFIG_INVALID", `chunk maxTokens: expected a positive number of tokens, got ${String(maxTokens)}`);
  }
  const kinds = new Set(options.kinds ?? DEFAULT_KINDS);
  const chunks: Chunk[] = [];
  let current: Chunk | undefined;
  let currentSide: Block["side"] | undefined;
  const close = (): void => {
    if (current !== undefined && current.segmentIds.length > 0) chunks.push(current);
    current = undefined;
  };
  const open = (side: Block["side"]): Chunk => {
    close();
    currentSide = side;
    current = { id: `c${chunks.length + 1}`, segmentIds: [], tokens: 0 };
    return current;
  };

  for (const block of toBlocks(segments, kinds)) {
    let chunk: Chunk = current !== undefined && currentSide === block.side ? current : open(block.side);
    if (chunk.tokens + block.tokens <= maxTokens) {
      chunk.segmentIds.push(...block.segments.map((segment) => segment.id));
      chunk.tokens += block.tokens;
    } else {
      // The paragraph does not fit: start it in a fresh chunk, and cut it between sentences if needed.
      if (chunk.segmentIds.length > 0) chunk = open(block.side);
      for (const segment of block.segments) {
        if (chunk.segmentIds.length > 0 && chunk.tokens + segment.tokens > maxTokens) chunk = open(block.side);
        chunk.segmentIds.push(segment.id);
        chunk.tokens += segment.tokens;
      }
    }
    // A headline alone would make a tiny request; it always shares its chunk with what follows.
    if (isBoundary(block.text) && !block.title) close();
  }
  close();
  return chunks;
}

/** Consecutive kept segments of the same paragraph and side, in order. */
function toBlocks(segments: Segment[], kinds: ReadonlySet<SegmentKind>): Block[] {
  const blocks: Block[] = [];
  let paragraph = -1;
  for (const segment of segments) {
    if (!kinds.has(segment.kind)) continue;
    const side: Block["side"] = segment.kind === "comment" ? "comments" : "article";
    const tokens = estimateTokens(segment.text);
    const last = blocks[blocks.length - 1];
    if (last !== undefined && last.side === side && paragraph === segment.paragraph) {
      last.segments.push({ id: segment.id, tokens });
      last.tokens += tokens;
      last.text += ` ${segment.text}`;
    } else {
      blocks.push({ side, segments: [{ id: segment.id, tokens }], tokens, text: segment.text, title: segment.kind === "title" });
    }
    paragraph = segment.paragraph;
  }
  return blocks;
}

/** FNV-1a of the paragraph's text: a boundary for about one paragraph in BOUNDARY_EVERY. */
function isBoundary(text: string): boolean {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % BOUNDARY_EVERY === 0;
}

/** The most any one UTF-16 code unit costs in {@link estimateTokens} (a Serbian Cyrillic letter: 1/1.5 + 1.5). */
const MAX_TOKENS_PER_CHARACTER = 2.2;
/** Where a clause ends inside a sentence: after , ; : or before a spaced dash. */
const CLAUSE_END = /[,;:](?=\s)|(?=\s[–—-]\s)/g;
const WORD_END = /(?=\s)/g;

/**
 * Cuts every segment whose text is over `maxTokens` (a paragraph without a full stop, a list
 * without punctuation) into pieces that fit: at clause boundaries (, ; : and spaced dashes) where
 * possible, else between words, else — a "word" of thousands of letters — between characters.
 * Pieces keep exact offsets into the article text, the segment's kind and paragraph, and carry
 * `split: true`, so the article records that a sentence was cut. When anything was cut, ids are
 * renumbered "s1", "s2", … in text order. Segments within the budget come back unchanged.
 */
export function splitLongSegments(segments: Segment[], maxTokens: number): Segment[] {
  let changed = false;
  const out: Segment[] = [];
  for (const segment of segments) {
    if (estimateTokens(segment.text) <= maxTokens) {
      out.push(segment);
      continue;
    }
    changed = true;
    for (const [start, end] of splitRange(segment.text, 0, segment.text.length, maxTokens, 0)) {
      out.push({ ...segment, text: segment.text.slice(start, end), start: segment.start + start, end: segment.start + end, split: true });
    }
  }
  if (!changed) return segments;
  return out.map((segment, index) => ({ ...segment, id: `s${index + 1}` }));
}

type Range = [number, number];

/** `text[start, end)` in trimmed pieces of at most `maxTokens`, cutting at the coarsest boundaries that work. */
function splitRange(text: string, start: number, end: number, maxTokens: number, level: number): Range[] {
  const units = level === 2 ? characterUnits(text, start, end, maxTokens) : unitsAt(text, start, end, level === 0 ? CLAUSE_END : WORD_END);
  const pieces: Range[] = [];
  let current: Range | undefined;
  let currentTokens = 0;
  const flush = () => {
    if (current) pieces.push(current);
    current = undefined;
    currentTokens = 0;
  };
  for (const unit of units) {
    const tokens = estimateTokens(text.slice(unit[0], unit[1]));
    if (tokens > maxTokens) {
      flush();
      pieces.push(...splitRange(text, unit[0], unit[1], maxTokens, level + 1));
      continue;
    }
    if (current && currentTokens + tokens > maxTokens) flush();
    current = current ? [current[0], unit[1]] : [unit[0], unit[1]];
    currentTokens += tokens;
  }
  flush();
  // Unit estimates add up only approximately (English words are costed by their share): check each piece.
  return pieces.flatMap((piece) => (level < 2 && estimateTokens(text.slice(piece[0], piece[1])) > maxTokens ? splitRange(text, piece[0], piece[1], maxTokens, level + 1) : [piece]));
}

/** The trimmed, non-empty pieces of `text[start, end)` between the boundaries `pattern` finds. */
function unitsAt(text: string, start: number, end: number, pattern: RegExp): Range[] {
  const units: Range[] = [];
  const slice = text.slice(start, end);
  let from = 0;
  const add = (to: number) => {
    const trimmed = trimRange(text, start + from, start + to);
    if (trimmed) units.push(trimmed);
    from = to;
  };
  pattern.lastIndex = 0;
  for (let match = pattern.exec(slice); match !== null; match = pattern.exec(slice)) {
    const cut = match.index + match[0].length;
    if (match[0].length === 0) pattern.lastIndex++;
    if (cut > from) add(cut);
  }
  add(slice.length);
  return units;
}

function characterUnits(text: string, start: number, end: number, maxTokens: number): Range[] {
  const size = Math.max(1, Math.floor(maxTokens / MAX_TOKENS_PER_CHARACTER));
  const units: Range[] = [];
  for (let from = start; from < end; ) {
    let to = Math.min(end, from + size);
    // Never between the halves of a surrogate pair.
    const code = text.charCodeAt(to - 1);
    if (to < end && to - from > 1 && code >= 0xd800 && code <= 0xdbff) to--;
    const trimmed = trimRange(text, from, to);
    if (trimmed) units.push(trimmed);
    from = to;
  }
  return units;
}

function trimRange(text: string, start: number, end: number): Range | undefined {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return start < end ? [start, end] : undefined;
}
