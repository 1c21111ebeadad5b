/**
 * The simulator's token rule, deterministic and documented so tests can predict counts:
 * - a text has ceil(code points / 4) tokens, and is split into tokens of 4 code points
 *   (the last one shorter); streaming sends one token per chunk;
 * - a prompt has, per message, 4 tokens of framing plus its text's tokens, plus 3 to prime
 *   the answer (the shape of OpenAI's published estimate).
 */

/** Framing tokens per message. */
export const MESSAGE_OVERHEAD_TOKENS = 4;
/** Tokens that prime the assistant's answer. */
export const REPLY_PRIMING_TOKENS = 3;
const CODE_POINTS_PER_TOKEN = 4;

export function countTokens(text: string): number {
  let codePoints = text.length;
  // A surrogate pair is one code point: do not count its low half.
  for (let position = 0; position < text.length; position++) {
    const unit = text.charCodeAt(position);
    if (unit >= 0xdc00 && unit <= 0xdfff) codePoints--;
  }
  return Math.ceil(codePoints / CODE_POINTS_PER_TOKEN);
}

export function countPromptTokens(messages: readonly { content: string }[]): number {
  let total = REPLY_PRIMING_TOKENS;
  for (const message of messages) total += MESSAGE_OVERHEAD_TOKENS + countTokens(message.content);
  return total;
}

/** Splits a text into its tokens; `splitTokens(text).join("") === text`. */
export function splitTokens(text: string): string[] {
  const tokens: string[] = [];
  let current = "";
  let size = 0;
  for (const codePoint of text) {
    current += codePoint;
    size++;
    if (size === CODE_POINTS_PER_TOKEN) {
      tokens.push(current);
      current = "";
      size = 0;
    }
  }
  if (current !== "") tokens.push(current);
  return tokens;
}
