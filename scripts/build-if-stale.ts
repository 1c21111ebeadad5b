/**
 * Builds dist/ only when a source file is newer than the last build: `npm install` builds once
 * (prepare), and `npm run demo` and `npm test` after it do not run tsc again for nothing.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts")) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** True when dist/ is missing or older than src/ or the compiler settings. */
export function buildIsStale(root: string): boolean {
  const built = join(root, "dist", "index.js");
  if (!existsSync(built) || !existsSync(join(root, "dist", "cli", "main.js"))) return true;
  const sources = Math.max(newestSource(join(root, "src")), ...["tsconfig.json", "tsconfig.build.json", "package.json"].map((name) => (existsSync(join(root, name)) ? statSync(join(root, name)).mtimeMs : 0)));
  return sources > statSync(built).mtimeMs;
}

/** Runs `tsc -p tsconfig.build.json` when the build is stale; returns tsc's exit code (0 when nothing to do). */
export function buildIfStale(root: string): number {
  if (!buildIsStale(root)) return 0;
  const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
  const result = spawnSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json")], { cwd: root, stdio: "inherit" });
  return result.status ?? 1;
}
