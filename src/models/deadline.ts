/**
 * One signal per request that aborts when the caller's signal does or when `ms` have passed —
 * what AbortSignal.any([signal, AbortSignal.timeout(ms)]) does, at a fraction of the cost (those
 * build transferable signals and weak-reference bookkeeping on every call). Call `done()` when the
 * request ends, so the timer and the listener go away.
 */
export interface Deadline {
  signal: AbortSignal;
  /** True when the deadline (not the caller) aborted the request. */
  readonly expired: boolean;
  done(): void;
}

export function deadline(ms: number, caller?: AbortSignal): Deadline {
  const controller = new AbortController();
  let expired = false;
  const timer = setTimeout(() => {
    expired = true;
    controller.abort(new DOMException(`no answer within ${ms} ms`, "TimeoutError"));
  }, ms);
  const onAbort = () => controller.abort(caller!.reason);
  if (caller?.aborted) controller.abort(caller.reason);
  else caller?.addEventListener("abort", onAbort, { once: true });
  return {
    signal: controller.signal,
    get expired() {
      return expired;
    },
    done() {
      clearTimeout(timer);
      caller?.removeEventListener("abort", onAbort);
    },
  };
}
