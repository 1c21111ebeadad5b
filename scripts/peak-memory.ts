/**
 * Peak memory of one large article through the whole pipeline (issue 13 item 2: memory per article
 * ≤ 50× the input size). For each size, writes a Bulgarian article of about that many bytes (the
 * court-ruling sample repeated), runs the built CLI on it in a fresh process against the Ollama
 * simulator with max_article_bytes raised, --no-cache, targets [en], and prints peak RSS, the most
 * heap alive after a full collection, wall time and the load average.
 *
 *   npm run build && npx tsx scripts/peak-memory.ts [sizes in KB, default 100 1024 5120] [-- node flags]
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadReferenceBook, referenceAnswerer } from "../test/support/reference-answerer.js";
import { startOllamaSimulator } from "../test/support/sim/index.js";
import { writePipeline } from "../test/support/cli.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const CLI = join(ROOT, "dist/cli/main.js");
const MODEL = "memory:7b";
const PROBE_SOURCE = `
import { PerformanceObserver, constants } from "node:perf_hooks";
import { getHeapStatistics } from "node:v8";
let live = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (entry.detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) live = Math.max(live, getHeapStatistics().used_heap_size);
  }
}).observe({ entryTypes: ["gc"] });
process.on("exit", () => process.stderr.write("\\nprevod-peak-memory " + process.resourceUsage().maxRSS + " " + Math.round(live / 1024) + "\\n"));
`;
const PROBE = `data:text/javascript,${encodeURIComponent(PROBE_SOURCE)}`;

function bigArticle(bytes: number): string {
  const body = readFileSync(join(ROOT, "samples/court-ruling/article.txt"), "utf8").split("\n").slice(2).join("\n");
  const parts = ["Голяма статия за съдебно решение\n\n"];
  let size = Buffer.byteLength(parts[0]!);
  while (size < bytes) {
    parts.push(`${body}\n\n`);
    size += Buffer.byteLength(body) + 2;
  }
  return parts.join("");
}

const argv = process.argv.slice(2);
const split = argv.indexOf("--");
const sizes = (split < 0 ? argv : argv.slice(0, split)).map(Number).filter((n) => n > 0);
const nodeFlags = split < 0 ? [] : argv.slice(split + 1);
const simulator = await startOllamaSimulator({ answer: referenceAnswerer(await loadReferenceBook(join(ROOT, "samples"))), models: [MODEL], parallel: 8 });
const dir = mkdtempSync(join(tmpdir(), "prevod-peak-memory-"));
try {
  console.log("| input | peak RSS | RSS ÷ input | live heap after GC | wall | status | loadavg (1/5/15 min) |");
  console.log("|---|---|---|---|---|---|---|");
  for (const kb of sizes.length > 0 ? sizes : [100, 1024, 5120]) {
    const bytes = kb * 1024;
    const file = join(dir, `big-${kb}.txt`);
    writeFileSync(file, bigArticle(bytes));
    const config = writePipeline(dir, { host: simulator.url, model: MODEL, targets: "[en]", extra: "  max_article_bytes: 52428800" });
    const started = performance.now();
    const stderr = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, [...nodeFlags, "--import", PROBE, CLI, "run", file, "-c", config, "-o", join(dir, `out-${kb}`), "--no-cache", "--progress", "none"], { stdio: ["ignore", "ignore", "pipe"] });
      let text = "";
      child.stderr.on("data", (chunk) => (text += chunk));
      child.on("error", reject);
      child.on("close", () => resolve(text));
    });
    const wall = (performance.now() - started) / 1000;
    const [, rss, live] = /prevod-peak-memory (\d+) (\d+)/.exec(stderr) ?? [];
    if (!rss) throw new Error(`no peak printed:\n${stderr.slice(-2000)}`);
    if (process.env.SHOW_STDERR) console.error(stderr);
    const article = JSON.parse(readFileSync(join(dir, `out-${kb}`, "articles", `big-${kb}.json`), "utf8")) as { status: string };
    const rssMb = Number(rss) / 1024;
    const load = loadavg().map((n) => n.toFixed(2)).join(" ");
    console.log(`| ${kb >= 1024 ? `${kb / 1024} MB` : `${kb} KB`} | ${rssMb.toFixed(0)} MB | ${((Number(rss) * 1024) / bytes).toFixed(0)}× | ${(Number(live) / 1024).toFixed(0)} MB | ${wall.toFixed(1)} s | ${article.status} | ${load} |`);
  }
} finally {
  await simulator.close();
  if (process.env.PREVOD_KEEP_OUTPUT) console.error(`outputs kept in ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}
