import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openAtomicFile, removeStaleTemporaries, writeFileAtomic } from "./atomic-write.js";

const dir = mkdtempSync(join(tmpdir(), "prevod-atomic-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("atomic writes", () => {
  it("shows a file only when complete, and leaves nothing behind", async () => {
    const file = await openAtomicFile(join(dir, "out.jsonl"));
    await file.write("a\n");
    expect(existsSync(join(dir, "out.jsonl"))).toBe(false);
    await file.commit();
    await writeFileAtomic(join(dir, "x.json"), "{}");
    expect(readdirSync(dir).sort()).toEqual(["out.jsonl", "x.json"]);
  });

  it("tidies temporary files of dead processes, never those of a live one", async () => {
    mkdirSync(join(dir, "ab"));
    const dead = join(dir, "ab", ".key.json.999999999.0123abcd.tmp");
    const live = join(dir, `.x.json.${process.pid}.0123abcd.tmp`);
    writeFileSync(dead, "half");
    writeFileSync(live, "writing");
    expect(await removeStaleTemporaries(dir, 1)).toBe(1);
    expect(existsSync(dead)).toBe(false);
    expect(existsSync(live)).toBe(true);
  });
});
