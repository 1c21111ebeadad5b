import { extractQuotesStep } from "./extract-quotes.js";
import { llmStep } from "./llm.js";
import { segmentStep } from "./segment.js";
import { summarizeStep } from "./summarize.js";
import { translateStep } from "./translate.js";
import { transliterateStep } from "./transliterate.js";
import type { StepKind } from "./types.js";

/** Every step kind by name: the one place a new kind is registered. */
export const stepKinds: Record<string, StepKind<any>> = {
  [segmentStep.kind]: segmentStep,
  [translateStep.kind]: translateStep,
  [transliterateStep.kind]: transliterateStep,
  [summarizeStep.kind]: summarizeStep,
  [extractQuotesStep.kind]: extractQuotesStep,
  [llmStep.kind]: llmStep,
};
