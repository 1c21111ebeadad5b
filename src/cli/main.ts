#!/usr/bin/env node
import { Command, CommanderError } from "commander";
import { describeError, isPrevodError } from "../errors.js";
import { exitCodeFor } from "./exit-codes.js";
import { VERSION } from "../version.js";
import { redactStream } from "../common/redact.js";

// Nothing printed may carry a credential (an endpoint's password, a key a server echoed).
redactStream(process.stdout);
redactStream(process.stderr);

/**
 * Commands are declared here as data; each one's module is imported only when it runs,
 * so `prevod --help` never loads LangChain or the pipeline.
 */
type CommandModule = { default: (...args: any[]) => Promise<number> };
const lazy =
  (load: () => Promise<CommandModule>) =>
  async (...args: unknown[]): Promise<void> => {
    const module = await load();
    process.exitCode = await module.default(...args);
  };

const program = new Command("prevod")
  .description("Bulgarian news into English, Russian and Serbian through Ollama or any OpenAI-compatible model")
  .version(VERSION)
  .showHelpAfterError("(run with --help for usage)")
  .exitOverride();

async function main(argv: string[]): Promise<number> {
  const { defineCommands } = await import("./commands.js");
  defineCommands(program, lazy);
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === "number" ? process.exitCode : 0;
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

main(process.argv).then((code) => {
  process.exitCode = code;
});
