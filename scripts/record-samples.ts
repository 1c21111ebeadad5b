/**
 * Re-records samples/recordings: runs `prevod test --live --record` against the Ollama-protocol
 * simulator, which answers from the samples' reference outputs (written by the prevod authors).
 * The model is named "prevod-reference" so nobody mistakes these recordings for a real model's
 * answers. Run after changing a prompt or a sample: `npm run record:samples`.
 */
import { spawn } from "node:child_process";
import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadReferenceBook, referenceAnswerer } from "../test/support/reference-answerer.js";
import { startOllamaSimulator } from "../test/support/sim/index.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const recordings = join(root, "samples", "recordings");
// A fixed port keeps the recorded endpoint, and so the files, the same from one recording to the next.
const simulator = await startOllamaSimulator({ answer: referenceAnswerer(await loadReferenceBook(join(root, "samples"))), models: ["prevod-reference"], parallel: 4, port: 41999 });
// Old recordings go (a prompt change leaves stale files behind); the README stays.
for (const entry of readdirSync(recordings, { withFileTypes: true })) {
  if (entry.isDirectory()) rmSync(join(recordings, entry.name), { recursive: true, force: true });
}
const code = await new Promise<number>((resolve) => {
  const child = spawn(process.execPath, [join(root, "dist/cli/main.js"), "test", "--live", "--record", recordings, "--model", "ollama:prevod-reference", "--update"], {
    cwd: root,
    env: { ...process.env, OLLAMA_HOST: simulator.url },
    stdio: "inherit",
  });
  child.on("exit", (exitCode) => resolve(exitCode ?? 1));
});
await simulator.close();
process.exitCode = code;
