import { describe, expect, it } from "vitest";
import { isPrevodError } from "../errors.js";
import { chunkSegments, splitLongSegments } from "./chunks.js";
import { analyzeArticle } from "./structure.js";
import { estimateTokens } from "../common/tokens.js";
import type { Segment, SegmentKind } from "./types.js";

/** Segments from [kind, paragraph, text] rows, with ids and offsets as analyzeArticle gives them. */
function segmentsOf(rows: Array<[SegmentKind, number, string]>): Segment[] {
  let start = 0;
  return rows.map(([kind, paragraph, text], index) => {
    const segment = { id: `s${index + 1}`, kind, paragraph, text, start, end: start + text.length };
    start = segment.end + 1;
    return segment;
  });
}

const SENTENCE = "Общинският съвет одобри бюджета за следващата година."; // one sentence of known size
const SIZE = estimateTokens(SENTENCE);

describe("chunkSegments", () => {
  it("keeps whole paragraphs together while they fit and starts a new chunk at a paragraph boundary", () => {
    const segments = segmentsOf([
      ["title", 0, "Нов бюджет"],
      ["body", 1, SENTENCE],
      ["body", 1, SENTENCE],
      ["body", 2, SENTENCE],
      ["body", 2, SENTENCE],
    ]);
    const chunks = chunkSegments(segments, { maxTokens: 3 * SIZE });
    expect(chunks.map((chunk) => chunk.segmentIds)).toEqual([["s1", "s2", "s3"], ["s4", "s5"]]);
    expect(chunks.map((chunk) => chunk.id)).toEqual(["c1", "c2"]);
    expect(chunks[1]!.tokens).toBe(2 * SIZE);
    for (const chunk of chunks) expect(chunk.tokens).toBeLessThanOrEqual(3 * SIZE);
  });

  it("cuts a paragraph larger than the budget between sentences, never inside one", () => {
    const segments = segmentsOf([
      ["body", 0, SENTENCE],
      ["body", 0, SENTENCE],
      ["body", 0, SENTENCE],
      ["body", 0, SENTENCE],
      ["body", 0, SENTENCE],
    ]);
    const chunks = chunkSegments(segments, { maxTokens: 2 * SIZE });
    expect(chunks.map((chunk) => chunk.segmentIds)).toEqual([["s1", "s2"], ["s3", "s4"], ["s5"]]);
  });

  it("gives a sentence larger than the budget a chunk of its own", () => {
    const long = `${SENTENCE} `.repeat(5).trim();
    const segments = segmentsOf([
      ["body", 0, SENTENCE],
      ["body", 1, long],
      ["body", 2, SENTENCE],
    ]);
    const chunks = chunkSegments(segments, { maxTokens: 2 * SIZE });
    expect(chunks.map((chunk) => chunk.segmentIds)).toEqual([["s1"], ["s2"], ["s3"]]);
    expect(chunks[1]!.tokens).toBe(estimateTokens(long));
  });

  it("never puts reader comments in a chunk with the article and leaves out meta and boilerplate", () => {
    const segments = segmentsOf([
      ["title", 0, "Нов бюджет"],
      ["meta", 1, "27 февруари 2026, 16:37"],
      ["body", 2, SENTENCE],
      ["boilerplate", 3, "Сподели"],
      ["meta", 4, "• 1 Гориил"],
      ["comment", 5, "Пак нищо за пенсионерите."],
    ]);
    const chunks = chunkSegments(segments, { maxTokens: 1000 });
    expect(chunks.map((chunk) => chunk.segmentIds)).toEqual([["s1", "s3"], ["s6"]]);
  });

  it("takes only the kinds asked for", () => {
    const segments = segmentsOf([
      ["title", 0, "Нов бюджет"],
      ["body", 1, SENTENCE],
      ["comment", 2, "Пак нищо за пенсионерите."],
    ]);
    expect(chunkSegments(segments, { maxTokens: 1000, kinds: ["body"] }).map((chunk) => chunk.segmentIds)).toEqual([["s2"]]);
    expect(chunkSegments([], { maxTokens: 10 })).toEqual([]);
  });

  it("rejects a budget that is not a positive number", () => {
    for (const maxTokens of [0, -5, Number.NaN]) {
      let caught: unknown;
      try {
        chunkSegments([], { maxTokens });
      } catch (error) {
        caught = error;
      }
      expect(isPrevodError(caught, "CONFIG_INVALID")).toBe(true);
    }
  });
});

