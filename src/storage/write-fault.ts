/**
 * A test seam for filesystem faults, so that disk-full and permission tests run everywhere (a
 * real tmpfs needs root). Off unless PREVOD_WRITE_FAULT is set:
 *
 *   PREVOD_WRITE_FAULT=ENOSPC:20000            writes fail with ENOSPC once this process has
 *                                              written 20,000 bytes through src/storage
 *   PREVOD_WRITE_FAULT=EACCES:0:/articles/     every write to a path containing /articles/ fails
 *                                              (0 bytes: from the first write on)
 *
 * Every write prevod makes into its output folder, cache and recordings goes through
 * beforeWrite, so the fault hits the same places a full disk would.
 */
const CODES: Record<string, { errno: number; text: string }> = {
  ENOSPC: { errno: -28, text: "no space left on device" },
  EACCES: { errno: -13, text: "permission denied" },
  EROFS: { errno: -30, text: "read-only file system" },
  EIO: { errno: -5, text: "i/o error" },
};

interface Fault {
  code: string;
  afterBytes: number;
  pathContains?: string;
}

let parsedFrom: string | undefined;
let fault: Fault | undefined;
let written = 0;

function current(): Fault | undefined {
  const spec = process.env.PREVOD_WRITE_FAULT;
  if (spec !== parsedFrom) {
    parsedFrom = spec;
    written = 0;
    const [code = "", after = "0", ...path] = (spec ?? "").split(":");
    fault = spec && CODES[code] ? { code, afterBytes: Number(after) || 0, pathContains: path.length > 0 ? path.join(":") : undefined } : undefined;
  }
  return fault;
}

/** Called before `bytes` are written to `path`; throws the planted fault when it is due. */
export function beforeWrite(path: string, bytes: number): void {
  const planted = current();
  if (!planted) return;
  if (planted.pathContains !== undefined && !path.includes(planted.pathContains)) return;
  if (planted.afterBytes === 0 || written + bytes > planted.afterBytes) {
    const { errno, text } = CODES[planted.code]!;
    throw Object.assign(new Error(`${planted.code}: ${text}, write '${path}'`), { code: planted.code, errno, syscall: "write", path });
  }
  written += bytes;
}

/** Bytes removed again (the run's space reserve): a planted full disk has that much room again. */
export function freed(bytes: number): void {
  if (current()) written = Math.max(0, written - bytes);
}
