import { redact } from "../common/redact.js";
import PQueue from "p-queue";
import { isPrevodError, PrevodError } from "../errors.js";
import { overrideRun, type Plan } from "../graph/plan.js";
import { createHostPool, type HostFigures, type HostPool } from "../models/host-pool.js";
import { withCache } from "../middleware/cache.js";
import { withLimit } from "../middleware/limit.js";
import { withRecord } from "../middleware/record.js";
import { withReplay } from "../middleware/replay.js";
import { createOutageBreaker, type OutageBreaker } from "../middleware/outage.js";
import { withRetry } from "../middleware/retry.js";
import type { Model, ModelMiddleware } from "../models/types.js";
import { createEndpointModel } from "./create-model.js";
import { registerEnvironmentSecrets, registerUrlSecrets } from "../common/redact.js";
import type { RunEventListener } from "./events.js";

export interface ModelStackOptions {
  record?: string;
  replay?: string;
  onEvent?: RunEventListener;
  environment?: NodeJS.ProcessEnv;
  /**
   * Called with an error no retry can cure (a refused option, no quota, a model gone): the run
   * stops with one message instead of failing every article on its own.
   */
  onStop?: (error: PrevodError, modelName: string) => void;
}

export interface ModelStack {
  /** The wrapped model for each model name the plan uses. */
  models: Map<string, Model>;
  /** The bare providers, for the preflight check (empty when replaying). */
  providers: Map<string, Model>;
  /** The per-endpoint queues, for idle checks and statistics. */
  queues: Map<string, PQueue>;
  /** The per-endpoint outage breakers. */
  breakers: Map<string, OutageBreaker>;
  /** The pools of the models with several hosts, by model name: their per-host figures. */
  pools: Map<string, HostPool>;
}

/**
 * Wraps each model the plan uses, outermost first: stop ▸ retry ▸ record ▸ cache ▸ outage ▸ limit ▸
 * provider. The limit (p-queue, `parallel` slots per endpoint) is innermost, so cache hits and
 * backoff sleeps never hold a slot; the outage breaker sits above it, so calls waiting out an
 * outage hold no slot either. Names for the same model on the same endpoint share one queue
 * (Ollama's parallel slots are per loaded model). With --replay, answers come only from
 * recordings and no provider is built. The answer cache is on when the plan's run says so.
 */
export async function buildModelStack(plan: Plan, options: ModelStackOptions): Promise<ModelStack> {
  const used = new Set(plan.steps.map((step) => step.model).filter((name): name is string => name !== undefined));
  const models = new Map<string, Model>();
  const providers = new Map<string, Model>();
  const queues = new Map<string, PQueue>();
  const breakers = new Map<string, OutageBreaker>();
  const pools = new Map<string, HostPool>();
  const poolsByEndpoint = new Map<string, HostPool>();
  const notice = (message: string) => options.onEvent?.({ type: "notice", message });
  const retry = withRetry({
    retries: plan.run.retries,
    onRetry: ({ attempt, delayMs, error, call }) =>
      options.onEvent?.({ type: "retry", articleId: call.origin?.articleId, step: call.origin?.step, target: call.origin?.target, attempt, delayMs, reason: error.message }),
  });

  for (const name of used) {
    const planned = plan.endpoints[name]!;
    // Whatever reaches a file or a stream is redacted; these are the credentials it must know by value.
    for (const host of planned.hosts) registerUrlSecrets(host.url);
    if (planned.kind === "openai") registerEnvironmentSecrets(options.environment ?? process.env, [planned.apiKeyEnv]);
    if (options.replay) {
      const endpoint = planned.hosts.map((host) => host.url).join(", ");
      models.set(name, withReplay({ dir: options.replay })({ provider: planned.kind, modelId: planned.model, endpoint }));
      continue;
    }
    if (planned.hosts.length > 1) {
      // A pool: its own slots per host, cool-down and re-sending in place of limit and outage.
      const key = `${planned.hosts.map((host) => host.url).join(", ")}|${planned.model}`;
      let pool = poolsByEndpoint.get(key);
      if (!pool) {
        const hosts = await Promise.all(
          planned.hosts.map(async (host) => ({
            model: await createEndpointModel(planned, host.url, options.environment, notice),
            parallel: host.parallel,
            queueAhead: host.queueAhead,
            weight: host.weight,
          })),
        );
        const modelName = name;
        pool = createHostPool({
          label: `${planned.kind} ${planned.model}`,
          hosts,
          balance: planned.balance,
          outageLimitMs: planned.outageLimitMs,
          onNotice: notice,
          onWarning: (message) => options.onEvent?.({ type: "warning", message }),
          onHostChange: (figures: HostFigures) => options.onEvent?.({ type: "host", model: modelName, ...figures }),
        });
        poolsByEndpoint.set(key, pool);
      }
      pools.set(name, pool);
      providers.set(name, pool.model);
      let model = pool.model;
      if (plan.run.cache) model = withCache({ dir: plan.cacheDir })(model);
      if (options.record) model = withRecord({ dir: options.record })(model);
      models.set(name, withStop(name, options.onStop)(retry(model)));
      continue;
    }
    const provider = await createEndpointModel(planned, planned.hosts[0]!.url, options.environment, notice);
    providers.set(name, provider);
    const endpointKey = `${provider.endpoint}|${provider.modelId}`;
    let queue = queues.get(endpointKey);
    if (!queue) {
      // Ollama queues what its slots cannot take yet; OpenAI-compatible endpoints get exactly `parallel`.
      const host = planned.hosts[0]!;
      queue = new PQueue({ concurrency: host.parallel + host.queueAhead });
      queues.set(endpointKey, queue);
    }
    let breaker = breakers.get(provider.endpoint);
    if (!breaker) {
      breaker = createOutageBreaker(`${planned.kind} at ${provider.endpoint}`, { limitMs: planned.outageLimitMs, onNotice: notice });
      breakers.set(provider.endpoint, breaker);
    }
    let model = breaker.middleware(withLimit(queue)(provider));
    if (plan.run.cache) model = withCache({ dir: plan.cacheDir })(model);
    if (options.record) model = withRecord({ dir: options.record })(model);
    models.set(name, withStop(name, options.onStop)(retry(model)));
  }
  return { models, providers, queues, breakers, pools };
}

