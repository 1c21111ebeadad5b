import type { ContentOutcome } from "./faults.js";
import { splitTokens } from "./tokens.js";
import type { SimRequest } from "./types.js";

/** What a call sends, before timing: the tokens, where they go, and why generation ended. */
export interface GenerationPlan {
  /** One entry per token; streaming sends one per chunk. */
  pieces: string[];
  /** Reasoning tokens sent before `pieces` (Ollama `message.thinking`); counted in eval_count. */
  thinking?: string[];
  /** `refusal`: the pieces are OpenAI `refusal` text, not content. */
  channel: "content" | "refusal";
  /** `null`: the server never sends a final object / finish_reason (no-done, Ollama loops). */
  finishReason: "stop" | "length" | null;
  /** Prompt tokens the server reports: capped at the context window when it truncated. */
  promptTokens: number;
}

/**
 * Applies the request's limits to a (possibly faulted) answer the way servers do: generation
 * ends at the first stop string (which is not sent) with "stop", or after `maxTokens` tokens
 * with "length".
 */
export function planGeneration(request: SimRequest, outcome: ContentOutcome, contextWindow: number): GenerationPlan {
  const promptTokens = Math.min(request.promptTokens, contextWindow);
  if (outcome.refusal !== undefined) {
    return { pieces: splitTokens(outcome.refusal), channel: "refusal", finishReason: "stop", promptTokens };
  }
  let text = outcome.content;
  let stoppedByString = false;
  for (const stop of request.options.stop ?? []) {
    const position = stop === "" ? -1 : text.indexOf(stop);
    if (position >= 0) {
      text = text.slice(0, position);
      stoppedByString = true;
    }
  }
  let pieces = splitTokens(text);
  if (!stoppedByString && outcome.tail) pieces = pieces.concat(outcome.tail);
  let finishReason: GenerationPlan["finishReason"] = stoppedByString ? "stop" : (outcome.forcedEnd === "none" ? null : outcome.forcedEnd ?? "stop");
  const limit = request.options.maxTokens;
  if (limit !== undefined && limit >= 0 && pieces.length > limit) {
    pieces = pieces.slice(0, limit);
    finishReason = "length";
  }
  if (request.think && request.thinkingAs === "tags") {
    // No reasoning parser: the reasoning reaches the client as content, before the answer.
    return { pieces: ["<think>", "\n", ...thinkingFor(request), "\n", "</think>", "\n\n", ...pieces], channel: "content", finishReason, promptTokens };
  }
  return { pieces, channel: "content", finishReason, promptTokens, ...(request.think ? { thinking: thinkingFor(request) } : {}) };
}

/** A deterministic stretch of reasoning, as a thinking model writes before its answer. */
function thinkingFor(request: SimRequest): string[] {
  const tokens = splitTokens("Okay, the user wants the sentences translated. Let me check each name and number carefully before I write the JSON. ");
  const wanted = request.thinkingTokens ?? 120;
  return Array.from({ length: wanted }, (_, index) => tokens[index % tokens.length]!);
}
