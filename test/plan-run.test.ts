import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { planOverrides } from "../src/cli/plan-overrides.js";
import type { PipelineCommandOptions } from "../src/cli/run.js";
import { formatPlan } from "../src/cli/validate.js";
import { parseConfig } from "../src/config/load.js";
import { buildModelStack } from "../src/engine/model-stack.js";
import { isPrevodError } from "../src/errors.js";
import { buildPlan, overrideRun, type PlanOverrides } from "../src/graph/plan.js";
import { ROOT } from "./support/cli.js";

/**
 * Issue 15, part 2: the plan resolves once, in graph/plan.ts, what the engine, the queue workers
 * and the CLI read (defaults < pipeline.yaml < flags): `plan.run` and `plan.endpoints`.
 */
const FILE = join(ROOT, "plan-run.test.yaml");
const STEPS = `steps:
  segment: { kind: segment }
  translate: { kind: translate, needs: [segment] }
`;

function yaml(options: { defaults?: string; model?: string; extra?: string } = {}): string {
  return `version: 1
targets: [en]
models:
  local: { kind: ollama, model: "m:7b"${options.model ? `, ${options.model}` : ""} }
${options.defaults ? `defaults: { ${options.defaults} }\n` : ""}${options.extra ?? ""}${STEPS}`;
}

const planOf = (text: string, overrides: PlanOverrides = {}) => buildPlan(parseConfig(text, FILE, { environment: {} }), overrides);
/** commander's options for `prevod run`: `cache` is true unless --no-cache was given. */
const cli = (options: Partial<PipelineCommandOptions> = {}): PipelineCommandOptions => ({ config: FILE, cache: true, ...options });

describe("plan.run: defaults < pipeline.yaml < flags", () => {
  it("articlesInFlight: 32 by default, defaults.articles_in_flight in the file, `prevod worker --concurrency` over both", async () => {
    expect((await planOf(yaml())).run.articlesInFlight).toBe(32);
    expect((await planOf(yaml({ defaults: "articles_in_flight: 5" }))).run.articlesInFlight).toBe(5);
    expect((await planOf(yaml({ defaults: "articles_in_flight: 5" }), { articlesInFlight: 3 })).run.articlesInFlight).toBe(3);
    expect((await planOf(yaml({ defaults: "articles_in_flight: 5" }), { articlesInFlight: "7" })).run.articlesInFlight).toBe(7);
  });

  it("a worker's articles in flight outside 1–10,000 is the command line's mistake (USAGE), not the file's", async () => {
    for (const bad of [0, 10_001, 2.5, "abc"]) {
      const error = await planOf(yaml(), { articlesInFlight: bad }).catch((caught: unknown) => caught);
      expect(isPrevodError(error, "USAGE"), String(bad)).toBe(true);
    }
  });

  it("cache: on by default, cache.enabled in the file, --no-cache over it, and the library's cache: true over a file that turns it off", async () => {
    expect((await planOf(yaml())).run.cache).toBe(true);
    expect((await planOf(yaml({ extra: "cache: { enabled: false }\n" }))).run.cache).toBe(false);
    expect((await planOf(yaml(), { cache: false })).run.cache).toBe(false);
    expect((await planOf(yaml({ extra: "cache: { enabled: false }\n" }), { cache: true })).run.cache).toBe(true);
  });

  it("maxArticleBytes, retries, repairs and sampling: the schema's defaults, else the file's", async () => {
    const defaults = (await planOf(yaml())).run;
    expect(defaults).toMatchObject({ maxArticleBytes: 1024 * 1024, retries: 4, repairs: 2, sampling: { temperature: 0, seed: undefined, maxOutputTokens: undefined } });
    const file = (await planOf(yaml({ defaults: "max_article_bytes: 4096, retries: 1, repairs: 0, temperature: 0.3, seed: 7, max_output_tokens: 900" }))).run;
    expect(file).toMatchObject({ maxArticleBytes: 4096, retries: 1, repairs: 0, sampling: { temperature: 0.3, seed: 7, maxOutputTokens: 900 } });
  });
});

