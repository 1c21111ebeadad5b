import { isScalar, parse as parseYaml, Scalar, visit, type Document } from "yaml";

const REFERENCE = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

export interface InterpolationProblem {
  node: Scalar;
  message: string;
}

/**
 * Replaces `${VAR}` and `${VAR:-default}` in every string scalar of the document, in place
 * (so source positions survive). `$$` is a literal `$`. A plain scalar that was only a reference
 * is re-read as YAML, so `parallel: ${SLOTS:-4}` becomes the number 4.
 */
export function interpolateEnvironment(document: Document, environment: NodeJS.ProcessEnv, filled?: (node: Scalar, variables: string[]) => void): InterpolationProblem[] {
  const problems: InterpolationProblem[] = [];
  visit(document, {
    Scalar(_key, node) {
      if (typeof node.value !== "string" || !node.value.includes("$")) return;
      const original = node.value;
      const fromEnvironment: string[] = [];
      const replaced = original.replace(REFERENCE, (match, name: string | undefined, fallback: string | undefined) => {
        if (match === "$$") return "$";
        const value = environment[name!];
        if (value !== undefined && value !== "") {
          fromEnvironment.push(name!);
          return value;
        }
        if (fallback !== undefined) return fallback;
        problems.push({ node, message: `environment variable ${name} is not set and '${match}' has no default (write \${${name}:-default})` });
        return match;
      });
      if (fromEnvironment.length > 0) filled?.(node, fromEnvironment);
      const wholeReference = /^\$\{[^}]*\}$/.test(original.trim());
      if (wholeReference && node.type === Scalar.PLAIN) {
        const reread = safeScalar(replaced);
        node.value = reread;
      } else {
        node.value = replaced;
      }
    },
  });
  return problems;
}

function safeScalar(text: string): unknown {
  try {
    const value = parseYaml(text);
    return isScalar(value) || value === null || typeof value !== "object" ? value ?? text : text;
  } catch {
    return text;
  }
}
