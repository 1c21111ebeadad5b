import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./cli.js";

/** A Bulgarian article of about `bytes` of UTF-8: the court-ruling sample's body (sentences with full stops) repeated under one title. */
export function bigArticle(bytes: number): string {
  const body = readFileSync(join(ROOT, "samples", "court-ruling", "article.txt"), "utf8").split("\n").slice(2).join("\n");
  const parts = ["Голяма статия за съдебно решение\n\n"];
  let size = Buffer.byteLength(parts[0]!);
  while (size < bytes) {
    parts.push(`${body}\n\n`);
    size += Buffer.byteLength(body) + 2;
  }
  return parts.join("");
}
