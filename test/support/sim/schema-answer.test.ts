import { describe, expect, it } from "vitest";
import { z } from "zod";
import { exampleForPattern } from "./regex-example.js";
import { answerFromSchema } from "./schema-answer.js";
import { violateSchema } from "./schema-violation.js";

// Round trip: zod schema -> z.toJSONSchema -> answerFromSchema -> zod parse must succeed.
const TreeNode: z.ZodType<{ label: string; children: unknown[] }> = z.object({
  label: z.string().min(1),
  children: z.array(z.lazy(() => TreeNode)),
});

const schemas: Record<string, z.ZodType> = {
  "translate answer": z.object({
    translations: z.array(z.object({ id: z.string().regex(/^s\d+$/), text: z.string().min(1) })).min(1).max(40),
  }),
  "summary answer": z.object({
    headline: z.string().min(10).max(120),
    summary: z.string().min(40),
    keyPoints: z.array(z.string()).max(5).optional(),
  }),
  "numbers and bounds": z.object({
    count: z.int().min(3).max(7),
    ratio: z.number().gt(0).lt(1),
    step: z.number().multipleOf(0.25).min(10),
    negative: z.int().negative(),
    int32: z.int32(),
  }),
  "enums, literals, unions": z.object({
    kind: z.enum(["direct", "indirect"]),
    version: z.literal(2),
    value: z.union([z.number(), z.string().min(2)]),
    event: z.discriminatedUnion("type", [
      z.object({ type: z.literal("quote"), speaker: z.string() }),
      z.object({ type: z.literal("note"), text: z.string() }),
    ]),
  }),
  "nullable and optional": z.object({ speaker: z.string().nullable(), cue: z.string().optional(), tag: z.string().nullish() }),
  "string formats": z.object({
    email: z.email(),
    uuid: z.uuid(),
    url: z.url(),
    when: z.iso.datetime(),
    day: z.iso.date(),
    time: z.iso.time(),
    ip: z.ipv4(),
    ip6: z.ipv6(),
    cuid: z.cuid(),
    ulid: z.ulid(),
    nanoid: z.nanoid(),
    e164: z.e164(),
    base64: z.base64(),
    jwt: z.jwt(),
    emoji: z.emoji(),
  }),
  "string checks": z.object({
    prefixed: z.string().startsWith("BG-").endsWith(".txt"),
    containing: z.string().includes("news"),
    exact: z.string().length(6),
    upper: z.string().uppercase().min(4),
    code: z.string().regex(/^[A-Z]{2}-\d{3}(?:-[a-z]+)?$/),
  }),
  "tuples, records, intersections": z.object({
    pair: z.tuple([z.string(), z.number()]),
    scores: z.record(z.string(), z.number()),
    languages: z.record(z.enum(["en", "ru"]), z.string()),
    merged: z.intersection(z.object({ a: z.string() }), z.object({ b: z.boolean() })),
    matrix: z.array(z.array(z.int()).min(2)).min(2),
  }),
  "recursive $ref": z.object({ root: TreeNode }),
  "top-level array": z.array(z.object({ id: z.string() })).min(3),
};

describe("answerFromSchema", () => {
  for (const [name, schema] of Object.entries(schemas)) {
    it(`answers '${name}' validly for 50 seeds`, () => {
      const jsonSchema = z.toJSONSchema(schema);
      for (let seed = 0; seed < 50; seed++) {
        const value = answerFromSchema(jsonSchema, seed);
        const result = schema.safeParse(value);
        if (!result.success) throw new Error(`seed ${seed}: ${JSON.stringify(value)}\n${result.error.message}`);
      }
    });
  }

  it("is deterministic per seed and varies across seeds", () => {
    const jsonSchema = z.toJSONSchema(schemas["translate answer"]!);
    expect(answerFromSchema(jsonSchema, 4)).toEqual(answerFromSchema(jsonSchema, 4));
    const distinct = new Set(Array.from({ length: 10 }, (_, seed) => JSON.stringify(answerFromSchema(jsonSchema, seed))));
    expect(distinct.size).toBeGreaterThan(5);
  });

  it("ends recursion: a tree answer is finite and shallow", () => {
    const value = answerFromSchema(z.toJSONSchema(TreeNode), 1);
    const depth = (node: { children: unknown[] }): number => 1 + Math.max(0, ...node.children.map((child) => depth(child as { children: unknown[] })));
    expect(depth(value as { children: unknown[] })).toBeLessThanOrEqual(8);
  });

  it("builds strings for plain patterns and refuses lookarounds", () => {
    expect(exampleForPattern("^[A-Z]{2}-\\d{3}$")).toBe("AA-000");
    expect(exampleForPattern("^(?:ab|cd)+x?$", 2)).toMatch(/^(?:ab|cd)+x?$/);
    expect(exampleForPattern("^(?=a)a$")).toBeUndefined();
  });
});

describe("violateSchema", () => {
  const schema = schemas["translate answer"]!;
  const jsonSchema = z.toJSONSchema(schema) as Record<string, unknown>;
  const valid = JSON.stringify(answerFromSchema(jsonSchema, 0));

  it("drops a required key (missing-key) and the schema rejects it", () => {
    const broken = violateSchema(jsonSchema, valid, "missing-key");
    expect(broken).not.toHaveProperty("translations");
    expect(schema.safeParse(broken).success).toBe(false);
  });

  it("gives a required key a wrong type (wrong-type) and the schema rejects it", () => {
    const broken = violateSchema(jsonSchema, valid, "wrong-type") as Record<string, unknown>;
    expect(Array.isArray(broken.translations)).toBe(false);
    expect(schema.safeParse(broken).success).toBe(false);
  });

  it("breaks every round-trip schema in both variants", () => {
    for (const [name, candidate] of Object.entries(schemas)) {
      const candidateSchema = z.toJSONSchema(candidate) as Record<string, unknown>;
      for (const variant of ["missing-key", "wrong-type"] as const) {
        const broken = violateSchema(candidateSchema, JSON.stringify(answerFromSchema(candidateSchema, 2)), variant);
        expect(candidate.safeParse(broken).success, `${name} / ${variant}`).toBe(false);
      }
    }
  });
});
