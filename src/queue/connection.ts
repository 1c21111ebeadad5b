import { Redis } from "ioredis";
import { PrevodError } from "../errors.js";
import { registerUrlSecrets } from "../common/redact.js";

export interface QueueAddress {
  /** The Redis URL without prevod's own query parameters (a password in it is redacted from output). */
  url: string;
  /** The BullMQ queue name: `?queue=` in the URL, "prevod" by default. */
  name: string;
  /** The URL as printed: without a password. */
  shown: string;
}

/** Reads `--queue redis://[:password@]host[:port][/db][?queue=name]`; anything else is a USAGE error. */
export function parseQueueUrl(raw: string): QueueAddress {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new PrevodError("USAGE", `--queue ${raw}: not a URL; expected redis://host:6379/0`);
  }
  if (url.protocol !== "redis:" && url.protocol !== "rediss:") throw new PrevodError("USAGE", `--queue ${raw}: expected a redis:// or rediss:// URL`);
  const name = url.searchParams.get("queue") ?? "prevod";
  if (!/^[A-Za-z0-9_.-]+$/.test(name)) throw new PrevodError("USAGE", `--queue: queue name ${JSON.stringify(name)} may hold only letters, digits, _ . -`);
  url.searchParams.delete("queue");
  registerUrlSecrets(url.toString());
  const shown = new URL(url.toString());
  shown.password = "";
  shown.username = "";
  return { url: url.toString(), name, shown: shown.toString() };
}

/**
 * A connection for BullMQ. `maxRetriesPerRequest: null` (BullMQ requires it for workers, and it
 * is what lets every side wait out a Redis restart): commands wait for the reconnection instead
 * of failing; ioredis reconnects with a capped backoff.
 */
export function connect(address: QueueAddress): Redis {
  const redis = new Redis(address.url, {
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    retryStrategy: (times) => Math.min(50 * 2 ** Math.min(times, 6), 2_000),
  });
  // Errors while Redis is away are reconnection attempts, not crashes; the caller watches "ready".
  redis.on("error", () => {});
  return redis;
}
