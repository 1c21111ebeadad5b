import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { FinishReason, Model, ModelCall } from "../models/types.js";
import { withCache } from "./cache.js";

const dir = mkdtempSync(join(tmpdir(), "prevod-cache-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function counting(identity: string, finishReason: FinishReason = "stop") {
  const seen = { calls: 0 };
  const model: Model = {
    provider: "ollama",
    modelId: "gemma3:12b",
    endpoint: "http://h",
    identity: () => identity,
    async generate() {
      seen.calls++;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return { text: `{"n":${seen.calls}}`, finishReason, usage: { promptTokens: 1, completionTokens: 1 }, durationMs: 5 };
    },
  };
  return { model, seen };
}
let calls = 0;
const call = (): ModelCall => ({ messages: [{ role: "user", content: `q${++calls}` }], options: {} });

describe("answer cache", () => {
  it("asks once for identical calls in flight at the same time", async () => {
    const { model, seen } = counting("ollama gemma3:12b sha256-a");
    const cached = withCache({ dir })(model);
    const same = call();
    const [first, second] = await Promise.all([cached.generate(same), cached.generate(same)]);
    expect(seen.calls).toBe(1);
    expect([first.source, second.source]).toEqual([undefined, "cache"]);
  });

  it("keys answers by the model's identity: other weights under the same name are asked again", async () => {
    const same = call();
    const a = counting("ollama gemma3:12b sha256-a");
    const b = counting("ollama gemma3:12b sha256-b");
    await withCache({ dir })(a.model).generate(same);
    const answer = await withCache({ dir })(b.model).generate(same);
    expect(b.seen.calls).toBe(1);
    expect(answer.source).toBeUndefined();
  });

  it("forgets a rejected answer, so a later run asks afresh", async () => {
    const same = call();
    const { model, seen } = counting("ollama gemma3:12b sha256-a");
    const first = await withCache({ dir })(model).generate(same);
    await first.reject!();
    const again = await withCache({ dir })(model).generate(same);
    expect(seen.calls).toBe(2);
    expect(again.source).toBeUndefined();
  });

  it("never stores a cut or runaway answer", async () => {
    for (const reason of ["length", "loop"] as const) {
      const same = call();
      const { model, seen } = counting("ollama gemma3:12b sha256-a", reason);
      await withCache({ dir })(model).generate(same);
      await withCache({ dir })(model).generate(same);
      expect(seen.calls).toBe(2);
    }
  });
});
