/**
 * Quotation marks as Bulgarian („…“), Serbian („…”), Russian («…», „…“ inside) and English
 * (“…”, "…") news write them. Single quotes are left out: they double as apostrophes.
 */

/** Every double quotation mark of these languages. */
export const QUOTE_MARKS = "\"„“”«»‹›";

// Which closing marks each opening mark accepts.
const CLOSERS: Record<string, string> = {
  "„": "“”\"",
  "«": "»",
  "“": "”\"",
  "\"": "\"",
  "‹": "›",
};

/** A stretch of text between quotation marks: `start`/`end` bound the words inside, marks excluded. */
export interface QuotedStretch {
  start: number;
  end: number;
}

/**
 * The outermost quoted stretches of a text, in order. Nested quotes stay inside their outer
 * stretch; an opening mark never closed yields nothing.
 */
export function findQuotedStretches(text: string): QuotedStretch[] {
  const stretches: QuotedStretch[] = [];
  const open: Array<{ mark: string; index: number }> = [];
  for (let index = 0; index < text.length; index += 1) {
    const mark = text[index] as string;
    const top = open.at(-1);
    if (top !== undefined && (CLOSERS[top.mark] ?? "").includes(mark)) {
      open.pop();
      if (open.length === 0) stretches.push({ start: top.index + 1, end: index });
    } else if (mark in CLOSERS) {
      open.push({ mark, index });
    }
  }
  return stretches;
}

/** The text without quotation marks or whitespace at either end. */
export function stripQuoteMarks(text: string): string {
  return text.replace(new RegExp(`^[\\s${QUOTE_MARKS}]+|[\\s${QUOTE_MARKS}]+$`, "gu"), "");
}
