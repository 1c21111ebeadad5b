import { sleep } from "../common/sleep.js";
import { PrevodError, isPrevodError } from "../errors.js";
import type { Model, ModelMiddleware, NoticeListener, ServerState } from "../models/types.js";

export interface OutageOptions {
  /** How long the server may stay unreachable before the run fails. @default 600000 */
  limitMs?: number;
  /** First wait between probes; doubles up to maxProbeMs. @default 500 */
  firstProbeMs?: number;
  /** @default 5000 */
  maxProbeMs?: number;
  onNotice?: NoticeListener;
  /** For tests. @default Date.now */
  now?: () => number;
}

/** The breaker of one endpoint, shared by every model name that uses it. */
export interface OutageBreaker {
  middleware: ModelMiddleware;
  /** True while the endpoint is thought down and calls wait. */
  readonly open: boolean;
  /** Outages seen so far. */
  readonly outages: number;
}

/** Failures that say "the server is not there" (refused, reset, no answer), to be confirmed by a probe. */
const SUSPECT = new Set(["MODEL_UNREACHABLE", "MODEL_TIMEOUT", "MODEL_LOADING"]);

/**
 * A circuit breaker per endpoint. When a call fails as unreachable (or times out, or meets a
 * model still loading), the server is probed: if it answers, the failure goes on to the retry
 * middleware as usual; if it does not, the breaker opens — new calls wait instead of burning
 * their retries, the server is probed with backoff, the user is told once ("… unreachable since
 * 12:03, waiting…"), and every waiting call is sent again when it answers. The run fails only
 * when the outage outlasts its limit. Calls re-sent after an outage do not use up retries.
 */
export function createOutageBreaker(endpointLabel: string, options: OutageOptions = {}): OutageBreaker {
  const limitMs = options.limitMs ?? 600_000;
  const firstProbe = options.firstProbeMs ?? 500;
  const maxProbe = options.maxProbeMs ?? 5000;
  const now = options.now ?? Date.now;
  let outage: Promise<void> | undefined;
  let outages = 0;
  let probeModel: Model | undefined;

  const probe = async (signal?: AbortSignal): Promise<ServerState> => {
    if (!probeModel?.probe) return "ready";
    try {
      return await probeModel.probe(signal);
    } catch {
      return "down";
    }
  };

  /** Opens the breaker (once per outage) and resolves when the server answers again. */
  const waitOut = (reason: string, since: number): Promise<void> => {
    if (outage) return outage;
    outages++;
    const clock = new Date(since).toTimeString().slice(0, 5);
    const upTo = limitMs >= 60_000 ? `${Math.round(limitMs / 60_000)} min` : `${Math.round(limitMs / 1000)} s`;
    options.onNotice?.(`${endpointLabel} unreachable since ${clock} (${reason}), waiting up to ${upTo}…`);
    outage = (async () => {
      try {
        for (let wait = firstProbe; ; wait = Math.min(wait * 2, maxProbe)) {
          if (now() - since > limitMs) {
            throw new PrevodError("MODEL_UNREACHABLE", `${endpointLabel} stayed unreachable for ${Math.round((now() - since) / 1000)} s (${reason}); the outage limit is ${Math.round(limitMs / 1000)} s (outage_limit in pipeline.yaml)`, {
              details: { endpoint: endpointLabel, reason },
              stopsRun: true,
            });
          }
          await sleep(wait);
          if ((await probe()) !== "down") break;
        }
        options.onNotice?.(`${endpointLabel} answers again after ${Math.round((now() - since) / 1000)} s; resuming`);
      } finally {
        outage = undefined;
      }
    })();
    return outage;
  };

  const middleware: ModelMiddleware = (model) => {
    probeModel ??= model;
    return {
      ...model,
      async generate(call) {
        for (;;) {
          if (outage) await abortable(outage, call.signal);
          try {
            return await model.generate(call);
          } catch (error) {
            if (!isPrevodError(error) || !SUSPECT.has(error.code) || call.signal?.aborted || error.stopsRun) throw error;
            const since = now();
            const state = await probe(call.signal);
            if (state === "ready") throw error;
            if (state === "loading") {
              // llama.cpp after a restart: 503 until the model is in memory; wait like an outage.
              await abortable(waitOut("loading its model", since), call.signal);
              continue;
            }
            const code = error.details.code;
            await abortable(waitOut(typeof code === "string" ? code : error.code === "MODEL_TIMEOUT" ? "no answer" : "no connection", since), call.signal);
          }
        }
      },
    };
  };

  return {
    middleware,
    get open() {
      return outage !== undefined;
    },
    get outages() {
      return outages;
    },
  };
}


function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(new PrevodError("ABORTED", "the run was interrupted"));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new PrevodError("ABORTED", "the run was interrupted"));
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}
