import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { PrevodError } from "../errors.js";
import type { CallOrigin, Model, ModelAnswer, ModelCall } from "../models/types.js";
import { callKey } from "./call-key.js";
import { originOfFile, recordingPath, type Recording } from "./recording.js";

interface Index {
  byKey: Map<string, string>;
  /** Each recorded place (article, step, target, part) and one file recorded there. */
  origins: Map<string, string>;
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
      const recorded = origins.get(originOfFile(place)?.origin ?? "");
      const differences = recorded ? await whatDiffers(recorded, model, call) : [];
      throw new PrevodError(
        "REPLAY_MISS",
        `no recorded answer for ${describeOrigin(call.origin)} in ${options.dir}` +
          (recorded
            ? `: a recording exists for it, but ${differences.length > 0 ? differences.join("; ") : "for a different request"} (stale); record again with --record`
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
  const origins = new Map<string, string>();
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
    if (!origins.has(parsed.origin)) origins.set(parsed.origin, join(dir, entry));
  }
  return { byKey, origins };
}

/** What differs between a recording at the call's place and the call: model, prompt, schema, options. */
async function whatDiffers(path: string, model: Pick<Model, "provider" | "modelId">, call: ModelCall): Promise<string[]> {
  let recording: Recording;
  try {
    recording = JSON.parse(await readFile(path, "utf8")) as Recording;
  } catch {
    return [];
  }
  const found: string[] = [];
  if (recording.provider !== model.provider || recording.model !== model.modelId) found.push(`it was recorded with ${recording.provider} ${recording.model}, and this run asks ${model.provider} ${model.modelId}`);
  const messages = recording.request?.messages ?? [];
  const changed = call.messages.map((message, index) => (messages[index]?.content === message.content && messages[index]?.role === message.role ? undefined : message.role)).filter(Boolean);
  if (changed.length > 0 || messages.length !== call.messages.length) found.push(`the ${[...new Set(changed)].join(" and ") || "prompt"} message differs (a prompt or the article changed)`);
  if (JSON.stringify(recording.request?.schema ?? null) !== JSON.stringify(call.schema ?? null)) found.push("the answer schema differs");
  const options = ["temperature", "seed", "maxOutputTokens"] as const;
  const optionChanges = options.filter((option) => (recording.request?.options?.[option] ?? null) !== (call.options[option] ?? null));
  if (optionChanges.length > 0) found.push(`the options differ (${optionChanges.join(", ")})`);
  return found;
}
