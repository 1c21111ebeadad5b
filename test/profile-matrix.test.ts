import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../src/config/load.js";
import { runPipeline } from "../src/engine/run-pipeline.js";
import { isPrevodError } from "../src/errors.js";
import { buildPlan } from "../src/graph/plan.js";
import { ROOT, temporaryDirectory } from "./support/cli.js";
import { DEFAULT_STEPS, repeatedSamples, sampleArticles } from "./support/pipeline.js";
import { loadReferenceBook, referenceAnswerer, type ReferenceBook } from "./support/reference-answerer.js";
import { startOllamaSimulator, startOpenAISimulator, type FaultPlan, type Simulator } from "./support/sim/index.js";
import { PROFILES, type ServerProfile } from "./support/sim/profiles.js";

/**
 * Issue 10, must show: prevod end to end against every simulator profile of a real server
 * (test/support/sim/profiles.ts, cited in its README). Each run starts cold (a load or a
 * "Loading model" phase where the server has one), meets a thinking model where the profile
 * has one, a runaway answer on its first generation and, on OpenRouter, errors inside 200
 * streams; every article must end ok. A refused option must stop the run with one line naming
 * `omit`, and the run with the option omitted must end ok. LM Studio's silent prompt cut must be
 * caught, never accepted.
 */

let book: ReferenceBook;
const temporary = temporaryDirectory("prevod-matrix-");
let runs = 0;

beforeAll(async () => {
  book = await loadReferenceBook(join(ROOT, "samples"));
});
afterAll(() => temporary.cleanup());

/** The first generation loops (whitespace without end); on OpenRouter every fifth errors mid-stream. */
function faultsFor(profile: ServerProfile): FaultPlan {
  let generations = 0;
  return () => {
    generations++;
    if (generations === 1) return { kind: "whitespace-loop" };
    if (profile.name === "openrouter" && generations % 5 === 0) return { kind: "error-mid-stream", message: "Provider returned error" };
    return undefined;
  };
}

async function start(profile: ServerProfile): Promise<Simulator> {
  const options = { ...profile.options, answer: referenceAnswerer(book), models: [profile.model], faults: faultsFor(profile), latency: { tokensPerSecond: 20_000 } };
  return profile.protocol === "ollama" ? startOllamaSimulator(options) : startOpenAISimulator(options);
}

function planFor(profile: ServerProfile, simulator: Simulator, settings = "") {
  const model =
    profile.protocol === "ollama"
      ? `{ kind: ollama, host: "${simulator.url}", model: "${profile.model}", parallel: 1, idle_timeout: 1s${settings} }`
      : `{ kind: openai, base_url: "${simulator.url}/v1", model: "${profile.model}", api_key_env: PREVOD_TEST_KEY, parallel: 2, idle_timeout: 1s${settings} }`;
  const yaml = `version: 1\nmodels:\n  m: ${model}\ndefaults: { model: m, seed: 42, timeout: 5m }\n${DEFAULT_STEPS}`;
  return buildPlan(parseConfig(yaml, join(ROOT, "pipeline.test.yaml")), { outputDir: join(temporary.dir, `run-${++runs}`) });
}

const environment = { PREVOD_TEST_KEY: "sk-matrix" };

describe.each(PROFILES.map((profile) => [profile.name, profile] as const))("profile %s", (_name, profile) => {
  let simulator: Simulator;
  beforeAll(async () => {
    simulator = await start(profile);
  });
  afterAll(() => simulator?.close());

  if (profile.refuses) {
    it(`stops at the refused option '${profile.refuses}' with one line naming omit`, async () => {
      const error = await runPipeline({ plan: await planFor(profile, simulator), articles: repeatedSamples(6), cache: false, environment }).then(
        () => undefined,
        (failure: unknown) => failure,
      );
      expect(isPrevodError(error, "MODEL_OPTION_REFUSED")).toBe(true);
      expect((error as Error).message).toContain(`'${profile.refuses}'`);
      expect((error as Error).message).toContain("models.m.omit");
      expect((error as Error).message.split("\n")).toHaveLength(1);
    });
  }

  it("ends every article ok from a cold start, through its thinking, a runaway answer and its errors", async () => {
    const settings = profile.refuses ? `, omit: [${profile.refuses}]` : "";
    const notices: string[] = [];
    const result = await runPipeline({
      plan: await planFor(profile, simulator, settings),
      articles: sampleArticles().slice(0, 3),
      cache: false,
      environment,
      onEvent: (event) => event.type === "notice" && notices.push(event.message),
    });
    expect(result.articles.map((article) => article.status)).toEqual(["ok", "ok", "ok"]);
    if (profile.options.loadMs || profile.options.loadingMs) expect(notices.some((message) => message.startsWith("loading "))).toBe(true);
    if (profile.options.loadMs) expect(simulator.stats().loads).toMatchObject({ loads: 1, reloads: 0 });
    expect(result.manifest.usage.repairs + result.manifest.usage.retries).toBeGreaterThan(0);
  });

  if (profile.options.truncatesPrompt) {
    it("catches a prompt the server cut silently, and says where the context is set", async () => {
      const samples = sampleArticles();
      const long = { ...samples[0]!, id: "long", text: samples.map((sample) => sample.text).join("\n\n") };
      const result = await runPipeline({ plan: await planFor(profile, simulator), articles: [long], cache: false, environment });
      expect(result.articles[0]!.status).not.toBe("ok");
      expect(JSON.stringify(result.manifest.failed)).toContain("cut the prompt");
    });
  }
});
