import { readFile } from "node:fs/promises";
import { isMap, isNode, LineCounter, parseDocument, type Document, type Node } from "yaml";
import type { z } from "zod";
import { PrevodError } from "../errors.js";
import { interpolateEnvironment } from "./interpolate.js";
import { configError, type ConfigIssue, type SourcePosition } from "./issues.js";
import { describe, zodIssues } from "./zod-issues.js";

/** A validated YAML file that can still tell where each value came from. */
export interface YamlSource<T> {
  data: T;
  /** The file as given (for messages). */
  file: string;
  /** Finds the line and column of a path; falls back to the nearest existing parent. */
  locate(path: ReadonlyArray<string | number>, at?: "key" | "value"): SourcePosition | undefined;
}

export interface YamlOptions {
  /** Replace ${VAR} and ${VAR:-default} from this environment; no interpolation when absent. */
  environment?: NodeJS.ProcessEnv;
  /** What the top level should be, for the message when it is not a mapping. */
  expected: string;
}

const MAX_ALIASES = 100;
const MAX_FILE_BYTES = 1024 * 1024;

export async function readYamlFile<S extends z.ZodType>(file: string, schema: S, options: YamlOptions): Promise<YamlSource<z.output<S>>> {
  let text: string;
  try {
    const buffer = await readFile(file);
    if (buffer.length > MAX_FILE_BYTES) {
      throw configError(file, [{ path: [], message: `the file is ${buffer.length} bytes; at most ${MAX_FILE_BYTES} are read` }]);
    }
    text = buffer.toString("utf8");
  } catch (error) {
    if (error instanceof PrevodError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new PrevodError("CONFIG_INVALID", `cannot read ${file}: ${code ?? (error as Error).message}`, { details: { code } });
  }
  return parseYaml(text, file, schema, options);
}

/**
 * Parses YAML keeping source positions, interpolates the environment, and validates with a zod
 * schema; throws CONFIG_INVALID listing every issue with file:line:col.
 */
export function parseYaml<S extends z.ZodType>(text: string, file: string, schema: S, options: YamlOptions): YamlSource<z.output<S>> {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const position = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };

  const issues: ConfigIssue[] = [];
  const [syntax, ...cascade] = document.errors;
  if (syntax) {
    // Later syntax errors are almost always consequences of the first; one precise line helps more.
    const more = cascade.length > 0 ? ` (${cascade.length} more syntax error${cascade.length > 1 ? "s" : ""} follow from it)` : "";
    throw configError(file, [{ path: [], message: `YAML syntax: ${firstLine(syntax.message)}${more}`, position: position(syntax.pos[0]) }]);
  }

  // Values that came from the environment: a wrong one names its variable, not only the file.
  const fromEnvironment = new Map<Node, string[]>();
  if (options.environment) {
    for (const problem of interpolateEnvironment(document, options.environment, (node, variables) => fromEnvironment.set(node, variables))) {
      issues.push({ path: pathOf(document, problem.node), message: problem.message, position: position(problem.node.range?.[0] ?? 0) });
    }
  }

  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    throw configError(file, [{ path: [], message: `YAML: ${(error as Error).message} (aliases are limited to ${MAX_ALIASES} expansions)`, position: position(0) }]);
  }

  const locate = (path: ReadonlyArray<string | number>, at: "key" | "value" = "value"): SourcePosition | undefined => {
    const node = nodeAt(document, path, at);
    return node?.range ? position(node.range[0]) : undefined;
  };

  if (data === null || data === undefined || typeof data !== "object" || Array.isArray(data)) {
    throw configError(file, [{ path: [], message: `expected ${options.expected}, found ${describe(data)}`, position: position(0) }]);
  }

  const result = schema.safeParse(data, { reportInput: true });
  if (!result.success) {
    for (const issue of zodIssues(result.error.issues, locate, data, schema)) {
      const variables = fromEnvironment.get(nodeAt(document, issue.path, "value") as Node);
      const plural = variables && variables.length > 1 ? "s" : "";
      issues.push(variables ? { ...issue, message: `${issue.message} (from the environment variable${plural} ${variables.join(", ")})` } : issue);
    }
  }
  // The parsed data and locator travel with the error, so a caller can still check what it can
  // (a pipeline's step references) and report every problem at once.
  if (issues.length > 0) throw configError(file, issues, { data, locate });
  return { data: result.data as z.output<S>, file, locate };
}

function nodeAt(document: Document, path: ReadonlyArray<string | number>, at: "key" | "value"): Node | undefined {
  let node: unknown = document.contents;
  let keyNode: Node | undefined;
  let last: Node | undefined = isNode(node) ? node : undefined;
  for (const part of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => (isNode(item.key) ? (item.key as { value?: unknown }).value : item.key) === part);
      if (!pair) return last;
      keyNode = isNode(pair.key) ? pair.key : undefined;
      node = pair.value;
    } else if (isNode(node) && "items" in node && typeof part === "number") {
      keyNode = undefined;
      node = (node as { items: unknown[] }).items[part];
    } else {
      return last;
    }
    if (isNode(node)) last = node;
    else return at === "key" && keyNode ? keyNode : last;
  }
  return at === "key" && keyNode ? keyNode : last;
}

function pathOf(document: Document, target: Node): Array<string | number> {
  const search = (node: unknown, path: Array<string | number>): Array<string | number> | undefined => {
    if (node === target) return path;
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isNode(pair.key) ? String((pair.key as { value?: unknown }).value) : String(pair.key);
        const found = search(pair.value, [...path, key]);
        if (found) return found;
      }
    } else if (isNode(node) && "items" in node) {
      const items = (node as { items: unknown[] }).items;
      for (let index = 0; index < items.length; index++) {
        const found = search(items[index], [...path, index]);
        if (found) return found;
      }
    }
    return undefined;
  };
  return search(document.contents, []) ?? [];
}

function firstLine(message: string): string {
  return message.split("\n")[0]!.trim();
}
