// A piscina worker: runs the deterministic gates off the main thread (see gate-pool.ts).
import { runGateTask, type GateTask } from "./tasks.js";

export default function run(task: GateTask) {
  return runGateTask(task);
}