describe("chunkSegments after an edit", () => {
  it("changes only the chunks near an edited paragraph (content-defined boundaries)", () => {
    const paragraphs = Array.from({ length: 24 }, (_, index) => `Параграф ${index + 1}: ${SENTENCE}`);
    const contents = (texts: string[]) => {
      const segments = segmentsOf(texts.map((text, index): [SegmentKind, number, string] => ["body", index, text]));
      return chunkSegments(segments, { maxTokens: 4 * SIZE }).map((chunk) => chunk.segmentIds.map((id) => segments.find((segment) => segment.id === id)!.text).join("|"));
    };
    const before = new Set(contents(paragraphs));
    expect(before.size).toBeGreaterThan(5);
    const changedPerEdit = paragraphs.map((_, edited) => {
      const after = contents(paragraphs.map((text, index) => (index === edited ? `${text} Добавено още едно изречение към абзаца.` : text)));
      const changed = after.filter((chunk) => !before.has(chunk));
      expect(changed.some((chunk) => chunk.includes("Добавено"))).toBe(true);
      return changed.length;
    });
    // Greedy packing would shift every later chunk; here an edit touches its own chunk and, at most, a few around it.
    expect(Math.max(...changedPerEdit)).toBeLessThanOrEqual(4);
    expect(changedPerEdit.reduce((sum, count) => sum + count, 0) / changedPerEdit.length).toBeLessThanOrEqual(2);
  });
});

describe("splitLongSegments (issue 13: a paragraph without punctuation ignored the chunk budget)", () => {
  const words = (count: number) => Array.from({ length: count }, (_, index) => `дума${index % 10}`).join(" ");

  it("cuts a 200 KB paragraph without a full stop so that no chunk exceeds max_chunk_tokens, with exact offsets and split recorded", () => {
    const text = `Заглавие\n\n${words(40_000)}`;
    const segments = splitLongSegments(analyzeArticle(text), 500);
    const chunks = chunkSegments(segments, { maxTokens: 500 });
    expect(text.length).toBeGreaterThan(200_000);
    expect(Math.max(...chunks.map((chunk) => chunk.tokens))).toBeLessThanOrEqual(500);
    const pieces = segments.filter((segment) => segment.split);
    expect(pieces.length).toBeGreaterThan(100);
    for (const segment of segments) {
      expect(text.slice(segment.start, segment.end)).toBe(segment.text);
      expect(estimateTokens(segment.text)).toBeLessThanOrEqual(500);
    }
    expect(segments.map((segment) => segment.id)).toEqual(segments.map((_, index) => `s${index + 1}`));
    // Every word is kept, in order: nothing lost between pieces.
    expect(pieces.map((segment) => segment.text).join(" ")).toBe(words(40_000));
  });

  it("prefers clause boundaries to word boundaries", () => {
    const clause = "първата част на изречението без точка която продължава дълго";
    const text = Array.from({ length: 30 }, () => clause).join(", ");
    const segments = splitLongSegments(analyzeArticle(text), 60);
    expect(segments.length).toBeGreaterThan(1);
    for (const segment of segments.slice(0, -1)) expect(segment.text.endsWith(",")).toBe(true);
  });

  it("cuts a single word of thousands of letters between characters, and leaves sentences within the budget untouched", () => {
    const long = "щ".repeat(5000);
    const text = `Кратко изречение.\n\n${long}`;
    const before = analyzeArticle(text);
    const segments = splitLongSegments(before, 100);
    expect(segments[0]).toEqual(before[0]);
    expect(segments.slice(1).map((segment) => segment.text).join("")).toBe(long);
    expect(Math.max(...segments.map((segment) => estimateTokens(segment.text)))).toBeLessThanOrEqual(100);
    expect(splitLongSegments(before, 10_000)).toBe(before);
  });
});
