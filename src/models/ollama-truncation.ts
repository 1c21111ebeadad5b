import { PrevodError } from "../errors.js";
import type { TokenUsage } from "./types.js";

export interface TruncationEvidence {
  endpoint: string;
  model: string;
  /** prevod's estimate of the prompt (an over-estimate for common tokenizers). */
  estimated: number;
  /** `prompt_eval_count` of the answer, when the server sent it. */
  evaluated: number | undefined;
  /** The context the runner really has: num_ctx as sent, or less when the server caps it. */
  window: number;
  usage: TokenUsage;
}

/** Prompts this short are never judged: estimates of tiny texts are too coarse. */
const SMALL_PROMPT = 256;

/**
 * Throws TRUNCATED when Ollama answered a prompt it had silently cut. Ollama 0.30+ trims a prompt
 * longer than the context to about num_ctx/2 (it keeps `num_keep` tokens, then drops half of what
 * is left: llm/llama_server.go `contextShiftPromptLimit`); older runners kept the last num_ctx
 * tokens, so the prompt filled the whole window. Either way the evidence is a prompt estimated
 * above the window together with an evaluated count at the trim's size.
 *
 * Not evidence: a `prompt_eval_count` far below the estimate on its own. v0.30.0 left tokens
 * served from the prefix cache out of it, and prevod's prompts share long prefixes across targets.
 */
export function checkOllamaTruncation(evidence: TruncationEvidence): void {
  const { estimated, evaluated, window } = evidence;
  if (evaluated === undefined || estimated < SMALL_PROMPT) return;
  const filledWindow = evaluated >= window * 0.95;
  const halfTrim = estimated > window && evaluated >= window * 0.4 && evaluated <= window * 0.6;
  if (!filledWindow && !halfTrim) return;
  throw new PrevodError("TRUNCATED", `the server read ${evaluated} prompt tokens of about ${estimated} (context ${window}): it cut the prompt`, {
    details: { endpoint: evidence.endpoint, model: evidence.model, numCtx: window, estimatedPromptTokens: estimated, usage: evidence.usage, reason: "context" },
  });
}
