import { toCyrillic, toLatin } from "../text/transliterate.js";
import { EXIT } from "./exit-codes.js";
import { readTextInput, writeOut } from "./io.js";

/**
 * `prevod transliterate [--to sr-Latn|sr-Cyrl] [FILE|-]`: Serbian text from a file or stdin to
 * stdout in the other script; everything but the script (punctuation, whitespace, line breaks,
 * names kept in Latin) is unchanged.
 */
export default async function transliterate(file: string | undefined, options: { to?: "sr-Latn" | "sr-Cyrl" }): Promise<number> {
  const text = await readTextInput(file);
  await writeOut(options.to === "sr-Cyrl" ? toCyrillic(text) : toLatin(text));
  return EXIT.ok;
}
