#!/usr/bin/env node
import { runCommandLine } from "./program.js";

runCommandLine(process.argv).then((code) => {
  process.exitCode = code;
});
