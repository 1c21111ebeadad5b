import { normalizeSpace } from "./step-output.js";

/** Reference sentences and article segments that hold the same Bulgarian text. */
export interface AlignedGroup {
  /** Indexes into the reference sentences, consecutive. */
  referenceIndexes: number[];
  /** Ids of consecutive article segments. */
  segmentIds: string[];
}

export interface ReferenceAlignment {
  groups: AlignedGroup[];
  /** Reference sentences whose Bulgarian text matches no article segment (or run of segments). */
  unaligned: number[];
}

/** How many sentences one side may merge into one of the other before we call it unaligned. */
const MAX_MERGE = 6;

/**
 * Aligns reference sentences to the article's segments by their Bulgarian text, in order.
 *
 * A reference sentence matches a segment whose text is the same after whitespace
 * normalisation. When the segmenter split or merged differently from the reference, a run of
 * reference sentences may match one segment, or one sentence a run of segments; scoring the
 * joined texts keeps chrF honest (character n-grams barely notice the join). Segments the
 * reference does not cover (a repeated title, "Тема: …" lines) are skipped. A reference
 * sentence found nowhere is reported, never paired with a neighbour by position.
 */
export function alignReference(referenceSentences: string[], segments: Array<{ id: string; text: string }>): ReferenceAlignment {
  const references = referenceSentences.map(normalizeSpace);
  const texts = segments.map((segment) => normalizeSpace(segment.text));
  const groups: AlignedGroup[] = [];
  const unaligned: number[] = [];
  let next = 0;
  let index = 0;
  while (index < references.length) {
    const match = findMatch(references, index, texts, next);
    if (!match) {
      unaligned.push(index);
      index += 1;
      continue;
    }
    groups.push({
      referenceIndexes: range(index, match.referenceCount),
      segmentIds: range(match.segment, match.segmentCount).map((position) => segments[position]!.id),
    });
    index += match.referenceCount;
    next = match.segment + match.segmentCount;
  }
  return { groups, unaligned };
}

interface Match {
  segment: number;
  segmentCount: number;
  referenceCount: number;
}

function findMatch(references: string[], index: number, texts: string[], from: number): Match | undefined {
  const reference = references[index]!;
  // An exact one-to-one match anywhere ahead wins over a merge next door.
  for (let segment = from; segment < texts.length; segment += 1) {
    if (texts[segment] === reference) return { segment, segmentCount: 1, referenceCount: 1 };
  }
  for (let segment = from; segment < texts.length; segment += 1) {
    const text = texts[segment]!;
    if (text.length === 0) continue;
    if (text.startsWith(reference)) {
      const count = joinedMatch(references, index, text);
      if (count > 1) return { segment, segmentCount: 1, referenceCount: count };
    }
    if (reference.startsWith(text)) {
      const count = joinedMatch(texts, segment, reference);
      if (count > 1) return { segment, segmentCount: count, referenceCount: 1 };
    }
  }
  return undefined;
}

/** How many items from `start` joined by a space equal `target` (0 when none do). */
function joinedMatch(items: string[], start: number, target: string): number {
  let joined = items[start]!;
  for (let count = 2; count <= MAX_MERGE && start + count - 1 < items.length; count += 1) {
    joined = `${joined} ${items[start + count - 1]!}`;
    if (joined === target) return count;
    if (!target.startsWith(joined)) return 0;
  }
  return 0;
}

function range(start: number, count: number): number[] {
  return Array.from({ length: count }, (_, offset) => start + offset);
}
