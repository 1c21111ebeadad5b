import { PrevodError } from "../errors.js";
import { exportArticlesJsonl } from "../outputs/article-files.js";
import { bulletinSettings, runOnlyFailures, writeDeskBulletins } from "../outputs/bulletin-desk.js";
import { readStoredArticles } from "../outputs/bulletin-window.js";
import { writeRunManifest, type RunManifest } from "../outputs/run-manifest.js";
import { isWriteError } from "../storage/write-errors.js";
import { VERSION } from "../version.js";
import type { FedArticles } from "./feed-articles.js";
import type { RunResult } from "./run-pipeline.js";
import type { StartedRun } from "./start-run.js";

/**
 * Everything after the last article: articles.jsonl, the run's row in the store, run.json, then
 * the bulletins (they read run.json). After a write error, what can still be written is written
 * and what cannot is named; the run then throws the error that stopped it, or the input error.
 */
export async function finishRun(run: StartedRun, fed: FedArticles): Promise<RunResult> {
  const { plan, control, emit, entries, failed, store, reserve } = run;
  const interrupted = control.signal.aborted;
  let stopError = control.stopError;
  const done = entries.filter((entry) => entry.status !== "interrupted");
  // After a write error, what can still be written is written; what cannot is named below.
  const unwritten: string[] = [];
  const attempt = async (name: string, write: () => Promise<void>) => {
    try {
      await write();
    } catch (error) {
      if (!isWriteError(error)) throw error;
      if (!stopError) {
        stopError = error;
        control.stop(error);
      }
      unwritten.push(name);
    }
  };
  // A full disk: the reserve makes room for the store's run row and run.json; articles.jsonl (every
  // article of the store, not only this run's) is left as the last whole run wrote it, and the run
  // that finishes makes it new.
  if (isWriteError(stopError)) await reserve.release();
  if ((!interrupted || done.length > 0) && !isWriteError(stopError)) await attempt("articles.jsonl", async () => { await exportArticlesJsonl(plan.outputDir, store); });
  const counts = { total: entries.length, ok: 0, partial: 0, failed: 0, interrupted: 0, skipped: 0 };
  for (const entry of entries) {
    counts[entry.status]++;
    if (entry.skipped) counts.skipped++;
  }
  // Each source that could not be read counts as one failed entry: nothing read from it is lost in silence.
  counts.total += fed.unread.length;
  counts.failed += fed.unread.length;
  failed.push(...fed.unread);
  const diskStop = isWriteError(stopError) ? stopError : undefined;
  const notSaved = entries.filter((entry) => entry.status === "interrupted").map((entry) => entry.id);
  if (diskStop) {
    const listed = notSaved.slice(0, 10).join(", ") + (notSaved.length > 10 ? `, … (${notSaved.length - 10} more in run.json)` : "");
    stopError = new PrevodError(
      "OUTPUT_WRITE",
      `${diskStop.message}; the run stopped: ${done.length} of ${entries.length} article(s) saved, ${notSaved.length} not saved${notSaved.length > 0 ? ` (${listed})` : ""}; make room and run again to finish them (answers already paid for are in the cache)`,
      { cause: diskStop, stopsRun: true, details: { ...diskStop.details, runStopped: true, notSaved } },
    );
  }
  const manifest = runManifest(run, { interrupted, counts, fed, ...(diskStop ? { notSaved } : {}), error: stopError ? stopError.message : fed.inputError || undefined });
  await attempt("prevod.db", async () => run.toStore((s) => s.putRun(manifest, run.runId)));
  store.close();
  await attempt("run.json", () => writeRunManifest(plan.outputDir, manifest));
  await reserve.release();
  // Bulletins read run.json (for failures it alone records), so they come after it.
  if (stopError && unwritten.length > 0) throw new PrevodError(stopError.code, `${stopError.message}; ${unwritten.join(", ")} could not be written either`, { cause: stopError, stopsRun: true, details: { ...stopError.details, runStopped: true } });
  if (stopError) throw stopError;
  const bulletins = bulletinSettings(plan.config);
  if (!interrupted && done.length > 0 && bulletins.formats.length > 0) {
    // Over every article of the output folder in the configured window, not just this run's.
    // Pages are made again for this run's articles only (and any missing): the others have not changed.
    await writeDeskBulletins(plan.outputDir, await readStoredArticles(plan.outputDir, bulletins.window), {
      languages: plan.targets,
      formats: bulletins.formats,
      window: bulletins.window,
      timeZone: bulletins.timeZone,
      runFailures: runOnlyFailures(manifest),
      pages: { only: new Set(done.filter((entry) => !entry.skipped).map((entry) => entry.id)) },
    });
  }
  emit({ type: "run-finished", counts: { ok: counts.ok, partial: counts.partial, failed: counts.failed }, interrupted, wallMs: manifest.wall_ms });
  if (fed.inputError && !interrupted) {
    throw new PrevodError("INPUT_INVALID", `${fed.inputError} (the ${done.length} article(s) read before it were processed and written)`);
  }
  return { manifest, articles: entries };
}

/** run.json: what the run did, paid and spent, per model and host, and why articles failed. */
function runManifest(run: StartedRun, facts: { interrupted: boolean; counts: RunManifest["counts"]; fed: FedArticles; notSaved?: string[]; error: string | undefined }): RunManifest {
  const { plan, stack, tally } = run;
  const { skippedInputs } = facts.fed;
  return {
    prevod: VERSION,
    started_at: run.started.toISOString(),
    finished_at: new Date().toISOString(),
    wall_ms: Math.round(performance.now() - run.startedAt),
    interrupted: facts.interrupted,
    config: { file: plan.configFile, answers_hash: plan.answersHash },
    counts: facts.counts,
    usage: tally.usage(),
    models: Object.fromEntries(
      [...stack.models.keys()].map((name) => {
        const { kind, model, hosts } = plan.endpoints[name]!;
        const pool = stack.pools.get(name);
        return [
          name,
          {
            provider: kind,
            model,
            endpoint: hosts.map((host) => host.url).join(", "),
            parallel: hosts.reduce((sum, host) => sum + host.parallel, 0),
            ...(pool ? { hosts: pool.figures() } : {}),
          },
        ];
      }),
    ),
    steps: tally.steps(),
    failed: run.failed,
    ...(skippedInputs.length > 0 ? { skipped_inputs: skippedInputs } : {}),
    ...(facts.notSaved ? { not_saved: facts.notSaved } : {}),
    ...(facts.error !== undefined ? { error: facts.error } : {}),
  };
}
