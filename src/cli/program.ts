import { Command, CommanderError } from "commander";
import { describeError, isPrevodError } from "../errors.js";
import { exitCodeFor } from "./exit-codes.js";
import { VERSION } from "../version.js";

/**
 * Commands are declared in commands.ts as data; each one's module is imported only when it
 * runs, so `prevod --help` never loads LangChain or the pipeline.
 */
type CommandModule = { default: (...args: any[]) => Promise<number> };

/**
 * Runs one prevod command line (`argv` as process.argv: node, script, then the arguments) and
 * returns its exit code. Output goes to process.stdout and process.stderr. bin/main.ts calls it
 * for the `prevod` binary; tests call it in-process, which saves a Node start per case.
 */
export async function runCommandLine(argv: string[]): Promise<number> {
  let code: number | undefined;
  const lazy =
    (load: () => Promise<CommandModule>) =>
    async (...args: unknown[]): Promise<void> => {
      const module = await load();
      code = await module.default(...args);
    };
  const program = new Command("prevod")
    .description("Bulgarian news into English, Russian and Serbian through Ollama or any OpenAI-compatible model")
    .version(VERSION)
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride();
  const { defineCommands } = await import("./commands.js");
  defineCommands(program, lazy);
  try {
    await program.parseAsync(argv);
    return code ?? 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? 0 : 2;
    }
    if (isPrevodError(error)) {
      process.stderr.write(`prevod: ${error.message}\n`);
      return exitCodeFor(error);
    }
    process.stderr.write(`prevod: unexpected error: ${describeError(error)}\n${(error as Error)?.stack ?? ""}\n`);
    return 1;
  }
}
