import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Model, ModelAnswer, ModelMiddleware } from "../models/types.js";
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
 * A disk cache of model answers, content-addressed by callKey. Only complete answers
 * (finish reason "stop") are kept, and each is written atomically as soon as it arrives, so a
 * killed run resumes without paying again for what it already had.
 */
export function withCache(options: CacheOptions): ModelMiddleware {
  const read = options.read ?? true;
  const pathOf = (key: string) => join(options.dir, key.slice(0, 2), `${key}.json`);

  return (model: Model): Model => ({
    ...model,
    async generate(call) {
      const key = callKey(model, call);
      if (read) {
        const hit = await readCached(pathOf(key));
        if (hit) return { ...hit, durationMs: 0, source: "cache" };
      }
      const answer = await model.generate(call);
      if (answer.finishReason === "stop" && answer.source === undefined) {
        const stored: CachedAnswer = { text: answer.text, finishReason: answer.finishReason, usage: answer.usage };
        await writeFileAtomic(pathOf(key), JSON.stringify(stored));
      }
      return answer;
    },
  });
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
