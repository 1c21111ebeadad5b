import { answerFromSchema } from "./schema-answer.js";
import type { SimRequest } from "./types.js";

/**
 * The answer when a test plugs in none: schema-valid JSON built from the request's schema,
 * a small JSON object in JSON mode, else a sentence that says what it is. The request's seed
 * picks the variant (the same seed gives the same answer).
 */
export function defaultAnswer(request: SimRequest): string {
  const seed = request.options.seed ?? 0;
  if (request.schema) return JSON.stringify(answerFromSchema(request.schema, seed));
  const lastUser = request.messages.findLast((message) => message.role === "user")?.content ?? "";
  const excerpt = Array.from(lastUser.replace(/\s+/g, " ").trim()).slice(0, 60).join("");
  if (request.jsonMode) return JSON.stringify({ answer: "simulated", seed, excerpt });
  return `Simulated answer (seed ${seed}), not a model's: ${excerpt}`;
}
