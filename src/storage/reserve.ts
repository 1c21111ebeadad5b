import { randomBytes } from "node:crypto";
import { rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeWrite, freed } from "./write-fault.js";

/** Room kept for state.json and run.json when the disk fills up mid-run. */
export const RESERVE_BYTES = 256 * 1024;

export interface SpaceReserve {
  /** Frees the reserved room (idempotent). */
  release(): Promise<void>;
}

/**
 * Takes `bytes` of the output folder's disk in a hidden file (named like a temporary, so a killed
 * run's reserve is tidied by removeStaleTemporaries). When a write fails for want of space, the
 * reserve is released first, so the run can still say what it did in state.json and run.json.
 * A disk too full for the reserve itself is no error here: the folder check has already passed.
 */
export async function reserveSpace(dir: string, bytes = RESERVE_BYTES): Promise<SpaceReserve> {
  const path = join(dir, `.prevod-reserve.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  let held = false;
  try {
    beforeWrite(path, bytes);
    await writeFile(path, Buffer.alloc(bytes, 0x20));
    held = true;
  } catch {
    await rm(path, { force: true }).catch(() => undefined);
  }
  return {
    async release() {
      if (!held) return;
      held = false;
      await rm(path, { force: true }).catch(() => undefined);
      freed(bytes);
    },
  };
}
