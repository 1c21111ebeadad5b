import { PrevodError } from "../errors.js";

/** Waits `ms`; rejects with ABORTED as soon as the signal aborts (backoff, probes, loading waits). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new PrevodError("ABORTED", "the run was interrupted"));
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new PrevodError("ABORTED", "the run was interrupted"));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
