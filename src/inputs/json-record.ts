import type { ArticleRecord } from "./article-record.js";

const STRING_FIELDS = ["url", "title", "published", "text", "html"] as const;

/**
 * Checks one JSON value against the record shape `{id?, url?, title?, published?, text | html}`.
 * A field of the wrong type is dropped with a warning and the record is kept; a value that is not
 * an object, or has neither `text` nor `html`, is skipped with a warning naming `where`.
 */
export function recordFromJson(value: unknown, where: string, warn: (message: string) => void): ArticleRecord | undefined {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    warn(`INPUT_INVALID ${where}: expected a JSON object {id?, url?, title?, published?, text | html}, found ${describe(value)}; skipped`);
    return undefined;
  }
  const input = value as Record<string, unknown>;
  const record: ArticleRecord = {};
  if (input.id !== undefined && input.id !== null) {
    if (typeof input.id === "string" || typeof input.id === "number") record.id = String(input.id);
    else warn(`${where}: "id" should be a string or number, found ${describe(input.id)}; ignored`);
  }
  for (const field of STRING_FIELDS) {
    const fieldValue = input[field];
    if (fieldValue === undefined || fieldValue === null) continue;
    if (typeof fieldValue === "string") record[field] = fieldValue;
    else warn(`${where}: "${field}" should be a string, found ${describe(fieldValue)}; ignored`);
  }
  if (!record.text?.trim() && !record.html?.trim()) {
    const label = record.id === undefined ? "" : ` (id ${JSON.stringify(record.id)})`;
    warn(`INPUT_INVALID ${where}${label}: a record needs a non-empty "text" or "html"; skipped`);
    return undefined;
  }
  return record;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  return `${typeof value} ${JSON.stringify(value)?.slice(0, 40)}`;
}
