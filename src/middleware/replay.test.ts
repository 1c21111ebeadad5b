import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Model, ModelCall } from "../models/types.js";
import { withRecord } from "./record.js";
import { withReplay } from "./replay.js";

const dir = mkdtempSync(join(tmpdir(), "prevod-replay-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const call = (content: string, seed = 42): ModelCall => ({
  messages: [
    { role: "system", content: "Translate." },
    { role: "user", content },
  ],
  options: { temperature: 0, seed },
  origin: { articleId: "a1", step: "translate", target: "en", part: "c1" },
});
const recorded: Model = { provider: "ollama", modelId: "gemma3:12b", endpoint: "http://h", generate: async () => ({ text: "{}", finishReason: "stop", usage: { promptTokens: 1, completionTokens: 1 }, durationMs: 1 }) };

describe("replay of a stale recording", () => {
  it("names what differs: the model, the prompt, the options (was: 'a different prompt, model or options')", async () => {
    await withRecord({ dir })(recorded).generate(call("Здравей."));
    const replay = (modelId: string) => withReplay({ dir })({ provider: "ollama", modelId, endpoint: "http://h" });
    await expect(replay("gemma3:12b").generate(call("Здравей."))).resolves.toMatchObject({ source: "replay" });
    await expect(replay("qwen3:8b").generate(call("Здравей."))).rejects.toThrow(/recorded with ollama gemma3:12b, and this run asks ollama qwen3:8b/);
    await expect(replay("gemma3:12b").generate(call("Довиждане."))).rejects.toThrow(/the user message differs/);
    await expect(replay("gemma3:12b").generate(call("Здравей.", 7))).rejects.toThrow(/the options differ \(seed\)/);
  });
});
