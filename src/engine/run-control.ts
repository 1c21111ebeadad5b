import { setMaxListeners } from "node:events";
import type { PrevodError } from "../errors.js";

/**
 * A run's own signal: the caller's, and an error that must stop the run (a full disk, a folder
 * that turned unwritable, a model error no retry cures). The first such error is the run's.
 */
export interface RunControl {
  readonly signal: AbortSignal;
  /** The error that stopped the run, if one did. */
  readonly stopError: PrevodError | undefined;
  /** Stops the run with this error, unless another stopped it first. */
  stop(error: PrevodError): void;
  /** No longer follows the caller's signal (the run has finished its articles). */
  detach(): void;
}

export function createRunControl(outer: AbortSignal | undefined): RunControl {
  const controller = new AbortController();
  const onOuterAbort = () => controller.abort(outer?.reason);
  if (outer?.aborted) controller.abort(outer.reason);
  outer?.addEventListener("abort", onOuterAbort, { once: true });
  // Every in-flight call listens to the run's signal; hundreds at once are expected, not a leak.
  setMaxListeners(0, controller.signal);
  let stopError: PrevodError | undefined;
  return {
    signal: controller.signal,
    get stopError() {
      return stopError;
    },
    stop(error) {
      if (stopError) return;
      stopError = error;
      controller.abort(error);
    },
    detach() {
      outer?.removeEventListener("abort", onOuterAbort);
    },
  };
}
