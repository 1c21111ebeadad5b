import { PrevodError, isPrevodError } from "../errors.js";
import type { Model, ModelAnswer, ModelCall, NoticeListener, ServerState } from "./types.js";

/** One server of a pool, with its own provider (same model, same protocol) and slots. */
export interface PoolHostSpec {
  /** The provider for this host alone. */
  model: Model;
  /** Requests the server runs at once. */
  parallel: number;
  /** Requests sent beyond `parallel`, to wait in the server's own queue (Ollama). @default 0 */
  queueAhead?: number;
  /** Preference among hosts equally busy, and the share in round-robin. @default 1 */
  weight?: number;
}

export type Balance = "least-busy" | "round-robin";

export interface HostPoolOptions {
  /** "ollama qwen2.5:7b": how messages name the pool. */
  label: string;
  hosts: PoolHostSpec[];
  /** @default "least-busy" */
  balance?: Balance;
  /** How long no host may answer before every waiting call fails and the run stops. @default 600000 */
  outageLimitMs?: number;
  /** First cool-down of a failing host; doubles with each cool-down in a row. @default 1000 */
  firstCooldownMs?: number;
  /** @default 30000 */
  maxCooldownMs?: number;
  /** Server errors (5xx) in a row that cool a host down. @default 3 */
  burst?: number;
  /** A host cooled down, probed back in. */
  onNotice?: NoticeListener;
  /** A host left out at preflight. */
  onWarning?: NoticeListener;
  /** Called after each change of a host's state or failure count (for the progress line). */
  onHostChange?: (figures: HostFigures) => void;
  /** For tests. @default Date.now */
  now?: () => number;
}

/** What run.json and the progress line show per host. */
export interface HostFigures {
  url: string;
  parallel: number;
  weight: number;
  /** up: takes calls; cooling: failed, probed back in after a pause; left-out: not used this run. */
  state: "up" | "cooling" | "left-out";
  /** Calls sent to this host. */
  calls: number;
  /** Of those, answered. */
  ok: number;
  /** Calls that failed on this host (refused, reset, timed out, 5xx). */
  failures: number;
  /** Calls taken back from this host when it was cooled down and sent to another. */
  resent: number;
  /** Sum over its calls of the time they were in flight, in ms. */
  busy_ms: number;
  cooldowns: number;
  /** Calls in flight on the host each time it was taken out (cooled down), added up: `resent` is at most this. */
  in_flight_at_cooldown: number;
  /** Why it was left out or last cooled down. */
  reason?: string;
}

export interface HostPool {
  /** The pool as one model: same contract as a single provider. */
  model: Model;
  figures(): HostFigures[];
}

/** Weight of the newest call in a host's moving average of call time. */
const CALL_TIME_SMOOTHING = 0.2;

/** Idle time after which a host's measured call time no longer counts (see measuredCallMs). */
const STALE_AFTER_MS = 10_000;

/** Failures that say "this host is not there" (refused, reset, no answer, loading): probed at once. */
const GONE = new Set(["MODEL_UNREACHABLE", "MODEL_TIMEOUT", "MODEL_LOADING"]);

interface Job {
  call: ModelCall;
  priority: number;
  /** Arrival order: among equal priorities the older goes first, re-sent ones too. */
  seq: number;
  resolve: (answer: ModelAnswer) => void;
  reject: (error: unknown) => void;
  /** Round-robin: the host it waits for. */
  host?: HostState;
}

interface Running {
  job: Job;
  host: HostState;
  controller: AbortController;
  startedAt: number;
  /** The same on `now`, for the host's call time. */
  startedAtClock: number;
  /** Started on a free slot: its duration is the host's call time, not time in the server's queue. */
  freeSlot: boolean;
  /** Started while the host's call time was stale: its duration replaces it. */
  stale: boolean;
  /** Set when the host was cooled down under it: its failure is a re-send, not an error. */
  resend: boolean;
}

