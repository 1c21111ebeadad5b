import { answerFromSchema } from "./schema-answer.js";

/**
 * Valid JSON that a schema rejects, derived from the schema itself: the way a model answers
 * "almost right". `missing-key` drops the first required key of the top-level object;
 * `wrong-type` gives its first required (else first) property a value of a type the schema does
 * not allow; a non-object root gets a wrong root type. Without a schema there is nothing to
 * break, so the answer is a JSON array where callers expect an object.
 */
export function violateSchema(
  schema: Record<string, unknown> | undefined,
  content: string,
  variant: "missing-key" | "wrong-type",
  seed = 0,
): unknown {
  if (!schema) return ["off-schema"];
  const root = resolveNode(schema, schema);
  const value = parsedOrGenerated(schema, content, seed);
  const properties = (root.properties ?? {}) as Record<string, unknown>;
  const required = Array.isArray(root.required) ? (root.required as string[]) : [];
  const isObject = typeof value === "object" && value !== null && !Array.isArray(value);
  if (!isObject || (Object.keys(properties).length === 0 && required.length === 0)) return wrongValueFor(root, schema);
  const broken = { ...(value as Record<string, unknown>) };
  const firstRequired = required[0];
  if (variant === "missing-key" && firstRequired !== undefined) {
    delete broken[firstRequired];
    return broken;
  }
  const key = firstRequired ?? Object.keys(properties)[0]!;
  broken[key] = wrongValueFor(properties[key], schema);
  return broken;
}

function parsedOrGenerated(schema: Record<string, unknown>, content: string, seed: number): unknown {
  try {
    return JSON.parse(content);
  } catch {
    return answerFromSchema(schema, seed);
  }
}

/** Follows local `$ref`s from `node` against the document `root`. */
function resolveNode(node: Record<string, unknown>, root: Record<string, unknown>): Record<string, unknown> {
  for (let hops = 0; hops < 8 && typeof node.$ref === "string"; hops++) {
    let target: unknown = root;
    for (const key of (node.$ref as string).slice(1).split("/").filter(Boolean)) {
      target = (target as Record<string, unknown> | undefined)?.[key];
    }
    if (!target || typeof target !== "object") break;
    node = target as Record<string, unknown>;
  }
  return node;
}

/** The JSON types a schema node accepts, looking through anyOf / oneOf and type lists. */
function acceptedTypes(node: unknown, root: Record<string, unknown>): Set<string> {
  const types = new Set<string>();
  if (!node || typeof node !== "object") return new Set(["string", "number", "integer", "boolean", "array", "object", "null"]);
  const schema = resolveNode(node as Record<string, unknown>, root);
  const options = (schema.anyOf ?? schema.oneOf) as unknown[] | undefined;
  if (Array.isArray(options)) for (const option of options) for (const type of acceptedTypes(option, root)) types.add(type);
  if (typeof schema.type === "string") types.add(schema.type);
  if (Array.isArray(schema.type)) for (const type of schema.type) types.add(String(type));
  if (Array.isArray(schema.enum)) for (const entry of schema.enum) types.add(jsonType(entry));
  if ("const" in schema) types.add(jsonType(schema.const));
  if (types.has("integer")) types.add("number");
  return types;
}

function wrongValueFor(node: unknown, root: Record<string, unknown>): unknown {
  const accepted = acceptedTypes(node, root);
  const candidates: unknown[] = [12345, "off-schema text", true, { unexpected: "object" }, ["unexpected"], null];
  return candidates.find((candidate) => !accepted.has(jsonType(candidate))) ?? "__off_schema__";
}

function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value === "number" ? "number" : typeof value;
}
