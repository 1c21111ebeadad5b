import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../src/config/load.js";
import type { RunEvent } from "../src/engine/events.js";
import { currentIdentities } from "../src/engine/model-stack.js";
import { previewRun } from "../src/engine/preview-run.js";
import { runPipeline } from "../src/engine/run-pipeline.js";
import { buildPlan, type Plan } from "../src/graph/plan.js";
import { isPrevodError, type PrevodError } from "../src/errors.js";
import { formatPlan } from "../src/cli/validate.js";
import { ROOT, temporaryDirectory } from "./support/cli.js";
import { closedPort as freePort } from "./support/net.js";
import { DEFAULT_STEPS, repeatedSamples, sampleArticles } from "./support/pipeline.js";
import { loadReferenceBook, referenceAnswerer, type ReferenceBook } from "./support/reference-answerer.js";
import { startOllamaSimulator, startOpenAISimulator, type LoggedRequest, type Simulator } from "./support/sim/index.js";

/**
 * Issue 10 ("real servers, real models"), must show: what a newcomer's first run on a real
 * server meets — a cold model load, a thinking model, a long-and-short mix, a runaway answer, a
 * model swapped under the same name, a server that answered garbage for a while, an outage, a
 * refused option — ends with every article ok, or one line naming the setting. Times are scaled
 * down (a 2.5 s load under a 1 s idle limit stands for a minute-long load under 60 s).
 */

function ollamaPlan(outputDir: string, host: string, model: string, settings = "", defaults = "timeout: 20s", steps = DEFAULT_STEPS): Promise<Plan> {
  const yaml = `version: 1
models:
  local: { kind: ollama, host: "${host}", model: "${model}", parallel: 2${settings ? `, ${settings}` : ""} }
defaults: { model: local, seed: 42, ${defaults} }
${steps}`;
  return buildPlan(parseConfig(yaml, join(ROOT, "pipeline.test.yaml")), { outputDir });
}

const generations = (simulator: Simulator, from = 0): LoggedRequest[] => simulator.requests.slice(from).filter((request) => request.index !== undefined);
const body = (request: LoggedRequest) => request.body as { think?: unknown; seed?: number; options?: { num_ctx?: number; seed?: number }; messages?: unknown[] };

let book: ReferenceBook;
const temporary = temporaryDirectory("prevod-real-");
let dirs = 0;
const outDir = () => join(temporary.dir, `out-${++dirs}`);

beforeAll(async () => {
  book = await loadReferenceBook(join(ROOT, "samples"));
});
afterAll(() => temporary.cleanup());

describe("a cold model load", () => {
  let simulator: Simulator;
  beforeAll(async () => {
    simulator = await startOllamaSimulator({ answer: referenceAnswerer(book), models: ["cold:12b"], parallel: 2, loadMs: 2500 });
  });
  afterAll(() => simulator?.close());

  it("longer than the idle limit ends every article ok, with exactly one load, announced once", async () => {
    const plan = await ollamaPlan(outDir(), simulator.url, "cold:12b", "idle_timeout: 1s, load_timeout: 1m");
    const notices: string[] = [];
    const result = await runPipeline({ plan, articles: repeatedSamples(5), cache: false, onEvent: (event) => event.type === "notice" && notices.push(event.message) });
    expect(result.articles.map((article) => article.status)).toEqual(Array(5).fill("ok"));
    expect(simulator.stats().loads).toMatchObject({ loads: 1, reloads: 0, abandoned: 0 });
    expect(notices.filter((message) => message.startsWith("loading cold:12b on "))).toHaveLength(1);
    // The load came first, as a chat without messages, before any generation.
    const first = simulator.requests.find((request) => request.path === "/api/chat")!;
    expect(first.index).toBeUndefined();
    expect(body(first).messages ?? []).toEqual([]);
  });
});

