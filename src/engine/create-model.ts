import type { ModelConfig } from "../config/schema.js";
import { planEndpoint, type PlannedEndpoint } from "../graph/plan.js";
import { createOllamaModel } from "../models/ollama.js";
import type { Model, NoticeListener } from "../models/types.js";

/**
 * Builds the provider of a planned endpoint for one of its hosts: the one place where the plan's
 * resolved settings become a provider's options. The OpenAI provider (LangChain) is imported only
 * when a pipeline uses it, so commands that never call a model stay fast.
 */
export async function createEndpointModel(endpoint: PlannedEndpoint, url: string, environment: NodeJS.ProcessEnv = process.env, onNotice?: NoticeListener): Promise<Model> {
  const limits = {
    think: endpoint.think,
    omit: endpoint.omit,
    timeoutMs: endpoint.timeoutMs,
    idleTimeoutMs: endpoint.idleTimeoutMs,
    loadTimeoutMs: endpoint.loadTimeoutMs,
    onNotice,
  };
  if (endpoint.kind === "ollama") {
    return createOllamaModel({ host: url, model: endpoint.model, contextSize: endpoint.contextSize, keepAlive: endpoint.keepAlive, ...limits });
  }
  const { createOpenAIModel } = await import("../models/openai.js");
  return createOpenAIModel({
    baseURL: url,
    model: endpoint.model,
    apiKey: environment[endpoint.apiKeyEnv],
    apiKeyVariable: endpoint.apiKeyEnv,
    strict: endpoint.strict,
    ...limits,
  });
}

/** The provider for a configured model (library use): its endpoint planned as buildPlan would, on its first host or `url`. */
export async function createModel(
  config: ModelConfig,
  defaultTimeoutMs: number,
  environment: NodeJS.ProcessEnv = process.env,
  onNotice?: NoticeListener,
  /** One host of a pool, instead of the model's `host` / `base_url`. */
  url?: string,
): Promise<Model> {
  const endpoint = planEndpoint(config, { timeoutMs: defaultTimeoutMs });
  return createEndpointModel(endpoint, url ?? endpoint.hosts[0]!.url, environment, onNotice);
}

/** "ollama qwen2.5:7b @ http://127.0.0.1:11434", or "… @ 3 hosts (least-busy): http://gpu1:11434, …" */
export function describeModel(endpoint: PlannedEndpoint): string {
  const hosts = endpoint.hosts;
  if (hosts.length === 1) return `${endpoint.kind} ${endpoint.model} @ ${hosts[0]!.url}`;
  return `${endpoint.kind} ${endpoint.model} @ ${hosts.length} hosts (${endpoint.balance}): ${hosts.map((host) => `${host.url} ×${host.parallel}${host.weight !== 1 ? ` weight ${host.weight}` : ""}`).join(", ")}`;
}

/** "1 parallel, think false, omits seed, context 8192, output cap …": what `prevod validate` shows per model. */
export function describeModelSettings(endpoint: PlannedEndpoint, maxOutputTokens: number | undefined): string {
  const parts = [
    `${endpoint.hosts.reduce((sum, host) => sum + host.parallel, 0)} parallel`,
    `think ${endpoint.think}`,
    endpoint.omit.length > 0 ? `omits ${endpoint.omit.join(", ")}` : "sends every option",
    endpoint.kind === "ollama" ? `context ${endpoint.contextSize} (grows when a prompt needs more)` : "context set on the server",
    endpoint.omit.includes("max_output_tokens") ? "no output cap sent" : maxOutputTokens !== undefined ? `output cap ${maxOutputTokens} tokens` : "output cap per call: 3× the request + 512, less for summaries and quotes",
  ];
  return parts.join(", ");
}
