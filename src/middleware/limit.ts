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
        return await queue.add(() => model.generate(call), { signal: call.signal, priority: call.priority ?? 0 });
      } catch (error) {
        if (call.signal?.aborted && !(error instanceof PrevodError)) throw new PrevodError("ABORTED", "the run was interrupted", { cause: error });
        throw error;
      }
    },
  });
}
