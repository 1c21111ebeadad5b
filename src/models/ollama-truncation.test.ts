import { describe, expect, it } from "vitest";
import { checkOllamaTruncation } from "./ollama-truncation.js";

const usage = { promptTokens: 0, completionTokens: 0 };
const check = (estimated: number, evaluated: number | undefined, window = 8192) => () => checkOllamaTruncation({ endpoint: "e", model: "m", estimated, evaluated, window, usage });

/** Issue 10.4: catch Ollama's silent prompt cuts (old and 0.30+ runners), not its prefix-cache counts. */
describe("checkOllamaTruncation", () => {
  it("catches an old runner's cut: the prompt filled the whole window", () => {
    expect(check(12_000, 8192)).toThrow(/cut the prompt/);
  });

  it("catches Ollama 0.30+'s trim of an overlong prompt to about half the window (contextShiftPromptLimit)", () => {
    expect(check(12_000, 4100)).toThrow(/cut the prompt/);
  });

  it("does not fire on a low prompt_eval_count alone (v0.30.0 leaves prefix-cached tokens out)", () => {
    expect(check(6000, 900)).not.toThrow();
    expect(check(6000, 4100)).not.toThrow();
    expect(check(200, 8192)).not.toThrow();
    expect(check(6000, undefined)).not.toThrow();
  });
});
