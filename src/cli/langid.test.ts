import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import langid from "./langid.js";

afterEach(() => vi.restoreAllMocks());

describe("prevod langid", () => {
  // Issue 12, item 8: without --jsonl the whole .jsonl file was one text and got one guess ("bs 0.569").
  it("asks for --jsonl on a .jsonl file instead of printing one guess for the whole file", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "prevod-langid-")), "texts.jsonl");
    writeFileSync(file, `${JSON.stringify({ id: "a", text: "Правителството прие бюджета." })}\n${JSON.stringify({ id: "b", text: "Vlada je usvojila budžet." })}\n`);
    const written = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    await expect(langid(file, {})).rejects.toThrow(`prevod langid: ${file} is JSON Lines {id,text}: add --jsonl for a language per line`);
    expect(written).not.toHaveBeenCalled();
  });
});
