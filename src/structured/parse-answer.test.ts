import { z } from "zod";
import { describe, expect, it } from "vitest";
import { parseAnswer } from "./parse-answer.js";

const schema = z.object({ translations: z.array(z.object({ id: z.string(), text: z.string() })) });
const json = `{"translations":[{"id":"1","text":"Hello."}]}`;

/** What servers that do not enforce the schema send (Ollama Cloud, some OpenRouter providers, vLLM without a reasoning parser). */
describe("parseAnswer", () => {
  it("accepts a <think> block before the JSON", () => {
    expect(parseAnswer(`<think>\nThe user wants… let me check.\n</think>\n\n${json}`, schema).ok).toBe(true);
  });

  it("accepts one fenced JSON block inside prose, and one fence around the whole answer", () => {
    expect(parseAnswer(`Here is the translation:\n\`\`\`json\n${json}\n\`\`\`\nHope this helps!`, schema).ok).toBe(true);
    expect(parseAnswer(`\`\`\`json\n${json}\n\`\`\``, schema).ok).toBe(true);
  });

  it("rejects prose with two fenced blocks, prose without JSON, and an empty answer, with reasons", () => {
    const two = parseAnswer(`A:\n\`\`\`json\n${json}\n\`\`\`\nB:\n\`\`\`json\n${json}\n\`\`\``, schema);
    expect(two.ok).toBe(false);
    const prose = parseAnswer("GPU overloaded, please retry later", schema);
    expect(prose).toMatchObject({ ok: false });
    expect(parseAnswer("<think>only thinking</think>", schema)).toMatchObject({ ok: false, reasons: ["the answer was empty; expected a JSON object"] });
  });
});
