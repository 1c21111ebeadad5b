import type { ModelConfig } from "../config/schema.js";
import { planEndpoint } from "../graph/plan.js";
import { createOllamaModel } from "../models/ollama.js";
import type { Model, NoticeListener } from "../models/types.js";

/**
 * Builds the provider for a configured model: the one place where pipeline.yaml's snake_case
 * settings become a provider's options. The OpenAI provider (LangChain) is imported only when a
 * pipeline uses it, so commands that never call a model stay fast.
 */
export async function createModel(
  config: ModelConfig,
  defaultTimeoutMs: number,
  environment: NodeJS.ProcessEnv = process.env,
  onNotice?: NoticeListener,
  /** One host of a pool, instead of the model's `host` / `base_url`. */
  url?: string,
): Promise<Model> {
  const limits = {
    think: config.think,
    omit: config.omit,
    timeoutMs: config.timeout ?? defaultTimeoutMs,
    idleTimeoutMs: config.idle_timeout,
    loadTimeoutMs: config.load_timeout,
    onNotice,
  };
  if (config.kind === "ollama") {
    return createOllamaModel({ host: url ?? config.host, model: config.model, contextSize: config.context_size, keepAlive: config.keep_alive, ...limits });
  }
  const { createOpenAIModel } = await import("../models/openai.js");
  return createOpenAIModel({
    baseURL: url ?? config.base_url,
    model: config.model,
    apiKey: environment[config.api_key_env],
    apiKeyVariable: config.api_key_env,
    strict: config.strict,
    ...limits,
  });
}

/** "ollama qwen2.5:7b @ http://127.0.0.1:11434", or "… @ 3 hosts (least-busy): http://gpu1:11434, …" */
export function describeModel(config: ModelConfig): string {
  const hosts = planEndpoint(config).hosts;
  if (hosts.length === 1) return `${config.kind} ${config.model} @ ${hosts[0]!.url}`;
  return `${config.kind} ${config.model} @ ${hosts.length} hosts (${config.balance}): ${hosts.map((host) => `${host.url} ×${host.parallel}${host.weight !== 1 ? ` weight ${host.weight}` : ""}`).join(", ")}`;
}

/** "1 parallel, think false, omits seed, context 8192, output cap …": what `prevod validate` shows per model. */
export function describeModelSettings(config: ModelConfig, maxOutputTokens: number | undefined): string {
  const parts = [
    `${config.parallel} parallel`,
    `think ${config.think}`,
    config.omit.length > 0 ? `omits ${config.omit.join(", ")}` : "sends every option",
    config.kind === "ollama" ? `context ${config.context_size} (grows when a prompt needs more)` : "context set on the server",
    config.omit.includes("max_output_tokens") ? "no output cap sent" : maxOutputTokens !== undefined ? `output cap ${maxOutputTokens} tokens` : "output cap per call: 3× the request + 512, less for summaries and quotes",
  ];
  return parts.join(", ");
}
