import type { IdText } from "../checks/types.js";
import type { Segment, SegmentKind } from "../text/types.js";

/** Segments of the given kinds as `[{id, text}]`, in text order. */
export function segmentsOf(segments: Segment[] | undefined, kinds: readonly SegmentKind[]): IdText[] {
  return (segments ?? []).filter((segment) => kinds.includes(segment.kind)).map((segment) => ({ id: segment.id, text: segment.text }));
}

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
