import type { z } from "zod";

export type ParsedAnswer<T> = { ok: true; value: T } | { ok: false; reasons: string[] };

/**
 * Reads a model's text as JSON and validates it against the schema. The only leniency is one
 * Markdown fence around the whole answer (```json … ```), which many models add even when asked
 * not to; anything else that is not exactly one JSON value is rejected with a reason.
 */
export function parseAnswer<T>(text: string, schema: z.ZodType<T>): ParsedAnswer<T> {
  const body = stripFence(text.trim());
  if (body === "") return { ok: false, reasons: ["the answer was empty; expected a JSON object"] };
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    return { ok: false, reasons: [`the answer is not valid JSON (${(error as Error).message}); it starts with ${JSON.stringify(body.slice(0, 60))}`] };
  }
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, reasons: result.error.issues.slice(0, 12).map(describeIssue) };
}

function stripFence(text: string): string {
  const match = /^```[a-zA-Z]*\s*\n([\s\S]*?)\n?```$/.exec(text);
  return match ? match[1]!.trim() : text;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.length ? issue.path.map((part) => (typeof part === "number" ? `[${part}]` : `.${String(part)}`)).join("").replace(/^\./, "") : "the answer";
  if (issue.code === "invalid_type") return `${path}: expected ${issue.expected}${issue.input === undefined ? " (missing)" : ""}`;
  if (issue.code === "unrecognized_keys") return `${path}: unexpected key(s) ${issue.keys.join(", ")}`;
  return `${path}: ${issue.message}`;
}
