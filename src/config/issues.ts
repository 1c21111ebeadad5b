import { PrevodError } from "../errors.js";

/** Where in a file something is: 1-based line and column. */
export interface SourcePosition {
  file: string;
  line: number;
  column: number;
}

/** One problem found in a pipeline file; all of them are reported at once. */
export interface ConfigIssue {
  /** Path inside the document, e.g. ["steps", "translate", "targets", 1]. Empty for the whole file. */
  path: Array<string | number>;
  /** What was expected and what was found. */
  message: string;
  position?: SourcePosition;
}

/** `steps.translate.targets[1]` */
export function formatPath(path: ReadonlyArray<string | number>): string {
  let text = "";
  for (const part of path) {
    if (typeof part === "number") text += `[${part}]`;
    else text += text === "" ? part : `.${part}`;
  }
  return text;
}

/** `pipeline.yaml:14:7 steps.translate.targets[1]: expected …` */
export function formatIssue(issue: ConfigIssue): string {
  const where = issue.position ? `${issue.position.file}:${issue.position.line}:${issue.position.column}` : "";
  const path = formatPath(issue.path);
  return [where, path ? `${path}:` : ""].filter(Boolean).join(" ") + (where || path ? " " : "") + issue.message;
}

export function configError(file: string, issues: ConfigIssue[], details: Record<string, unknown> = {}): PrevodError {
  const sorted = [...issues].sort(
    (a, b) => (a.position?.line ?? 0) - (b.position?.line ?? 0) || (a.position?.column ?? 0) - (b.position?.column ?? 0),
  );
  const count = sorted.length === 1 ? "1 error" : `${sorted.length} errors`;
  return new PrevodError("CONFIG_INVALID", `${file}: ${count}\n${sorted.map((issue) => `  ${formatIssue(issue)}`).join("\n")}`, {
    details: { ...details, issues: sorted },
  });
}
