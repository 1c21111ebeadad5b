import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runPipeline } from "../src/engine/run-pipeline.js";
import { isPrevodError } from "../src/errors.js";
import { loadPlan } from "../src/graph/load-plan.js";
import { ROOT, temporaryDirectory } from "./support/cli.js";
import { sampleArticles } from "./support/pipeline.js";
import { bigArticle } from "./support/big-article.js";
import { estimateTokens } from "../src/common/tokens.js";
import { loadReferenceBook, referenceAnswerer } from "./support/reference-answerer.js";
import { defaultAnswer, startOllamaSimulator, type Simulator } from "./support/sim/index.js";

/** The user-defined `llm` step: a prompt file and an answer schema declared in pipeline.yaml. */
const temporary = temporaryDirectory();
let simulator: Simulator;

const TOPICS = `{ type: object, properties: { topics: { type: array, items: { type: string }, minItems: 1, maxItems: 5 } }, required: [topics], additionalProperties: false }`;

function writeConfig(host: string, steps: string): string {
  const dir = join(temporary.dir, `config-${Math.random().toString(36).slice(2)}`);
  mkdirSync(join(dir, "prompts"), { recursive: true });
  writeFileSync(join(dir, "prompts", "topics.md"), "## system\nList the topics of the article as JSON matching {{schema}}.\n\n## user\n<<<ARTICLE\n{{article}}\nARTICLE>>>\n{{target_language}}\n{{feedback}}\n");
  writeFileSync(
    join(dir, "pipeline.yaml"),
    `version: 1
targets: [en, ru]
models:
  local: { kind: ollama, host: "${host}", model: "llm:7b", parallel: 4 }
steps:
  segment: { kind: segment }
  translate: { kind: translate, needs: [segment] }
${steps}`,
  );
  return join(dir, "pipeline.yaml");
}

beforeAll(async () => {
  const reference = referenceAnswerer(await loadReferenceBook(join(ROOT, "samples")));
  // Topic requests get the simulator's schema-valid default answer; the rest come from references.
  simulator = await startOllamaSimulator({ models: ["llm:7b"], answer: (request) => ("topics" in ((request.schema?.properties ?? {}) as object) ? defaultAnswer(request) : reference(request)) });
});
afterAll(async () => {
  await simulator?.close();
  temporary.cleanup();
});

