import { existsSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildIsStale } from "../scripts/build-if-stale.js";
import { runSuites } from "../scripts/test-suites.js";
import { ROOT, temporaryDirectory } from "./support/cli.js";

/**
 * Issue 12, items 2 and 11: `npm test` was `vitest run && vitest run --config …faults…`, so a
 * failure in the main suite (a timing assertion on a busy machine) skipped the fault suites; and
 * tsc ran once per README command plus once in `npm install`.
 */
const temporary = temporaryDirectory("prevod-npm-test-");
afterAll(() => temporary.cleanup());

const node = (name: string, script: string) => ({ name, command: process.execPath, args: ["-e", script] });

describe("npm test", () => {
  it("runs the fault suites even when the main suite fails, and exits non-zero", async () => {
    const marker = join(temporary.dir, "second-ran");
    const code = await runSuites([node("main", "process.exit(1)"), node("faults", `require("fs").writeFileSync(${JSON.stringify(marker)}, "yes")`)], { cwd: temporary.dir, stdio: "ignore", log: () => {} });
    expect(existsSync(marker)).toBe(true);
    expect(code).toBe(1);
  });

  it("exits non-zero when only the fault suites fail", async () => {
    expect(await runSuites([node("main", "process.exit(0)"), node("faults", "process.exit(3)")], { cwd: temporary.dir, stdio: "ignore", log: () => {} })).toBe(3);
    expect(await runSuites([node("main", "process.exit(0)"), node("faults", "process.exit(0)")], { cwd: temporary.dir, stdio: "ignore", log: () => {} })).toBe(0);
  });

  it("is the script that runs both suites, not a && chain that stops at the first failure", () => {
    const scripts = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).scripts as Record<string, string>;
    expect(scripts.test).toBe("tsx scripts/test-suites.ts");
    expect(readFileSync(join(ROOT, "scripts", "test-suites.ts"), "utf8")).toContain('"--config", "vitest.faults.config.ts"');
  });

  it("does not run tsc again when dist/ is newer than every source (one build per README command)", () => {
    const root = join(temporary.dir, "project");
    mkdirSync(join(root, "src", "cli"), { recursive: true });
    mkdirSync(join(root, "dist", "cli"), { recursive: true });
    writeFileSync(join(root, "src", "index.ts"), "export {};\n");
    writeFileSync(join(root, "src", "cli", "main.ts"), "export {};\n");
    const past = new Date(Date.now() - 60_000);
    for (const file of [join(root, "src", "index.ts"), join(root, "src", "cli", "main.ts")]) utimesSync(file, past, past);
    expect(buildIsStale(root)).toBe(true);
    writeFileSync(join(root, "dist", "index.js"), "");
    writeFileSync(join(root, "dist", "cli", "main.js"), "");
    expect(buildIsStale(root)).toBe(false);
    const future = new Date(Date.now() + 60_000);
    utimesSync(join(root, "src", "cli", "main.ts"), future, future);
    expect(buildIsStale(root)).toBe(true);
    const scripts = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).scripts as Record<string, string>;
    expect(scripts.pretest).toBeUndefined();
    expect(scripts.demo).not.toContain("npm run build");
  });
});
