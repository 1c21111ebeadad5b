import type PQueue from "p-queue";
import { PrevodError } from "../errors.js";
import type { ModelMiddleware } from "../models/types.js";

/**
 * Runs calls through the endpoint's queue, so no more than its `parallel` slots are busy.
 * Earlier articles go first (priority), so results stream out in input order and memory stays flat.
 */
export function withLimit(queue: PQueue): ModelMiddleware {
  return (model) => ({
    ...model,
    async generate(call) {
      try {
        // The run's signal is not handed to p-queue: it would add and remove two abort listeners
        // per call on that one signal, whose listener list (one per queued call, hundreds) Node
        // walks on every add; that cost 0.15 ms of CPU per call. An aborted call still never
        // reaches the provider, and running calls stop through their own signal.
        return await queue.add(
          () => {
            if (call.signal?.aborted) throw new PrevodError("ABORTED", "the run was interrupted");
            return model.generate(call);
          },
          { priority: call.priority ?? 0 },
        );
      } catch (error) {
        if (call.signal?.aborted && !(error instanceof PrevodError)) throw new PrevodError("ABORTED", "the run was interrupted", { cause: error });
        throw error;
      }
    },
  });
}
