import { createHash } from "node:crypto";
import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import type { Model, ModelAnswer, ModelCall, ModelMiddleware } from "../models/types.js";
import { writeFileAtomic } from "../storage/atomic-write.js";
import { callKey } from "./call-key.js";

export interface CacheOptions {
  /** Folder of the content-addressed store. */
  dir: string;
  /** Read answers from the store. @default true */
  read?: boolean;
}

interface CachedAnswer {
  text: string;
  finishReason: ModelAnswer["finishReason"];
  usage: ModelAnswer["usage"];
}

/**
 * The cache key of a call: its callKey bound to the endpoint and the model's identity (Ollama's
 * digest, the id an OpenAI-compatible server says it serves), so answers of one model are never
 * served as another's, even under the same name (the demo's simulator, then a real gemma3:12b).
 */
export function cacheKey(model: Pick<Model, "provider" | "modelId" | "endpoint" | "identity">, call: ModelCall): string {
  const identity = model.identity?.() ?? `${model.provider} ${model.modelId} @ ${model.endpoint}`;
  return createHash("sha256").update(`${callKey(model, call)}\n${identity}`).digest("hex");
}

/**
 * A disk cache of model answers, content-addressed by cacheKey. Only complete answers (finish
 * reason "stop") are kept, and each is written atomically as soon as it arrives, so a killed run
 * resumes without paying again for what it already had. An answer that later fails to parse or
 * fails its gates is forgotten (`reject`), so a re-run asks again instead of replaying it.
 */
export function withCache(options: CacheOptions): ModelMiddleware {
  const read = options.read ?? true;
  const pathOf = (key: string) => join(options.dir, key.slice(0, 2), `${key}.json`);

  // Identical calls in flight at once (the same agency story in two feeds) are asked once.
  const inFlight = new Map<string, Promise<ModelAnswer>>();

  return (model: Model): Model => ({
    ...model,
    async generate(call) {
      const key = cacheKey(model, call);
      const path = pathOf(key);
      const reject = () => rm(path, { force: true });
      if (!read) return ask(model, call, path, reject);
      const pending = inFlight.get(key);
      if (pending) {
        const shared = await pending.catch(() => undefined);
        if (shared?.finishReason === "stop") return { ...shared, durationMs: 0, source: "cache", reject };
        return ask(model, call, path, reject);
      }
      // Registered before the first await, so a twin call arriving meanwhile waits for this one.
      const asked = (async (): Promise<ModelAnswer> => {
        const hit = await readCached(path);
        if (hit) return { ...hit, durationMs: 0, source: "cache", reject };
        return ask(model, call, path, reject);
      })();
      inFlight.set(key, asked);
      try {
        return await asked;
      } finally {
        inFlight.delete(key);
      }
    },
  });
}

async function ask(model: Model, call: ModelCall, path: string, reject: () => Promise<void>): Promise<ModelAnswer> {
  const answer = await model.generate(call);
  if (answer.finishReason === "stop" && answer.source === undefined) {
    const stored: CachedAnswer = { text: answer.text, finishReason: answer.finishReason, usage: answer.usage };
    await writeFileAtomic(path, JSON.stringify(stored));
    return { ...answer, reject };
  }
  return answer;
}

async function readCached(path: string): Promise<CachedAnswer | undefined> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    return undefined;
  }
  try {
    const value = JSON.parse(text) as CachedAnswer;
    return typeof value.text === "string" && value.usage ? value : undefined;
  } catch {
    // A damaged entry is a miss; the fresh answer overwrites it.
    return undefined;
  }
}