describe("the cache switch is decided once", () => {
  it("--no-cache and cache.enabled: false in the file give the same plan.run, and validate says off for both", async () => {
    const flag = await planOf(yaml(), planOverrides(cli({ cache: false })));
    const file = await planOf(yaml({ extra: "cache: { enabled: false }\n" }), planOverrides(cli()));
    expect(flag.run).toEqual(file.run);
    expect(flag.run.cache).toBe(false);
    expect(formatPlan(flag)).toContain("cache:   off");
    expect(formatPlan(file)).toContain("cache:   off");
  });

  it("without --no-cache the CLI passes no cache override: the file decides (it used to be and-ed in three commands)", async () => {
    expect(planOverrides(cli())).not.toHaveProperty("cache");
    expect((await planOf(yaml({ extra: "cache: { enabled: false }\n" }), planOverrides(cli()))).run.cache).toBe(false);
    expect((await planOf(yaml(), planOverrides(cli()))).run.cache).toBe(true);
  });

  it("runPipeline's cache option resolves as the flag does (overrideRun), leaving the rest of the plan as built", async () => {
    const plan = await planOf(yaml());
    const viaOption = overrideRun(plan, { cache: false });
    const viaFlag = await planOf(yaml(), { cache: false });
    expect(viaOption.run).toEqual(viaFlag.run);
    expect(viaOption.endpoints).toEqual(plan.endpoints);
    expect(overrideRun(plan, {})).toBe(plan);
  });
});

describe("plan.endpoints", () => {
  it("a host's parallel: its own < the model's < --concurrency; Ollama's queue-ahead: the host's < the model's < half of parallel", async () => {
    const model = 'parallel: 4, hosts: ["http://gpu1:11434/", { url: "http://gpu2:11434", parallel: 2, queue_ahead: 0, weight: 3 }]';
    const file = (await planOf(yaml({ model }))).endpoints.local!;
    expect(file.hosts).toEqual([
      { url: "http://gpu1:11434", parallel: 4, queueAhead: 2, weight: 1 },
      { url: "http://gpu2:11434", parallel: 2, queueAhead: 0, weight: 3 },
    ]);
    expect(file.slots).toBe(4 + 2 + 2 + 0);
    const flagged = (await planOf(yaml({ model }), { concurrency: "6" })).endpoints.local!;
    expect(flagged.hosts.map((host) => [host.parallel, host.queueAhead])).toEqual([[6, 3], [6, 0]]);
    const modelAhead = (await planOf(yaml({ model: "parallel: 4, queue_ahead: 5" }))).endpoints.local!;
    expect(modelAhead.hosts.map((host) => host.queueAhead)).toEqual([5]);
    expect((await planOf(yaml())).endpoints.local!.hosts).toEqual([{ url: "http://127.0.0.1:11434", parallel: 1, queueAhead: 1, weight: 1 }]);
  });

  it("an OpenAI-compatible endpoint queues nothing ahead; a model's timeout is its own, else defaults.timeout, else 10 minutes", async () => {
    const text = `version: 1
targets: [en]
models:
  local: { kind: ollama, model: "m:7b", timeout: 30s }
  cloud: { kind: openai, model: gpt, base_url: "http://vllm:8000/v1", parallel: 8, api_key_env: VLLM_KEY, strict: false }
defaults: { model: local, timeout: 2m }
${STEPS}`;
    const { endpoints } = await planOf(text);
    expect(endpoints.cloud).toMatchObject({ kind: "openai", model: "gpt", slots: 8, timeoutMs: 120_000, apiKeyEnv: "VLLM_KEY", strict: false, hosts: [{ url: "http://vllm:8000/v1", parallel: 8, queueAhead: 0, weight: 1 }] });
    expect(endpoints.local).toMatchObject({ kind: "ollama", timeoutMs: 30_000, contextSize: 8192, idleTimeoutMs: 60_000, loadTimeoutMs: 600_000, outageLimitMs: 600_000 });
    expect((await planOf(yaml())).endpoints.local!.timeoutMs).toBe(600_000);
  });

  it("a `hosts:` list of one host is called there, not at the default host (the engine built it from `host`)", async () => {
    const plan = await planOf(yaml({ model: 'hosts: ["http://gpu7:11434"], parallel: 3' }));
    const stack = await buildModelStack(plan, {});
    expect(stack.providers.get("local")!.endpoint).toBe("http://gpu7:11434");
    expect([...stack.queues.values()].map((queue) => queue.concurrency)).toEqual([3 + 1]);
  });
});

describe("the engine, the queue and the CLI read the resolved plan only", () => {
  it("no file of src/engine, src/queue or src/cli reads config.defaults, config.cache or plan.models", () => {
    const readers: string[] = [];
    for (const folder of ["engine", "queue", "cli"]) {
      for (const name of readdirSync(join(ROOT, "src", folder))) {
        if (!name.endsWith(".ts") || name.endsWith(".test.ts")) continue;
        const text = readFileSync(join(ROOT, "src", folder, name), "utf8");
        if (/\bconfig\.(defaults|cache)\b|\bplan\.models\b|\bqueue_ahead\b/.test(text)) readers.push(`${folder}/${name}`);
      }
    }
    expect(readers).toEqual([]);
  });
});
