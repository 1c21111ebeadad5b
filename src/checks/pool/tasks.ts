import { checkQuote, type QuoteLocation, type TextRange } from "../quotes.js";
import { checkSummary, type SummaryCheckInput } from "../summary.js";
import { checkTranslation } from "../translation.js";
import type { CheckResult, TranslationCheckInput } from "../types.js";
import type { Segment } from "../../text/types.js";

/** The quotes of one answer, checked against one article (or one window of it). */
export interface QuotesCheckInput {
  quotes: Array<{ speaker: string; text: string }>;
  articleText: string;
  segments: Segment[];
  within?: TextRange;
}

/** Per quote, in order: its verdicts and, when found, where it lies. */
export type QuotesCheckOutput = Array<{ results: CheckResult[]; location?: QuoteLocation }>;

/** One unit of gate work: plain data both ways, so it can be cloned to a worker thread and back. */
export type GateTask =
  | { kind: "translation"; input: TranslationCheckInput }
  | { kind: "summary"; input: SummaryCheckInput }
  | { kind: "quotes"; input: QuotesCheckInput };

export function checkQuotes(input: QuotesCheckInput): QuotesCheckOutput {
  const { articleText, segments, within } = input;
  return input.quotes.map((quote) => checkQuote({ quote, articleText, segments, ...(within ? { within } : {}) }));
}

/** Runs a task in this thread: what the worker does, and what the in-thread runner does. */
export function runGateTask(task: GateTask): CheckResult[] | QuotesCheckOutput {
  switch (task.kind) {
    case "translation":
      return checkTranslation(task.input);
    case "summary":
      return checkSummary(task.input);
    case "quotes":
      return checkQuotes(task.input);
  }
}
