import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT, temporaryDirectory } from "./support/cli.js";

/**
 * Issue 12, item 1: `npm run demo` deleted out/, the default output folder of pipeline.yaml,
 * with a user's real results and answer cache. The demo runs here in a copy of the project
 * (symlinks to the real samples, dist and node_modules) so that a demo that still wipes out/
 * wipes only the copy's.
 */
const project = temporaryDirectory("prevod-demo-");
afterAll(() => project.cleanup());

function copyOfProject(): string {
  const root = project.dir;
  mkdirSync(join(root, "scripts"));
  for (const name of ["demo.ts", "build-if-stale.ts"]) cpSync(join(ROOT, "scripts", name), join(root, "scripts", name));
  for (const name of ["dist", "samples", "test", "prompts", "node_modules", "src", "package.json", "pipeline.yaml", "tsconfig.json", "tsconfig.build.json"]) symlinkSync(join(ROOT, name), join(root, name));
  mkdirSync(join(root, "out", "articles"), { recursive: true });
  writeFileSync(join(root, "out", "articles", "users-own.json"), "{}\n");
  mkdirSync(join(root, "out", ".cache"));
  writeFileSync(join(root, "out", ".cache", "paid-for-answer"), "42\n");
  return root;
}

function runDemo(root: string): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), join(root, "scripts", "demo.ts")], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), 120_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe("npm run demo", () => {
  it("does not delete the user's out/ (results and cache): it writes only into out/demo/", async () => {
    const root = copyOfProject();
    const result = await runDemo(root);
    expect(result.code, result.stderr).toBe(0);
    expect(readFileSync(join(root, "out", "articles", "users-own.json"), "utf8")).toBe("{}\n");
    expect(readFileSync(join(root, "out", ".cache", "paid-for-answer"), "utf8")).toBe("42\n");
    expect(existsSync(join(root, "out", "demo", "run.json"))).toBe(true);
    expect(existsSync(join(root, "out", "run.json"))).toBe(false);
    expect(result.stderr).toContain(join(root, "out", "demo"));
    expect(result.stderr).not.toMatch(/warning/i);
  }, 150_000);
});
