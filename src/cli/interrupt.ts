/**
 * First SIGINT/SIGTERM: abort the run cleanly (in-flight articles are dropped, their answers
 * stay cached, nothing half-written). A second one exits at once.
 */
export function onInterrupt(controller: AbortController): () => void {
  const handler = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) {
      process.stderr.write("prevod: stopping now\n");
      process.exit(130);
    }
    process.stderr.write(`prevod: ${signal}: finishing cleanly, press Ctrl-C again to stop at once\n`);
    controller.abort();
  };
  process.on("SIGINT", handler);
  process.on("SIGTERM", handler);
  return () => {
    process.off("SIGINT", handler);
    process.off("SIGTERM", handler);
  };
}
