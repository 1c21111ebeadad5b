import { createRandom } from "./prng.js";
import { answerString } from "./string-answer.js";

/**
 * A deterministic value valid against a JSON Schema as zod 4's `z.toJSONSchema` writes it:
 * objects (every listed property, records through additionalProperties), arrays (minItems,
 * maxItems, prefixItems), enum, const, strings (formats, patterns, lengths), numbers and
 * integers (bounds, exclusive bounds, multipleOf), booleans, null, anyOf / oneOf / allOf,
 * nullable type lists and $ref into $defs / definitions (recursion ends at the fewest items).
 * The same schema and seed always give the same value; another seed gives other strings,
 * numbers and choices.
 */
export function answerFromSchema(schema: unknown, seed = 0): unknown {
  return new SchemaAnswerer(schema, seed).answer(schema, "$", 0);
}

type Node = Record<string, unknown>;

/** $ref depth after which the answer takes the shortest valid shape, so recursion ends. */
const MAX_REF_DEPTH = 4;

class SchemaAnswerer {
  constructor(
    private readonly root: unknown,
    private readonly seed: number,
  ) {}

  answer(schema: unknown, path: string, refDepth: number): unknown {
    if (schema === true || schema === undefined) return "sim";
    if (schema === false || typeof schema !== "object" || schema === null) return null;
    let node = schema as Node;
    const random = createRandom(this.seed, path);
    const minimal = refDepth > MAX_REF_DEPTH;

    if (typeof node.$ref === "string") {
      const { $ref, ...rest } = node;
      node = { ...(this.resolve($ref) as Node), ...rest };
      return this.answer(node, path, refDepth + 1);
    }
    if (Array.isArray(node.allOf)) {
      const { allOf, ...rest } = node;
      node = (allOf as unknown[]).reduce<Node>((merged, part) => mergeSchemas(merged, this.deref(part)), rest);
    }
    if ("const" in node) return node.const;
    if (Array.isArray(node.enum) && node.enum.length > 0) {
      return minimal ? node.enum[0] : node.enum[Math.floor(random() * node.enum.length)];
    }
    const options = (node.anyOf ?? node.oneOf) as unknown[] | undefined;
    if (Array.isArray(options) && options.length > 0) {
      const { anyOf: _anyOf, oneOf: _oneOf, ...rest } = node;
      const nullOption = options.find((option) => isNullSchema(option));
      if (minimal && nullOption) return null;
      const real = options.filter((option) => !isNullSchema(option));
      const chosen = real.length > 0 ? real[minimal ? 0 : Math.floor(random() * real.length)] : nullOption;
      return this.answer(mergeSchemas(rest, this.deref(chosen)), path, refDepth);
    }

    switch (this.chooseType(node, minimal, random)) {
      case "null":
        return null;
      case "boolean":
        return random() < 0.5;
      case "integer":
        return answerNumber(node, true, random);
      case "number":
        return answerNumber(node, false, random);
      case "string":
        return answerString(
          {
            format: node.format as string | undefined,
            patterns: collectPatterns(node),
            minLength: node.minLength as number | undefined,
            maxLength: node.maxLength as number | undefined,
          },
          random,
        );
      case "array":
        return this.answerArray(node, path, refDepth, minimal, random);
      default:
        return this.answerObject(node, path, refDepth, minimal);
    }
  }

  private chooseType(node: Node, minimal: boolean, random: () => number): string {
    const type = node.type;
    if (typeof type === "string") return type;
    if (Array.isArray(type) && type.length > 0) {
      if (minimal && type.includes("null")) return "null";
      const real = type.filter((entry) => entry !== "null");
      return real.length > 0 ? String(real[Math.floor(random() * real.length)]) : "null";
    }
    if (node.properties || node.additionalProperties || node.required) return "object";
    if (node.items || node.prefixItems) return "array";
    if (node.minimum !== undefined || node.maximum !== undefined) return "number";
    return "string";
  }

  private answerArray(node: Node, path: string, refDepth: number, minimal: boolean, random: () => number): unknown[] {
    const prefix = Array.isArray(node.prefixItems) ? (node.prefixItems as unknown[]) : [];
    const minimum = Math.max((node.minItems as number | undefined) ?? 0, prefix.length);
    const maximum = (node.maxItems as number | undefined) ?? Number.POSITIVE_INFINITY;
    const itemsAllowed = node.items !== false;
    let count = minimal ? minimum : Math.max(minimum, Math.min(maximum, 1 + Math.floor(random() * 2)));
    if (!itemsAllowed) count = prefix.length;
    const values: unknown[] = [];
    for (let index = 0; index < count; index++) {
      const itemSchema = index < prefix.length ? prefix[index] : node.items;
      values.push(this.answer(itemSchema, `${path}[${index}]`, refDepth));
    }
    return values;
  }

