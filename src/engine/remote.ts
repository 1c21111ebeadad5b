import { PrevodError } from "../errors.js";
import type { Plan } from "../graph/plan.js";
import type { Article } from "../inputs/types.js";
import type { Model } from "../models/types.js";
import type { RunEventListener } from "./events.js";
import type { ModelStack } from "./model-stack.js";
import type { ProcessedArticle } from "./process-article.js";

/**
 * Articles processed somewhere else (queue/coordinator.ts: by workers through Redis). The run
 * reads the inputs, decides what runs, and writes every output as usual; only processArticle is
 * replaced, and the coordinator builds no model of its own.
 */
export interface RemoteArticles {
  /** Resolves with what processArticle would have returned; rejects with ABORTED when the signal aborts. */
  process(article: Article, index: number, signal: AbortSignal, onEvent: RunEventListener): Promise<ProcessedArticle>;
  /** Articles handed out at once (the workers' own concurrency decides how many run). */
  inFlight: number;
}

/** The coordinator's model stack: the plan's model names, none of them callable, no endpoint to check. */
export function remoteStack(plan: Plan): ModelStack {
  const models = new Map<string, Model>();
  for (const name of new Set(plan.steps.map((step) => step.model).filter((name): name is string => name !== undefined))) {
    const endpoint = plan.endpoints[name]!;
    models.set(name, {
      provider: endpoint.kind,
      modelId: endpoint.model,
      endpoint: endpoint.hosts.map((host) => host.url).join(", "),
      generate: () => Promise.reject(new PrevodError("QUEUE", `model ${name}: a coordinator (--queue) calls no model; its workers do`)),
    });
  }
  return { models, providers: new Map(), queues: new Map(), breakers: new Map(), pools: new Map() };
}
