import { join } from "node:path";
import { openGates, type GateRunner } from "../checks/pool/gate-pool.js";
import type { Plan } from "../graph/plan.js";
import { checkOutputFolder } from "../outputs/article-files.js";
import type { RunManifest } from "../outputs/run-manifest.js";
import { removeStaleTemporaries } from "../storage/atomic-write.js";
import { reserveSpace, type SpaceReserve } from "../storage/reserve.js";
import { asWriteError } from "../storage/write-errors.js";
import { acquireStoreLock, type StoreLock } from "../store/lock.js";
import { openStore, type Store } from "../store/store.js";
import type { RunEvent } from "./events.js";
import { buildModelStack, modelIdentities, preflight, warmup, type ModelStack } from "./model-stack.js";
import { remoteStack } from "./remote.js";
import { createRunControl, type RunControl } from "./run-control.js";
import type { RunOptions, RunResult } from "./run-pipeline.js";
import { withSettingHint } from "./setting-hints.js";
import { UsageTally } from "./usage-tally.js";

/** What the parts of a run share once it has started: its plan, models, store and tallies. */
export interface StartedRun {
  plan: Plan;
  options: RunOptions;
  control: RunControl;
  /** Every event goes through here: counted for run.json, then passed to the caller. */
  emit: (event: RunEvent) => void;
  tally: UsageTally;
  stack: ModelStack;
  /** The answering models' identities, remembered per article (undefined when replaying or remote). */
  identities: string | undefined;
  store: Store;
  /** A store write; one that fails because of the disk is a write error, and stops the run like a file write. */
  toStore: (write: (store: Store) => void) => void;
  reserve: SpaceReserve;
  runId: string;
  started: Date;
  startedAt: number;
  /** One entry per article read, by input index. */
  entries: RunResult["articles"];
  failed: RunManifest["failed"];
  /** Where this run's gates run: opened at the first article processed here (none for remote or skipped runs). */
  gates: () => GateRunner;
}

/**
 * Everything before the first article: the models built and checked, the output folder checked
 * and locked, the models loaded, stale temporaries tidied, room reserved, the store opened. A
 * server that is not there or a folder that cannot be written is one line before any call.
 */
/** What a run holds until it ends, released by runPipeline whatever happens: the folder's lock, the gate threads. */
export interface Held {
  lock?: StoreLock;
  gates?: GateRunner;
}

export async function startRun(plan: Plan, options: RunOptions, held: Held): Promise<StartedRun> {
  const control = createRunControl(options.signal);
  const { signal } = control;
  const started = new Date();
  const startedAt = performance.now();
  const tally = new UsageTally();
  const emit = (event: RunEvent) => {
    tally.observe(event);
    options.onEvent?.(event);
  };

  const stack = options.remote ? remoteStack(plan) : await buildModelStack(plan, {
    record: options.record,
    replay: options.replay,
    onEvent: emit,
    environment: options.environment,
    onStop(error, name) {
      if (control.stopError) return;
      control.stop(withSettingHint(error, name, plan));
    },
  });
  await preflight(stack, signal);
  // Before any model call: an unwritable output folder is one line, not a run paid for and lost.
  await checkOutputFolder(plan.outputDir);
  // One writer per output folder (store/lock.ts): a second run waits or fails naming the first.
  // After the preflight, so a server that is not there leaves no folder behind.
  held.lock = await acquireStoreLock(plan.outputDir, { wait: options.wait, signal, onWait: (message) => emit({ type: "warning", message }) });
  await warmup(stack, signal, (error, name) => withSettingHint(error, name, plan));
  const identities = modelIdentities(stack);
  emit({ type: "run-started", steps: plan.steps.map((step) => step.name), models: [...stack.models.keys()] });

  // A run killed with -9 may have left hidden temporary files; they are never read, only tidied.
  await Promise.all([removeStaleTemporaries(plan.outputDir), removeStaleTemporaries(join(plan.outputDir, "articles")), removeStaleTemporaries(plan.cacheDir, 1)]);
  const reserve = await reserveSpace(plan.outputDir);
  // The store across runs (store/store.ts): state, articles and runs; the files are its exports.
  const store = openStore(plan.outputDir);
  const toStore = (write: (store: Store) => void) => {
    try {
      write(store);
    } catch (error) {
      throw asWriteError(error, join(plan.outputDir, "prevod.db"));
    }
  };
  return { plan, options, control, emit, tally, stack, identities, store, toStore, reserve, runId: `${started.toISOString()}-${process.pid}`, started, startedAt, entries: [], failed: [], gates: () => (held.gates ??= openGates(plan.run.gateThreads)) };
}
