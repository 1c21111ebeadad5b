import { join } from "node:path";
import { writeFileAtomic } from "../storage/atomic-write.js";
import type { ArticleStatus } from "./article-schema.js";
import type { HostFigures } from "../models/host-pool.js";

/** `out/run.json`: what one run did. Counts always add up to the articles read. */
export interface RunManifest {
  prevod: string;
  started_at: string;
  finished_at: string;
  wall_ms: number;
  /** True when the run was stopped (SIGINT/SIGTERM) before every article finished. */
  interrupted: boolean;
  config: { file: string; answers_hash: string };
  /** Every article read ends in exactly one of ok, partial, failed or interrupted; `skipped` counts the ok ones left unchanged from an earlier run. */
  counts: Record<ArticleStatus, number> & { total: number; interrupted: number; skipped: number };
  usage: {
    /** Model calls answered by a provider (paid). */
    calls: number;
    cached: number;
    replayed: number;
    prompt_tokens: number;
    completion_tokens: number;
    /** Of the completion tokens, the models' reasoning (think: true); 0 when thinking is off. */
    thinking_tokens?: number;
    repairs: number;
    retries: number;
  };
  /**
   * Per model: its endpoint (a pool's hosts, comma-separated) and slots (added up over a pool's
   * hosts); for a pool, `hosts` has each host's calls, busy time, failures, re-sent calls and state.
   */
  models: Record<string, { provider: string; model: string; endpoint: string; parallel: number; hosts?: HostFigures[] }>;
  /** Per step: articles it ran on, total and mean milliseconds, and its model calls and tokens. */
  steps: Record<
    string,
    { runs: number; total_ms: number; mean_ms: number; calls: number; cached: number; replayed: number; prompt_tokens: number; completion_tokens: number }
  >;
  /**
   * Articles that did not end ok, and inputs that could not be read at all: those carry `source`
   * (the input as given, also their `id`) and count as one failed entry each.
   */
  failed: Array<{ id: string; status: ArticleStatus; reasons: string[]; source?: string }>;
  /**
   * Inputs read around, each with its location and reason: an empty file, a record or feed item
   * without text, a bad JSONL line. They are no articles, so the counts do not include them.
   */
  skipped_inputs?: string[];
  /**
   * After a write error stopped the run (a full disk, a folder that turned unwritable): the ids of
   * the articles read whose results were not saved by this run. A later run makes them.
   */
  not_saved?: string[];
  /** A problem that stopped reading inputs, if any. */
  error?: string;
}

export async function writeRunManifest(outputDir: string, manifest: RunManifest): Promise<void> {
  await writeFileAtomic(join(outputDir, "run.json"), `${JSON.stringify(manifest, null, 2)}\n`);
}
