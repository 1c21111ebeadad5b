import { randomBytes } from "node:crypto";
import { createWriteStream, type Dirent } from "node:fs";
import { mkdir, readdir, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { finished } from "node:stream/promises";
import { redact } from "../common/redact.js";
import { asWriteError } from "./write-errors.js";
import { beforeWrite } from "./write-fault.js";

/** A hidden temporary name in the target's folder, so the final rename stays on one file system. */
function temporaryPath(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
}

/**
 * Writes a file so that readers see the old content or the new, never a part: the data goes to
 * a hidden temporary file in the same folder, then a rename replaces the target. Text is redacted
 * (common/redact.ts): this is where outputs, recordings, the cache and run state reach the disk,
 * and no credential may.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temporary = temporaryPath(path);
  try {
    await mkdir(dirname(path), { recursive: true });
    const bytes = typeof data === "string" ? redact(data) : data;
    beforeWrite(path, typeof bytes === "string" ? Buffer.byteLength(bytes) : bytes.byteLength);
    await writeFile(temporary, bytes);
    await rename(temporary, path);
  } catch (error) {
    // A full disk leaves no half-written temporary behind.
    await rm(temporary, { force: true }).catch(() => undefined);
    throw asWriteError(error, path);
  }
}

export interface AtomicFile {
  /** Appends text (redacted) or bytes (as they are: the caller's to have redacted), waiting when the disk is slower than the producer. */
  write(text: string | Uint8Array): Promise<void>;
  /** Finishes the file and puts it in place. */
  commit(): Promise<void>;
  /** Drops everything written; the target is untouched. */
  abort(): Promise<void>;
}

/**
 * Like writeFileAtomic for output produced piece by piece (a JSONL file, a bulletin of thousands
 * of entries): memory holds one piece, never the whole file.
 */
export async function openAtomicFile(path: string): Promise<AtomicFile> {
  try {
    await mkdir(dirname(path), { recursive: true });
  } catch (error) {
    throw asWriteError(error, path);
  }
  const temporary = temporaryPath(path);
  const stream = createWriteStream(temporary);
  // A stream's write error (a full disk) is kept and thrown by the next write or the commit: as an
  // 'error' event without a listener it crashed the process.
  let failure: unknown;
  stream.on("error", (error) => {
    failure ??= error;
  });
  const check = () => {
    if (failure !== undefined) throw asWriteError(failure, path);
  };
  return {
    async write(text) {
      check();
      const data = typeof text === "string" ? redact(text) : text;
      try {
        beforeWrite(path, typeof data === "string" ? Buffer.byteLength(data) : data.byteLength);
      } catch (error) {
        failure ??= error;
        check();
      }
      if (!stream.write(data)) {
        await new Promise<void>((resolve) => {
          const done = () => {
            stream.off("drain", done);
            stream.off("error", done);
            stream.off("close", done);
            resolve();
          };
          stream.once("drain", done);
          stream.once("error", done);
          stream.once("close", done);
        });
      }
      check();
    },
    async commit() {
      check();
      try {
        stream.end();
        await finished(stream);
        await rename(temporary, path);
      } catch (error) {
        await rm(temporary, { force: true }).catch(() => undefined);
        throw asWriteError(failure ?? error, path);
      }
    },
    async abort() {
      stream.destroy();
      await rm(temporary, { force: true }).catch(() => undefined);
    },
  };
}

const TEMPORARY = /^\..+\.(\d+)\.[0-9a-f]{8}\.tmp$/;

/**
 * Removes the temporary files a killed process left in `dir` (and, with `depth` 1, its
 * subfolders): hidden, named with a process id that no longer runs. Files of a live process —
 * another run writing into the same folder — are left alone.
 */
export async function removeStaleTemporaries(dir: string, depth = 0): Promise<number> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  let removed = 0;
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && depth > 0) removed += await removeStaleTemporaries(path, depth - 1);
    const match = entry.isFile() ? TEMPORARY.exec(entry.name) : null;
    if (match && !isRunning(Number(match[1]))) {
      await rm(path, { force: true });
      removed++;
    }
  }
  return removed;
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
