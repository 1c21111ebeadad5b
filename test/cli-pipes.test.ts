import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT, temporaryDirectory } from "./support/cli.js";

/**
 * Issue 12, item 5: `prevod segment FILE | head -2` crashed with an unhandled EPIPE and a stack.
 * Each command here writes far more than a pipe holds; the reader takes the first chunk and closes.
 */
const temporary = temporaryDirectory("prevod-pipes-");
afterAll(() => temporary.cleanup());

const sentence = "Министърът каза, че бюджетът ще бъде приет до 15 декември 2024 г. ";
const textFile = join(temporary.dir, "long.txt");
writeFileSync(textFile, `Заглавие\n\n${Array.from({ length: 400 }, () => `${sentence.repeat(5)}\n\n`).join("")}`);
const jsonlFile = join(temporary.dir, "long.jsonl");
writeFileSync(jsonlFile, Array.from({ length: 20_000 }, (_, index) => JSON.stringify({ id: `n${index}`, target: "en", text: "The minister said the budget would pass.", source: sentence })).join("\n"));
const serbianFile = join(temporary.dir, "serbian.txt");
writeFileSync(serbianFile, "Министар је рекао да ће буџет бити усвојен.\n".repeat(40_000));

/** Runs the CLI with stdout piped, like `| head -1`: closes its end after the first chunk. */
function headOne(args: string[]): Promise<{ code: number | null; signal: NodeJS.Signals | null; first: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, "dist/cli/main.js"), ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let first = "";
    let stderr = "";
    child.stdout.once("data", (chunk: Buffer) => {
      first = chunk.toString("utf8").split("\n")[0]!;
      child.stdout.destroy();
    });
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, first, stderr });
    });
  });
}

describe("a closed stdout pipe", () => {
  it.each([
    ["segment", [textFile]],
    ["segment --json", [textFile, "--json"]],
    ["langid --jsonl", [jsonlFile, "--jsonl"]],
    ["check --jsonl", [jsonlFile, "--jsonl"]],
    ["transliterate", [serbianFile]],
  ])("stops %s quietly, without an EPIPE stack", async (command, rest) => {
    const result = await headOne([command.split(" ")[0]!, ...(rest as string[]), ...command.split(" ").slice(1)]);
    expect(result.first.length).toBeGreaterThan(0);
    expect(result.stderr).toBe("");
    expect(result.signal).toBeNull();
    expect(result.code).toBe(0);
  });
});
