import type { ModelConfig } from "../config/schema.js";
import { createOllamaModel } from "./ollama.js";
import type { Model } from "./types.js";

/**
 * Builds the provider for a configured model. The OpenAI provider (LangChain) is imported only
 * when a pipeline uses it, so commands that never call a model stay fast.
 */
export async function createModel(config: ModelConfig, timeoutMs: number, environment: NodeJS.ProcessEnv = process.env): Promise<Model> {
  if (config.kind === "ollama") {
    return createOllamaModel({
      host: config.host,
      model: config.model,
      timeoutMs: config.timeout ?? timeoutMs,
      contextSize: config.context_size,
      keepAlive: config.keep_alive,
    });
  }
  const { createOpenAIModel } = await import("./openai.js");
  return createOpenAIModel({
    baseURL: config.base_url,
    model: config.model,
    apiKey: environment[config.api_key_env],
    apiKeyVariable: config.api_key_env,
    timeoutMs: config.timeout ?? timeoutMs,
    strict: config.strict,
  });
}

/** "ollama qwen2.5:7b @ http://127.0.0.1:11434" */
export function describeModel(config: ModelConfig): string {
  return `${config.kind} ${config.model} @ ${config.kind === "ollama" ? config.host : config.base_url}`;
}
