import type { z } from "zod";
import type { ConfigIssue, SourcePosition } from "./issues.js";
import { didYouMean } from "./suggest.js";

type Locate = (path: ReadonlyArray<string | number>, at?: "key" | "value") => SourcePosition | undefined;

/** zod issues as located config issues: what was expected, what was found, where. */
export function zodIssues(zodIssues: z.core.$ZodIssue[], locate: Locate, data: unknown, root: z.ZodType): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const issue of zodIssues) {
    const path = issue.path.map((part) => (typeof part === "symbol" ? String(part) : part));
    if (issue.code === "unrecognized_keys") {
      const known = knownKeys(root, path, data);
      for (const key of issue.keys) {
        const keyPath = [...path, key];
        if (/^(api_?key|apiKey|key|token|secret)$/i.test(key)) {
          issues.push({
            path: keyPath,
            message: `'${key}' is not allowed: keys never live in the pipeline file; export the key in an environment variable and name it with api_key_env (default OPENAI_API_KEY)`,
            position: locate(keyPath, "key"),
          });
          continue;
        }
        issues.push({
          path: keyPath,
          message: `unknown key '${key}'${didYouMean(key, known)}${known.length ? `; expected one of: ${known.join(", ")}` : ""}`,
          position: locate(keyPath, "key"),
        });
      }
      continue;
    }
    issues.push({ path, message: zodMessage(issue), position: locate(path) });
  }
  return issues;
}

export function zodMessage(issue: z.core.$ZodIssue): string {
  // A key variable's name is where a pasted key lands (api_key_env: sk-…): never echo that value.
  const secret = issue.path.at(-1) === "api_key_env";
  const found = "input" in issue && issue.input !== undefined ? `, found ${secret ? "a value that is not a variable name (not shown: it may be a key)" : describe(issue.input)}` : "";
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return `missing: expected ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
      return `expected ${TYPE_NAMES[issue.expected] ?? issue.expected}${found}`;
    case "invalid_value": {
      const values = issue.values.map((value) => JSON.stringify(value));
      return `expected ${values.length === 1 ? values[0] : `one of ${values.join(", ")}`}${found}`;
    }
    case "too_big":
      return `expected ${issue.origin === "array" ? "at most " + issue.maximum + " items" : issue.origin === "string" ? "at most " + issue.maximum + " characters" : "at most " + issue.maximum}${found}`;
    case "too_small":
      return `expected ${issue.origin === "array" ? "at least " + issue.minimum + " item(s)" : issue.origin === "string" ? "at least " + issue.minimum + " character(s)" : "at least " + issue.minimum}${found}`;
    case "invalid_union":
      if ("note" in issue && issue.note === "No matching discriminator") {
        const kind = (issue.input as { kind?: unknown } | undefined)?.kind;
        return `expected one of "ollama", "openai"${kind === undefined ? ", found nothing" : `, found ${describe(kind)}`}`;
      }
      return `${issue.message}${found}`;
    default:
      return `expected ${issue.message.replace(/^Invalid (input: )?/i, "").replace(/^expected /i, "")}${found}`;
  }
}

/** The keys a strict object at this path accepts, for unknown-key messages. */
function knownKeys(root: z.ZodType, path: ReadonlyArray<string | number>, data: unknown): string[] {
  let schema: z.ZodType = root;
  let value = data;
  const step = (part: string | number | undefined): boolean => {
    schema = unwrap(schema);
    let def = (schema as unknown as { def: Record<string, any> }).def;
    if (def.type === "union") {
      // A discriminated union: the branch whose `kind` literal matches the data.
      const kind = (value as { kind?: unknown } | undefined)?.kind;
      const branch = (def.options as z.ZodType[]).find((option) => {
        const shape = (unwrap(option) as unknown as { def: Record<string, any> }).def.shape;
        return shape?.kind?.def?.values?.includes(kind);
      });
      if (!branch) return false;
      schema = unwrap(branch);
      def = (schema as unknown as { def: Record<string, any> }).def;
    }
    if (part === undefined) return def.type === "object";
    if (def.type === "object") schema = def.shape[part];
    else if (def.type === "record") schema = def.valueType;
    else if (def.type === "array") schema = def.element;
    else return false;
    value = (value as Record<string | number, unknown> | undefined)?.[part];
    return schema !== undefined;
  };
  for (const part of path) if (!step(part)) return [];
  if (!step(undefined)) return [];
  return Object.keys((schema as unknown as { def: Record<string, any> }).def.shape);
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema as unknown as { def: Record<string, any> };
  while (["default", "optional", "pipe", "prefault", "nullable"].includes(current.def.type)) {
    current = (current.def.innerType ?? current.def.in) as typeof current;
  }
  return current as unknown as z.ZodType;
}


const TYPE_NAMES: Record<string, string> = {
  object: "a mapping",
  record: "a mapping",
  array: "a list",
  string: "a string",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
};

export function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return `'${value.length > 60 ? value.slice(0, 57) + "…" : value}'`;
  return `${typeof value} ${String(value)}`;
}

