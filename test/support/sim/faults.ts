import { createRandom } from "./prng.js";
import { violateSchema } from "./schema-violation.js";
import { splitTokens } from "./tokens.js";
import type { Fault, FaultKind, FaultPlan, SimRequest } from "./types.js";

/**
 * A mix key is a fault kind (`"invalid-json"`, `"reset-mid-stream"`, …) or an HTTP status
 * (`"429"`, `"500"`, `"503"`, `"400"`, `"404"`) for an `http` fault.
 */
export type FaultMixKey = Exclude<FaultKind, "http"> | "429" | "500" | "503" | "400" | "404";

/**
 * Builds the fault for a drawn key; return undefined to use the default. Needed for `mutate`
 * (which has no default) and to choose parameters (a longer stall, another Retry-After).
 */
export type FaultBuilder = (key: string, request: SimRequest) => Fault | undefined;

/**
 * A reproducible random mix: request `index` draws one number from (`seed`, `index`), so the
 * same seed faults the same request indexes on every run, whatever the timing.
 * Defaults: 429 carries `Retry-After: 1`; slow-first-byte and stall-mid-stream last 200 ms.
 * @example seededFaults({ "500": 0.1, "429": 0.05, "invalid-json": 0.05, "off-schema": 0.05 }, 7)
 */
export function seededFaults(mix: Partial<Record<FaultMixKey, number>> | Record<string, number>, seed: number, build?: FaultBuilder): FaultPlan {
  const entries = Object.entries(mix).filter(([, probability]) => probability > 0);
  const total = entries.reduce((sum, [, probability]) => sum + probability, 0);
  if (total > 1 + 1e-9) throw new Error(`seededFaults: probabilities add up to ${total}, expected at most 1`);
  return (request) => {
    let draw = createRandom(seed, `fault:${request.index}`)();
    for (const [key, probability] of entries) {
      if (draw < probability) return build?.(key, request) ?? defaultFault(key);
      draw -= probability;
    }
    return undefined;
  };
}

function defaultFault(key: string): Fault {
  if (/^\d{3}$/.test(key)) {
    const status = Number(key) as 429 | 500 | 503 | 400 | 404;
    return status === 429 ? { kind: "http", status, retryAfterSeconds: 1 } : { kind: "http", status };
  }
  switch (key) {
    case "slow-first-byte":
    case "stall-mid-stream":
      return { kind: key, ms: 200 };
    case "mutate":
      throw new Error("seededFaults: 'mutate' needs a build function that supplies `apply`");
    default:
      return { kind: key } as Fault;
  }
}

/** What a content fault leaves for the generator to send. */
export interface ContentOutcome {
  content: string;
  /** Set for a refusal: OpenAI sends it as `refusal` with `content: null`. */
  refusal?: string;
  /** Tokens the model emits after the content (a whitespace loop). */
  tail?: string[];
  /** `length`: finish with "length" whatever the limits; `none`: no final object at all. */
  forcedEnd?: "length" | "none";
}

const WHITESPACE_LOOP_LIMIT = 31;
const UNLIMITED_LOOP_TOKENS = 256;

/** Applies the content part of a fault; transport faults leave the content alone. */
export function applyContentFault(fault: Fault | undefined, content: string, request: SimRequest): ContentOutcome {
  switch (fault?.kind) {
    case "truncated-length": {
      const tokens = splitTokens(content);
      return { content: tokens.slice(0, Math.max(1, Math.floor(tokens.length / 2))).join(""), forcedEnd: "length" };
    }
    case "invalid-json":
      return { content: invalidJson(content, fault.variant ?? "prose") };
    case "off-schema": {
      const variant = fault.variant ?? (request.index % 2 === 0 ? "missing-key" : "wrong-type");
      return { content: JSON.stringify(violateSchema(request.schema, content, variant, request.options.seed ?? 0)) };
    }
    case "refusal":
      return { content: "", refusal: fault.message ?? "I'm sorry, but I can't help with that request." };
    case "whitespace-loop":
      return whitespaceLoop(content, request);
    case "schema-ignored":
      return { content: prose(content) };
    case "mutate":
      return { content: fault.apply(content, request) };
    case "no-done":
      return { content, forcedEnd: "none" };
    default:
      return { content };
  }
}

/**
 * Ollama stops a loop after 31 identical tokens and sends no final object; OpenAI-compatible
 * servers run on to the token limit (`length`).
 */
function whitespaceLoop(content: string, request: SimRequest): ContentOutcome {
  if (request.protocol !== "openai-chat") {
    return { content, tail: new Array<string>(WHITESPACE_LOOP_LIMIT).fill("\n"), forcedEnd: "none" };
  }
  const budget = request.options.maxTokens ?? splitTokens(content).length + UNLIMITED_LOOP_TOKENS;
  return { content, tail: new Array<string>(Math.max(1, budget)).fill("\n"), forcedEnd: "length" };
}

function invalidJson(content: string, variant: "prose" | "fences" | "trailing-junk" | "cut"): string {
  switch (variant) {
    case "prose":
      return `Sure! Here is the JSON you asked for:\n${content}\nLet me know if you need anything else.`;
    case "fences":
      return "```json\n" + content + "\n```";
    case "trailing-junk":
      return `${content}\n}`;
    case "cut": {
      const characters = Array.from(content);
      return characters.slice(0, Math.max(1, Math.floor(characters.length / 2))).join("");
    }
  }
}

/** The answer's text as a model writes it when it ignores the requested format. */
function prose(content: string): string {
  let strings: string[] = [];
  try {
    strings = collectStrings(JSON.parse(content));
  } catch {
    strings = [content];
  }
  return `Here is my answer.\n\n${strings.join("\n")}`;
}

function collectStrings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (typeof value === "number" || typeof value === "boolean") return [String(value)];
  if (Array.isArray(value)) return value.flatMap(collectStrings);
  if (value && typeof value === "object") return Object.values(value).flatMap(collectStrings);
  return [];
}
