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
