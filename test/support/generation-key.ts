import { createHash } from "node:crypto";
import { cacheKey } from "../../src/middleware/cache.js";
import { callKey } from "../../src/middleware/call-key.js";
import type { LoggedRequest } from "./sim/index.js";

type GenerationBody = {
  model: string;
  messages: Array<{ role: "system" | "user" | "assistant"; content: string }>;
  format?: { properties?: Record<string, unknown> };
  options?: { temperature?: number; seed?: number; num_predict?: number };
};

/**
 * The cache key (call-key.ts) of a logged Ollama generation request from prevod: the key of its
 * answer in `<out>/.cache/<first two>/<key>.json`, and equal for two requests that asked for the
 * same answer. The schema name is not sent over the wire; prevod's step kinds each use one,
 * told apart here by the schema's properties.
 */
export function generationKey(request: LoggedRequest): string {
  return callKey(...modelAndCall(request));
}

/**
 * The key of the request's answer in `<out>/.cache/<first two>/<key>.json`: the call bound to the
 * model's identity, which the Ollama simulator gives as the sha256 of the model's name.
 */
export function cachedAnswerKey(request: LoggedRequest, endpoint: string): string {
  const [model, call] = modelAndCall(request);
  const digest = createHash("sha256").update(model.modelId).digest("hex");
  return cacheKey({ ...model, endpoint, identity: () => `ollama ${model.modelId} ${digest}` }, call);
}

function modelAndCall(request: LoggedRequest): Parameters<typeof callKey> {
  const body = request.body as GenerationBody;
  const properties = body.format?.properties ?? {};
  const schemaName = "translations" in properties ? "translations" : "headline" in properties ? "summary" : "quotes" in properties ? "quotes" : undefined;
  return [
    { provider: "ollama", modelId: body.model },
    {
      messages: body.messages,
      schema: body.format,
      schemaName,
      options: { temperature: body.options?.temperature, seed: body.options?.seed, maxOutputTokens: body.options?.num_predict },
    },
  ];
}