interface HostState {
  spec: PoolHostSpec;
  url: string;
  parallel: number;
  capacity: number;
  weight: number;
  /** Passed preflight (its identity is known and matches the pool's). */
  checked: boolean;
  state: "up" | "suspect" | "cooling" | "left-out";
  running: Set<Running>;
  /** Round-robin only: calls given to this host that wait for one of its slots. */
  waiting: Job[];
  calls: number;
  ok: number;
  failures: number;
  resent: number;
  busyMs: number;
  cooldowns: number;
  inFlightAtCooldown: number;
  reason?: string;
  /** Server errors in a row. */
  inARow: number;
  cooldownMs: number;
  timer?: NodeJS.Timeout;
  /** The probe under way after a failure that looked like the host is gone. */
  probing?: Promise<ServerState>;
  /** Smooth weighted round-robin's running weight. */
  current: number;
  /** Calls in flight when a failure took it out of use, before the probe confirmed it. */
  takenOutWith: number;
  /** Least-busy: moving average of its answered calls' durations (ms); undefined until one answers. */
  callMs?: number;
  /** When its last call ended (on `now`): a measurement grows stale while the host is left idle. */
  lastEndAt: number;
  /** Least-busy, during one dispatch pass: calls held back in the queue for this host. */
  reserved: number;
}

/**
 * Several servers of one model as one model. Each call goes to the least-busy host with a free
 * slot (fewest calls running per slot and weight) or, with `round-robin`, to each host in turn.
 * Calls no host can take yet wait in one queue, earlier articles first. A host that is refused,
 * reset, times out or answers 5xx `burst` times in a row is cooled down: no call goes to it, the
 * calls in flight on it are taken back and sent to the others, and after a pause (doubling each
 * time, up to maxCooldownMs) it is probed and, when it answers, takes calls again. Only when no
 * host has answered for outageLimitMs do the waiting calls fail (and stop the run).
 *
 * The answers' identity is the model's, not a host's: hosts whose weights differ from the first
 * host's (another digest) are left out at preflight, so one cache serves the whole pool.
 */
