#!/usr/bin/env node
import { format } from "node:util";
import { runCommandLine } from "./program.js";
import { redactStream } from "../common/redact.js";

// Nothing printed may carry a credential (an endpoint's password, a key a server echoed).
redactStream(process.stdout);
redactStream(process.stderr);

// Nothing but prevod's data may reach stdout, and prevod writes its data with process.stdout.write
// only: a dependency's console.log (ollama-js prints "Getting text from response" when the host is
// some other HTTP server) goes to stderr.
for (const name of ["log", "info", "debug"] as const) console[name] = (...args: unknown[]) => void process.stderr.write(`${format(...args)}\n`);

// `prevod segment FILE | head -2`: once the reader has gone, stop quietly, for every command.
// Without this, the next write raised an unhandled EPIPE with a stack trace.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

runCommandLine(process.argv).then((code) => {
  process.exitCode = code;
});
