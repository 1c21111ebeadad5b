/**
 * The offline demo: starts a simulator that speaks the real Ollama HTTP protocol on 127.0.0.1,
 * runs the real `prevod run` CLI on samples/ against it, and shows what came out.
 *
 * The simulator's answers are REFERENCE OUTPUTS written by the prevod authors for the samples —
 * not answers of a language model. The demo shows the pipeline working end to end: segmentation,
 * sentence-aligned translation, gates, summaries, quotes, transliteration, outputs.
 *
 * It writes into its own folder, out/demo/ (`--out DIR` for another), and removes only that
 * folder before it runs: out/ is the default output folder of pipeline.yaml, where a user's real
 * results and paid-for answer cache live, and the demo never touches anything else in it.
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { buildIfStale } from "./build-if-stale.js";
import { loadReferenceBook, referenceAnswerer } from "../test/support/reference-answerer.js";
import { startOllamaSimulator } from "../test/support/sim/index.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const outFlag = process.argv.indexOf("--out");
const outputDir = outFlag >= 0 && process.argv[outFlag + 1] ? resolve(process.argv[outFlag + 1]!) : join(root, "out", "demo");
const model = "gemma3:12b";
// `npm install` built dist/ (prepare); build again only when a source changed since.
if (buildIfStale(root) !== 0) process.exit(2);

const book = await loadReferenceBook(join(root, "samples"));
const simulator = await startOllamaSimulator({
  answer: referenceAnswerer(book),
  models: [model],
  parallel: 4,
  latency: { firstTokenMs: 40, tokensPerSecond: 600 },
});

const say = (text: string) => process.stderr.write(`${text}\n`);
say("prevod offline demo");
say(`A simulator speaking the Ollama protocol listens on ${simulator.url} (model "${model}").`);
say("Its answers are reference outputs written by the prevod authors for the samples, NOT a language model's.");
say("To use a real model: `ollama pull gemma3:12b` and run `prevod run samples/*/article.txt`.\n");

rmSync(outputDir, { recursive: true, force: true });
const articles = readdirSync(join(root, "samples"), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(root, "samples", entry.name, "article.txt")))
  .map((entry) => join("samples", entry.name, "article.txt"));

const code = await new Promise<number>((resolve) => {
  const child = spawn(process.execPath, [join(root, "dist/cli/main.js"), "run", ...articles, "-o", outputDir, "--progress", "none"], {
    cwd: root,
    env: { ...process.env, OLLAMA_HOST: simulator.url, PREVOD_MODEL: model, PREVOD_PARALLEL: "4" },
    stdio: ["ignore", "inherit", "inherit"],
  });
  child.on("exit", (exitCode) => resolve(exitCode ?? 1));
});
await simulator.close();

if (code === 0 || code === 1) {
  const first = JSON.parse(readFileSync(join(outputDir, "articles", readdirSync(join(outputDir, "articles")).filter((file) => file.endsWith(".json")).sort()[0]!), "utf8"));
  say(`\nOne article, ${first.id} (status ${first.status}):`);
  for (const [lang, translation] of Object.entries(first.translations as Record<string, { segments: Array<{ text: string }> }>)) {
    say(`  ${lang.padEnd(8)} ${translation.segments[0]?.text ?? ""}`);
  }
  const summary = first.summaries?.en;
  if (summary) say(`  summary  ${summary.summary}`);
  const quote = first.quotes?.[0];
  if (quote) say(`  quote    ${quote.speaker}: „${quote.text}“\n           en: ${quote.translations?.en ?? "—"}`);
  say(`\nEverything is in ${outputDir}: articles/<id>.json (and its page articles/<id>.html), articles.jsonl, run.json, bulletin.<lang>.md and .html`);
}
process.exitCode = code;
