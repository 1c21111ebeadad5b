/**
 * `JSON.stringify(value, null, indent)`, in pieces of about `size` characters, for writing a large
 * value without holding its whole text (a 5 MB article's result is 17 MB of JSON; as one string
 * that is 34 MB, and each copy on the way to the disk as much again). Objects and arrays are
 * opened, walked and closed here; every other value, and any container that is small, is
 * serialised by JSON.stringify itself, so the text is exactly JSON.stringify's. Only plain data
 * (what JSON.parse gives, or objects without toJSON) is walked; anything else is left to
 * JSON.stringify whole. A piece boundary never falls inside a string, nor between a key and its
 * plain value, so each piece can be redacted on its own (common/redact.ts).
 */
// 16 K characters: a piece of Cyrillic text (two bytes a character in V8) stays below V8's large
// object size (128 KB), so pieces die young in the new space instead of each taking pages of their
// own in the large-object space until the next full collection.
export function* jsonChunks(value: unknown, indent = 0, size = 1 << 14): Generator<string> {
  let buffer = "";
  for (const piece of pieces(value, indent, "")) {
    buffer += piece;
    if (buffer.length >= size) {
      yield buffer;
      buffer = "";
    }
  }
  if (buffer) yield buffer;
}

/** The containers worth walking: a value is left whole below this many entries. */
const WALK_ABOVE = 8;

function* pieces(value: unknown, indent: number, pad: string): Generator<string> {
  if (!walkable(value)) {
    yield stringify(value, indent, pad) ?? "null";
    return;
  }
  const inner = indent > 0 ? `${pad}${" ".repeat(indent)}` : "";
  const open = indent > 0 ? `\n${inner}` : "";
  const close = indent > 0 ? `\n${pad}` : "";
  const colon = indent > 0 ? ": " : ":";
  if (Array.isArray(value)) {
    if (value.length === 0) {
      yield "[]";
      return;
    }
    yield "[";
    for (let index = 0; index < value.length; index++) {
      yield index === 0 ? open : `,${open}`;
      yield* pieces(value[index], indent, inner);
    }
    yield `${close}]`;
    return;
  }
  let first = true;
  yield "{";
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if (item === undefined || typeof item === "function" || typeof item === "symbol") continue;
    const name = `${first ? "" : ","}${open}${JSON.stringify(key)}${colon}`;
    first = false;
    // A key and a plain value go in one piece, so a piece boundary (where output is redacted
    // piece by piece) never falls between "api_key": and its value.
    if (walkable(item)) {
      yield name;
      yield* pieces(item, indent, inner);
    } else yield `${name}${stringify(item, indent, inner) ?? "null"}`;
  }
  yield first ? "}" : `${close}}`;
}

function walkable(value: unknown): value is object {
  if (value === null || typeof value !== "object") return false;
  if (Array.isArray(value)) return value.length > WALK_ABOVE;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  if (typeof (value as { toJSON?: unknown }).toJSON === "function") return false;
  return Object.keys(value).length > WALK_ABOVE || Object.values(value).some((item) => walkable(item) || (typeof item === "string" && item.length > 1 << 14));
}

/** One value as JSON.stringify writes it at this depth; undefined where JSON.stringify gives undefined. */
function stringify(value: unknown, indent: number, pad: string): string | undefined {
  const text = JSON.stringify(value, null, indent) as string | undefined;
  // A JSON string never holds a raw line break, so every break in the text is one of the layout's.
  return text !== undefined && indent > 0 && pad !== "" ? text.replaceAll("\n", `\n${pad}`) : text;
}
