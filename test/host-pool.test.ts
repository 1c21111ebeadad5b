import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../src/config/load.js";
import type { RunEvent } from "../src/engine/events.js";
import { runPipeline } from "../src/engine/run-pipeline.js";
import { buildPlan } from "../src/graph/plan.js";
import type { RunManifest } from "../src/outputs/run-manifest.js";
import { ROOT, temporaryDirectory } from "./support/cli.js";
import { DEFAULT_STEPS, repeatedSamples } from "./support/pipeline.js";
import { loadReferenceBook, referenceAnswerer, type ReferenceBook } from "./support/reference-answerer.js";
import { startOllamaSimulator, type Simulator } from "./support/sim/index.js";

/**
 * Issue 15, part 1: one model on several Ollama servers. Counts only, never timings: which host
 * answered, what was re-sent, what was left out.
 */
const MODEL = "pool:7b";

function poolYaml(hosts: string, extra = ""): string {
  return `version: 1
models:
  local: { kind: ollama, model: "${MODEL}", parallel: 2, ${hosts} }
defaults: { model: local, seed: 42, timeout: 20s }
${extra}
${DEFAULT_STEPS}`;
}

async function planOf(yaml: string, outputDir: string) {
  return buildPlan(parseConfig(yaml, join(ROOT, "pipeline.test.yaml")), { outputDir });
}