describe("llm steps", () => {
  it("sends the user's JSON Schema exactly as written (zod's round trip added additionalProperties: {})", async () => {
    const loose = `{ type: object, properties: { label: { type: string } }, required: [label] }`;
    const config = writeConfig(simulator.url, `  label: { kind: llm, needs: [segment], prompt: prompts/topics.md, options: { schema: ${loose} } }\n`);
    const plan = await loadPlan(config, { outputDir: join(temporary.dir, "out-loose") });
    const before = simulator.requests.length;
    await runPipeline({ plan, articles: sampleArticles().slice(0, 1), cache: false });
    const sent = simulator.requests
      .slice(before)
      .map((request) => (request.body as { format?: Record<string, unknown> } | undefined)?.format)
      .find((format) => format && "label" in ((format.properties ?? {}) as object));
    expect(sent).toEqual({ type: "object", properties: { label: { type: "string" } }, required: ["label"] });
  });

  it("runs once per article, or once per target, and stores the validated answers in results", async () => {
    const config = writeConfig(
      simulator.url,
      `  topics: { kind: llm, needs: [segment], prompt: prompts/topics.md, options: { schema: ${TOPICS} } }
  topics-en: { kind: llm, needs: [translate], targets: [en], prompt: prompts/topics.md, options: { input: translation, schema: ${TOPICS} } }
`,
    );
    const outputDir = join(temporary.dir, "out");
    const plan = await loadPlan(config, { outputDir });
    const before = simulator.requests.length;
    await runPipeline({ plan, articles: sampleArticles().slice(0, 1), cache: false });
    const [sample] = sampleArticles();
    const article = JSON.parse(readFileSync(join(outputDir, "articles", `${sample!.id}.json`), "utf8"));
    expect(article.status).toBe("ok");
    expect(article.results.topics.topics.length).toBeGreaterThanOrEqual(1);
    expect(Object.keys(article.results["topics-en"])).toEqual(["en"]);
    const prompts = simulator.requests.slice(before).filter((request) => JSON.stringify(request.body ?? "").includes("List the topics"));
    // Distinct requests: a keep-alive socket closing under a request makes the client send it again.
    expect(new Set(prompts.map((request) => JSON.stringify(request.body))).size).toBe(2);
    // The per-target step read the English translation, not the Bulgarian source.
    const english = prompts.map((request) => JSON.stringify(request.body)).find((body) => body.includes("English"))!;
    expect(english).toContain(article.translations.en.segments[1].text.slice(0, 30));
  });

  it("gives only the lead of a long article, within max_input_tokens, and records written_from (it sent the whole article: 5 MB in one prompt)", async () => {
    const config = writeConfig(
      simulator.url,
      `  topics: { kind: llm, needs: [segment], prompt: prompts/topics.md, options: { schema: ${TOPICS} } }
  topics-en: { kind: llm, needs: [translate], targets: [en], prompt: prompts/topics.md, options: { input: translation, max_input_tokens: 300, schema: ${TOPICS} } }
`,
    );
    const outputDir = join(temporary.dir, "out-long");
    const plan = await loadPlan(config, { outputDir });
    const text = bigArticle(40_000);
    expect(estimateTokens(text)).toBeGreaterThan(12_000);
    const before = simulator.requests.length;
    await runPipeline({ plan, articles: [{ id: "long", text, title: text.split("\n")[0]!, origin: "test:long" }], cache: false });
    const article = JSON.parse(readFileSync(join(outputDir, "articles", "long.json"), "utf8"));
    const articleFields = simulator.requests
      .slice(before)
      .map((request) => JSON.stringify(request.body ?? ""))
      .filter((body) => body.includes("List the topics"))
      .map((body) => {
        const user = (JSON.parse(body) as { messages: Array<{ role: string; content: string }> }).messages.find((message) => message.role === "user")!.content;
        return JSON.parse(user.slice(user.indexOf("<<<ARTICLE\n") + 11, user.indexOf("\nARTICLE>>>"))) as string;
      });
    expect(articleFields).toHaveLength(2);
    const [source, english] = [articleFields.find((field) => /[а-я]/.test(field))!, articleFields.find((field) => !/[а-я]/.test(field))!];
    expect(estimateTokens(source)).toBeLessThanOrEqual(4000);
    expect(estimateTokens(source)).toBeGreaterThan(3000);
    expect(estimateTokens(english)).toBeLessThanOrEqual(300);
    expect(source.startsWith("Голяма статия за съдебно решение")).toBe(true);
    const bodies = article.segments.filter((segment: { kind: string }) => segment.kind === "title" || segment.kind === "body").length;
    expect(article.written_from.topics.of).toBe(bodies);
    expect(article.written_from.topics.segments).toBeLessThan(bodies);
    expect(article.written_from["topics-en"].en.of).toBe(article.translations.en.segments.length);
    expect(article.written_from["topics-en"].en.segments).toBeLessThan(article.written_from.topics.segments);
    expect(english.startsWith(article.translations.en.segments[0].text)).toBe(true);
    expect(article.results.topics.topics.length).toBeGreaterThanOrEqual(1);
  });

  it("rejects a schema that is not an object schema, and a translation input without its translate step, before running", async () => {
    const config = writeConfig(
      simulator.url,
      `  bad-schema: { kind: llm, needs: [segment], prompt: prompts/topics.md, options: { schema: { type: string } } }
  no-translation: { kind: llm, needs: [segment], targets: [ru], prompt: prompts/topics.md, options: { input: translation, schema: ${TOPICS} } }
  no-prompt: { kind: llm, needs: [segment], options: { schema: ${TOPICS} } }
`,
    );
    const error = await loadPlan(config).catch((caught: unknown) => caught);
    expect(isPrevodError(error, "CONFIG_INVALID")).toBe(true);
    const message = (error as Error).message;
    expect(message).toMatch(/steps\.bad-schema\.options\.schema: expected a JSON Schema of an object/);
    expect(message).toMatch(/steps\.no-translation: input: translation needs a translate step producing ru in needs/);
    expect(message).toMatch(/steps\.no-prompt: an llm step needs its own prompt file/);
    expect(message).toMatch(/pipeline\.yaml:\d+:\d+/);
  });
});
