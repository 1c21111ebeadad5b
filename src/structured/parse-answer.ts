import type { z } from "zod";

export type ParsedAnswer<T> = { ok: true; value: T } | { ok: false; reasons: string[] };

/**
 * Reads a model's text as JSON and validates it against the schema. Leniency is limited to what
 * servers that do not enforce the schema really send (Ollama Cloud, some OpenRouter providers,
 * vLLM without a reasoning parser): a `<think>…</think>` block before the JSON, one Markdown
 * fence around the whole answer, or exactly one fenced JSON block inside prose. Anything else
 * that is not exactly one JSON value is rejected with a reason.
 */
export function parseAnswer<T>(text: string, schema: z.ZodType<T>): ParsedAnswer<T> {
  return checkValue(extractJson(text), (value) => schema.safeParse(value));
}

/** The JSON text of an answer, with reasoning and fences taken off (see parseAnswer). */
export function extractJson(text: string): string {
  const body = stripFence(stripThinking(text).trim());
  if (body.startsWith("{") || body.startsWith("[")) return body;
  const blocks = [...body.matchAll(/```(?:json|JSON)?[ \t]*\n([\s\S]*?)\n?```/g)];
  return blocks.length === 1 ? blocks[0]![1]!.trim() : body;
}

/** Drops a leading `<think>…</think>` (or `<thinking>`) block: reasoning a server left in the text. */
export function stripThinking(text: string): string {
  return text.replace(/^\s*<(think|thinking)>[\s\S]*?<\/\1>\s*/i, "");
}

type SafeParse<T> = { success: true; data: T } | { success: false; error: { issues: z.core.$ZodIssue[] } };

function checkValue<T>(body: string, validate: (value: unknown) => SafeParse<T>): ParsedAnswer<T> {
  if (body === "") return { ok: false, reasons: ["the answer was empty; expected a JSON object"] };
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    return { ok: false, reasons: [`the answer is not valid JSON (${(error as Error).message}); it starts with ${JSON.stringify(body.slice(0, 60))}`] };
  }
  const result = validate(value);
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
