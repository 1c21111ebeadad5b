import type { ArticleResult } from "../outputs/article-schema.js";
import type { AssertionContext, AssertionVerdict } from "./assertion-types.js";
import { chrfSentence } from "./chrf.js";
import { normalizeSpace, quoteShort } from "./step-output.js";

type Quote = ArticleResult["quotes"][number];

/** `quote: { speaker: "Иванов", text: "…" }`: at least one of speaker and text. */
export interface QuoteArguments {
  /** Contained in the quote's speaker, ignoring case: "Иванов" matches "проф. Иван Иванов". */
  speaker?: string;
  /** Equal to the quote text after whitespace normalisation, ignoring enclosing quote marks. */
  text?: string;
  kind?: "direct" | "indirect";
  /** Contained in the cue verb. */
  cue?: string;
}

/** `count: 3` or `count: { min: 2, max: 4, kind: direct }`. */
export interface CountArguments {
  min?: number;
  max?: number;
  kind?: "direct" | "indirect";
}

const ENCLOSING_MARKS = /^["'„“”«»‘’‚‹›]+|["'„“”«»‘’‚‹›]+$/gu;

function quoteKey(text: string): string {
  return normalizeSpace(text).replace(ENCLOSING_MARKS, "").trim();
}

/** The quote text an assertion compares: Bulgarian under `all`, else the quote's translation. */
function quoteText(quote: Quote, context: AssertionContext): string | undefined {
  return context.target === "all" ? quote.text : quote.translations[context.target];
}

function where(context: AssertionContext): string {
  return context.target === "all" ? "" : ` (${context.target} translation)`;
}

export function evaluateQuote(context: AssertionContext, args: QuoteArguments): AssertionVerdict {
  const quotes = context.article.quotes;
  const wanted = args.speaker === undefined ? "a quote" : `a quote by ${args.speaker}`;
  if (quotes.length === 0) return { pass: false, reason: `${wanted} not found: the article has no quotes` };

  const bySpeaker = args.speaker === undefined ? quotes : quotes.filter((quote) => normalizeSpace(quote.speaker).toLowerCase().includes(normalizeSpace(args.speaker!).toLowerCase()));
  if (bySpeaker.length === 0) {
    const speakers = [...new Set(quotes.map((quote) => quote.speaker))];
    return { pass: false, reason: `${wanted} not found; found quotes by: ${speakers.join(", ")}` };
  }

  const textKey = args.text === undefined ? undefined : quoteKey(args.text);
  const byText = textKey === undefined ? bySpeaker : bySpeaker.filter((quote) => quoteKey(quoteText(quote, context) ?? "") === textKey);
  if (byText.length === 0) {
    const closest = closestQuote(bySpeaker, args.text!, context);
    const found = closest === undefined ? `none of them has a ${context.target} translation` : `closest${where(context)}: ${quoteShort(closest, 90)}`;
    return {
      pass: false,
      reason: `${wanted} with text ${quoteShort(args.text!, 60)} not found among ${bySpeaker.length} quote(s)${args.speaker ? ` by ${args.speaker}` : ""}; ${found}`,
    };
  }

  const matching = byText.filter(
    (quote) => (args.kind === undefined || quote.kind === args.kind) && (args.cue === undefined || quote.cue.toLowerCase().includes(args.cue.toLowerCase())),
  );
  if (matching.length === 0) {
    const found = byText.map((quote) => `${quote.id}: ${quote.kind}, cue '${quote.cue}'`).join("; ");
    const expected = [args.kind, args.cue === undefined ? undefined : `cue '${args.cue}'`].filter(Boolean).join(", ");
    return { pass: false, reason: `${wanted} is there but not ${expected}: ${found}` };
  }
  const quote = matching[0]!;
  return { pass: true, reason: `found ${quote.id} by ${quote.speaker} (${quote.kind}, ${quote.cue})${where(context)}: ${quoteShort(quoteText(quote, context) ?? "", 60)}` };
}

function closestQuote(quotes: Quote[], text: string, context: AssertionContext): string | undefined {
  let best: string | undefined;
  let bestScore = -1;
  for (const quote of quotes) {
    const candidate = quoteText(quote, context);
    if (candidate === undefined) continue;
    const score = chrfSentence(candidate, [text]).score;
    if (score > bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

export function evaluateCount(context: AssertionContext, args: CountArguments): AssertionVerdict {
  const quotes = context.article.quotes.filter(
    (quote) => (args.kind === undefined || quote.kind === args.kind) && (context.target === "all" || quote.translations[context.target] !== undefined),
  );
  const count = quotes.length;
  const what = `${count} ${args.kind ? `${args.kind} ` : ""}quote${count === 1 ? "" : "s"}${where(context)}`;
  const range = args.min !== undefined && args.max !== undefined ? `${args.min}–${args.max}` : args.min !== undefined ? `at least ${args.min}` : `at most ${args.max}`;
  const pass = (args.min === undefined || count >= args.min) && (args.max === undefined || count <= args.max);
  const speakers = [...new Set(quotes.map((quote) => quote.speaker))];
  return {
    pass,
    score: count,
    reason: `${what}, expected ${range}${count > 0 ? ` (by: ${speakers.join(", ")})` : ""}`,
  };
}
