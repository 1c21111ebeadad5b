import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { chunkSegments } from "../src/text/chunks.js";
import { analyzeArticle } from "../src/text/structure.js";

const seed = fileURLToPath(new URL("../../shared/seeds/000_ecec414edb9455d8.txt", import.meta.url));
if (!existsSync(seed)) console.warn(`skipped: ${seed} absent`);

describe.skipIf(!existsSync(seed))("segment: the scraped seed page", () => {
  const text = existsSync(seed) ? readFileSync(seed, "utf8") : "";
  const segments = analyzeArticle(text);
  const ofKind = (kind: string): string[] => segments.filter((segment) => segment.kind === kind).map((segment) => segment.text);

  // Expectations come from the page's own lines and shapes, so no page text is copied here.
  const lines = text.split("\n").map((line) => line.trim()).filter((line) => line !== "");

  it("has one title, and the repeated title, topic, date and comment furniture are meta", () => {
    expect(ofKind("title")).toEqual([lines[0]]);
    const meta = ofKind("meta");
    const shapes = [
      /^Тема:\s\S+$/u, // topic label
      new RegExp(`^${lines[0]!.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`), // the title again
      /^\d{1,2} \p{L}+, \d{4} \d{2}:\d{2} \d+ \d+$/u, // date, time, views, comments
      /^\p{L}+$/u, // section label above the thread
      /^• \d+ \S+$/u, // commenter
      /^\d+ \d+ Отговор$/u, // votes and reply button
      /^\d{2}:\d{2} \d{2}\.\d{2}\.\d{4}$/u, // comment timestamp
    ];
    expect(meta).toHaveLength(shapes.length);
    meta.forEach((line, index) => expect(line).toMatch(shapes[index]!));
  });

  it("splits the lead and five body paragraphs into sentences", () => {
    const body = segments.filter((segment) => segment.kind === "body");
    expect(new Set(body.map((segment) => segment.paragraph)).size).toBe(6);
    expect(body[0]!.text).toBe(lines[4]); // the lead, a line without final punctuation
    expect(body.length).toBeGreaterThan(12);
    // "През 2025-2026 г. <Name> …" continues after the year abbreviation.
    expect(body.some((segment) => /^През \d{4}-\d{4} г\. \p{Lu}.{20,}\.$/u.test(segment.text))).toBe(true);
    expect(body.every((segment) => /[.“]$/.test(segment.text) || segment === body[0])).toBe(true);
  });

  it("has exactly one reader comment, kind comment, in one paragraph", () => {
    const comments = segments.filter((segment) => segment.kind === "comment");
    expect(comments.length).toBeGreaterThan(0);
    expect(new Set(comments.map((segment) => segment.paragraph)).size).toBe(1);
    const commentLine = lines[lines.length - 2]!;
    expect(comments.map((segment) => segment.text).join(" ")).toBe(commentLine);
  });

  it("keeps exact offsets and ids in text order", () => {
    segments.forEach((segment, index) => {
      expect(segment.id).toBe(`s${index + 1}`);
      expect(text.slice(segment.start, segment.end)).toBe(segment.text);
    });
  });

  it("chunks title and body apart from the comment", () => {
    const chunks = chunkSegments(segments, { maxTokens: 400 });
    const kindOf = new Map(segments.map((segment) => [segment.id, segment.kind]));
    for (const chunk of chunks) {
      const kinds = new Set(chunk.segmentIds.map((id) => (kindOf.get(id) === "comment" ? "comment" : "article")));
      expect(kinds.size).toBe(1);
    }
    expect(chunks.flatMap((chunk) => chunk.segmentIds)).toEqual(segments.filter((segment) => ["title", "body", "comment"].includes(segment.kind)).map((segment) => segment.id));
  });
});
