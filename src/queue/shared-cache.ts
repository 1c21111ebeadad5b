import type { Redis } from "ioredis";
import { cacheKey } from "../middleware/cache.js";
import type { Model, ModelAnswer, ModelMiddleware } from "../models/types.js";

export interface SharedCacheOptions {
  redis: Redis;
  /** Keys are `<prefix>:a:<cache key>`, the index `<prefix>:index`, the size `<prefix>:bytes`. */
  prefix: string;
  /** The most answer bytes kept; the oldest answers go first beyond it. */
  maxBytes: number;
}

interface SharedAnswer {
  text: string;
  finishReason: ModelAnswer["finishReason"];
  usage: ModelAnswer["usage"];
}

/**
 * Stores an answer and its size in the index, then drops the oldest answers while the total is
 * over the limit: one script, so workers storing at once never leave the count wrong.
 * KEYS: answer, index, bytes. ARGV: the answer, its key, the time, the limit in bytes.
 */
const STORE = `
if redis.call("EXISTS", KEYS[1]) == 1 then return 0 end
redis.call("SET", KEYS[1], ARGV[1])
redis.call("ZADD", KEYS[2], ARGV[3], ARGV[2])
local total = redis.call("INCRBY", KEYS[3], string.len(ARGV[1]))
local limit = tonumber(ARGV[4])
while total > limit do
  local oldest = redis.call("ZPOPMIN", KEYS[2])
  if #oldest == 0 then break end
  local key = string.gsub(KEYS[1], "[^:]+$", oldest[1])
  local size = redis.call("STRLEN", key)
  redis.call("DEL", key)
  total = redis.call("DECRBY", KEYS[3], size)
end
return 1
`;

/** Forgets one answer (it failed its gates on some worker). KEYS: answer, index, bytes. ARGV: its key. */
const FORGET = `
local size = redis.call("STRLEN", KEYS[1])
if redis.call("DEL", KEYS[1]) == 1 then redis.call("DECRBY", KEYS[3], size) end
redis.call("ZREM", KEYS[2], ARGV[1])
return 1
`;

/**
 * An answer cache in the workers' Redis, shared by every worker: content-addressed by the same
 * key as the disk cache (middleware/cache.ts: the call and the model's identity, so Ollama
 * workers serving one digest share answers; OpenAI-compatible endpoints are per endpoint), with
 * a size limit (oldest out first). An article given to another worker (its first was killed)
 * does not pay again for the answers the first one got. Only complete answers are stored; one
 * that fails its gates is forgotten. Redis errors never fail a call: the model is asked.
 */
export function withSharedCache(options: SharedCacheOptions): ModelMiddleware {
  const { redis, prefix, maxBytes } = options;
  const index = `${prefix}:index`;
  const bytes = `${prefix}:bytes`;
  const keyOf = (key: string) => `${prefix}:a:${key}`;
  return (model: Model): Model => ({
    ...model,
    async generate(call) {
      const key = cacheKey(model, call);
      const answerKey = keyOf(key);
      const reject = () => redis.eval(FORGET, 3, answerKey, index, bytes, key).then(() => undefined, () => undefined);
      const hit = await redis.get(answerKey).catch(() => null);
      if (hit) {
        try {
          const stored = JSON.parse(hit) as SharedAnswer;
          return { ...stored, durationMs: 0, source: "cache", reject };
        } catch {
          await reject();
        }
      }
      const answer = await model.generate(call);
      if (answer.finishReason === "stop" && answer.source !== "replay") {
        const stored: SharedAnswer = { text: answer.text, finishReason: answer.finishReason, usage: answer.usage };
        await redis.eval(STORE, 3, answerKey, index, bytes, JSON.stringify(stored), key, Date.now(), maxBytes).catch(() => undefined);
        const local = answer.reject;
        return { ...answer, reject: async () => (await Promise.all([reject(), local?.()]), undefined) };
      }
      return answer;
    },
  });
}
