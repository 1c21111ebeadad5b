import type { ArticleResult } from "./article-schema.js";

/**
 * Syndicated copy: the same agency story carried by several outlets. Two articles are the same
 * story when the Jaccard similarity of their Bulgarian body text's word 4-shingles (lower-cased
 * letters and digits only, so punctuation, quote styles and spacing do not count) is at least
 * SYNDICATION_THRESHOLD. Deterministic: no hashing, no sampling.
 *
 * The threshold: an outlet that re-edits a wire story (new headline, a sentence added or cut,
 * a few words changed) keeps most 4-word runs, and such pairs measure 0.5–0.9; two different
 * stories on the same topic share names and phrases but hardly any run of four words, and
 * measure under 0.1 (bulletin-syndication.test.ts holds pairs of both kinds).
 */
export const SYNDICATION_THRESHOLD = 0.4;
const SHINGLE = 4;
/** Too little text to tell a copy from a coincidence: such articles are never merged. */
const MIN_WORDS = 12;

export function bulgarianWords(result: ArticleResult): string[] {
  const text = result.segments.filter((segment) => segment.kind === "body").map((segment) => segment.text).join(" ");
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

export function shingles(words: readonly string[], size = SHINGLE): Set<string> {
  const set = new Set<string>();
  for (let index = 0; index + size <= words.length; index++) set.add(words.slice(index, index + size).join(" "));
  return set;
}

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const item of small) if (large.has(item)) shared++;
  return shared / (a.size + b.size - shared);
}

/** The similarity of two articles' Bulgarian text (0 when either is too short to judge). */
export function storySimilarity(a: ArticleResult, b: ArticleResult): number {
  const [wordsA, wordsB] = [bulgarianWords(a), bulgarianWords(b)];
  if (wordsA.length < MIN_WORDS || wordsB.length < MIN_WORDS) return 0;
  return jaccard(shingles(wordsA), shingles(wordsB));
}

/**
 * Groups items into stories, in the order given: each item joins the first earlier story whose
 * first item it resembles, else starts one. Returns the stories, each first item first. An index
 * from shingle to story keeps this linear in the text (a day of 3,000 articles compares each with
 * the few stories it shares a shingle with, not with all of them).
 */
export function groupStories<T>(items: readonly T[], resultOf: (item: T) => ArticleResult): T[][] {
  const stories: Array<{ size: number; items: T[] }> = [];
  const index = new Map<string, number[]>();
  for (const item of items) {
    const words = bulgarianWords(resultOf(item));
    const set = shingles(words);
    let home: number | undefined;
    if (words.length >= MIN_WORDS && set.size > 0) {
      const shared = new Map<number, number>();
      for (const shingle of set) for (const story of index.get(shingle) ?? []) shared.set(story, (shared.get(story) ?? 0) + 1);
      const candidates = [...shared.entries()].sort((a, b) => a[0] - b[0]);
      home = candidates.find(([story, count]) => count / (stories[story]!.size + set.size - count) >= SYNDICATION_THRESHOLD)?.[0];
    }
    if (home !== undefined) {
      stories[home]!.items.push(item);
      continue;
    }
    const number = stories.length;
    const judged = words.length >= MIN_WORDS;
    stories.push({ size: judged ? set.size : 0, items: [item] });
    if (judged) for (const shingle of set) index.set(shingle, [...(index.get(shingle) ?? []), number]);
  }
  return stories.map((story) => story.items);
}