/** Reports an error that must stop the run, then lets it fail its own call as usual. */
function withStop(name: string, onStop: ModelStackOptions["onStop"]): ModelMiddleware {
  return (model) => ({
    ...model,
    async generate(call) {
      try {
        return await model.generate(call);
      } catch (error) {
        if (isPrevodError(error) && error.stopsRun) onStop?.(error, name);
        throw error;
      }
    },
  });
}

/**
 * Loads every model before the first article, under each model's own load limit, so a cold start
 * (10–60 s on a GPU, minutes on a CPU) is neither a timeout nor a dropped half-finished load.
 */
export async function warmup(stack: ModelStack, signal?: AbortSignal, explain: (error: PrevodError, modelName: string) => PrevodError = (error) => error): Promise<void> {
  const seen = new Set<string>();
  const loads: Promise<void>[] = [];
  for (const [name, provider] of stack.providers) {
    const key = `${provider.endpoint}|${provider.modelId}`;
    if (seen.has(key) || !provider.warmup) continue;
    seen.add(key);
    loads.push(
      provider.warmup(signal).catch((error: unknown) => {
        throw isPrevodError(error) ? explain(error, name) : error;
      }),
    );
  }
  await Promise.all(loads);
}

/** The identities of the models that answer, in a stable order: what a state entry remembers. */
export function modelIdentities(stack: ModelStack): string | undefined {
  if (stack.providers.size === 0) return undefined;
  const identities = [...stack.providers.entries()].map(([name, provider]) => `${name}=${provider.identity?.() ?? `${provider.provider} ${provider.modelId} @ ${provider.endpoint}`}`);
  // Redacted here, not only where it is written: the identity is stored (prevod.db) and compared
  // with the stored one, so a key in an endpoint URL must not make every run "model changed".
  return redact(identities.sort().join("; "));
}

/**
 * Checks every endpoint once before any article runs. Each problem is one line; all are thrown
 * together so a user fixes them in one go.
 */
export async function preflight(stack: ModelStack, signal?: AbortSignal): Promise<void> {
  const checked = new Set<string>();
  const checks: Promise<void>[] = [];
  for (const provider of stack.providers.values()) {
    const key = `${provider.endpoint}|${provider.modelId}`;
    if (checked.has(key) || !provider.preflight) continue;
    checked.add(key);
    checks.push(provider.preflight(signal));
  }
  const results = await Promise.allSettled(checks);
  const failures = results.filter((result): result is PromiseRejectedResult => result.status === "rejected").map((result) => result.reason as unknown);
  if (failures.length === 1) throw failures[0];
  if (failures.length > 1) {
    const first = failures[0];
    const code = isPrevodError(first) ? first.code : "MODEL_UNREACHABLE";
    throw new PrevodError(code, failures.map((failure) => (failure instanceof Error ? failure.message : String(failure))).join("\n"));
  }
}

/**
 * The identities of the plan's models as their servers report them now, for `prevod status`:
 * undefined when a server does not answer (status then decides without them).
 */
export async function currentIdentities(plan: Plan, environment?: NodeJS.ProcessEnv, signal?: AbortSignal): Promise<string | undefined> {
  const stack = await buildModelStack(overrideRun(plan, { cache: false }), { environment });
  try {
    await preflight(stack, signal);
  } catch {
    return undefined;
  }
  return modelIdentities(stack);
}
