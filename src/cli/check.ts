import { checkCopiedSource } from "../checks/copied-source.js";
import { checkLanguage } from "../checks/language.js";
import { checkLengthRatio } from "../checks/length-ratio.js";
import { checkNumbers } from "../checks/numbers.js";
import type { CheckResult } from "../checks/types.js";
import { PrevodError } from "../errors.js";
import { TARGET_LANGUAGES, isTargetLanguage } from "../common/languages.js";
import { EXIT } from "./exit-codes.js";
import { readJsonLines, writeOut } from "./io.js";

const describe = (value: unknown): string => (value === undefined ? "nothing" : JSON.stringify(value));

/**
 * `prevod check --jsonl [FILE|-]`: lines {"id","target","text","source"?} → lines
 * {"id","verdict","reasons"}. The language gate always runs; copied source, numbers and length
 * ratio run when the Bulgarian source is given. Exit 1 when any line fails.
 */
export default async function check(file: string | undefined, options: { jsonl?: boolean }): Promise<number> {
  if (!options.jsonl) throw new PrevodError("USAGE", "prevod check reads JSON Lines {id,target,text,source?}: add --jsonl");
  const name = file === undefined || file === "-" ? "stdin" : file;
  let failed = false;
  // A bad line is reported with its place and skipped; the rest is still checked (exit 1).
  const bad = (message: string) => {
    failed = true;
    process.stderr.write(`prevod: ${message}; skipped\n`);
  };
  for await (const { value, line } of readJsonLines(file, bad)) {
    const where = `${name}:${line}`;
    const { id, target, text, source } = value;
    if (typeof id !== "string" && typeof id !== "number") {
      bad(`${where}: "id": expected a string, got ${describe(id)}`);
      continue;
    }
    if (typeof target !== "string" || !isTargetLanguage(target)) {
      bad(`${where}: "target": expected one of ${TARGET_LANGUAGES.join(", ")}, got ${describe(target)}`);
      continue;
    }
    if (typeof text !== "string") {
      bad(`${where}: "text": expected a string, got ${describe(text)}`);
      continue;
    }
    if (source !== undefined && source !== null && typeof source !== "string") {
      bad(`${where}: "source": expected a string (the Bulgarian original) or no field, got ${describe(source)}`);
      continue;
    }
    const results: CheckResult[] = checkLanguage({ target, text, ...(typeof source === "string" ? { source } : {}) });
    if (typeof source === "string") {
      const pair = { source, text, target };
      results.push(...checkCopiedSource(pair), ...checkNumbers(pair), ...checkLengthRatio(pair));
    }
    const reasons = results.filter((result) => result.status === "fail").map((result) => result.detail);
    failed ||= reasons.length > 0;
    await writeOut(`${JSON.stringify({ id, verdict: reasons.length > 0 ? "fail" : "pass", reasons })}\n`);
  }
  return failed ? EXIT.failed : EXIT.ok;
}
