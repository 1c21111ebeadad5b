import type { StructureHint } from "../text/types.js";

/** One input article, as every input reader produces it. Streamed, one at a time. */
export interface Article {
  /**
   * Stable id, already safe as a file name: feed guid, else canonical URL, else content hash.
   * @example "dnevnik-bg-2026-02-27-astana-belgrad"
   */
  id: string;
  /** The whole plain text that segments' offsets refer to (title, meta lines, body, comments). */
  text: string;
  title?: string;
  url?: string;
  /** ISO 8601 date-time when known. */
  published?: string;
  /** The outlet's name: the feed's title or the page's site name (og:site_name). */
  outlet?: string;
  /** Where it came from: a file path, a feed URL with item index, "stdin:3", … */
  origin: string;
  /** Ranges of `text` whose kind the input already knows (from HTML markup, JSONL fields). */
  hints?: StructureHint[];
}
