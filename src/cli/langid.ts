import { PrevodError } from "../errors.js";
import { identifyLanguage } from "../text/langid.js";
import { EXIT } from "./exit-codes.js";
import { readJsonLines, readTextInput, writeOut } from "./io.js";

const describe = (value: unknown): string => (value === undefined ? "nothing" : JSON.stringify(value));

/**
 * `prevod langid [--jsonl] [FILE|-]`. With --jsonl: lines {"id","text"} → lines
 * {"id","lang","confidence"}, one per input line, in order. Without: the whole input is one text,
 * printed as `lang confidence`. Confidence has three decimals; lang is one of bg, ru, sr-Cyrl,
 * sr-Latn, mk, hr, bs, en, und.
 */
export default async function langid(file: string | undefined, options: { jsonl?: boolean }): Promise<number> {
  if (!options.jsonl) {
    // A .jsonl file read as one text gave one guess for the whole file, in silence.
    if (file !== undefined && /\.jsonl$/i.test(file)) throw new PrevodError("USAGE", `prevod langid: ${file} is JSON Lines {id,text}: add --jsonl for a language per line`);
    const guess = identifyLanguage(await readTextInput(file));
    await writeOut(`${guess.lang} ${guess.confidence.toFixed(3)}\n`);
    return EXIT.ok;
  }
  const name = file === undefined || file === "-" ? "stdin" : file;
  for await (const { value, line } of readJsonLines(file)) {
    const { id, text } = value;
    if (typeof id !== "string" && typeof id !== "number") throw new PrevodError("INPUT_INVALID", `${name}:${line}: "id": expected a string, got ${describe(id)}`);
    if (typeof text !== "string") throw new PrevodError("INPUT_INVALID", `${name}:${line}: "text": expected a string, got ${describe(text)}`);
    const guess = identifyLanguage(text);
    await writeOut(`${JSON.stringify({ id, lang: guess.lang, confidence: Number(guess.confidence.toFixed(3)) })}\n`);
  }
  return EXIT.ok;
}
