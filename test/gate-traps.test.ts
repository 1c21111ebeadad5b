import { describe, expect, it } from "vitest";
import { checkTranslation } from "../src/checks/translation.js";
import { buildTrapKinds, loadNtrex, NTREX_FILE, type GateCase } from "../scripts/gate-traps.js";

/**
 * The trap sets of `npm run eval:gates`, thinned (every 4th NTREX dev line), as a regression
 * guard for the error kinds of issue 11. Built from ../shared at run time; skipped when absent.
 */
const rows = loadNtrex();
if (rows === undefined) console.warn(`skipped: ${NTREX_FILE} absent (gate trap sets are built from the NTREX dev lines)`);

const fails = (gateCase: GateCase): boolean =>
  checkTranslation({ target: gateCase.target, source: gateCase.source, translation: gateCase.translation }).some(
    (result) => result.status === "fail" && (result.segmentId === gateCase.id || result.segmentId === undefined),
  );

describe.skipIf(rows === undefined)("gate trap sets from NTREX dev lines", () => {
  const kinds = rows === undefined ? [] : buildTrapKinds(rows, 4);
  const kind = (name: string) => kinds.find((each) => each.kind === name)!;
  const rate = (cases: GateCase[], want: boolean) => cases.filter((gateCase) => fails(gateCase) === want).length / cases.length;

  it.each([
    ["1-empty", "error kind 1: empty answers (zero-width spaces, NBSP, blank lines) pass"],
    ["2-glued-source", "error kind 2: an untranslated Bulgarian sentence glued into a translation passes"],
    ["3-latin-prefix", "error kind 3: a short Latin prefix lets Bulgarian pass as Russian or Serbian"],
    ["copied-source", "the Bulgarian source handed back"],
  ])("catches %s at least 99 percent of the time: %s", (name) => {
    expect(kind(name).traps.length).toBeGreaterThan(50);
    expect(rate(kind(name).traps, true)).toBeGreaterThanOrEqual(0.99);
  });

  it("error kind 7: catches most ijekavian answers to a Serbian target", () => {
    expect(rate(kind("7-ijekavian-as-sr").traps, true)).toBeGreaterThanOrEqual(0.8);
  });

  it("error kinds 4 and 5: passes the professional controls (at least 95 percent per kind, 99 percent over all)", () => {
    for (const each of kinds) expect(rate(each.controls, false), each.kind).toBeGreaterThanOrEqual(0.95);
    const all = kinds.flatMap((each) => each.controls);
    expect(rate(all, false)).toBeGreaterThanOrEqual(0.99);
  });
});
