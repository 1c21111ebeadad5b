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
 * first item it resembles, else starts one. Returns the stories, each first item first.
 */
export function groupStories<T>(items: readonly T[], resultOf: (item: T) => ArticleResult): T[][] {
  const stories: Array<{ shingles: Set<string>; items: T[] }> = [];
  for (const item of items) {
    const words = bulgarianWords(resultOf(item));
    const set = shingles(words);
    const home = words.length >= MIN_WORDS ? stories.find((story) => story.shingles.size > 0 && jaccard(story.shingles, set) >= SYNDICATION_THRESHOLD) : undefined;
    if (home) home.items.push(item);
    else stories.push({ shingles: words.length >= MIN_WORDS ? set : new Set(), items: [item] });
  }
  return stories.map((story) => story.items);
}
