#!/usr/bin/env node
import { runCommandLine } from "./program.js";

// `prevod segment FILE | head -2`: once the reader has gone, stop quietly, for every command.
// Without this, the next write raised an unhandled EPIPE with a stack trace.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

runCommandLine(process.argv).then((code) => {
  process.exitCode = code;
});
