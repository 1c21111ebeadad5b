import { countPromptTokens, countTokens } from "../test/support/sim/index.js";

type Message = { role: string; content: string };

/** Framing tokens per message, as the simulator counts a prompt (sim/tokens.ts). */
const MESSAGE_OVERHEAD_TOKENS = 4;

interface Group {
  /** The prefix every request of the group shares, as whole messages and a last partial one. */
  prefix: Message[];
  requests: number;
}

/**
 * Measures how much of the prompt text a server's prefix cache could share between the
 * targets of one chunk. Translate requests are grouped by their data block (the sentences of
 * the chunk, identical for every target); within a group, the common prefix of the rendered
 * messages counts once per request. Everything is in the simulator's tokens.
 */
export function createPrefixTally() {
  const groups = new Map<string, Group>();
  let promptTokens = 0;
  let translatePromptTokens = 0;
  let translateRequests = 0;

  return {
    add(messages: Message[], schema: unknown): void {
      const tokens = countPromptTokens(messages);
      promptTokens += tokens;
      const block = translateBlock(messages, schema);
      if (block === undefined) return;
      translateRequests++;
      translatePromptTokens += tokens;
      const group = groups.get(block);
      if (!group) groups.set(block, { prefix: messages.map((message) => ({ ...message })), requests: 1 });
      else {
        group.prefix = commonPrefix(group.prefix, messages);
        group.requests++;
      }
    },
    result() {
      let sharedPrefixTokens = 0;
      let groupedTranslateRequests = 0;
      for (const group of groups.values()) {
        if (group.requests < 2) continue;
        groupedTranslateRequests += group.requests;
        sharedPrefixTokens += group.requests * prefixTokens(group.prefix);
      }
      return { promptTokens, sharedPrefixTokens, translatePromptTokens, translateRequests, groupedTranslateRequests };
    },
  };
}

/** The sentences block of a translate request (its schema asks for `translations`), or undefined. */
function translateBlock(messages: Message[], schema: unknown): string | undefined {
  const properties = (schema as { properties?: Record<string, unknown> } | undefined)?.properties;
  if (!properties || !("translations" in properties)) return undefined;
  const user = messages.find((message) => message.role === "user")?.content ?? "";
  return /```json\n([\s\S]*?)\n```/.exec(user)?.[1];
}

function commonPrefix(prefix: Message[], messages: Message[]): Message[] {
  const shared: Message[] = [];
  for (let index = 0; index < prefix.length && index < messages.length; index++) {
    const a = prefix[index]!;
    const b = messages[index]!;
    if (a.role !== b.role) break;
    if (a.content === b.content) {
      shared.push(a);
      continue;
    }
    let length = 0;
    while (length < a.content.length && length < b.content.length && a.content.charCodeAt(length) === b.content.charCodeAt(length)) length++;
    shared.push({ role: a.role, content: a.content.slice(0, length) });
    break;
  }
  return shared;
}

function prefixTokens(prefix: Message[]): number {
  return prefix.reduce((sum, message) => sum + MESSAGE_OVERHEAD_TOKENS + countTokens(message.content), 0);
}
