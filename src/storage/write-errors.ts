import { PrevodError } from "../errors.js";

/** Errors of the file system itself: no retry helps, and the next write fails the same way. */
const DISK_CODES = new Set(["ENOSPC", "EDQUOT", "EACCES", "EPERM", "EROFS", "EIO", "EFBIG", "ENOTDIR", "EEXIST", "EISDIR"]);

/** The same faults as SQLite (better-sqlite3's SqliteError.code) reports them for the store. */
const SQLITE_CODES: Record<string, string> = { SQLITE_FULL: "ENOSPC", SQLITE_READONLY: "EROFS", SQLITE_CANTOPEN: "EACCES", SQLITE_PERM: "EACCES", SQLITE_IOERR: "EIO" };

function diskCode(code: string | undefined): string | undefined {
  if (code === undefined) return undefined;
  if (DISK_CODES.has(code)) return code;
  // SQLITE_IOERR_WRITE, SQLITE_READONLY_DBMOVED, …: the extended codes share the primary one's prefix.
  const primary = Object.keys(SQLITE_CODES).find((name) => code === name || code.startsWith(`${name}_`));
  return primary ? SQLITE_CODES[primary] : undefined;
}

/** A one-line reason for a file-system error code. */
export function writeReason(code: string | undefined, fallback: string): string {
  switch (code) {
    case "ENOSPC":
      return "no space left on the device";
    case "EDQUOT":
      return "the disk quota is exhausted";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EROFS":
      return "read-only file system";
    case "EIO":
      return "an input/output error of the device";
    case "EFBIG":
      return "the file is too large for the file system";
    case "ENOTDIR":
    case "EEXIST":
    case "EISDIR":
      return "a file is in the way";
    default:
      return code ?? fallback;
  }
}

/**
 * A write that failed because of the disk (full, read-only, no permission) as one PrevodError
 * that stops the run: every later write would fail too, so paying for more model calls is waste.
 * Other errors are returned unchanged.
 */
export function asWriteError(error: unknown, path: string): unknown {
  if (error instanceof PrevodError) return error;
  const code = diskCode((error as NodeJS.ErrnoException | undefined)?.code);
  if (code === undefined) return error;
  return new PrevodError("OUTPUT_WRITE", `cannot write ${path}: ${writeReason(code, String(error))}`, { cause: error, stopsRun: true, details: { path, code } });
}

export function isWriteError(error: unknown): error is PrevodError {
  return error instanceof PrevodError && error.code === "OUTPUT_WRITE" && error.stopsRun;
}
