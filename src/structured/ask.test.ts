import { z } from "zod";
import { describe, expect, it } from "vitest";
import { ask } from "./ask.js";
import { parsePromptTemplate } from "./prompt-template.js";

const prompt = parsePromptTemplate("## system\nAnswer as {{schema}}.\n\n## user\n{{article}}\n{{feedback}}\n", "p.md");
const schema = z.object({ label: z.string() });

/** Issue 10.13: the four model steps hand-built the same call; now one builder fills {{schema}} and {{feedback}}. */
describe("ask", () => {
  it("fills {{schema}} with the schema as sent and leaves {{feedback}} empty at first", () => {
    const request = ask({ prompt, schema, schemaName: "label", values: { article: "Текст." }, feedback: [], feedbackIntro: "Fix:", origin: { step: "s" } });
    expect(request.messages[0]!.content).toContain('"label"');
    expect(request.messages[1]!.content.trim()).toBe("Текст.");
    expect(request.jsonSchema).toBeUndefined();
  });

  it("lists each reason of a rejected answer once, at most 20, after its introduction", () => {
    const reasons = [...Array.from({ length: 30 }, (_, index) => `reason ${index}`), "reason 0"];
    const request = ask({ prompt, schema, schemaName: "label", values: { article: "x" }, feedback: reasons, feedbackIntro: "Fix:", origin: { step: "s" } });
    const user = request.messages[1]!.content;
    expect(user).toContain("Fix:\n- reason 0\n- reason 1");
    expect(user.match(/^- /gm)).toHaveLength(20);
  });

  it("sends and shows a user's JSON Schema exactly as written", () => {
    const written = { type: "object", properties: { label: { type: "string" } } };
    const request = ask({ prompt, schema, jsonSchema: written, schemaName: "label", values: { article: "x" }, feedback: [], feedbackIntro: "Fix:", origin: { step: "s" } });
    expect(request.jsonSchema).toBe(written);
    expect(request.messages[0]!.content).toContain(JSON.stringify(written));
  });
});
