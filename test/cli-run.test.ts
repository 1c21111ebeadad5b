import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callKey } from "../src/middleware/call-key.js";
import { closedPort } from "./support/net.js";
import { sampleNames } from "./support/pipeline.js";
import { ROOT, runCli, temporaryDirectory, writePipeline } from "./support/cli.js";
import { loadReferenceBook, referenceAnswerer } from "./support/reference-answerer.js";
import { startOllamaSimulator, type LoggedRequest, type Simulator } from "./support/sim/index.js";

const MODEL = "demo:7b";
const SAMPLES = sampleNames().map((name) => join(ROOT, "samples", name, "article.txt"));

let simulator: Simulator;
const temporary = temporaryDirectory();

beforeAll(async () => {
  simulator = await startOllamaSimulator({ answer: referenceAnswerer(await loadReferenceBook(join(ROOT, "samples"))), models: [MODEL], parallel: 4 });
});
afterAll(async () => {
  await simulator?.close();
  temporary.cleanup();
});

/** What a generation request asked, as the cache would key it. */
const keyOf = (request: LoggedRequest) => {
  const body = request.body as { model: string; messages: Array<{ role: "system" | "user" | "assistant"; content: string }>; format?: Record<string, unknown>; options?: { temperature?: number; seed?: number } };
  return callKey({ provider: "ollama", modelId: body.model }, { messages: body.messages, schema: body.format, options: { temperature: body.options?.temperature, seed: body.options?.seed } });
};
const generations = (from: number) => simulator.requests.slice(from).filter((request) => request.index !== undefined);

describe("prevod run against the Ollama simulator", () => {
  it("fails at once with one line when the host is unreachable", async () => {
    const dir = join(temporary.dir, "unreachable");
    mkdirSync(dir, { recursive: true });
    const port = await closedPort();
    const config = writePipeline(dir, { host: `http://127.0.0.1:${port}`, model: MODEL });
    const result = await runCli(["run", ...SAMPLES, "-c", config]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split("\n")).toEqual([`prevod: cannot reach Ollama at http://127.0.0.1:${port} (ECONNREFUSED): start it with \`ollama serve\`, or set host: in pipeline.yaml / OLLAMA_HOST`]);
    expect(result.stdout).toBe("");
    expect(existsSync(join(dir, "out"))).toBe(false);
  });

  it("fails at once with one line naming `ollama pull` when the model is missing", async () => {
    const dir = join(temporary.dir, "missing");
    mkdirSync(dir, { recursive: true });
    const config = writePipeline(dir, { host: simulator.url, model: "absent:70b" });
    const before = simulator.requests.length;
    const result = await runCli(["run", ...SAMPLES, "-c", config]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split("\n")).toEqual([`prevod: model absent:70b is not available on ${simulator.url}: run \`ollama pull absent:70b\``]);
    expect(generations(before)).toEqual([]);
  });

  it("translates every sample, then answers an identical second run from the cache alone", async () => {
    const dir = join(temporary.dir, "cache");
    mkdirSync(dir, { recursive: true });
    const config = writePipeline(dir, { host: simulator.url, model: MODEL });
    const first = await runCli(["run", ...SAMPLES, "-c", config]);
    expect(first.stderr).toMatch(/5 articles: 5 ok, 0 partial, 0 failed/);
    expect(first.code).toBe(0);
    expect(first.stdout.trim().split("\n")).toHaveLength(5);
    const firstManifest = JSON.parse(readFileSync(join(dir, "out", "run.json"), "utf8"));
    expect(firstManifest.usage.calls).toBeGreaterThan(0);

    const before = simulator.requests.length;
    // Unchanged articles are not run again at all…
    const second = await runCli(["run", ...SAMPLES, "-c", config]);
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(/5 articles: 5 ok \(5 unchanged\)/);
    expect(JSON.parse(readFileSync(join(dir, "out", "run.json"), "utf8")).usage).toMatchObject({ calls: 0, cached: 0 });
    // …and when forced, every call is a cache hit.
    const forced = await runCli(["run", ...SAMPLES, "-c", config, "--force"]);
    expect(forced.code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(dir, "out", "run.json"), "utf8"));
    expect(manifest.usage.calls).toBe(0);
    expect(manifest.usage.cached).toBe(firstManifest.usage.calls);
    expect(generations(before)).toEqual([]);

    const noCache = await runCli(["run", SAMPLES[0]!, "-c", config, "--no-cache"]);
    expect(noCache.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, "out", "run.json"), "utf8")).usage.cached).toBe(0);
  });

  it("on SIGINT leaves no partial file, and the next run does not pay again for answered calls", async () => {
    const dir = join(temporary.dir, "interrupt");
    mkdirSync(dir, { recursive: true });
    const slow = await startOllamaSimulator({
      answer: referenceAnswerer(await loadReferenceBook(join(ROOT, "samples"))),
      models: [MODEL],
      parallel: 2,
      latency: { perCallMs: 120 },
    });
    try {
      const config = writePipeline(dir, { host: slow.url, model: MODEL, parallel: 2 });
      let interrupted = false;
      const first = await runCli(["run", ...SAMPLES, "-c", config, "--progress", "json"], {
        onSpawn: (child) => {
          child.stderr!.on("data", (chunk: Buffer) => {
            if (!interrupted && chunk.toString().includes('"type":"article-finished"')) {
              interrupted = true;
              child.kill("SIGINT");
            }
          });
        },
      });
      expect(first.code).toBe(130);
      const articles = join(dir, "out", "articles");
      const files = readdirSync(articles);
      expect(files.length).toBeGreaterThan(0);
      expect(files.length).toBeLessThan(5);
      expect(files.every((file) => file.endsWith(".json") && !file.startsWith("."))).toBe(true);
      for (const file of files) expect(() => JSON.parse(readFileSync(join(articles, file), "utf8"))).not.toThrow();
      expect(readdirSync(join(dir, "out")).filter((file) => file.includes(".tmp"))).toEqual([]);
      expect(JSON.parse(readFileSync(join(dir, "out", "run.json"), "utf8")).interrupted).toBe(true);

      const answered = new Set(slow.requests.filter((request) => request.index !== undefined && request.status === 200 && !request.disconnected).map(keyOf));
      const before = slow.requests.length;
      const second = await runCli(["run", ...SAMPLES, "-c", config]);
      expect(second.code).toBe(0);
      const repeated = slow.requests.slice(before).filter((request) => request.index !== undefined && answered.has(keyOf(request)));
      // At most the calls that were in flight (2 slots) when the signal came can be paid again.
      expect(repeated.length).toBeLessThanOrEqual(2);
      // Five results, and the article page of each (articles/<id>.html, issue 14.4).
      expect(readdirSync(articles).filter((file) => file.endsWith(".json"))).toHaveLength(5);
      expect(readdirSync(articles).filter((file) => file.endsWith(".html"))).toHaveLength(5);
    } finally {
      await slow.close();
    }
  });
});
