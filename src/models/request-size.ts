import { memoize } from "../common/memo.js";
import { estimateTokens } from "../common/tokens.js";
import type { ModelMessage } from "./types.js";

/** Token estimates of message contents; system prompts repeat on every call. */
const messageTokens = memoize(estimateTokens, 64);
/** Tokens per message the chat template adds around the content. */
const TEMPLATE_TOKENS = 8;

/** The estimated prompt size of a call, in tokens (an over-estimate for common tokenizers). */
export function promptTokensOf(messages: ModelMessage[]): number {
  let total = 0;
  // Only system prompts repeat: a user message is new on every call, and looking it up would
  // hash (and keep) thousands of characters for nothing.
  for (const message of messages) total += (message.role === "system" ? messageTokens(message.content) : estimateTokens(message.content)) + TEMPLATE_TOKENS;
  return total;
}

/**
 * The JSON Schema as sent: without a root `$schema`, which some gateways refuse (Gemini behind
 * an OpenAI-compatible API answers 400 'Unknown name "$schema"') and no server needs.
 */
export function schemaToSend(schema: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!schema || !("$schema" in schema)) return schema;
  const { $schema: _dropped, ...rest } = schema;
  return rest;
}

/** When no cap is set, how many tokens an answer may take before prevod stops it. */
const UNCAPPED_TOKENS = 16_384;

/** Most characters of answer (and reasoning) accepted for a token cap: no token is longer than 12 characters in practice. */
export function answerCharLimit(maxOutputTokens: number | undefined): number {
  return (maxOutputTokens ?? UNCAPPED_TOKENS) * 12 + 4096;
}

/**
 * Most bytes of one streamed response: each token travels in its own NDJSON line or SSE event
 * (about 120–300 bytes with the framing), and the whole answer may come again at the end.
 */
export function responseByteLimit(maxOutputTokens: number | undefined): number {
  return (maxOutputTokens ?? UNCAPPED_TOKENS) * 400 + 1024 * 1024;
}
