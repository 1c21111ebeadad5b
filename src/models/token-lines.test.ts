import { describe, expect, it } from "vitest";
import { tokenLineCoalescer } from "./token-lines.js";

/**
 * Issue 15, part 3: one JSON line per token cost a JSON.parse and several promise turns each in
 * ollama-js; token lines read together are merged into one. What a client reads must not change.
 */
const token = (content: string, at = "2026-12-03T12:00:00.000Z") => `${JSON.stringify({ model: "m:7b", created_at: at, message: { role: "assistant", content }, done: false })}\n`;
const STREAM = [
  token("Не"),
  token(" \"quoted\" \\ back"),
  token("\u{1F600} and \n newline\t tab"),
  token("\ud83d"),
  token("\ude00"),
  `${JSON.stringify({ model: "m:7b", created_at: "t", message: { role: "assistant", content: "", thinking: "hmm" }, done: false })}\n`,
  token("after thinking"),
  "{garbage\n",
  token("last"),
  `${JSON.stringify({ model: "m:7b", created_at: "t", message: { role: "assistant", content: "" }, done: true, done_reason: "stop", eval_count: 9 })}\n`,
].join("");

/** What ollama-js makes of the body: every line parsed, invalid ones skipped. */
function read(text: string) {
  const lines = text.split("\n").filter((line) => line !== "");
  const parsed = lines.flatMap((line) => {
    try {
      return [JSON.parse(line) as { message?: { content?: string; thinking?: string }; done?: boolean; eval_count?: number }];
    } catch {
      return [];
    }
  });
  return {
    lines: lines.length,
    content: parsed.map((part) => part.message?.content ?? "").join(""),
    thinking: parsed.map((part) => part.message?.thinking ?? "").join(""),
    final: parsed.filter((part) => part.done),
    garbage: lines.filter((line) => line.startsWith("{garbage")).length,
  };
}

function through(bytes: Uint8Array, cuts: number[]): string {
  const coalescer = tokenLineCoalescer();
  const decoder = new TextDecoder();
  let out = "";
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    out += decoder.decode(coalescer.push(bytes.slice(from, cut)), { stream: true });
    from = cut;
  }
  return out + decoder.decode(coalescer.flush());
}

describe("token line coalescer", () => {
  const bytes = new TextEncoder().encode(STREAM);
  const expected = read(STREAM);

  it("merges token lines read together into one, keeping text, thinking, the final line and what is not a token line", () => {
    const whole = through(bytes, []);
    const got = read(whole);
    expect(got.content).toBe(expected.content);
    expect(got.thinking).toBe("hmm");
    expect(got.final).toEqual(expected.final);
    expect(got.garbage).toBe(1);
    // 5 token lines → 1, then thinking, 1 token, garbage, 1 token, final.
    expect(expected.lines).toBe(10);
    expect(got.lines).toBe(6);
  });

  it("gives the same text however the body is cut into reads, even inside a character", () => {
    for (let cut = 1; cut < bytes.length; cut += 7) {
      const got = read(through(bytes, [cut, Math.min(bytes.length, cut + 3)]));
      expect(got.content, `cut at ${cut}`).toBe(expected.content);
      expect(got.final).toEqual(expected.final);
      expect(got.lines).toBeLessThanOrEqual(expected.lines);
    }
    // One byte per read: nothing to merge, every line as it was.
    expect(through(bytes, Array.from({ length: bytes.length - 1 }, (_, index) => index + 1))).toBe(STREAM);
  });
});