describe("a thinking model (qwen3, deepseek-r1, gpt-oss)", () => {
  let simulator: Simulator;
  beforeAll(async () => {
    simulator = await startOllamaSimulator({ answer: referenceAnswerer(book), models: ["qwen3:8b"], parallel: 2, thinking: true });
  });
  afterAll(() => simulator?.close());

  it("generates no thinking tokens with the default think: false", async () => {
    const before = simulator.requests.length;
    const plan = await ollamaPlan(outDir(), simulator.url, "qwen3:8b");
    const result = await runPipeline({ plan, articles: sampleArticles().slice(0, 2), cache: false });
    expect(result.articles.map((article) => article.status)).toEqual(["ok", "ok"]);
    const sent = generations(simulator, before);
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.every((request) => body(request).think === false)).toBe(true);
    expect(result.manifest.usage.thinking_tokens ?? 0).toBe(0);
  });

  it("with think: true keeps the reasoning out of the answers and counts its tokens", async () => {
    const plan = await ollamaPlan(outDir(), simulator.url, "qwen3:8b", "think: true");
    const result = await runPipeline({ plan, articles: sampleArticles().slice(0, 1), cache: false });
    expect(result.articles[0]!.status).toBe("ok");
    expect(result.manifest.usage.thinking_tokens).toBeGreaterThan(0);
    const article = readFileSync(result.articles[0]!.file!, "utf8");
    expect(article).not.toContain("Let me check each name");
  });
});

describe("one context window per run", () => {
  let simulator: Simulator;
  beforeAll(async () => {
    simulator = await startOllamaSimulator({ answer: referenceAnswerer(book), models: ["ctx:7b"], parallel: 2, loadMs: 50 });
  });
  afterAll(() => simulator?.close());

  it("a run that mixes long and short articles sends one num_ctx and causes no reload", async () => {
    const samples = sampleArticles();
    // A long feature (three samples in one, ~900 words) among short news items.
    const long = { ...samples[0]!, id: "long", text: samples.slice(0, 3).map((sample) => sample.text).join("\n\n") };
    const before = simulator.requests.length;
    const loadsBefore = simulator.stats().loads!;
    const plan = await ollamaPlan(outDir(), simulator.url, "ctx:7b");
    await runPipeline({ plan, articles: [samples[1]!, long, samples[2]!, samples[3]!], cache: false });
    const windows = new Set(generations(simulator, before).map((request) => body(request).options?.num_ctx));
    expect([...windows]).toEqual([8192]);
    expect(simulator.stats().loads!.reloads).toBe(loadsBefore.reloads);
  });

  it("an article too long for the window grows it once, for the rest of the run, and never shrinks it back", async () => {
    const samples = sampleArticles();
    const longest = { ...samples[0]!, id: "longest", text: samples.map((sample) => sample.text).join("\n\n") };
    const before = simulator.requests.length;
    const loadsBefore = simulator.stats().loads!;
    // Summaries and quote searches read at most max_input_tokens of an article per request (4,000
    // by default, which fits the default window); a desk that asks for whole articles grows it.
    const steps = DEFAULT_STEPS.replace("summarize, needs: [segment] }", "summarize, needs: [segment], options: { max_input_tokens: 100000 } }").replace("extract-quotes, needs: [segment, translate] }", "extract-quotes, needs: [segment, translate], options: { max_input_tokens: 100000 } }");
    const plan = await ollamaPlan(outDir(), simulator.url, "ctx:7b", "", "timeout: 20s", steps);
    const notices: string[] = [];
    await runPipeline({ plan, articles: [samples[1]!, longest, samples[2]!, samples[3]!, samples[4]!], cache: false, onEvent: (event) => event.type === "notice" && notices.push(event.message) });
    const windows = generations(simulator, before).map((request) => body(request).options!.num_ctx!);
    const changes = windows.filter((window, index) => index > 0 && window !== windows[index - 1]);
    expect(changes).toHaveLength(1);
    expect(Math.max(...windows)).toBe(windows.at(-1));
    expect(notices.filter((message) => message.includes("num_ctx grows"))).toHaveLength(1);
    expect(simulator.stats().loads!.reloads - loadsBefore.reloads).toBe(1);
  });
});

