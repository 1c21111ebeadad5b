/**
 * The benchmark's simulator, in its own process: an Ollama-protocol server whose answers are
 * REFERENCE OUTPUTS (the samples' reference.yaml and, when present, the human NTREX
 * translations), never a model's. The parent asks for a report at the end of each phase.
 */
import type { LoggedRequest, SimStats } from "../test/support/sim/index.js";
import { startOllamaSimulator } from "../test/support/sim/index.js";
import { loadReferenceBook, referenceAnswerer } from "../test/support/reference-answerer.js";
import { plainTranslationAnswer } from "./plain-translation.js";
import { createPrefixTally } from "./prefix-share.js";
import type { ChildMessage, ParentMessage, PhaseReport, SimulatorSetup } from "./simulator-protocol.js";

const send = (message: ChildMessage) => process.send!(message);

try {
  const setup = JSON.parse(process.argv[2]!) as SimulatorSetup;
  const book = await loadReferenceBook(setup.samplesDir, { ntrexFile: setup.ntrexFile });
  const reference = referenceAnswerer(book);
  const simulator = await startOllamaSimulator({
    models: [setup.model],
    parallel: setup.slots,
    maxQueue: setup.maxQueue,
    latency: setup.latency,
    // Large enough for any prompt of the bench: the bench measures time, not truncation.
    contextLength: 131_072,
    answer: (request) => plainTranslationAnswer(book, request.messages) ?? reference(request),
  });
  let previous: SimStats = simulator.stats();

  process.on("message", (message: ParentMessage) => {
    if (message.type === "phase") {
      const current = simulator.stats();
      const report = phaseReport(simulator.requests, difference(current, previous));
      previous = current;
      // The log only serves this report; dropping it keeps the child small on long runs.
      simulator.requests.length = 0;
      send({ id: message.id, type: "phase", report });
    } else if (message.type === "close") {
      void simulator.close().then(() => {
        send({ id: message.id, type: "closed" });
        process.disconnect();
      });
    }
  });
  send({ type: "ready", url: simulator.url, references: book.sentences.size });
} catch (error) {
  send({ type: "error", message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exitCode = 1;
  process.disconnect();
}

function phaseReport(requests: LoggedRequest[], stats: SimStats): PhaseReport {
  const tally = createPrefixTally();
  let generations = 0;
  let failedRequests = 0;
  const running: Array<[number, number]> = [];
  const waiting: Array<[number, number]> = [];
  for (const request of requests) {
    if (request.index === undefined) continue;
    generations++;
    if (request.status !== 200) failedRequests++;
    const body = request.body as { messages?: Array<{ role: string; content: string }>; format?: unknown };
    if (Array.isArray(body?.messages)) tally.add(body.messages, body.format);
    const end = request.endMs ?? Number.POSITIVE_INFINITY;
    if (request.startMs !== undefined) {
      running.push([request.startMs, end]);
      waiting.push([request.arrivalMs, request.startMs]);
    } else {
      waiting.push([request.arrivalMs, end]);
    }
  }
  const starts = running.map(([start]) => start);
  const ends = running.map(([, end]) => end).filter(Number.isFinite);
  const activeMs = starts.length > 0 && ends.length > 0 ? Math.max(...ends) - Math.min(...starts) : 0;
  return { stats, requests: generations, failedRequests, maxConcurrent: peakOverlap(running), maxQueued: peakOverlap(waiting), activeMs, ...tally.result() };
}

/** Most intervals open at once; an interval ending when another starts does not overlap it. */
function peakOverlap(intervals: Array<[number, number]>): number {
  const points: Array<[number, number]> = [];
  for (const [start, end] of intervals) {
    if (end <= start) continue;
    points.push([start, 1], [end, -1]);
  }
  points.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let open = 0;
  let peak = 0;
  for (const [, change] of points) {
    open += change;
    if (open > peak) peak = open;
  }
  return peak;
}

function difference(current: SimStats, before: SimStats): SimStats {
  const faults: SimStats["faults"] = {};
  for (const [kind, count] of Object.entries(current.faults)) {
    const delta = count - (before.faults[kind as keyof SimStats["faults"]] ?? 0);
    if (delta > 0) faults[kind as keyof SimStats["faults"]] = delta;
  }
  return {
    calls: current.calls - before.calls,
    completed: current.completed - before.completed,
    cancelled: current.cancelled - before.cancelled,
    rejected: current.rejected - before.rejected,
    busyMs: current.busyMs - before.busyMs,
    modelledMs: current.modelledMs - before.modelledMs,
    maxConcurrent: current.maxConcurrent,
    maxQueued: current.maxQueued,
    promptTokens: current.promptTokens - before.promptTokens,
    completionTokens: current.completionTokens - before.completionTokens,
    faults,
  };
}
