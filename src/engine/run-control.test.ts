import { describe, expect, it } from "vitest";
import { PrevodError } from "../errors.js";
import { createRunControl } from "./run-control.js";

describe("createRunControl", () => {
  it("the first error that stops the run is the run's: a later one neither replaces it nor aborts again", () => {
    const control = createRunControl(undefined);
    const disk = new PrevodError("OUTPUT_WRITE", "disk full");
    control.stop(disk);
    control.stop(new PrevodError("MODEL_QUOTA", "no quota"));
    expect(control.stopError).toBe(disk);
    expect(control.signal.aborted).toBe(true);
    expect(control.signal.reason).toBe(disk);
  });

  it("follows the caller's signal until detached, and starts aborted when the caller's already is", () => {
    const outer = new AbortController();
    const control = createRunControl(outer.signal);
    control.detach();
    outer.abort(new Error("late"));
    expect(control.signal.aborted).toBe(false);

    const followed = new AbortController();
    const following = createRunControl(followed.signal);
    followed.abort(new Error("Ctrl-C"));
    expect(following.signal.aborted).toBe(true);
    expect(following.stopError).toBeUndefined();

    const early = new AbortController();
    early.abort(new Error("before"));
    expect(createRunControl(early.signal).signal.aborted).toBe(true);
  });
});