describe("a runaway answer", () => {
  /** Whitespace without end after the answer's JSON, on the first generation only. */
  const firstCallLoops = () => {
    let first = true;
    return (request: { promptTokens: number }) => (first && request.promptTokens > 0 ? ((first = false), { kind: "whitespace-loop" as const }) : undefined);
  };

  it("from an OpenAI-compatible server (vLLM runs on to max_tokens) is cut after a bounded stretch and re-asked with a different request", async () => {
    const simulator = await startOpenAISimulator({ answer: referenceAnswerer(book), models: ["loop-7b"], faults: firstCallLoops(), latency: { firstTokenMs: 5, tokensPerSecond: 500 } });
    try {
      const plan = await buildPlan(
        parseConfig(
          `version: 1
models:
  vllm: { kind: openai, base_url: "${simulator.url}/v1", model: loop-7b, api_key_env: PREVOD_TEST_KEY, parallel: 1 }
defaults: { model: vllm, seed: 42, timeout: 10m }
${DEFAULT_STEPS}`,
          join(ROOT, "pipeline.test.yaml"),
        ),
        { outputDir: outDir() },
      );
      const result = await runPipeline({ plan, articles: sampleArticles().slice(0, 1), cache: false, environment: { PREVOD_TEST_KEY: "k" } });
      expect(result.articles[0]!.status).toBe("ok");
      const sent = simulator.requests.filter((request) => request.path === "/v1/chat/completions");
      const looped = sent.find((request) => request.fault?.kind === "whitespace-loop")!;
      // prevod hung up: the server would have streamed whitespace up to the output cap.
      expect(looped.disconnected).toBe(true);
      const reask = sent.find((request) => request.index! > looped.index! && body(request).seed !== body(looped).seed);
      expect(reask).toBeDefined();
    } finally {
      await simulator.close();
    }
  });

  it("that Ollama ends itself (no final object after 30 whitespace tokens) is re-asked with a different request", async () => {
    const simulator = await startOllamaSimulator({ answer: referenceAnswerer(book), models: ["loop:7b"], faults: firstCallLoops() });
    try {
      const result = await runPipeline({ plan: await ollamaPlan(outDir(), simulator.url, "loop:7b"), articles: sampleArticles().slice(0, 1), cache: false });
      expect(result.articles[0]!.status).toBe("ok");
      const sent = generations(simulator);
      const looped = sent.find((request) => request.fault?.kind === "whitespace-loop")!;
      const reask = sent.find((request) => request.index! > looped.index! && body(request).options?.seed !== body(looped).options?.seed);
      expect(reask).toBeDefined();
    } finally {
      await simulator.close();
    }
  });
});

describe("answers belong to the model that gave them", () => {
  it("after the demo's simulator, a real model of the same name is asked again, and status says why", async () => {
    const outputDir = outDir();
    const demo = await startOllamaSimulator({ answer: referenceAnswerer(book), models: ["gemma3:12b"], revision: "demo" });
    try {
      const plan = await ollamaPlan(outputDir, demo.url, "gemma3:12b");
      const first = await runPipeline({ plan, articles: sampleArticles().slice(0, 2) });
      expect(first.manifest.usage.calls).toBeGreaterThan(0);
    } finally {
      await demo.close();
    }
    const real = await startOllamaSimulator({ answer: referenceAnswerer(book), models: ["gemma3:12b"], revision: "real" });
    try {
      const plan = await ollamaPlan(outputDir, real.url, "gemma3:12b");
      const second = await runPipeline({ plan, articles: sampleArticles().slice(0, 2) });
      expect(second.manifest.usage.cached).toBe(0);
      expect(second.manifest.usage.calls).toBeGreaterThan(0);
      expect(second.articles.every((article) => !article.skipped)).toBe(true);

      // Same server, same weights: nothing to do now; other weights under the name: "model changed".
      const reasons = async (identities: string | undefined) => {
        const found: string[] = [];
        for await (const { decision } of previewRun(plan, [], { articles: sampleArticles().slice(0, 2), identities })) found.push(decision.reason);
        return found;
      };
      expect(await reasons(await currentIdentities(plan))).toEqual(["unchanged", "unchanged"]);
      expect(await reasons("local=ollama gemma3:12b sha256-of-other-weights")).toEqual(["model changed", "model changed"]);
    } finally {
      await real.close();
    }
  });
});

describe("a server that answered garbage for a while", () => {
  it("does not leave its answers in the cache: the failed article re-run ends ok", async () => {
    const outputDir = outDir();
    const simulator = await startOllamaSimulator({ answer: () => "GPU overloaded, please retry later", models: ["flaky:7b"] });
    try {
      const plan = await ollamaPlan(outputDir, simulator.url, "flaky:7b");
      const articles = sampleArticles().slice(0, 1);
      const failed = await runPipeline({ plan, articles });
      expect(failed.articles[0]!.status).not.toBe("ok");
      simulator.setAnswer(referenceAnswerer(book));
      const again = await runPipeline({ plan, articles });
      expect(again.articles[0]!.status).toBe("ok");
      expect(again.manifest.usage.calls).toBeGreaterThan(0);
    } finally {
      await simulator.close();
    }
  });
});

