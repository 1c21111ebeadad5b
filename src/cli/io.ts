import { createReadStream, existsSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createInterface } from "node:readline";
import { PrevodError } from "../errors.js";

/** Reads a whole text input: a file path, or stdin for "-" or no path. */
export async function readTextInput(path: string | undefined): Promise<string> {
  if (path === undefined || path === "-") {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  }
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    throw new PrevodError("USAGE", `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
}

/**
 * Streams JSON Lines from a file or stdin. Blank lines are skipped; a line that is not a
 * JSON object is an INPUT_INVALID error naming the source and line number.
 */
export async function* readJsonLines(path: string | undefined): AsyncGenerator<{ value: Record<string, unknown>; line: number }> {
  const name = path === undefined || path === "-" ? "stdin" : path;
  const stream = path === undefined || path === "-" ? process.stdin : createReadStream(path, { encoding: "utf8" });
  if (stream !== process.stdin) {
    await new Promise<void>((resolve, reject) => {
      stream.once("open", () => resolve());
      stream.once("error", (error: NodeJS.ErrnoException) =>
        reject(new PrevodError("USAGE", `cannot read ${name}: ${error.code ?? error.message}`)),
      );
    });
  }
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let number = 0;
  for await (const raw of lines) {
    number += 1;
    const text = raw.trim();
    if (text === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new PrevodError("INPUT_INVALID", `${name}:${number}: not valid JSON`);
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      throw new PrevodError("INPUT_INVALID", `${name}:${number}: expected a JSON object, got ${Array.isArray(value) ? "an array" : typeof value}`);
    }
    yield { value: value as Record<string, unknown>, line: number };
  }
}

/** Writes to stdout and waits for the buffer to drain, so large outputs are not cut at exit. */
export async function writeOut(text: string): Promise<void> {
  if (!process.stdout.write(text)) {
    await new Promise<void>((resolve) => process.stdout.once("drain", () => resolve()));
  }
}

/** A recordings folder that is not there is one usage error, before any sample runs. */
export function requireFolder(path: string, flag: string): void {
  if (!existsSync(path)) throw new PrevodError("USAGE", `${flag} ${path}: no such folder`);
  if (!statSync(path).isDirectory()) throw new PrevodError("USAGE", `${flag} ${path}: not a folder`);
}
