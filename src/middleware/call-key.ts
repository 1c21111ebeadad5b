import { createHash } from "node:crypto";
import { schemaToSend } from "../models/request-size.js";
import type { Model, ModelCall } from "../models/types.js";

/**
 * The identity of a model call: provider, model, messages, schema and the sampling options that
 * change an answer. The context size, signal and origin are left out (they do not change what a
 * model says). Used by the cache, recordings and replay.
 */
export function callKey(model: Pick<Model, "provider" | "modelId">, call: ModelCall): string {
  const identity = {
    v: 1,
    provider: model.provider,
    model: model.modelId,
    messages: call.messages.map((message) => [message.role, message.content]),
    schema: schemaToSend(call.schema) ?? null,
    schemaName: call.schemaName ?? null,
    temperature: call.options.temperature ?? null,
    seed: call.options.seed ?? null,
    maxOutputTokens: call.options.maxOutputTokens ?? null,
  };
  return createHash("sha256").update(JSON.stringify(identity)).digest("hex");
}