describe("a server outage in the middle of a feed", () => {
  it("a 10 s outage mid-way through 30 articles ends with every article ok", async () => {
    const port = await freePort();
    const options = { answer: referenceAnswerer(book), models: ["restart:7b"], parallel: 2, port };
    let simulator = await startOllamaSimulator(options);
    const plan = await ollamaPlan(outDir(), simulator.url, "restart:7b", "outage_limit: 2m");
    const events: RunEvent[] = [];
    let restarted: Promise<void> | undefined;
    const onEvent = (event: RunEvent) => {
      events.push(event);
      if (event.type === "article-finished" && event.index >= 9 && !restarted) {
        restarted = (async () => {
          await simulator.close();
          await new Promise((resolve) => setTimeout(resolve, 10_000));
          simulator = await startOllamaSimulator(options);
        })();
      }
    };
    try {
      const result = await runPipeline({ plan, articles: repeatedSamples(30), cache: false, onEvent });
      await restarted;
      expect(result.articles.map((article) => article.status)).toEqual(Array(30).fill("ok"));
      const notices = events.filter((event): event is Extract<RunEvent, { type: "notice" }> => event.type === "notice").map((event) => event.message);
      expect(notices.filter((message) => message.includes("unreachable since"))).toHaveLength(1);
      expect(notices.some((message) => message.includes("answers again"))).toBe(true);
    } finally {
      await restarted;
      await simulator.close();
    }
  }, 60_000);
});

describe("an option the model refuses", () => {
  let simulator: Simulator;
  beforeAll(async () => {
    simulator = await startOpenAISimulator({ answer: referenceAnswerer(book), models: ["o4-mini"], refuses: ["temperature"] });
  });
  afterAll(() => simulator?.close());

  const openaiPlan = (outputDir: string, settings: string) =>
    buildPlan(
      parseConfig(
        `version: 1
models:
  cloud: { kind: openai, base_url: "${simulator.url}/v1", model: o4-mini, api_key_env: PREVOD_TEST_KEY, parallel: 2${settings} }
defaults: { model: cloud, seed: 42, timeout: 20s }
${DEFAULT_STEPS}`,
        join(ROOT, "pipeline.test.yaml"),
      ),
      { outputDir },
    );

  it("stops the run with one message naming the option and the setting, not one failure per article", async () => {
    const before = simulator.requests.length;
    const plan = await openaiPlan(outDir(), "");
    const articles = repeatedSamples(10);
    const error = await runPipeline({ plan, articles, environment: { PREVOD_TEST_KEY: "sk-test" } }).then(
      () => undefined,
      (failure: unknown) => failure as PrevodError,
    );
    expect(isPrevodError(error)).toBe(true);
    expect(error!.code).toBe("MODEL_OPTION_REFUSED");
    expect(error!.message).toContain("'temperature'");
    expect(error!.message).toContain("models.cloud.omit");
    // Stopped at once: a handful of calls in flight, not 10 articles × every step × retries.
    expect(generationsOf(simulator, before)).toBeLessThanOrEqual(4);
    // The articles in flight when it stopped are "interrupted" to `prevod status`, the rest new.
    const reasons: string[] = [];
    for await (const { decision } of previewRun(plan, [], { articles })) reasons.push(decision.reason);
    expect(reasons).toContain("interrupted");
    expect(reasons.filter((reason) => reason !== "interrupted" && reason !== "new")).toEqual([]);
  });

  it("with omit: [temperature] every article ends ok", async () => {
    const plan = await openaiPlan(outDir(), ", omit: [temperature]");
    const result = await runPipeline({ plan, articles: sampleArticles().slice(0, 2), environment: { PREVOD_TEST_KEY: "sk-test" }, cache: false });
    expect(result.articles.map((article) => article.status)).toEqual(["ok", "ok"]);
  });
});

function generationsOf(simulator: Simulator, from: number): number {
  return simulator.requests.slice(from).filter((request) => request.path === "/v1/chat/completions").length;
}

describe("prevod validate", () => {
  it("shows per model: think, omitted options, the context size and the output cap", async () => {
    const plan = await ollamaPlan(outDir(), "http://127.0.0.1:1", "qwen3:8b", "think: low, omit: [seed], context_size: 16384");
    const text = formatPlan(plan);
    expect(text).toContain("think low");
    expect(text).toContain("omits seed");
    expect(text).toContain("context 16384");
    expect(text).toContain("output cap per call");
    const capped = await ollamaPlan(outDir(), "http://127.0.0.1:1", "qwen3:8b", "", "timeout: 20s, max_output_tokens: 2048");
    expect(formatPlan(capped)).toContain("output cap 2048 tokens");
  });
});
