import { PrevodError } from "../errors.js";
import type { Segment } from "../text/types.js";
import { excerpt } from "./alignment.js";
import { findQuotedStretches, stripQuoteMarks, type QuotedStretch } from "./quote-marks.js";
import type { CheckResult, IdText } from "./types.js";

/** Where a quote lies in the article text, and the segments it spans. */
export interface QuoteLocation {
  start: number;
  end: number;
  segmentIds: string[];
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&");
const wordsOf = (text: string): string[] => text.split(/\s+/u).filter(Boolean);
const pattern = (words: string[]): RegExp => new RegExp(words.map(escape).join("\\s+"), "gu");
const OWN_TEXT = new Set(["title", "body"]);

/** A stretch of the article (offsets into its text): where a quote was asked for. */
export interface TextRange {
  start: number;
  end: number;
}
const regionOf = (articleText: string, within: TextRange | undefined): string => (within ? articleText.slice(within.start, within.end) : articleText);

/**
 * Finds a quote word for word in the article. Tolerated, and nothing else: any run of
 * whitespace (spaces, no-break spaces, line breaks) standing for any other, and quotation marks
 * („ “ ” « » " ‹ ›) or whitespace at the two ends of the quote, which are left out of the
 * location. Where the text occurs several times, an occurrence in the article's own text
 * (title, body) is preferred to one in comments or boilerplate.
 */
export function locateQuote(articleText: string, segments: Segment[], quoteText: string, within?: TextRange): QuoteLocation | undefined {
  const words = wordsOf(stripQuoteMarks(quoteText));
  if (words.length === 0) return undefined;
  const offset = within?.start ?? 0;
  let first: QuoteLocation | undefined;
  for (const match of regionOf(articleText, within).matchAll(pattern(words))) {
    const start = offset + (match.index as number);
    const end = start + match[0].length;
    const spanned = segments.filter((segment) => segment.start < end && segment.end > start);
    const location = { start, end, segmentIds: spanned.map((segment) => segment.id) };
    if (spanned.every((segment) => OWN_TEXT.has(segment.kind))) return location;
    first ??= location;
  }
  return first;
}

/** Where a quote stops matching the article: the longest matching start and what follows it there. */
function divergence(articleText: string, quoteText: string): string {
  const words = wordsOf(stripQuoteMarks(quoteText));
  let matched = 0;
  let end = 0;
  while (matched < words.length) {
    const found = pattern(words.slice(0, matched + 1)).exec(articleText);
    if (!found) break;
    matched += 1;
    end = found.index + found[0].length;
  }
  if (matched === 0) return `the article does not contain its first word "${words[0]}"`;
  const next = wordsOf(articleText.slice(end)).slice(0, 4).join(" ");
  const said = words.slice(0, matched).join(" ");
  return `the article has ${excerpt(said, 80)} but then ${next === "" ? "ends" : `"${next}"`}, not "${words.slice(matched, matched + 4).join(" ")}"`;
}

const PRONOUNS = new Set(
  `аз ти той тя то ние вие те него нея тях му ѝ й им същият същата неизвестен неизвестна анонимен
   я он она оно мы вы они его её ее их ему ей
   ја њега њу њих оне
   i you he she it we they him her them someone somebody anonymous unknown`.split(/\s+/u),
);

/** Inflected forms of one name or noun: "Токаев"/"Токаева", "премиерът"/"премиера". */
function sameWord(left: string, right: string): boolean {
  const [a, b] = [left.toLowerCase(), right.toLowerCase()];
  if (a === b) return true;
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common += 1;
  return common >= 4 && a.length - common <= 3 && b.length - common <= 3 && common >= Math.min(a.length, b.length) - 1;
}

/**
 * The words of an article's own text (not comments, not boilerplate), counted, and grouped by
 * their first four letters for {@link sameWord}'s near matches: made once per article and kept
 * beside its segments, so checking a speaker costs a few lookups, not a pass over the whole
 * article (a 5 MB article read in windows made one pass per quote, hundreds of them).
 */
interface ArticleWords {
  counts: Map<string, number>;
  byPrefix: Map<string, string[]>;
}
const articleWordsOf = new WeakMap<Segment[], ArticleWords>();
const LETTERS = /\p{L}+/gu;

function wordsIndex(segments: Segment[]): ArticleWords {
  let index = articleWordsOf.get(segments);
  if (index) return index;
  const counts = new Map<string, number>();
  for (const segment of segments) {
    if (segment.kind === "comment" || segment.kind === "boilerplate") continue;
    for (const match of segment.text.matchAll(LETTERS)) {
      const word = match[0].toLowerCase();
      counts.set(word, (counts.get(word) ?? 0) + 1);
    }
  }
  const byPrefix = new Map<string, string[]>();
  for (const word of counts.keys()) {
    if (word.length < 4) continue;
    const prefix = word.slice(0, 4);
    const group = byPrefix.get(prefix);
    if (group) group.push(word);
    else byPrefix.set(prefix, [word]);
  }
  index = { counts, byPrefix };
  articleWordsOf.set(segments, index);
  return index;
}

function speakerResult(speaker: string, articleText: string, segments: Segment[], quoted?: { start: number; end: number }): CheckResult {
  const fail = (detail: string): CheckResult => ({ name: "quote-speaker", status: "fail", detail });
  const name = speaker.trim();
  if (name === "") return fail("the quote has no speaker; give the speaker as the article names them");
  if (PRONOUNS.has(name.toLowerCase())) {
    return fail(`the speaker "${name}" is a pronoun; give the name the article uses for that person`);
  }
  const nameWords = (name.match(/\p{L}+\.?/gu) ?? []).filter((word) => !/^\p{L}{1,2}\.$/u.test(word)).map((word) => word.replace(/\.$/u, ""));
  const own = segments.some((segment) => segment.kind !== "comment" && segment.kind !== "boilerplate");
  let named: (word: string) => boolean;
  if (own) {
    // The quote's own words name no speaker: in „Петров излъга“, каза Иванов. the speaker is Иванов.
    // So a word counts when the article has it more often than the quoted stretch does.
    const index = wordsIndex(segments);
    const inQuote = new Map<string, number>();
    if (quoted) {
      for (const segment of segments) {
        if (segment.kind === "comment" || segment.kind === "boilerplate" || segment.start >= quoted.end || segment.end <= quoted.start) continue;
        const inside = segment.text.slice(Math.max(0, quoted.start - segment.start), Math.max(0, quoted.end - segment.start));
        for (const match of inside.matchAll(LETTERS)) {
          const word = match[0].toLowerCase();
          inQuote.set(word, (inQuote.get(word) ?? 0) + 1);
        }
      }
    }
    const outside = (word: string) => (index.counts.get(word) ?? 0) > (inQuote.get(word) ?? 0);
    named = (word) => {
      const lower = word.toLowerCase();
      if (outside(lower)) return true;
      return lower.length >= 4 && (index.byPrefix.get(lower.slice(0, 4)) ?? []).some((other) => sameWord(lower, other) && outside(other));
    };
  } else {
    const text = quoted === undefined ? articleText : `${articleText.slice(0, quoted.start)}\n${articleText.slice(quoted.end)}`;
    const articleWords = text.match(LETTERS) ?? [];
    named = (word) => articleWords.some((other) => sameWord(word, other));
  }
  // A surname alone is enough ("Токаев" for "Касим-Жомарт Токаев"); otherwise every longer word must be there.
  const surname = [...nameWords].reverse().find((word) => /^\p{Lu}/u.test(word));
  const found = (surname !== undefined && named(surname)) || (nameWords.length > 0 && nameWords.filter((word) => word.length > 2).every(named));
  if (!found) return fail(`the speaker "${name}" is not named in the article; give the speaker as the article names them`);
  return { name: "quote-speaker", status: "pass", detail: `the speaker "${name}" is named in the article` };
}

const KIND_PLACES: Record<string, string> = { comment: "a reader comment", meta: "the page's meta information", boilerplate: "page boilerplate" };

/**
 * The gates of one extracted quote: verbatim in the article (see locateQuote for what is
 * tolerated), from the article's own text rather than reader comments, meta lines or boilerplate,
 * and by a speaker the article names outside the quote itself (a surname alone and inflected
 * forms count; pronouns and a name only the quoted words contain do not).
 */
export function checkQuote(input: { quote: { speaker: string; text: string }; articleText: string; segments: Segment[]; within?: TextRange }): {
  results: CheckResult[];
  location?: QuoteLocation;
} {
  const { quote, articleText, segments, within } = input;
  const location = locateQuote(articleText, segments, quote.text, within);
  const speaker = speakerResult(quote.speaker, articleText, segments, location);
  if (location === undefined) {
    const detail = `the quote ${excerpt(stripQuoteMarks(quote.text), 80)} is not in the article word for word: ${divergence(regionOf(articleText, within), quote.text)}; copy the quoted words exactly as the article has them`;
    return { results: [{ name: "quote-verbatim", status: "fail", detail }, speaker] };
  }
  const ids = location.segmentIds.join(", ");
  const results: CheckResult[] = [{ name: "quote-verbatim", status: "pass", detail: `found word for word at ${location.start}–${location.end} (${ids})` }];
  const foreign = segments.filter((segment) => location.segmentIds.includes(segment.id) && !OWN_TEXT.has(segment.kind));
  if (foreign.length > 0) {
    const place = KIND_PLACES[(foreign[0] as Segment).kind] ?? (foreign[0] as Segment).kind;
    results.push({ name: "quote-source", status: "fail", detail: `the quote lies in ${place} (${foreign.map((segment) => segment.id).join(", ")}), not in the article's own text; quote only the article body` });
  } else {
    results.push({ name: "quote-source", status: "pass", detail: `in the article's own text (${ids})` });
  }
  results.push(speaker);
  return { results, location };
}

const TRAILING = /[\s.,;:!?…]+$/u;

/** Where each segment of the quote lies in the article: the occurrence of its text that overlaps the quote. */
function segmentSpans(sourceSegments: IdText[], quote: QuoteLocation, articleText: string): Array<{ start: number; end: number }> | undefined {
  const spans: Array<{ start: number; end: number }> = [];
  for (const id of quote.segmentIds) {
    const text = sourceSegments.find((segment) => segment.id === id)?.text;
    if (text === undefined || text === "") return undefined;
    let at = articleText.indexOf(text, Math.max(0, quote.start - text.length));
    while (at !== -1 && at + text.length <= quote.start) at = articleText.indexOf(text, at + 1);
    if (at === -1 || at >= quote.end) return undefined;
    spans.push({ start: at, end: at + text.length });
  }
  return spans;
}

/**
 * The target-language text of a quote, taken verbatim from that target's translation of the
 * sentences the quote spans. When the Bulgarian quote is exactly one quoted stretch („…“) of
 * those sentences and the translation has as many quoted stretches, the matching stretch is
 * returned (a comma English puts inside the marks is dropped); otherwise the translated sentences
 * joined by a space. Never invents text.
 */
export function quoteInTranslation(input: { sourceSegments: IdText[]; quote: QuoteLocation; articleText: string; translated: IdText[] }): string {
  const { sourceSegments, quote, articleText, translated } = input;
  const texts = quote.segmentIds.map((id) => {
    const text = translated.find((item) => item.id === id)?.text;
    if (text === undefined || text.trim() === "") {
      throw new PrevodError("INPUT_INVALID", `the quote spans ${quote.segmentIds.join(", ")}, but the translation has no text for ${id}`);
    }
    return text.trim();
  });
  const joined = texts.join(" ");
  const spans = segmentSpans(sourceSegments, quote, articleText);
  if (spans === undefined || spans.length === 0) return joined;
  const regionStart = (spans[0] as { start: number }).start;
  const region = articleText.slice(regionStart, (spans.at(-1) as { end: number }).end);
  const content = (stretch: QuotedStretch, text: string) => text.slice(stretch.start, stretch.end).trim();
  const wanted = articleText.slice(quote.start, quote.end).replace(TRAILING, "");
  const sourceStretches = findQuotedStretches(region);
  const index = sourceStretches.findIndex((stretch) => content(stretch, region).replace(TRAILING, "") === wanted && regionStart + stretch.start <= quote.start && regionStart + stretch.end >= quote.end);
  if (index === -1) return joined;
  const targetStretches = findQuotedStretches(joined);
  if (targetStretches.length !== sourceStretches.length) return joined;
  return content(targetStretches[index] as QuotedStretch, joined).replace(/,$/u, "");
}
