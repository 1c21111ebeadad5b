import type { LatencyModel, SimStats } from "../test/support/sim/index.js";

/**
 * What the benchmark and its simulator child say to each other over the IPC channel. The
 * simulator runs in a child process so that its CPU (HTTP parsing, answers, timers) is not
 * counted as prevod's and does not sit on prevod's event loop.
 */

/** How the child simulator is set up (sent as a JSON argument). */
export interface SimulatorSetup {
  model: string;
  /** Parallel slots (OLLAMA_NUM_PARALLEL). */
  slots: number;
  latency: LatencyModel;
  /** Requests allowed to wait for a slot before the server answers 503. */
  maxQueue: number;
  samplesDir: string;
  /** NTREX sentences as extra references, when the file exists. */
  ntrexFile?: string;
}

/** What the child measured over one phase (between two `phase` messages). */
export interface PhaseReport {
  stats: SimStats;
  /** Generation requests logged in the phase. */
  requests: number;
  /** Prompt tokens of every generation request, by the simulator's counting rule. */
  promptTokens: number;
  /** Prompt tokens that open a prompt shared by the other targets of the same chunk. */
  sharedPrefixTokens: number;
  /** Prompt tokens of translate requests only. */
  translatePromptTokens: number;
  /** Translate requests that had at least one sibling target for the same chunk. */
  groupedTranslateRequests: number;
  translateRequests: number;
  /** Requests the server refused or failed (status other than 200). */
  failedRequests: number;
  /** Most requests generating at once, and most waiting for a slot, during the phase. */
  maxConcurrent: number;
  maxQueued: number;
  /** From the first generation's start to the last one's end: when the server had work. */
  activeMs: number;
}

export type ParentMessage = { id: number; type: "phase" } | { id: number; type: "close" };

export type ChildMessage =
  | { type: "ready"; url: string; references: number }
  | { type: "error"; message: string }
  | { id: number; type: "phase"; report: PhaseReport }
  | { id: number; type: "closed" };
