import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { ChildMessage, PhaseReport, SimulatorSetup } from "./simulator-protocol.js";

/** The simulator running in a child process, as the benchmark sees it. */
export interface SimulatorProcess {
  url: string;
  /** Reference sentences the answerer knows (samples + NTREX). */
  references: number;
  /** Ends a phase: what the server saw since the previous call (or since it started). */
  endPhase(): Promise<PhaseReport>;
  close(): Promise<void>;
}

const CHILD = fileURLToPath(new URL("./simulator-child.ts", import.meta.url));
const START_TIMEOUT_MS = 30_000;

/** Starts bench/simulator-child.ts under tsx and waits until it listens. */
export async function startSimulatorProcess(setup: SimulatorSetup): Promise<SimulatorProcess> {
  const child = fork(CHILD, [JSON.stringify(setup)], { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const pending = new Map<number, (message: ChildMessage) => void>();
  let nextId = 1;

  const ready = await new Promise<{ url: string; references: number }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the simulator process did not start within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
    child.once("exit", (code) => reject(new Error(`the simulator process exited early (code ${code})`)));
    child.on("message", (message: ChildMessage) => {
      if (message.type === "ready") {
        clearTimeout(timer);
        resolve(message);
      } else if (message.type === "error") {
        clearTimeout(timer);
        reject(new Error(`the simulator process failed: ${message.message}`));
      } else {
        pending.get(message.id)?.(message);
        pending.delete(message.id);
      }
    });
  });

  const ask = <T extends ChildMessage>(type: "phase" | "close") =>
    new Promise<T>((resolve) => {
      const id = nextId++;
      pending.set(id, (message) => resolve(message as T));
      child.send({ id, type });
    });

  return {
    url: ready.url,
    references: ready.references,
    async endPhase() {
      const message = await ask<Extract<ChildMessage, { type: "phase" }>>("phase");
      return message.report;
    },
    async close() {
      if (child.exitCode !== null || !child.connected) return;
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      await Promise.race([ask("close"), delay(5000)]);
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
