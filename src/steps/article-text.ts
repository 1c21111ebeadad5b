import { estimateTokens } from "../common/tokens.js";
import type { Segment, SegmentKind } from "../text/types.js";

/** Segments of the given kinds as plain text: sentences of a paragraph on one line, paragraphs apart. */
export function textOf(segments: Segment[] | undefined, kinds: readonly SegmentKind[]): string {
  const paragraphs: string[][] = [];
  let current = -1;
  for (const segment of segments ?? []) {
    if (!kinds.includes(segment.kind)) continue;
    if (segment.paragraph !== current) {
      paragraphs.push([]);
      current = segment.paragraph;
    }
    paragraphs[paragraphs.length - 1]!.push(segment.text);
  }
  return paragraphs.map((sentences) => sentences.join(" ")).join("\n\n");
}

/** The beginning of an article that fits a token budget, and how much of the article it is. */
export interface Lead {
  text: string;
  /** Segments kept, from the first. */
  segments: number;
  /** Segments of the given kinds in the whole article. */
  of: number;
}

/**
 * The title and the first sentences of the given kinds that fit `maxTokens` (estimateTokens of
 * each sentence), as {@link textOf} writes them; at least the first one, however long. A news
 * article puts what matters first (the lead), so a summary written from its beginning is the
 * summary of the article, and a long one never asks for a context no model has (issue 13.2: a
 * 5 MB article went whole into one prompt, several copies of it in memory on the way).
 */
export function leadOf(segments: Segment[] | undefined, kinds: readonly SegmentKind[], maxTokens: number): Lead {
  const all = (segments ?? []).filter((segment) => kinds.includes(segment.kind));
  let used = 0;
  let tokens = 0;
  while (used < all.length) {
    const cost = estimateTokens(all[used]!.text) + 1;
    if (used > 0 && tokens + cost > maxTokens) break;
    tokens += cost;
    used++;
  }
  return { text: textOf(all.slice(0, used), kinds), segments: used, of: all.length };
}

/** Consecutive windows of the given kinds' segments, each within `maxTokens` (a longer single segment gets its own). */
export function windowsOf(segments: Segment[] | undefined, kinds: readonly SegmentKind[], maxTokens: number): Segment[][] {
  const windows: Segment[][] = [];
  let current: Segment[] = [];
  let tokens = 0;
  for (const segment of segments ?? []) {
    if (!kinds.includes(segment.kind)) continue;
    const cost = estimateTokens(segment.text) + 8;
    if (current.length > 0 && tokens + cost > maxTokens) {
      windows.push(current);
      current = [];
      tokens = 0;
    }
    current.push(segment);
    tokens += cost;
  }
  if (current.length > 0) windows.push(current);
  return windows;
}
