import http from "node:http";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, runCli, temporaryDirectory, writePipeline } from "./support/cli.js";
import { loadReferenceBook, referenceAnswerer } from "./support/reference-answerer.js";
import { startOllamaSimulator, type Simulator } from "./support/sim/index.js";

/**
 * Issue 13.4 in the hostile suite: a server whose answer body never ends. A proxy in front of the
 * Ollama simulator answers the first generations with bodies without end — one NDJSON line that
 * never closes, then valid chunks of ever-new words without `done` — and passes everything else
 * through. prevod must cut each at its byte cap, hang up, ask again, end the article ok, and stay
 * under 300 MB of memory (it grew to 12.3 GB in 60 s when bodies were buffered without limit).
 */
const MODEL = "endless:7b";
const PEAK_RSS = join(ROOT, "test/support/peak-rss.mjs");
let simulator: Simulator;
let proxy: http.Server;
let proxyUrl: string;
const temporary = temporaryDirectory("prevod-endless-");
const endless: Array<{ kind: string; sent: number; closedByClient: boolean }> = [];
let generations = 0;

const CHUNK = "а".repeat(32 * 1024);

function streamWithoutEnd(response: http.ServerResponse, kind: "open-line" | "new-words"): void {
  const record = { kind, sent: 0, closedByClient: false };
  endless.push(record);
  response.writeHead(200, { "content-type": "application/x-ndjson" });
  let counter = 0;
  const piece = (): string =>
    kind === "open-line"
      ? record.sent === 0
        ? `{"model":"${MODEL}","created_at":"2026-01-01T00:00:00Z","message":{"role":"assistant","content":"${CHUNK}`
        : CHUNK
      : `${JSON.stringify({ model: MODEL, created_at: "2026-01-01T00:00:00Z", message: { role: "assistant", content: ` слово${counter++} ` }, done: false })}\n`;
  const pump = () => {
    // Writes until the socket pushes back, then again on drain: as fast as prevod reads.
    while (!response.destroyed) {
      const text = piece();
      record.sent += Buffer.byteLength(text);
      if (!response.write(text)) return void response.once("drain", pump);
    }
  };
  response.on("close", () => {
    record.closedByClient = true;
  });
  pump();
}

beforeAll(async () => {
  simulator = await startOllamaSimulator({ answer: referenceAnswerer(await loadReferenceBook(join(ROOT, "samples"))), models: [MODEL], parallel: 4 });
  const target = new URL(simulator.url);
  proxy = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks);
      // The first two generations of a translation (format with a "translations" key) never end.
      if (request.url === "/api/chat" && body.includes('"translations"') && body.includes('"stream":true') && generations < 2) {
        generations++;
        return streamWithoutEnd(response, generations === 1 ? "open-line" : "new-words");
      }
      const forward = http.request({ host: target.hostname, port: target.port, path: request.url, method: request.method, headers: request.headers }, (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      });
      forward.on("error", () => response.destroy());
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", () => resolve()));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as { port: number }).port}`;
});
afterAll(async () => {
  proxy?.closeAllConnections();
  await new Promise<void>((resolve) => (proxy ? proxy.close(() => resolve()) : resolve()));
  await simulator?.close();
  temporary.cleanup();
});

describe("an answer body without end (issue 13.4, hostile suite)", () => {
  it("is cut at its byte cap, the connection dropped, the chunk asked again, the article ok, and peak RSS under 300 MB", async () => {
    const dir = join(temporary.dir, "run");
    mkdirSync(dir);
    const config = writePipeline(dir, { host: proxyUrl, model: MODEL, targets: "[en]", extra: "  retries: 3" });
    const rss = join(dir, "rss.txt");
    const result = await runCli(["run", join(ROOT, "samples", "court-ruling", "article.txt"), "-c", config, "--progress", "none", "--no-cache"], {
      cwd: dir,
      env: { NODE_OPTIONS: `--import ${PEAK_RSS}`, PREVOD_PEAK_RSS_FILE: rss },
      timeoutMs: 120_000,
    });
    expect(result.stderr).not.toMatch(/unexpected error|heap out of memory|\n\s+at /i);
    expect(result.code).toBe(0);
    const article = JSON.parse(readFileSync(join(dir, "out", "articles", "court-ruling.json"), "utf8"));
    expect(article.status).toBe("ok");
    // Both endless bodies were met, and prevod hung up on each (the server would never stop).
    expect(endless.map((record) => record.kind)).toEqual(["open-line", "new-words"]);
    for (const record of endless) expect(record.closedByClient).toBe(true);
    // Cut near the cap (output tokens × 400 bytes + 1 MiB), not after hundreds of megabytes.
    for (const record of endless) expect(record.sent).toBeLessThan(64 * 1024 * 1024);
    const peakKb = Number(readFileSync(rss, "utf8"));
    console.log(`endless bodies: sent ${endless.map((record) => `${(record.sent / 1048576).toFixed(1)} MiB`).join(", ")} before prevod hung up; peak RSS ${(peakKb / 1024).toFixed(0)} MB`);
    expect(peakKb).toBeLessThan(300 * 1024);
  }, 150_000);
});
