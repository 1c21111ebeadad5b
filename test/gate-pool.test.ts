import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { GateRunner } from "../src/checks/pool/gate-pool.js";
import { runPipeline } from "../src/engine/run-pipeline.js";
import type { ArticleResult } from "../src/outputs/article-schema.js";
import { ROOT, temporaryDirectory } from "./support/cli.js";
import { defaultPipelineYaml, planFor, sampleArticles } from "./support/pipeline.js";
import { loadReferenceBook, parseTask, referenceAnswerer } from "./support/reference-answerer.js";
import { startOllamaSimulator, type Simulator } from "./support/sim/index.js";

/**
 * Issue 15.3: the gates can run in worker threads (`defaults.gate_threads`). A run with them
 * gives the same articles as a run without, re-asks and recorded failures included, and the
 * threads are stopped when the run ends.
 */
const opened = vi.hoisted(() => [] as GateRunner[]);
vi.mock("../src/checks/pool/gate-pool.js", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../src/checks/pool/gate-pool.js")>();
  return {
    ...actual,
    openGates: (threads: Parameters<typeof actual.openGates>[0]) => {
      const gates = actual.openGates(threads);
      opened.push(gates);
      return gates;
    },
  };
});

let simulator: Simulator;
const temporary = temporaryDirectory();

beforeAll(async () => {
  const book = await loadReferenceBook(join(ROOT, "samples"));
  simulator = await startOllamaSimulator({
    answer: referenceAnswerer(book),
    models: ["gates:7b"],
    parallel: 8,
    // Faults that depend only on the request, so both runs meet the same ones: Russian answers
    // keep long sentences in Bulgarian on every attempt (recorded failures); a first summary
    // invents a number (re-asked, then accepted).
    faults: (request) => {
      const task = parseTask(request);
      const reask = request.messages.some((message) => message.role === "user" && /rejected|fixing these problems/.test(message.content));
      if (task.kind === "translate" && task.target === "ru") {
        return {
          kind: "mutate",
          apply: (content) => {
            const answer = JSON.parse(content) as { translations: Array<{ id: string; text: string }> };
            const copied = answer.translations.map((item) => {
              const source = task.sentences.find((sentence) => sentence.id === item.id);
              return source && source.text.length > 80 ? { ...item, text: source.text.replace(/\.$/, "!") } : item;
            });
            return JSON.stringify({ translations: copied });
          },
        };
      }
      if (task.kind === "summarize" && !reask) {
        return { kind: "mutate", apply: (content) => JSON.stringify({ ...JSON.parse(content), summary: `${(JSON.parse(content) as { summary: string }).summary} Prices rose by 97% in one district.` }) };
      }
      return undefined;
    },
  });
});
afterAll(async () => {
  await simulator?.close();
  temporary.cleanup();
});

async function run(threads: string): Promise<ArticleResult[]> {
  const outputDir = join(temporary.dir, `threads-${threads}`);
  const yaml = defaultPipelineYaml({ host: simulator.url, model: "gates:7b", defaults: `timeout: 20s, gate_threads: ${threads}` });
  const plan = await planFor({ host: simulator.url, model: "gates:7b", outputDir, yaml });
  const articles = sampleArticles();
  await runPipeline({ plan, articles, cache: false });
  return articles.map((article) => {
    const result = JSON.parse(readFileSync(join(outputDir, "articles", `${article.id}.json`), "utf8")) as ArticleResult & Record<string, unknown>;
    // Usage and timings differ between any two runs; everything else must not.
    // Errors and verdicts are listed as the chunks finish, which the threads' timing can reorder.
    const { usage: _usage, run: _run, ...rest } = result as Record<string, unknown>;
    const byText = (a: unknown, b: unknown) => JSON.stringify(a).localeCompare(JSON.stringify(b));
    return { ...rest, errors: [...result.errors].sort(byText), checks: [...result.checks].sort(byText) } as unknown as ArticleResult;
  });
}

describe("gates in worker threads", () => {
  it("give the same articles as gates in the main thread, failures and re-asks included, and stop with the run", async () => {
    const inThread = await run("0");
    expect(opened.at(-1)!.counts.pooled).toBe(0);
    // The faults did reach the gates: some verdicts fail in the end.
    expect(inThread.some((article) => article.checks.some((check) => check.status === "fail"))).toBe(true);
    expect(inThread.some((article) => article.status === "partial")).toBe(true);

    const pooled = await run("2");
    const gates = opened.at(-1)!;
    expect(gates.counts.inThread).toBe(0);
    expect(gates.counts.failed).toBe(0);
    expect(gates.counts.pooled).toBeGreaterThan(sampleArticles().length * 3);
    expect(pooled).toEqual(inThread);
    // The run closed its pool: a task sent now is not run in a thread.
    await gates.translation({ target: "en", source: [{ id: "s1", text: "Кметът каза това." }], translation: [{ id: "s1", text: "The mayor said this." }] });
    expect(gates.counts.inThread).toBe(1);
  }, 120_000);
});
