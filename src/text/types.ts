/** A sentence found in a text. `text === source.slice(start, end)`, no whitespace at either end. */
export interface SentenceSpan {
  text: string;
  /** Offset of the first character, in JavaScript string indices. */
  start: number;
  /** Offset just past the last character. */
  end: number;
}

/**
 * What a segment is on a scraped page. Only `title` and `body` are translated and summarised by
 * default; `comment` segments are translated but never summarised or quoted.
 */
export type SegmentKind = "title" | "meta" | "body" | "comment" | "boilerplate";

/** One sentence (or one meta/boilerplate line) of an article, with its place in the article text. */
export interface Segment {
  /** Stable within the article: "s1", "s2", … in text order. */
  id: string;
  kind: SegmentKind;
  text: string;
  start: number;
  end: number;
  /** Index of the paragraph (block between blank lines) the segment belongs to, from 0. */
  paragraph: number;
  /** A piece of a sentence longer than the chunk budget, cut at a clause or word boundary. */
  split?: true;
}

/** A known range of the article text, e.g. from HTML markup; overrides guessed structure. */
export interface StructureHint {
  kind: SegmentKind;
  start: number;
  end: number;
}

/** A group of consecutive segments sent to the model together, within a token budget. */
export interface Chunk {
  /** "c1", "c2", … in text order. */
  id: string;
  segmentIds: string[];
  /** Estimated tokens of the segments' text. */
  tokens: number;
}
