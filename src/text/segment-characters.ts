/**
 * Character classes shared by the sentence splitter and the structure guesser. Written as code
 * point tests rather than regular expressions because they run once per candidate boundary.
 */

/** The same set as the `\s` class of JavaScript regular expressions. */
export function isSpaceCode(code: number): boolean {
  if (code === 32 || (code >= 9 && code <= 13)) return true;
  if (code < 160) return false;
  return (
    code === 160 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

function isSpaceAt(text: string, index: number): boolean {
  return isSpaceCode(text.charCodeAt(index));
}

/** Index of the first non-whitespace character at or after `index` (text length if none). */
export function skipSpace(text: string, index: number): number {
  let at = index;
  while (at < text.length && isSpaceCode(text.charCodeAt(at))) at++;
  return at;
}

/** Index just past the last non-whitespace character before `index` (`floor` if none). */
export function trimEnd(text: string, index: number, floor = 0): number {
  let at = index;
  while (at > floor && isSpaceCode(text.charCodeAt(at - 1))) at--;
  return at;
}

export function isLowerLetter(character: string): boolean {
  return character !== character.toUpperCase();
}

export function isUpperLetter(character: string): boolean {
  return character !== character.toLowerCase();
}

export function isDigit(character: string | undefined): boolean {
  return character !== undefined && character >= "0" && character <= "9";
}

export type Script = "cyrillic" | "latin" | "other";

export function scriptOf(character: string): Script {
  const code = character.charCodeAt(0);
  if (code >= 0x400 && code <= 0x52f) return "cyrillic";
  if ((code >= 65 && code <= 90) || (code >= 97 && code <= 122) || (code >= 0xc0 && code <= 0x24f)) return "latin";
  return "other";
}

/** Marks that may end a sentence. */
export const TERMINATORS = ".!?…";

/** Closing quotes and brackets that belong to the sentence they follow ("…оставка.“"). */
export const CLOSERS = "“”»’‘\"')]}›";

/** Opening quotes and brackets that may start a sentence ("„Ще спечелим!“"). */
export const OPENERS = "„«“\"'‘‚([‹";

export const DASHES = "-–—‒―";

/** Bullets that start list items and comment headers. */
const BULLETS = "•·▪●◦‣∙*";

/** Index of the first character after any opening quotes or brackets at `index`. */
export function skipOpeners(text: string, index: number): number {
  let at = index;
  while (at < text.length && OPENERS.includes(text[at]!)) at++;
  return at;
}

/**
 * A list item or dialogue line starts here: a bullet, a dash followed by a space, or an item
 * number such as "1." or "2)" followed by a space.
 */
export function isListMarkerAt(text: string, index: number): boolean {
  const character = text[index];
  if (character === undefined) return false;
  if (BULLETS.includes(character)) return true;
  if (DASHES.includes(character)) return isSpaceAt(text, index + 1);
  let at = index;
  while (at < text.length && at - index < 3 && isDigit(text[at])) at++;
  if (at === index) {
    // "а) …", "b) …"
    return isLowerLetter(character) && text[index + 1] === ")" && isSpaceAt(text, index + 2);
  }
  return (text[at] === "." || text[at] === ")") && isSpaceAt(text, at + 1);
}
