/**
 * First SIGINT/SIGTERM: abort the run cleanly (in-flight articles are dropped, their answers
 * stay cached, nothing half-written). A second one exits at once. `beforeMessage` runs before
 * anything is printed (the progress bar ends its line there, so the message starts on a new line).
 */
export function onInterrupt(controller: AbortController, beforeMessage: () => void = () => {}, stream: NodeJS.WritableStream = process.stderr): () => void {
  const handler = interruptHandler(controller, beforeMessage, stream);
  process.on("SIGINT", handler);
  process.on("SIGTERM", handler);
  return () => {
    process.off("SIGINT", handler);
    process.off("SIGTERM", handler);
  };
}

/** What onInterrupt does on a signal. */
export function interruptHandler(controller: AbortController, beforeMessage: () => void, stream: NodeJS.WritableStream): (signal: NodeJS.Signals) => void {
  return (signal) => {
    beforeMessage();
    if (controller.signal.aborted) {
      stream.write("prevod: stopping now\n");
      process.exit(130);
    }
    stream.write(`prevod: ${signal}: finishing cleanly, press Ctrl-C again to stop at once\n`);
    controller.abort();
  };
}
