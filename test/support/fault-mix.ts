import { parseTask } from "./reference-answerer.js";
import { seededFaults, type Fault, type FaultPlan, type SimRequest } from "./sim/index.js";

/**
 * Per-request probabilities of the fault suite's mix (issue 7): every kind of trouble a model
 * server gives, transport and content alike. 429s wait a whole second (Retry-After: 1), so they
 * are kept rare.
 */
export const FAULT_MIX = {
  "500": 0.03,
  "503": 0.03,
  "429": 0.004,
  "reset-mid-stream": 0.02,
  "slow-first-byte": 0.02,
  "invalid-json": 0.02,
  "off-schema": 0.02,
  "truncated-length": 0.02,
  "wrong-language": 0.02,
} as const;

/**
 * The seeded mix as a fault plan. `wrong-language` answers a translate request with the
 * Bulgarian source sentences and a summarize request with the Bulgarian article's own
 * sentences: valid JSON in the wrong language, which only the gates can catch. A quote request
 * has no target language, so it is answered normally when it draws `wrong-language`.
 */
export function faultMix(seed: number): FaultPlan {
  const plan = seededFaults(FAULT_MIX, seed, (key) => (key === "wrong-language" ? { kind: "mutate", apply: wrongLanguage } : undefined));
  return (request) => {
    const fault = plan(request);
    if (fault?.kind === "mutate" && !["translate", "summarize"].includes(parseTask(request).kind)) return undefined;
    return fault;
  };
}

/** Which of the mix's kinds a logged fault is. */
export function faultName(fault: Fault): string {
  if (fault.kind === "http") return String(fault.status);
  if (fault.kind === "mutate") return "wrong-language";
  return fault.kind;
}

function wrongLanguage(content: string, request: SimRequest): string {
  const task = parseTask(request);
  if (task.kind === "translate") {
    return JSON.stringify({ translations: task.sentences.map((sentence) => ({ id: sentence.id, text: sentence.text })) });
  }
  if (task.kind === "summarize") {
    const answer = JSON.parse(content) as { headline: string; summary: string; key_points: string[] };
    const sentences = task.article.split(/(?<=[.!?])\s+/).filter((sentence) => sentence.trim());
    return JSON.stringify({ ...answer, headline: sentences[0] ?? task.article, summary: sentences.slice(1, 3).join(" ") || task.article });
  }
  return content;
}
