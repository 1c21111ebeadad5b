import type { Fault, FaultPlan, LoggedRequest, Simulator } from "./types.js";

/**
 * A fault plan for tests that run side by side on one simulator: a request whose last
 * message contains `fault:<name>` gets that entry's fault, at most `times` times (default:
 * always), so "fails once, then succeeds" is one line.
 */
export function markerFaults(table: Record<string, Fault | { fault: Fault; times: number }>): FaultPlan {
  const used = new Map<string, number>();
  return (request) => {
    const name = /\bfault:([\w-]+)/.exec(request.messages.at(-1)?.content ?? "")?.[1];
    const entry = name === undefined ? undefined : table[name];
    if (!name || !entry) return undefined;
    const count = used.get(name) ?? 0;
    used.set(name, count + 1);
    if ("times" in entry) return count < entry.times ? entry.fault : undefined;
    return entry;
  };
}

/** The logged requests whose body carries `marker` as a whole word (`fault:500`, not `fault:500-x`). */
export function requestsMentioning(simulator: Simulator, marker: string): LoggedRequest[] {
  const pattern = new RegExp(`${marker.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\w-])`);
  return simulator.requests.filter((request) => pattern.test(JSON.stringify(request.body ?? "")));
}

/** Collects what a promise rejects with, failing the test when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
  throw new Error("expected the call to fail, but it succeeded");
}
