import { describe, expect, it } from "vitest";
import { z } from "zod";
import { applyContentFault, seededFaults } from "./faults.js";
import { answerFromSchema } from "./schema-answer.js";
import type { SimRequest } from "./types.js";

const schema = z.object({ name: z.string(), age: z.number() });
const jsonSchema = z.toJSONSchema(schema) as Record<string, unknown>;
const request = (index: number, overrides: Partial<SimRequest> = {}): SimRequest => ({
  protocol: "ollama-chat", model: "m", messages: [{ role: "user", content: "hi" }], schema: jsonSchema,
  options: {}, index, promptTokens: 10, truncated: false, stream: false, ...overrides,
});
const answer = JSON.stringify(answerFromSchema(jsonSchema, 0));

describe("seededFaults", () => {
  const mix = { "500": 0.1, "429": 0.05, "invalid-json": 0.05, "off-schema": 0.05 };

  it("gives the same faults to the same indexes for the same seed, others for another seed", () => {
    const draw = (seed: number) => Array.from({ length: 200 }, (_, index) => JSON.stringify(seededFaults(mix, seed)(request(index)) ?? null));
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
  });

  it("hits each share within a few points over 10,000 requests", () => {
    const plan = seededFaults(mix, 3);
    const counts: Record<string, number> = {};
    for (let index = 0; index < 10_000; index++) {
      const fault = plan(request(index));
      const key = fault === undefined ? "none" : fault.kind === "http" ? String(fault.status) : fault.kind;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    expect(counts["500"]! / 10_000).toBeCloseTo(0.1, 1);
    expect(counts["429"]! / 10_000).toBeCloseTo(0.05, 1);
    expect(counts["none"]! / 10_000).toBeCloseTo(0.75, 1);
    const rateLimit = Array.from({ length: 200 }, (_, index) => plan(request(index))).find((fault) => fault?.kind === "http" && fault.status === 429);
    expect(rateLimit).toEqual({ kind: "http", status: 429, retryAfterSeconds: 1 });
  });

  it("rejects shares above 1 and a mutate without a builder", () => {
    expect(() => seededFaults({ "500": 0.7, "503": 0.4 }, 1)).toThrow(/at most 1/);
    expect(() => seededFaults({ mutate: 1 }, 1)(request(0))).toThrow(/build function/);
    const plan = seededFaults({ mutate: 1 }, 1, () => ({ kind: "mutate", apply: (content) => content.toUpperCase() }));
    expect(plan(request(0))?.kind).toBe("mutate");
  });
});

describe("content faults", () => {
  it("invalid-json variants do not parse", () => {
    for (const variant of ["prose", "fences", "trailing-junk", "cut"] as const) {
      const { content } = applyContentFault({ kind: "invalid-json", variant }, answer, request(0));
      expect(() => JSON.parse(content), variant).toThrow();
    }
  });

  it("off-schema is JSON that the schema rejects", () => {
    for (const index of [0, 1]) {
      const { content } = applyContentFault({ kind: "off-schema" }, answer, request(index));
      expect(schema.safeParse(JSON.parse(content)).success).toBe(false);
    }
  });

  it("truncated-length keeps a strict prefix and forces 'length'", () => {
    const outcome = applyContentFault({ kind: "truncated-length" }, answer, request(0));
    expect(answer.startsWith(outcome.content)).toBe(true);
    expect(outcome.content.length).toBeLessThan(answer.length);
    expect(outcome.forcedEnd).toBe("length");
  });

  it("a whitespace loop ends without a final object on Ollama and at the token limit on OpenAI", () => {
    expect(applyContentFault({ kind: "whitespace-loop" }, answer, request(0))).toMatchObject({ forcedEnd: "none" });
    const openai = applyContentFault({ kind: "whitespace-loop" }, answer, request(0, { protocol: "openai-chat", options: { maxTokens: 40 } }));
    expect(openai.forcedEnd).toBe("length");
    expect(openai.tail!.every((token) => token === "\n")).toBe(true);
  });

  it("schema-ignored answers prose carrying the answer's text", () => {
    const { content } = applyContentFault({ kind: "schema-ignored" }, answer, request(0));
    expect(() => JSON.parse(content)).toThrow();
    expect(content).toContain((JSON.parse(answer) as { name: string }).name);
  });
});
