import type { ModelMiddleware } from "../models/types.js";
import { writeFileAtomic } from "../storage/atomic-write.js";
import { callKey } from "./call-key.js";
import { recordingPath, toRecording } from "./recording.js";

/**
 * Writes every complete answer (fresh or from the cache) into a recordings folder that
 * `--replay` can answer from later, e.g. in CI without a model.
 */
export function withRecord(options: { dir: string }): ModelMiddleware {
  return (model) => ({
    ...model,
    async generate(call) {
      const answer = await model.generate(call);
      if (answer.finishReason === "stop") {
        const key = callKey(model, call);
        await writeFileAtomic(recordingPath(options.dir, call.origin, key), `${JSON.stringify(toRecording(model, call, key, answer), null, 2)}\n`);
      }
      return answer;
    },
  });
}