export function createHostPool(options: HostPoolOptions): HostPool {
  if (options.hosts.length === 0) throw new Error("a host pool needs at least one host");
  const balance = options.balance ?? "least-busy";
  const outageLimitMs = options.outageLimitMs ?? 600_000;
  const firstCooldown = options.firstCooldownMs ?? 1000;
  const maxCooldown = options.maxCooldownMs ?? 30_000;
  const burst = options.burst ?? 3;
  const now = options.now ?? Date.now;
  const hosts: HostState[] = options.hosts.map((spec) => ({
    spec,
    url: spec.model.endpoint,
    parallel: spec.parallel,
    capacity: spec.parallel + (spec.queueAhead ?? 0),
    weight: spec.weight ?? 1,
    checked: !spec.model.preflight,
    state: "up",
    running: new Set(),
    waiting: [],
    calls: 0,
    ok: 0,
    failures: 0,
    resent: 0,
    busyMs: 0,
    cooldowns: 0,
    inFlightAtCooldown: 0,
    inARow: 0,
    cooldownMs: 0,
    current: 0,
    takenOutWith: 0,
    reserved: 0,
    lastEndAt: 0,
  }));
  const first = options.hosts[0]!.model;
  /** Calls waiting for any host (least-busy), by priority then arrival. */
  const queue: Job[] = [];
  let seq = 0;
  let identity: string | undefined;
  /** When the last host that took calls went down; undefined while one is up. */
  let allDownSince: number | undefined;
  let stopped: PrevodError | undefined;

  const figuresOf = (host: HostState): HostFigures => ({
    url: host.url,
    parallel: host.parallel,
    weight: host.weight,
    state: host.state === "suspect" ? "up" : host.state,
    calls: host.calls,
    ok: host.ok,
    failures: host.failures,
    resent: host.resent,
    busy_ms: Math.round(host.busyMs),
    cooldowns: host.cooldowns,
    in_flight_at_cooldown: host.inFlightAtCooldown,
    ...(host.reason ? { reason: host.reason } : {}),
  });
  const changed = (host: HostState) => options.onHostChange?.(figuresOf(host));

  const usable = (host: HostState) => host.state === "up";
  const load = (host: HostState) => (host.running.size + host.reserved) / (host.parallel * host.weight);

  /**
   * Least-busy: the host where a call is expected to finish first. A host's call time is the
   * moving average of its answered calls (hosts not measured yet count as the fastest measured
   * one, so each gets measured). On a host with a free slot a call takes that time; on a full
   * host it first waits for the calls ahead of it, at `parallel` calls per call time. Among equal
   * expectations (no host measured yet, or hosts equally fast) the host with the fewest calls per
   * slot and weight wins.
   */
  /**
   * A host's call time, unless it is stale: a host found slow once (a fluke, a load) and then left
   * idle would never be measured again; after STALE_AFTER_MS idle it counts as not measured, takes
   * a call when one waits, and is measured afresh.
   */
  const measuredCallMs = (host: HostState): number | undefined =>
    host.callMs !== undefined && host.running.size === 0 && now() - host.lastEndAt > Math.max(STALE_AFTER_MS, 4 * host.callMs) ? undefined : host.callMs;

  const expectedFinish = (host: HostState, ahead: number, fastest: number | undefined) => {
    const callMs = measuredCallMs(host) ?? fastest ?? 1;
    return ahead < host.parallel ? callMs : callMs * (1 + (ahead - host.parallel + 1) / host.parallel);
  };

  /**
   * Assigns waiting calls, oldest first. A call whose best host has no free slot stays in the queue,
   * held for that host (it counts as one more call ahead there), and the next call is considered:
   * a slow host with a free slot takes a call only when every faster host's queue is longer than
   * the slow host's call time. A pass looks at a bounded number of calls.
   */
  const dispatchLeastBusy = () => {
    let fastest: number | undefined;
    for (const host of hosts) {
      const callMs = measuredCallMs(host);
      if (usable(host) && callMs !== undefined && (fastest === undefined || callMs < fastest)) fastest = callMs;
    }
    const limit = 4 * hosts.reduce((sum, host) => sum + host.capacity, 0) + 16;
    let position = 0;
    for (let looked = 0; position < queue.length && looked < limit; looked++) {
      let best: HostState | undefined;
      let bestFinish = Number.POSITIVE_INFINITY;
      let startable = false;
      for (const host of hosts) {
        if (!usable(host)) continue;
        const ahead = host.running.size + host.reserved;
        const finish = expectedFinish(host, ahead, fastest);
        // Ties: fewer calls per slot and weight, then more slots × weight, then the one listed first.
        if (finish < bestFinish || (finish === bestFinish && best && (load(host) < load(best) || (load(host) === load(best) && host.parallel * host.weight > best.parallel * best.weight)))) {
          best = host;
          bestFinish = finish;
          startable = host.reserved === 0 && host.running.size < host.capacity;
        }
      }
      if (!best) break;
      if (startable) start(queue.splice(position, 1)[0]!, best);
      else {
        best.reserved++;
        position++;
      }
      if (!hosts.some((host) => usable(host) && host.reserved === 0 && host.running.size < host.capacity)) break;
    }
    for (const host of hosts) host.reserved = 0;
  };

  /** Round-robin (nginx's smooth weighted round-robin): the next usable host in turn, free or not. */
  const nextInTurn = (): HostState | undefined => {
    const candidates = hosts.filter(usable);
    if (candidates.length === 0) return undefined;
    const total = candidates.reduce((sum, host) => sum + host.weight, 0);
    let best = candidates[0]!;
    for (const host of candidates) {
      host.current += host.weight;
      if (host.current > best.current) best = host;
    }
    best.current -= total;
    return best;
  };

  const insert = (list: Job[], job: Job) => {
    // Binary search for the first job that goes after this one.
    let low = 0;
    let high = list.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      const other = list[middle]!;
      if (other.priority > job.priority || (other.priority === job.priority && other.seq < job.seq)) low = middle + 1;
      else high = middle;
    }
    list.splice(low, 0, job);
  };

  /** One abort listener per signal (the run's), not per call: queued calls of an aborted run fail at once. */
  const watched = new WeakSet<AbortSignal>();
  const watch = (signal: AbortSignal | undefined) => {
    if (!signal || watched.has(signal)) return;
    watched.add(signal);
    signal.addEventListener(
      "abort",
      () => {
        const aborted = new PrevodError("ABORTED", "the run was interrupted");
        const sweep = (list: Job[]) => {
          for (let position = list.length - 1; position >= 0; position--) {
            if (list[position]!.call.signal !== signal) continue;
            list.splice(position, 1)[0]!.reject(aborted);
          }
        };
        sweep(queue);
        for (const host of hosts) sweep(host.waiting);
        refreshTimers();
      },
      { once: true },
    );
  };

  const enqueue = (job: Job) => {
    if (balance === "round-robin") {
      const host = nextInTurn();
      if (host) {
        job.host = host;
        insert(host.waiting, job);
        return;
      }
      job.host = undefined;
    }
    insert(queue, job);
  };

  const dispatch = () => {
    if (balance === "round-robin") {
      // Calls that waited while no host was up get a host now.
      if (hosts.some(usable)) for (const job of queue.splice(0)) enqueue(job);
      for (const host of hosts) {
        while (usable(host) && host.running.size < host.capacity && host.waiting.length > 0) start(host.waiting.shift()!, host);
      }
    } else dispatchLeastBusy();
    refreshTimers();
  };

  const waitingCount = () => queue.length + hosts.reduce((sum, host) => sum + host.waiting.length, 0);

  /** Probe timers keep the process alive only while calls wait for a host. */
  const refreshTimers = () => {
    const needed = waitingCount() > 0;
    for (const host of hosts) {
      if (!host.timer) continue;
      if (needed) host.timer.ref();
      else host.timer.unref();
    }
  };

  const start = (job: Job, host: HostState) => {
    if (job.call.signal?.aborted) {
      job.reject(new PrevodError("ABORTED", "the run was interrupted"));
      return;
    }
    const controller = new AbortController();
    const signal = job.call.signal ? AbortSignal.any([job.call.signal, controller.signal]) : controller.signal;
    const running: Running = { job, host, controller, startedAt: performance.now(), startedAtClock: now(), freeSlot: host.running.size < host.parallel, stale: host.callMs !== undefined && measuredCallMs(host) === undefined, resend: false };
    host.running.add(running);
    host.calls++;
    host.spec.model.generate({ ...job.call, signal }).then(
      (answer) => {
        finish(running);
        host.lastEndAt = now();
        if (running.freeSlot) {
          const took = host.lastEndAt - running.startedAtClock;
          host.callMs = host.callMs === undefined || running.stale ? took : host.callMs + CALL_TIME_SMOOTHING * (took - host.callMs);
        }
        host.ok++;
        host.inARow = 0;
        host.cooldownMs = 0;
        job.resolve({ ...answer, host: host.url });
        dispatch();
      },
      (error: unknown) => {
        finish(running);
        void failed(running, error).finally(dispatch);
      },
    );
  };

  const finish = (running: Running) => {
    running.host.running.delete(running);
    running.host.busyMs += performance.now() - running.startedAt;
  };

  const resend = (job: Job, from: HostState) => {
    from.resent++;
    if (stopped) return job.reject(stopped);
    enqueue(job);
  };

  const failed = async (running: Running, error: unknown): Promise<void> => {
    const { job, host } = running;
    if (job.call.signal?.aborted) return job.reject(error);
    if (running.resend) return resend(job, host);
    if (!isPrevodError(error) || error.stopsRun) return job.reject(error);
    const serverError = error.code === "MODEL_HTTP" && typeof error.details.status === "number" && error.details.status >= 500;
    if (!GONE.has(error.code) && !serverError) return job.reject(error);
    host.failures++;
    host.inARow++;
    changed(host);
    if (GONE.has(error.code)) {
      // Taken out at once, before the probe answers, so no new call goes to a host that may be gone.
      if (host.state === "up") {
        host.state = "suspect";
        host.takenOutWith = host.running.size + 1;
      }
      const state = await probeOnce(host);
      if (state === "ready") {
        if (host.state === "suspect") host.state = "up";
        host.takenOutWith = 0;
        return job.reject(error);
      }
      if (host.state === "suspect") coolDown(host, state === "loading" ? "loading its model" : reasonOf(error));
      return resend(job, host);
    }
    if (host.inARow < burst) return job.reject(error);
    if (host.state === "up") coolDown(host, `${host.inARow} server errors in a row`);
    return resend(job, host);
  };

  const probeOnce = (host: HostState): Promise<ServerState> => {
    host.probing ??= probe(host).finally(() => {
      host.probing = undefined;
    });
    return host.probing;
  };

  const probe = async (host: HostState): Promise<ServerState> => {
    if (!host.spec.model.probe) return "ready";
    try {
      return await host.spec.model.probe();
    } catch {
      return "down";
    }
  };

  const coolDown = (host: HostState, reason: string, failing = true) => {
    host.state = "cooling";
    host.cooldowns++;
    host.reason = reason;
    host.cooldownMs = host.cooldownMs === 0 ? firstCooldown : Math.min(maxCooldown, host.cooldownMs * 2);
    // What was in flight when it was taken out: at its first failure (the failing call included).
    host.inFlightAtCooldown += host.takenOutWith || host.running.size + (failing ? 1 : 0);
    host.takenOutWith = 0;
    if (!hosts.some(usable)) allDownSince ??= now();
    const others = hosts.filter(usable).length;
    options.onNotice?.(
      `${options.label}: ${host.url} cooled down for ${seconds(host.cooldownMs)} (${reason})${host.running.size > 0 ? `; its ${host.running.size} call(s) in flight go to ${others > 0 ? "the other hosts" : "the first host back"}` : ""}`,
    );
    // The calls in flight on it are taken back: each fails with ABORTED and is sent again.
    for (const running of host.running) {
      running.resend = true;
      running.controller.abort(new PrevodError("ABORTED", `${host.url} was cooled down`));
    }
    for (const job of host.waiting.splice(0)) enqueue(job);
    scheduleProbe(host);
    changed(host);
  };

  const scheduleProbe = (host: HostState) => {
    clearTimeout(host.timer);
    host.timer = setTimeout(() => void probeBack(host), host.cooldownMs);
    refreshTimers();
  };

  /** After its cool-down: a host that answers (and, if never checked, serves the model) is back. */
  const probeBack = async (host: HostState): Promise<void> => {
    host.timer = undefined;
    if (host.state !== "cooling" || stopped) return;
    let back = false;
    if (!host.checked) {
      try {
        await host.spec.model.preflight?.();
        const problem = identityProblem(host);
        if (problem) return leaveOut(host, problem);
        host.checked = true;
        back = true;
      } catch (error) {
        if (isPrevodError(error, "MODEL_NOT_FOUND")) return leaveOut(host, error.message);
      }
    } else back = (await probe(host)) === "ready";
    if (back) {
      host.state = "up";
      host.inARow = 0;
      // Measured again: it may have come back on other hardware or with its model reloaded.
      host.callMs = undefined;
      host.reason = undefined;
      allDownSince = undefined;
      options.onNotice?.(`${options.label}: ${host.url} answers again; it takes calls`);
      changed(host);
      dispatch();
      return;
    }
    if (allDownSince !== undefined && now() - allDownSince > outageLimitMs) return stop();
    host.cooldownMs = Math.min(maxCooldown, host.cooldownMs * 2);
    scheduleProbe(host);
  };

  const leaveOut = (host: HostState, reason: string) => {
    host.state = "left-out";
    host.reason = reason;
    clearTimeout(host.timer);
    host.timer = undefined;
    options.onWarning?.(`${options.label}: ${host.url} left out of the pool: ${reason}`);
    changed(host);
    if (!hosts.some((other) => other.state !== "left-out")) stop();
  };

  /** No host answered for the outage limit: every waiting call fails, and the run stops. */
  const stop = () => {
    const limit = seconds(outageLimitMs);
    stopped = new PrevodError("MODEL_UNREACHABLE", `no host of ${options.label} answered for ${limit} (${hosts.map((host) => `${host.url}: ${host.reason ?? host.state}`).join("; ")}); the outage limit is ${limit} (outage_limit in pipeline.yaml)`, {
      details: { endpoint: model.endpoint },
      stopsRun: true,
    });
    for (const job of queue.splice(0)) job.reject(stopped);
    for (const host of hosts) {
      clearTimeout(host.timer);
      host.timer = undefined;
      for (const job of host.waiting.splice(0)) job.reject(stopped);
    }
  };

  const baseIdentity = (host: HostState) => stripEndpoint(host.spec.model.identity?.(), host.url);
  const identityProblem = (host: HostState): string | undefined => {
    const own = baseIdentity(host);
    if (identity === undefined) {
      identity = own;
      return undefined;
    }
    return own === identity ? undefined : `it serves other weights (${own ?? "unknown"}, the pool serves ${identity})`;
  };

  const model: Model = {
    provider: first.provider,
    modelId: first.modelId,
    endpoint: hosts.map((host) => host.url).join(", "),
    identity: () => identity,

    generate(call) {
      if (stopped) return Promise.reject(stopped);
      if (call.signal?.aborted) return Promise.reject(new PrevodError("ABORTED", "the run was interrupted"));
      watch(call.signal);
      return new Promise<ModelAnswer>((resolve, reject) => {
        enqueue({ call, priority: call.priority ?? 0, seq: seq++, resolve, reject });
        dispatch();
      });
    },

    /**
     * Checks every host: one without the model (or with other weights) is left out with a
     * warning, one that does not answer starts cooled down and is probed in later. Fails only
     * when no host serves the model.
     */
    async preflight(signal) {
      const results = await Promise.allSettled(hosts.map((host) => host.spec.model.preflight?.(signal)));
      if (signal?.aborted) throw new PrevodError("ABORTED", "the run was interrupted");
      const problems: unknown[] = [];
      results.forEach((result, position) => {
        const host = hosts[position]!;
        if (result.status === "fulfilled") {
          const problem = identityProblem(host);
          if (problem) leaveOutQuietly(host, problem);
          else host.checked = true;
          return;
        }
        problems.push(result.reason);
        const error = result.reason as unknown;
        if (isPrevodError(error, "MODEL_UNREACHABLE")) {
          host.reason = "not reachable at preflight";
          host.state = "cooling";
          host.cooldownMs = firstCooldown;
          host.cooldowns++;
          options.onWarning?.(`${options.label}: ${host.url} does not answer (${error.message}); the run starts without it and probes it again`);
          scheduleProbe(host);
        } else leaveOutQuietly(host, error instanceof Error ? error.message : String(error));
      });
      if (!hosts.some((host) => host.state === "up")) {
        for (const host of hosts) {
          clearTimeout(host.timer);
          host.timer = undefined;
        }
        if (problems.length === 1) throw problems[0];
        const firstProblem = problems[0];
        throw new PrevodError(
          isPrevodError(firstProblem) ? firstProblem.code : "MODEL_UNREACHABLE",
          `no host of ${options.label} can serve it:\n${hosts.map((host) => `  ${host.url}: ${host.reason ?? "left out"}`).join("\n")}`,
        );
      }
      refreshTimers();
    },

    /** Loads the model on every host that is up; a host that fails to load is cooled down. */
    async warmup(signal) {
      const up = hosts.filter(usable);
      const results = await Promise.allSettled(up.map((host) => host.spec.model.warmup?.(signal)));
      if (signal?.aborted) throw new PrevodError("ABORTED", "the run was interrupted");
      const failures = results.flatMap((result, position) => (result.status === "rejected" ? [{ host: up[position]!, error: result.reason as unknown }] : []));
      if (failures.length === up.length && failures.length > 0) throw failures[0]!.error;
      for (const { host, error } of failures) {
        if (isPrevodError(error) && error.stopsRun && !GONE.has(error.code)) leaveOut(host, error.message);
        else coolDown(host, `its model did not load: ${error instanceof Error ? error.message : String(error)}`, false);
      }
    },

    async probe(signal) {
      const states = await Promise.all(hosts.filter((host) => host.state !== "left-out").map((host) => host.spec.model.probe?.(signal) ?? Promise.resolve<ServerState>("ready")));
      return states.includes("ready") ? "ready" : states.includes("loading") ? "loading" : "down";
    },
  };

  const leaveOutQuietly = (host: HostState, reason: string) => {
    host.state = "left-out";
    host.reason = reason;
    options.onWarning?.(`${options.label}: ${host.url} left out of the pool: ${reason}`);
    changed(host);
  };

  return { model, figures: () => hosts.map(figuresOf) };
}

/** The identity without the host's address, so the same weights on two hosts are one identity. */
function stripEndpoint(identity: string | undefined, url: string): string | undefined {
  if (identity === undefined) return undefined;
  return identity.split(` @ ${url}`).join("").split(` ${url}`).join("").trim();
}

function reasonOf(error: PrevodError): string {
  const code = error.details.code;
  return typeof code === "string" ? code : error.code === "MODEL_TIMEOUT" ? "no answer" : error.code === "MODEL_LOADING" ? "loading its model" : "no connection";
}

function seconds(ms: number): string {
  return ms >= 60_000 ? `${Math.round(ms / 60_000)} min` : ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms)} ms`;
}
