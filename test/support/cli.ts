import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const CLI = join(ROOT, "dist/cli/main.js");

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface CliOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  /** Kill the process after this long. @default 60000 */
  timeoutMs?: number;
  /** Called with the child once it runs (to send signals). */
  onSpawn?: (child: import("node:child_process").ChildProcess) => void;
  input?: string;
}

/** Runs the built CLI (npm test builds it first) as a user would, and collects its output. */
export function runCli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: options.cwd ?? ROOT,
      env: { ...process.env, NO_COLOR: "1", ...options.env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 60_000);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: Date.now() - started });
    });
    if (options.input !== undefined) child.stdin.end(options.input);
    else child.stdin.end();
    options.onSpawn?.(child);
  });
}

/** A temporary folder removed by the returned cleanup function. */
export function temporaryDirectory(prefix = "prevod-test-"): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A pipeline file like the default one, pointed at a simulator. */
export function writePipeline(dir: string, options: { host: string; model: string; parallel?: number; extra?: string; steps?: string; targets?: string }): string {
  const file = join(dir, "pipeline.yaml");
  writeFileSync(
    file,
    `version: 1
targets: ${options.targets ?? "[en, ru, sr-Cyrl, sr-Latn]"}
models:
  local:
    kind: ollama
    host: ${options.host}
    model: ${options.model}
    parallel: ${options.parallel ?? 4}
defaults:
  model: local
  seed: 42
  timeout: 20s
${options.extra ?? ""}
steps:
${
  options.steps ??
  `  segment: { kind: segment }
  translate: { kind: translate, needs: [segment] }
  summarize: { kind: summarize, needs: [segment] }
  extract-quotes: { kind: extract-quotes, needs: [segment, translate] }
  transliterate: { kind: transliterate, needs: [translate, summarize, extract-quotes] }`
}
outputs:
  dir: out
`,
  );
  return file;
}

/**
 * Runs a prevod command line in this process (the CLI's own runCommandLine, no Node start) with
 * stdout and stderr captured and `env` set for the call. For cases that only need what the
 * command prints and returns; runCli stays the check of the real binary.
 */
export async function runCliInProcess(args: string[], options: { env?: Record<string, string | undefined> } = {}): Promise<Omit<CliResult, "signal" | "ms"> & { sequence: Array<["stdout" | "stderr", string]> }> {
  const { runCommandLine } = await import("../../src/cli/program.js");
  let stdout = "";
  let stderr = "";
  const sequence: Array<["stdout" | "stderr", string]> = [];
  const saved = { out: process.stdout.write, err: process.stderr.write, env: { ...process.env } };
  const capture = (append: (text: string) => void) =>
    ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      append(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
      const callback = rest.find((item) => typeof item === "function") as (() => void) | undefined;
      callback?.();
      return true;
    }) as typeof process.stdout.write;
  for (const [name, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  process.stdout.write = capture((text) => {
    stdout += text;
    sequence.push(["stdout", text]);
  });
  process.stderr.write = capture((text) => {
    stderr += text;
    sequence.push(["stderr", text]);
  });
  try {
    const code = await runCommandLine([process.execPath, "prevod", ...args]);
    return { code, stdout, stderr, sequence };
  } finally {
    process.stdout.write = saved.out;
    process.stderr.write = saved.err;
    for (const name of Object.keys(process.env)) if (!(name in saved.env)) delete process.env[name];
    Object.assign(process.env, saved.env);
  }
}
