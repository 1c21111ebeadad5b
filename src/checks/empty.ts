import type { CheckResult } from "./types.js";

/**
 * Characters that show nothing: white space of every kind (NBSP, ideographic space, line and
 * paragraph separators), format characters (U+200B zero-width space, U+200C/D joiners, U+2060
 * word joiner, U+FEFF BOM, soft hyphen) and controls. `String.prototype.trim()` keeps the format
 * characters, so an answer of zero-width spaces used to count as a translation.
 */
const INVISIBLE = /^[\p{White_Space}\p{Cf}\p{Cc}\p{Zs}\p{Zl}\p{Zp}]*$/u;

/**
 * The one emptiness rule of every gate: true when a text shows nothing a reader could read
 * ("", spaces, "\n\n", a lone NBSP, zero-width spaces).
 */
export function isBlank(text: string | undefined | null): boolean {
  return text === undefined || text === null || INVISIBLE.test(text);
}

/** The `empty` gate for a single answer (`prevod check`, the language gate): fails a blank text. */
export function checkNotEmpty(input: { id?: string; text: string }): CheckResult[] {
  const prefix = input.id === undefined ? "" : `${input.id}: `;
  const where = input.id === undefined ? {} : { segmentId: input.id };
  if (isBlank(input.text)) {
    const shown = input.text.length === 0 ? "" : ` (only ${input.text.length} invisible character${input.text.length === 1 ? "" : "s"})`;
    return [{ name: "empty", status: "fail", detail: `${prefix}the translation is empty${shown}; write the translation`, ...where }];
  }
  return [{ name: "empty", status: "pass", detail: `${prefix}the translation has text`, ...where }];
}
