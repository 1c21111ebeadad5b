import type { LatencyModel } from "./types.js";

/**
 * The capacity model: `parallel` slots (OLLAMA_NUM_PARALLEL) and a bounded FIFO of waiting
 * requests (OLLAMA_MAX_QUEUE). A released slot goes to the next waiter at once (same tick),
 * so a busy server never idles between calls.
 */
export interface SlotPool {
  /**
   * Runs `start` now if a slot is free, or when one frees up. Returns a ticket, or undefined
   * when the queue is full (the caller answers 503).
   */
  acquire(start: () => void): SlotTicket | undefined;
  /** Gives the slot back (running) or leaves the queue (waiting). Idempotent. */
  release(ticket: SlotTicket): void;
  readonly running: number;
  readonly waiting: number;
  readonly maxConcurrent: number;
  readonly maxQueued: number;
}

export interface SlotTicket {
  state: "waiting" | "running" | "released";
}

interface Waiter extends SlotTicket {
  start: () => void;
}

export function createSlotPool(parallel: number, maxQueue: number): SlotPool {
  if (!(parallel >= 1)) throw new Error(`simulator: parallel must be at least 1, got ${parallel}`);
  const queue = new Set<Waiter>();
  let running = 0;
  let maxConcurrent = 0;
  let maxQueued = 0;

  const grant = (waiter: Waiter, deferred: boolean) => {
    waiter.state = "running";
    running++;
    if (running > maxConcurrent) maxConcurrent = running;
    // From release() the start is a microtask: instant, but a long queue of calls that end
    // synchronously does not grow the stack.
    if (deferred) queueMicrotask(waiter.start);
    else waiter.start();
  };

  return {
    acquire(start) {
      const waiter: Waiter = { state: "waiting", start };
      if (running < parallel && queue.size === 0) {
        grant(waiter, false);
        return waiter;
      }
      if (queue.size >= maxQueue) return undefined;
      queue.add(waiter);
      if (queue.size > maxQueued) maxQueued = queue.size;
      return waiter;
    },
    release(ticket) {
      const waiter = ticket as Waiter;
      if (waiter.state === "waiting") {
        queue.delete(waiter);
      } else if (waiter.state === "running") {
        running--;
        const next = queue.values().next();
        if (!next.done) {
          queue.delete(next.value);
          grant(next.value, true);
        }
      }
      waiter.state = "released";
    },
    get running() {
      return running;
    },
    get waiting() {
      return queue.size;
    },
    get maxConcurrent() {
      return maxConcurrent;
    },
    get maxQueued() {
      return maxQueued;
    },
  };
}

/** When each part of a call happens, in ms after it got its slot. */
export interface CallTiming {
  /** Headers and first token (prompt processing plus any injected slow-first-byte delay). */
  firstTokenMs: number;
  /** Time between two tokens; 0 when generation is instantaneous. */
  tokenIntervalMs: number;
  /** End of the call: the final object is sent. */
  totalMs: number;
}

/**
 * The timing model: perCallMs + firstTokenMs before the first token, then one token every
 * 1000 / tokensPerSecond ms. A call of n tokens ends at first token + n intervals.
 */
export function callTiming(latency: LatencyModel | undefined, tokens: number, extraFirstByteMs = 0): CallTiming {
  const firstTokenMs = (latency?.perCallMs ?? 0) + (latency?.firstTokenMs ?? 0) + extraFirstByteMs;
  const speed = latency?.tokensPerSecond ?? 0;
  const tokenIntervalMs = speed > 0 ? 1000 / speed : 0;
  return { firstTokenMs, tokenIntervalMs, totalMs: firstTokenMs + tokens * tokenIntervalMs };
}
