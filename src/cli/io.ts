import { createReadStream, existsSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { PrevodError } from "../errors.js";
import { decodeBytes } from "../inputs/encoding.js";
import { splitLines } from "../inputs/jsonl.js";

const STRICT_UTF8 = new TextDecoder("utf-8", { fatal: true });

function decodeLine(bytes: Uint8Array): { text: string; encoding: string } {
  try {
    return { text: STRICT_UTF8.decode(bytes), encoding: "utf-8" };
  } catch {
    const decoded = decodeBytes(bytes, { kind: "text" });
    return { text: decoded.text, encoding: decoded.encoding };
  }
}

/**
 * Reads a whole text input: a file path, or stdin for "-" or no path. Bytes are decoded as `run`
 * decodes its inputs (BOM, declarations, strict UTF-8, else detection: windows-1251 and others),
 * so `segment`, `langid` and `transliterate` see the text `run` would.
 */
export async function readTextInput(path: string | undefined): Promise<string> {
  if (path === undefined || path === "-") {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return decodeBytes(Buffer.concat(chunks)).text;
  }
  try {
    return decodeBytes(await readFile(path)).text;
  } catch (error) {
    throw new PrevodError("USAGE", `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
}

/**
 * Streams JSON Lines from a file or stdin. Blank lines are skipped; a line that is not a
 * JSON object is an INPUT_INVALID error naming the source and line number.
 */
export async function* readJsonLines(
  path: string | undefined,
  /** When given, a bad line is reported here (located) and skipped instead of stopping the read. */
  onBadLine?: (message: string) => void,
): AsyncGenerator<{ value: Record<string, unknown>; line: number }> {
  const name = path === undefined || path === "-" ? "stdin" : path;
  const stream = path === undefined || path === "-" ? process.stdin : createReadStream(path);
  if (stream !== process.stdin) {
    await new Promise<void>((resolve, reject) => {
      stream.once("open", () => resolve());
      stream.once("error", (error: NodeJS.ErrnoException) =>
        reject(new PrevodError("USAGE", `cannot read ${name}: ${error.code ?? error.message}`)),
      );
    });
  }
  let number = 0;
  let warned = false;
  for await (const bytes of splitLines(stream as AsyncIterable<Uint8Array>)) {
    number += 1;
    // Line by line as `run` reads JSONL: strict UTF-8, else the detected encoding (windows-1251…).
    const decoded = decodeLine(number === 1 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes);
    if (decoded.encoding !== "utf-8" && !warned) {
      warned = true;
      process.stderr.write(`prevod: warning: ${name}:${number}: not UTF-8; decoded as ${decoded.encoding}\n`);
    }
    const text = decoded.text.trim();
    if (text === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      const message = `${name}:${number}: not valid JSON`;
      if (onBadLine) {
        onBadLine(message);
        continue;
      }
      throw new PrevodError("INPUT_INVALID", message);
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      const message = `${name}:${number}: expected a JSON object, got ${Array.isArray(value) ? "an array" : typeof value}`;
      if (onBadLine) {
        onBadLine(message);
        continue;
      }
      throw new PrevodError("INPUT_INVALID", message);
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
