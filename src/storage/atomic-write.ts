import { randomBytes } from "node:crypto";
import { createWriteStream, type Dirent } from "node:fs";
import { mkdir, readdir, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { finished } from "node:stream/promises";
import { redact } from "../common/redact.js";

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
  await mkdir(dirname(path), { recursive: true });
  const temporary = temporaryPath(path);
  try {
    await writeFile(temporary, typeof data === "string" ? redact(data) : data);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

export interface AtomicFile {
  /** Appends text, waiting when the disk is slower than the producer. */
  write(text: string): Promise<void>;
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
  await mkdir(dirname(path), { recursive: true });
  const temporary = temporaryPath(path);
  const stream = createWriteStream(temporary);
  return {
    async write(text) {
      if (!stream.write(redact(text))) await new Promise<void>((resolve) => stream.once("drain", () => resolve()));
    },
    async commit() {
      stream.end();
      await finished(stream);
      await rename(temporary, path);
    },
    async abort() {
      stream.destroy();
      await rm(temporary, { force: true });
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
