import { hostname } from "node:os";
import { mkdirSync, readFileSync, rmdirSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PrevodError } from "../errors.js";
import { sleep } from "../common/sleep.js";

/**
 * One writer at a time per output folder: `<out>/prevod.lock`, created exclusively, holds the
 * holder's pid, host, command and start time. A second run waits (one message) or, with
 * `wait: false`, fails with one line naming the holder. A lock whose process is gone (killed
 * with -9) is taken over: the take-over itself runs under a mkdir mutex, so two runs that both
 * find the same stale lock cannot both take it.
 */
export const LOCK_FILE = "prevod.lock";

export interface LockHolder {
  pid: number;
  host: string;
  command: string;
  since: string;
}

export interface StoreLock {
  release(): void;
}

export interface LockOptions {
  /** Wait for the holder to finish. @default true */
  wait?: boolean;
  /** Said once when the run has to wait. */
  onWait?: (message: string) => void;
  signal?: AbortSignal;
  /** How often to look again while waiting. @default 250 ms */
  pollMs?: number;
}

function readHolder(path: string): LockHolder | undefined {
  try {
    const value = JSON.parse(readFileSync(path, "utf8")) as LockHolder;
    return typeof value.pid === "number" ? value : undefined;
  } catch {
    return undefined;
  }
}

function alive(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return true; // another machine's process: cannot tell, so it holds
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function describeHolder(holder: LockHolder): string {
  return `pid ${holder.pid} on ${holder.host} (${holder.command}) since ${holder.since}`;
}

function tryCreate(path: string, me: LockHolder): boolean {
  try {
    writeFileSync(path, `${JSON.stringify(me)}\n`, { flag: "wx" });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw new PrevodError("OUTPUT_WRITE", `cannot create the lock ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { cause: error });
  }
}

/** Removes a stale lock under a mutex; true when the lock file is gone (by us or its holder). */
function takeOverStale(path: string): void {
  const mutex = `${path}.takeover`;
  try {
    mkdirSync(mutex);
  } catch {
    // Another run is taking over; a mutex left by a run killed in these few lines is old.
    try {
      if (Date.now() - statSync(mutex).mtimeMs > 10_000) rmdirSync(mutex);
    } catch {
      /* gone meanwhile */
    }
    return;
  }
  try {
    const holder = readHolder(path);
    // Re-read under the mutex: only a lock still held by a dead process is removed.
    if (holder && !alive(holder)) unlinkSync(path);
    else if (!holder) {
      // An empty or unreadable lock file: a holder killed between create and write, if old.
      try {
        if (Date.now() - statSync(path).mtimeMs > 5_000) unlinkSync(path);
      } catch {
        /* gone */
      }
    }
  } finally {
    rmdirSync(mutex);
  }
}

export async function acquireStoreLock(folder: string, options: LockOptions = {}): Promise<StoreLock> {
  mkdirSync(folder, { recursive: true });
  const path = join(folder, LOCK_FILE);
  const me: LockHolder = { pid: process.pid, host: hostname(), command: process.argv.slice(1).map((arg) => arg.replace(/^.*\/(dist|src)\/cli\/main\.[jt]s$/, "prevod")).join(" ") || "prevod", since: new Date().toISOString() };
  let told = false;
  for (;;) {
    if (tryCreate(path, me)) break;
    const holder = readHolder(path);
    if (holder && holder.pid === process.pid && holder.host === me.host) {
      throw new PrevodError("USAGE", `${folder} is already locked by this process`);
    }
    if (!holder || !alive(holder)) {
      takeOverStale(path);
      if (tryCreate(path, me)) break;
      await sleep(options.pollMs ?? 250, options.signal);
      continue;
    }
    if (options.wait === false) {
      throw new PrevodError("USAGE", `${folder} is in use by another prevod: ${describeHolder(holder)}; try again later or drop --no-wait to wait`);
    }
    if (!told) {
      told = true;
      options.onWait?.(`waiting for ${folder}: in use by ${describeHolder(holder)}`);
    }
    await sleep(options.pollMs ?? 250, options.signal);
  }
  let released = false;
  const onExit = () => release();
  const release = () => {
    if (released) return;
    released = true;
    process.removeListener("exit", onExit);
    const holder = readHolder(path);
    if (holder && holder.pid === me.pid && holder.since === me.since) {
      try {
        unlinkSync(path);
      } catch {
        /* gone */
      }
    }
  };
  process.on("exit", onExit);
  return { release };
}
