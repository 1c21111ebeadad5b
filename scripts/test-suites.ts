/**
 * `npm test`: builds dist/ if stale, then runs the main suite and the fault suites (1,000
 * articles through injected faults, kill -9 and resume), always both: a failure in the first no
 * longer hides the second. The exit code is non-zero when either failed (the first failing one's).
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { buildIfStale } from "./build-if-stale.js";

export interface Suite {
  name: string;
  command: string;
  args: string[];
}

/** Runs every suite one after the other, whatever the previous ones returned; 0 only when all passed. */
export async function runSuites(suites: Suite[], options: { cwd: string; env?: NodeJS.ProcessEnv; stdio?: "inherit" | "ignore"; stopped?: () => boolean; log?: (line: string) => void } = { cwd: process.cwd() }): Promise<number> {
  let result = 0;
  for (const suite of suites) {
    if (options.stopped?.()) return result || 130;
    const code = await new Promise<number>((resolve) => {
      const child = spawn(suite.command, suite.args, { cwd: options.cwd, env: options.env ?? process.env, stdio: options.stdio ?? "inherit" });
      child.on("error", () => resolve(1));
      child.on("close", (exitCode, signal) => resolve(exitCode ?? (signal ? 128 : 1)));
    });
    if (code !== 0) {
      (options.log ?? ((line: string) => process.stderr.write(line)))(`npm test: ${suite.name} failed (exit ${code})${suites.indexOf(suite) < suites.length - 1 ? "; running the rest anyway" : ""}\n`);
      if (result === 0) result = code;
    }
  }
  return result;
}

const root = fileURLToPath(new URL("..", import.meta.url));
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const built = buildIfStale(root);
  if (built !== 0) process.exit(built);
  const vitest = join(root, "node_modules", "vitest", "vitest.mjs");
  // Ctrl-C reaches the running vitest through the terminal; this process only waits for it.
  let interrupted = false;
  process.on("SIGINT", () => (interrupted = true));
  process.exitCode = await runSuites(
    [
      { name: "the main suite", command: process.execPath, args: [vitest, "run"] },
      { name: "the fault suites", command: process.execPath, args: [vitest, "run", "--config", "vitest.faults.config.ts"] },
    ],
    { cwd: root, stopped: () => interrupted },
  );
}
