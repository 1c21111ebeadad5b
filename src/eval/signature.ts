import { VERSION } from "../version.js";
import { chrfName, resolveChrfOptions, type ChrfOptions } from "./chrf.js";

/**
 * The `version` field of our signatures. sacreBLEU prints its own version there; we print
 * ours, because the implementation is prevod's (it reproduces sacreBLEU 2.x's chrF to the
 * last bit on sacreBLEU's own test cases, but it is not sacreBLEU).
 */
export const SIGNATURE_VERSION = `prevod-${VERSION}`;

/**
 * sacreBLEU's reproducibility signature of chrF, in its field order, e.g.
 * `chrF2|nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:prevod-0.1.0`.
 * `nrefs` is "var" when segments have different numbers of references.
 */
export function chrfSignature(options: ChrfOptions, nrefs: number | "var"): string {
  const resolved = resolveChrfOptions(options);
  return [
    chrfName(resolved),
    `nrefs:${nrefs}`,
    `case:${resolved.lowercase ? "lc" : "mixed"}`,
    `eff:${resolved.epsSmoothing ? "no" : "yes"}`,
    `nc:${resolved.charOrder}`,
    `nw:${resolved.wordOrder}`,
    `space:${resolved.whitespace ? "yes" : "no"}`,
    `version:${SIGNATURE_VERSION}`,
  ].join("|");
}

/**
 * A score with a fixed number of decimals, rounded as Python's `f"{score:.2f}"` rounds
 * (so printed figures equal sacreBLEU's): an exact half goes to the even digit, where
 * JavaScript's toFixed goes away from zero (12.125 → "12.12", not "12.13").
 */
export function formatScore(score: number, decimals = 2): string {
  const rounded = score.toFixed(decimals);
  if (!Number.isFinite(score) || Math.abs(score) >= 1e21) return rounded;
  // 100 digits hold the exact binary value of any score that can be a tie at `decimals`.
  const exact = score.toFixed(100);
  const firstDropped = exact.indexOf(".") + 1 + decimals;
  const isExactHalf = exact[firstDropped] === "5" && /^0*$/.test(exact.slice(firstDropped + 1));
  if (!isExactHalf) return rounded;
  const kept = exact.slice(0, decimals === 0 ? firstDropped - 1 : firstDropped);
  const lastDigit = Number(kept[kept.length - 1]);
  return lastDigit % 2 === 0 ? kept : rounded;
}
