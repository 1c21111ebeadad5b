import type { ServerResponse } from "node:http";
import { callTiming, createSlotPool, type SlotTicket } from "./core.js";
import { defaultAnswer } from "./default-answer.js";
import { applyContentFault } from "./faults.js";
import { planGeneration } from "./generate.js";
import { sendReply, type ReplyFormat, type ReplyRun } from "./respond.js";
import { countPromptTokens } from "./tokens.js";
import type { SimHttpServer } from "./http-server.js";
import type { Answerer, Fault, FaultPlan, LoggedRequest, SimOptions, SimRequest, SimStats, Simulator } from "./types.js";

/** A request as a protocol parsed it, before the engine numbers and measures it. */
export type ParsedRequest = Omit<SimRequest, "index" | "promptTokens" | "truncated">;

/** A complete HTTP reply that is not a generation (errors, refusals at the door). */
export interface PlainReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** What a protocol gives the engine for one generation request. */
export interface GenerationJob {
  request: SimRequest;
  response: ServerResponse;
  log: LoggedRequest;
  format: ReplyFormat;
  /** Tokens of context; longer prompts are reported as truncated to it. */
  contextWindow: number;
  httpFault(fault: Extract<Fault, { kind: "http" }>): PlainReply;
  /** The reply when the queue is full. */
  busy(): PlainReply;
}

export interface Engine {
  /** Numbers a parsed request (arrival order) and counts its prompt. */
  admit(parsed: ParsedRequest, contextWindow: number): SimRequest;
  run(job: GenerationJob): void;
  setFaults(plan?: FaultPlan): void;
  setAnswer(answer: Answerer): void;
  stats(): SimStats;
  /** Models that have answered, with the time of their last call (for /api/ps). */
  lastUsed: Map<string, number>;
}

/**
 * The part both servers share: fault decision, slots and queue, the answerer, content faults,
 * limits, the timed reply, cancellation on disconnect, the request log and the stats.
 */
export function createEngine(options: SimOptions): Engine {
  const pool = createSlotPool(options.parallel ?? 1, options.maxQueue ?? 512);
  let faults = options.faults;
  let answer: Answerer = options.answer ?? defaultAnswer;
  let nextIndex = 0;
  const counters = { calls: 0, completed: 0, cancelled: 0, rejected: 0, busyMs: 0, modelledMs: 0, promptTokens: 0, completionTokens: 0 };
  const faultCounts: SimStats["faults"] = {};
  const lastUsed = new Map<string, number>();

  const run = (job: GenerationJob) => {
    const { request, response, log } = job;
    log.index = request.index;
    log.model = request.model;
    log.stream = request.stream;
    const fault = faults?.(request);
    if (fault) {
      log.fault = fault;
      faultCounts[fault.kind] = (faultCounts[fault.kind] ?? 0) + 1;
    }
    if (fault?.kind === "http") return sendPlain(response, log, job.httpFault(fault));
    if (fault?.kind === "reset-before-headers") {
      response.destroy();
      log.endMs = performance.now();
      return;
    }

    let ticket: SlotTicket | undefined;
    let startMs = 0;
    let started = false;
    let ended = false;
    let releaseWhenAdmitted = false;
    let reply: ReplyRun | undefined;
    const end = (status: number, disconnected: boolean) => {
      ended = true;
      const now = performance.now();
      log.endMs = now;
      log.status ??= status;
      if (disconnected) {
        log.disconnected = true;
        counters.cancelled++;
      } else counters.completed++;
      if (started) counters.busyMs += now - startMs;
      // A call that ends inside acquire() has no ticket yet: release it right after.
      if (ticket) pool.release(ticket);
      else releaseWhenAdmitted = true;
    };
    const onClose = () => {
      if (ended) return;
      reply?.cancel();
      end(499, true);
    };
    const answerWith = (content: unknown) => {
      if (ended) return;
      if (typeof content !== "string") return answerFailed(new Error(`the answerer returned ${typeof content}, expected a string`));
      const plan = planGeneration(request, applyContentFault(fault, content, request), job.contextWindow);
      const extraMs = fault?.kind === "slow-first-byte" ? fault.ms : 0;
      const timing = callTiming(options.latency, plan.pieces.length + (plan.thinking?.length ?? 0), extraMs);
      counters.modelledMs += timing.totalMs + (fault?.kind === "stall-mid-stream" ? fault.ms : 0);
      counters.promptTokens += plan.promptTokens;
      counters.completionTokens += plan.pieces.length + (plan.thinking?.length ?? 0);
      reply = sendReply(response, {
        stream: request.stream,
        plan,
        format: job.format,
        fault,
        timing,
        arrivalMs: log.arrivalMs,
        startMs,
        onEnd: (status) => end(status, false),
      });
    };
    const start = () => {
      if (ended) return;
      started = true;
      startMs = performance.now();
      log.startMs = startMs;
      counters.calls++;
      lastUsed.set(request.model, Date.now());
      let content: unknown;
      try {
        content = answer(request);
      } catch (error) {
        return answerFailed(error);
      }
      if (content instanceof Promise) content.then(answerWith, answerFailed);
      else answerWith(content);
    };
    const answerFailed = (error: unknown) => {
      if (ended) return;
      sendPlain(response, log, job.httpFault({ kind: "http", status: 500, message: `simulator answerer failed: ${String(error)}` }));
      end(500, false);
    };

    response.on("close", onClose);
    ticket = pool.acquire(start);
    if (!ticket) {
      ended = true;
      counters.rejected++;
      sendPlain(response, log, job.busy());
    } else if (releaseWhenAdmitted) pool.release(ticket);
  };

  return {
    admit(parsed, contextWindow) {
      const promptTokens = countPromptTokens(parsed.messages);
      return { ...parsed, index: nextIndex++, promptTokens, truncated: promptTokens > contextWindow };
    },
    run,
    setFaults: (plan) => {
      faults = plan;
    },
    setAnswer: (next) => {
      answer = next;
    },
    stats: () => ({
      ...counters,
      maxConcurrent: pool.maxConcurrent,
      maxQueued: pool.maxQueued,
      faults: { ...faultCounts },
    }),
    lastUsed,
  };
}

export function sendPlain(response: ServerResponse, log: LoggedRequest, reply: PlainReply): void {
  const body = reply.body;
  response.writeHead(reply.status, { ...reply.headers, "Content-Length": Buffer.byteLength(body) });
  response.end(body);
  log.status = reply.status;
  log.endMs = performance.now();
}

/** The public face of a running simulator. */
export function simulatorFrom(http: SimHttpServer, engine: Engine): Simulator {
  return {
    url: http.url,
    requests: http.requests,
    setFaults: engine.setFaults,
    setAnswer: engine.setAnswer,
    stats: engine.stats,
    close: http.close,
  };
}