describe("a model on a pool of hosts", () => {
  let book: ReferenceBook;
  const started: Simulator[] = [];
  const temporary = temporaryDirectory();
  const simulator = async (options: { perCallMs: number; models?: string[] }) => {
    const sim = await startOllamaSimulator({ answer: referenceAnswerer(book), models: options.models ?? [MODEL], parallel: 2, latency: { perCallMs: options.perCallMs } });
    started.push(sim);
    return sim;
  };

  beforeAll(async () => {
    book = await loadReferenceBook(join(ROOT, "samples"));
  });
  afterEach(async () => {
    await Promise.all(started.splice(0).map((sim) => sim.close()));
  });
  afterAll(() => temporary.cleanup());

  it("ends every article ok when one host is stopped mid-run, re-sending no more calls than it had in flight", async () => {
    const [a, b, c] = [await simulator({ perCallMs: 5 }), await simulator({ perCallMs: 10 }), await simulator({ perCallMs: 20 })];
    const outputDir = join(temporary.dir, "killed");
    const plan = await planOf(poolYaml(`hosts: ["${a!.url}", "${b!.url}", "${c!.url}"]`), outputDir);
    let answeredByB = 0;
    let stoppedAt: { unfinished: number } | undefined;
    const events: RunEvent[] = [];
    const result = await runPipeline({
      plan,
      articles: repeatedSamples(24),
      cache: false,
      onEvent(event) {
        events.push(event);
        if (event.type !== "model-call" || event.host !== b!.url || stoppedAt) return;
        if (++answeredByB < 8) return;
        // b goes away mid-run: what it was serving is dropped, its port refuses from now on.
        stoppedAt = { unfinished: b!.requests.filter((request) => request.index !== undefined && request.endMs === undefined).length };
        void b!.close();
      },
    });
    expect(stoppedAt).toBeDefined();
    expect(result.articles.map((article) => article.status)).toEqual(Array(24).fill("ok"));
    const manifest = JSON.parse(readFileSync(join(outputDir, "run.json"), "utf8")) as RunManifest;
    const hosts = manifest.models.local!.hosts!;
    expect(hosts.map((host) => host.url)).toEqual([a!.url, b!.url, c!.url]);
    const killed = hosts[1]!;
    expect(killed.state).toBe("cooling");
    expect(killed.cooldowns).toBeGreaterThanOrEqual(1);
    expect(killed.failures).toBeGreaterThanOrEqual(1);
    // Re-sent: only the calls that were on it when it went, never more than its slots held.
    expect(killed.resent).toBeLessThanOrEqual(killed.in_flight_at_cooldown);
    expect(killed.in_flight_at_cooldown).toBeLessThanOrEqual(plan.endpoints.local!.hosts[1]!.parallel + plan.endpoints.local!.hosts[1]!.queueAhead);
    expect(killed.ok).toBeGreaterThanOrEqual(answeredByB);
    if (process.env.PREVOD_SHOW) console.log(JSON.stringify({ stoppedAt, killed }));
    // The others answered the rest; every paid call is some host's.
    expect(hosts[0]!.ok + hosts[1]!.ok + hosts[2]!.ok).toBe(manifest.usage.calls);
    expect(hosts[0]!.ok).toBeGreaterThan(0);
    expect(hosts[2]!.ok).toBeGreaterThan(0);
    expect(killed.busy_ms).toBeGreaterThan(0);
    // No call reached b after it was stopped (its port refuses), and the user was told.
    expect(events.some((event) => event.type === "notice" && event.message.includes(`${b!.url} cooled down`))).toBe(true);
    expect(events.some((event) => event.type === "host" && event.url === b!.url && event.state === "cooling")).toBe(true);
  });

  it("leaves out, with a warning, a host that does not have the model, and runs on the others", async () => {
    const a = await simulator({ perCallMs: 0 });
    const without = await simulator({ perCallMs: 0, models: ["other:7b"] });
    const outputDir = join(temporary.dir, "missing");
    const plan = await planOf(poolYaml(`hosts: ["${a.url}", { url: "${without.url}", parallel: 4, weight: 2 }]`), outputDir);
    const warnings: string[] = [];
    const result = await runPipeline({ plan, articles: repeatedSamples(3), cache: false, onEvent: (event) => event.type === "warning" && warnings.push(event.message) });
    expect(result.articles.map((article) => article.status)).toEqual(["ok", "ok", "ok"]);
    expect(warnings.filter((warning) => warning.includes(`${without.url} left out of the pool`))).toHaveLength(1);
    expect(warnings[0]).toContain(`model ${MODEL} is not available`);
    const hosts = result.manifest.models.local!.hosts!;
    expect(hosts[1]).toMatchObject({ url: without.url, state: "left-out", calls: 0, parallel: 4, weight: 2 });
    expect(hosts[0]!.ok).toBe(result.manifest.usage.calls);
    expect(without.stats().calls).toBe(0);
  });

  it("fails before any article when no host has the model, naming each host", async () => {
    const hosts = [await simulator({ perCallMs: 0, models: ["other:7b"] }), await simulator({ perCallMs: 0, models: ["other:7b"] })];
    const plan = await planOf(poolYaml(`hosts: ["${hosts[0]!.url}", "${hosts[1]!.url}"]`), join(temporary.dir, "none"));
    await expect(runPipeline({ plan, articles: repeatedSamples(1), cache: false })).rejects.toThrow(new RegExp(`no host of ollama ${MODEL} can serve it:\\n.*${hosts[0]!.url}: model`));
  });

  it("shares one cache across the pool: answers paid on the pool serve the same model on one of its hosts", async () => {
    const [a, b] = [await simulator({ perCallMs: 0 }), await simulator({ perCallMs: 0 })];
    const cacheDir = join(temporary.dir, "shared-cache");
    const extra = `cache: { dir: "${cacheDir}" }`;
    const pooled = await runPipeline({ plan: await planOf(poolYaml(`hosts: ["${a.url}", "${b.url}"]`, extra), join(temporary.dir, "pooled")), articles: repeatedSamples(2) });
    expect(pooled.manifest.usage.calls).toBeGreaterThan(0);
    const single = await runPipeline({ plan: await planOf(poolYaml(`host: "${b.url}"`, extra), join(temporary.dir, "single")), articles: repeatedSamples(2) });
    expect(single.manifest.usage.calls).toBe(0);
    expect(single.manifest.usage.cached).toBeGreaterThan(0);
  });
});
