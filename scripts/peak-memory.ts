/**
 * Peak memory of one large article through the whole pipeline (issue 13 item 2: memory per article
 * ≤ 50× the input size). For each size, writes a Bulgarian article of about that many bytes (the
 * court-ruling sample repeated), runs the built CLI on it in a fresh process against the Ollama
 * simulator with max_article_bytes raised, --no-cache, targets [en], and prints peak RSS, the peak
 * above a 10 KB article's run (the process's own footprint: what the article itself costs), the
 * most heap alive after a full collection, wall time and the load average.
 *
 *   npm run build && npx tsx scripts/peak-memory.ts [--repeat N] [sizes in KB, default 100 1024 5120] [-- node flags]
 *
 * Peak RSS moves by 10–20 % from run to run (when V8 collects, and the machine's load), so
 * `--repeat N` runs the whole series N times, one row per run, each after a fresh 10 KB run.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadReferenceBook, referenceAnswerer } from "../test/support/reference-answerer.js";
import { startOllamaSimulator } from "../test/support/sim/index.js";
import { writePipeline } from "../test/support/cli.js";
import { bigArticle } from "../test/support/big-article.js";
import { readProbe, runCli } from "../bench/memory.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const MODEL = "memory:7b";


const argv = process.argv.slice(2);
const split = argv.indexOf("--");
const ours = split < 0 ? argv : argv.slice(0, split);
const repeatAt = ours.indexOf("--repeat");
const repeat = repeatAt < 0 ? 1 : Math.max(1, Number(ours[repeatAt + 1]) || 1);
if (repeatAt >= 0) ours.splice(repeatAt, 2);
const sizes = ours.map(Number).filter((n) => n > 0);
const nodeFlags = split < 0 ? [] : argv.slice(split + 1);
const simulator = await startOllamaSimulator({ answer: referenceAnswerer(await loadReferenceBook(join(ROOT, "samples"))), models: [MODEL], parallel: 8 });
const dir = mkdtempSync(join(tmpdir(), "prevod-peak-memory-"));
try {
  console.log("| input | peak RSS | RSS ÷ input | above the 10 KB run (MB, ÷ input) | live heap after GC | wall | status | loadavg (1/5/15 min) |");
  console.log("|---|---|---|---|---|---|---|---|");
  // The first row is the process's own footprint (Node, the libraries, one small article): what an
  // article costs is the peak above it.
  let baselineKb: number | undefined;
  const series = [10, ...(sizes.length > 0 ? sizes : [100, 1024, 5120])];
  for (const kb of Array.from({ length: repeat }, () => series).flat()) {
    const bytes = kb * 1024;
    const file = join(dir, `big-${kb}.txt`);
    writeFileSync(file, bigArticle(bytes));
    const config = writePipeline(dir, { host: simulator.url, model: MODEL, targets: "[en]", extra: "  max_article_bytes: 52428800" });
    const started = performance.now();
    const { stderr } = await runCli(["run", file, "-c", config, "-o", join(dir, `out-${kb}`), "--no-cache", "--progress", "none"], nodeFlags);
    const wall = (performance.now() - started) / 1000;
    const probe = readProbe(stderr);
    if (!probe) throw new Error(`no peak printed:\n${stderr.slice(-2000)}`);
    if (process.env.SHOW_STDERR) console.error(stderr);
    const article = JSON.parse(readFileSync(join(dir, `out-${kb}`, "articles", `big-${kb}.json`), "utf8")) as { status: string };
    const rssMb = probe.rssKb / 1024;
    const load = loadavg().map((n) => n.toFixed(2)).join(" ");
    if (kb === 10) baselineKb = probe.rssKb;
    const above = kb === 10 || baselineKb === undefined ? "—" : `+${((probe.rssKb - baselineKb) / 1024).toFixed(0)} MB = ${(((probe.rssKb - baselineKb) * 1024) / bytes).toFixed(0)}×`;
    console.log(`| ${kb >= 1024 ? `${kb / 1024} MB` : `${kb} KB`} | ${rssMb.toFixed(0)} MB | ${((probe.rssKb * 1024) / bytes).toFixed(0)}× | ${above} | ${(probe.liveKb / 1024).toFixed(0)} MB | ${wall.toFixed(1)} s | ${article.status} | ${load} |`);
  }
} finally {
  await simulator.close();
  if (process.env.PREVOD_KEEP_OUTPUT) console.error(`outputs kept in ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}
