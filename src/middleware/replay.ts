import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { PrevodError } from "../errors.js";
import type { CallOrigin, Model, ModelAnswer } from "../models/types.js";
import { callKey } from "./call-key.js";
import { originOfFile, recordingPath, type Recording } from "./recording.js";

interface Index {
  byKey: Map<string, string>;
  origins: Set<string>;
}

/**
 * Answers every call from a recordings folder and never from a model. A call with no recording
 * is a REPLAY_MISS naming the article, step and target, and saying whether a recording exists
 * for that place under a different prompt, model or options (stale) or none at all.
 */
export function withReplay(options: { dir: string }): (model: Pick<Model, "provider" | "modelId" | "endpoint">) => Model {
  let index: Promise<Index> | undefined;
  return (model) => ({
    provider: model.provider,
    modelId: model.modelId,
    endpoint: model.endpoint,
    async generate(call) {
      index ??= buildIndex(options.dir);
      const { byKey, origins } = await index;
      const key = callKey(model, call);
      const path = byKey.get(key.slice(0, 16));
      if (path) {
        const recording = JSON.parse(await readFile(path, "utf8")) as Recording;
        if (recording.key === key) {
          const answer: ModelAnswer = { ...recording.answer, durationMs: 0, source: "replay" };
          return answer;
        }
      }
      const place = relative(options.dir, recordingPath(options.dir, call.origin, key)).replace(/\\/g, "/");
      const stale = origins.has(originOfFile(place)?.origin ?? "");
      throw new PrevodError(
        "REPLAY_MISS",
        `no recorded answer for ${describeOrigin(call.origin)} in ${options.dir}` +
          (stale
            ? ": recordings exist for it, but for a different prompt, model or options (stale); record again with --record"
            : ": nothing was recorded for it; record with `prevod run --record DIR` or `prevod test --live --record DIR`"),
        { details: { origin: call.origin, key } },
      );
    },
  });
}

export function describeOrigin(origin: CallOrigin | undefined): string {
  if (!origin) return "a call";
  const parts = [
    origin.articleId !== undefined ? `article ${origin.articleId}` : undefined,
    origin.step !== undefined ? `step ${origin.step}` : undefined,
    origin.target !== undefined ? `target ${origin.target}` : undefined,
    origin.part !== undefined ? `part ${origin.part}` : undefined,
  ].filter(Boolean);
  return parts.join(", ") || "a call";
}

async function buildIndex(dir: string): Promise<Index> {
  const byKey = new Map<string, string>();
  const origins = new Set<string>();
  let entries: string[];
  try {
    entries = (await readdir(dir, { recursive: true })) as string[];
  } catch (error) {
    throw new PrevodError("USAGE", `cannot read the recordings folder ${dir}: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
  for (const entry of entries) {
    const parsed = originOfFile(entry);
    if (!parsed) continue;
    byKey.set(parsed.key16, join(dir, entry));
    origins.add(parsed.origin);
  }
  return { byKey, origins };
}