  private answerObject(node: Node, path: string, refDepth: number, minimal: boolean): Record<string, unknown> {
    const properties = (node.properties ?? {}) as Record<string, unknown>;
    const required = new Set(Array.isArray(node.required) ? (node.required as string[]) : []);
    const value: Record<string, unknown> = {};
    for (const [key, propertySchema] of Object.entries(properties)) {
      if (minimal && !required.has(key)) continue;
      value[key] = this.answer(propertySchema, `${path}.${key}`, refDepth);
    }
    const extra = node.additionalProperties;
    for (const key of required) {
      const schemaOfKey = extra && typeof extra === "object" ? extra : true;
      if (!(key in value)) value[key] = this.answer(schemaOfKey, `${path}.${key}`, refDepth);
    }
    const minimumKeys = (node.minProperties as number | undefined) ?? (minimal ? 0 : 1);
    if (extra && typeof extra === "object" && Object.keys(properties).length === 0) {
      const names = this.deref(node.propertyNames) as Node | undefined;
      for (let index = 0; Object.keys(value).length < minimumKeys; index++) {
        const key = names && Object.keys(names).some((name) => name !== "type")
          ? String(this.answer(names, `${path}{${index}}`, refDepth))
          : `key${index + 1}`;
        if (key in value) break;
        value[key] = this.answer(extra, `${path}.${key}`, refDepth);
      }
    }
    return value;
  }

  private deref(schema: unknown): unknown {
    let current = schema;
    for (let hops = 0; hops < 32 && current && typeof current === "object" && typeof (current as Node).$ref === "string"; hops++) {
      const { $ref, ...rest } = current as Node;
      current = { ...(this.resolve($ref as string) as Node), ...rest };
    }
    return current;
  }

  /** Resolves a local JSON Pointer (`#`, `#/$defs/x`, `#/definitions/x`). */
  private resolve(reference: string): unknown {
    if (!reference.startsWith("#")) throw new Error(`schema-answer: only local $ref is supported, got '${reference}'`);
    let current: unknown = this.root;
    for (const raw of reference.slice(1).split("/").filter(Boolean)) {
      const key = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
      current = (current as Node | undefined)?.[key];
    }
    if (current === undefined) throw new Error(`schema-answer: $ref '${reference}' points nowhere`);
    return current;
  }
}

function isNullSchema(schema: unknown): boolean {
  return typeof schema === "object" && schema !== null && (schema as Node).type === "null";
}

function collectPatterns(node: Node): string[] {
  const patterns = (node.patterns as string[] | undefined) ?? [];
  return typeof node.pattern === "string" ? [...patterns, node.pattern] : patterns;
}

/** Intersects two schemas for allOf and for a branch chosen from anyOf / oneOf. */
function mergeSchemas(base: Node, extra: unknown): Node {
  if (!extra || typeof extra !== "object") return base;
  const merged: Node = { ...base };
  for (const [key, value] of Object.entries(extra as Node)) {
    const current = merged[key];
    if (current === undefined) merged[key] = value;
    else if (key === "pattern") merged.patterns = [...((merged.patterns as string[]) ?? []), value];
    else if (key === "properties") merged.properties = { ...(current as Node), ...(value as Node) };
    else if (key === "required") merged.required = [...new Set([...(current as string[]), ...(value as string[])])];
    else if (["minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties"].includes(key)) merged[key] = Math.max(current as number, value as number);
    else if (["maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties"].includes(key)) merged[key] = Math.min(current as number, value as number);
    else merged[key] = value;
  }
  return merged;
}

function answerNumber(node: Node, integer: boolean, random: () => number): number {
  const step = typeof node.multipleOf === "number" && node.multipleOf > 0 ? node.multipleOf : integer ? 1 : 0.5;
  const minimum = node.minimum as number | undefined;
  const maximum = node.maximum as number | undefined;
  const exclusiveMinimum = node.exclusiveMinimum as number | undefined;
  const exclusiveMaximum = node.exclusiveMaximum as number | undefined;
  const fits = (value: number) =>
    (minimum === undefined || value >= minimum) &&
    (maximum === undefined || value <= maximum) &&
    (exclusiveMinimum === undefined || value > exclusiveMinimum) &&
    (exclusiveMaximum === undefined || value < exclusiveMaximum) &&
    (!integer || Number.isInteger(value));
  const lower = Math.max(minimum ?? Number.NEGATIVE_INFINITY, exclusiveMinimum ?? Number.NEGATIVE_INFINITY);
  const upper = Math.min(maximum ?? Number.POSITIVE_INFINITY, exclusiveMaximum ?? Number.POSITIVE_INFINITY);
  // Small multiples of the step near zero or the nearest bound: one of a few tries fits.
  const start = lower > 0 ? Math.ceil(lower / step) : upper < 0 ? Math.floor(upper / step) - 10 : 0;
  const offset = Math.floor(random() * 10);
  for (const multiple of [start + offset, start + 1, start, start + 2, start - 1]) {
    const value = Number((multiple * step).toPrecision(12));
    if (fits(value)) return value;
  }
  const middle = Number.isFinite(lower) && Number.isFinite(upper) ? (lower + upper) / 2 : Number.isFinite(lower) ? lower + 1 : upper - 1;
  return integer ? Math.round(middle) : middle;
}
