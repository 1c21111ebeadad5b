import type { PrevodError } from "../errors.js";

/** Exit codes of every command (design.md): 0 ok, 1 some article or test failed, 2 usage or config, 130 interrupted. */
export const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 130 } as const;

export function exitCodeFor(error: PrevodError): number {
  if (error.code === "ABORTED") return EXIT.interrupted;
  // A write error that stopped a run midway (a full disk): articles are not saved, not a usage error.
  if (error.code === "OUTPUT_WRITE" && error.details.runStopped === true) return EXIT.failed;
  return EXIT.usage;
}
