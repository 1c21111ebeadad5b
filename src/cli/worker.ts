import { PrevodError } from "../errors.js";
import { loadPlan } from "../graph/load-plan.js";
import { parseQueueUrl } from "../queue/connection.js";
import { runQueueWorker } from "../queue/worker.js";
import { EXIT } from "./exit-codes.js";
import { onInterrupt } from "./interrupt.js";
import { createProgress } from "./progress.js";

export interface WorkerCommandOptions {
  queue: string;
  config: string;
  concurrency?: string;
  name?: string;
  cache: boolean;
  stallSeconds?: string;
  sharedCache?: string;
}

/**
 * `prevod worker --queue redis://…`: runs the articles a `prevod run --queue` coordinator puts
 * in the queue, against this machine's model hosts (its own pipeline.yaml: the coordinator's,
 * with only the hosts changed). One line per article on stdout; Ctrl-C stops taking articles
 * and delivers the running ones.
 */
export default async function worker(options: WorkerCommandOptions): Promise<number> {
  const address = parseQueueUrl(options.queue);
  const stallSeconds = options.stallSeconds === undefined ? undefined : whole("--stall-seconds", options.stallSeconds, 1, 3_600);
  const sharedCacheMb = options.sharedCache === undefined ? undefined : Number(options.sharedCache);
  if (sharedCacheMb !== undefined && !(Number.isFinite(sharedCacheMb) && sharedCacheMb > 0)) throw new PrevodError("USAGE", `--shared-cache ${options.sharedCache}: expected a size in MB, e.g. 512`);
  const plan = await loadPlan(options.config, { ...(options.concurrency !== undefined ? { articlesInFlight: options.concurrency } : {}), ...(options.cache ? {} : { cache: false }) });
  const controller = new AbortController();
  const progress = createProgress("none");
  const stopListening = onInterrupt(controller);
  try {
    const { processed } = await runQueueWorker({
      address,
      plan,
      name: options.name,
      ...(sharedCacheMb !== undefined ? { sharedCacheBytes: Math.round(sharedCacheMb * 1024 * 1024) } : {}),
      stallMs: stallSeconds === undefined ? undefined : stallSeconds * 1_000,
      signal: controller.signal,
      onEvent: (event) => {
        if (event.type === "warning" || event.type === "notice") progress.onEvent(event);
      },
      onArticle: (id, status, delivered) => process.stdout.write(`${delivered ? status : "taken-over"}\t${id}\n`),
    });
    progress.note(`prevod: worker stopped after ${processed} article(s)`);
    return controller.signal.aborted ? EXIT.interrupted : EXIT.ok;
  } finally {
    progress.close();
    stopListening();
  }
}

function whole(flag: string, raw: string, min: number, max: number): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new PrevodError("USAGE", `${flag} ${raw}: expected a whole number from ${min} to ${max}`);
  return value;
}
