import type { ServerResponse } from "node:http";
import type { CallTiming } from "./core.js";
import type { GenerationPlan } from "./generate.js";
import type { Fault } from "./types.js";

/** Measured and modelled figures of a finished call, for Ollama metrics and OpenAI usage. */
export interface CallMetrics {
  promptTokens: number;
  completionTokens: number;
  /** Arrival to end, measured. */
  totalNs: number;
  /** Modelled prompt processing (time to first token). */
  promptEvalNs: number;
  /** Modelled generation time. */
  evalNs: number;
}

/** How one protocol frames a generation reply; the transport decides when each part is sent. */
export interface ReplyFormat {
  streamContentType: string;
  jsonContentType: string;
  /** Sent with the headers of a stream (OpenAI's role chunk); may be "". */
  open(): string;
  piece(text: string, channel: GenerationPlan["channel"] | "thinking"): string;
  /** The end of a stream: Ollama's done object; OpenAI's finish chunk, usage chunk and [DONE]. */
  close(plan: GenerationPlan, metrics: CallMetrics): string;
  /** Non-streaming body. */
  whole(plan: GenerationPlan, metrics: CallMetrics): string;
  /** A mid-stream error event: Ollama `{"error":…}` line, SSE `data: {"error":{…}}`. */
  errorLine(message: string): string;
  /** One line the client cannot parse. */
  garbageLine(): string;
  /** Non-streaming answer to a failure after the work started (status, type, body). */
  failure(message: string): { status: number; contentType: string; body: string };
}

export interface ReplyOptions {
  stream: boolean;
  plan: GenerationPlan;
  format: ReplyFormat;
  fault: Fault | undefined;
  timing: CallTiming;
  arrivalMs: number;
  startMs: number;
  /** Called once, when the reply is complete or the server cut it. */
  onEnd(status: number): void;
}

export interface ReplyRun {
  /** Stops sending (the client went away or the server is closing). */
  cancel(): void;
}

const DEFAULT_FAULT_AFTER_CHUNKS = 2;

/**
 * Sends a planned reply on the timing model's schedule with one timer at a time: the next
 * wake-up is the next token's due time, and everything already due is written in one go.
 */
export function sendReply(response: ServerResponse, options: ReplyOptions): ReplyRun {
  return options.stream ? sendStream(response, options) : sendWhole(response, options);
}

/**
 * Node timers fire on libuv's millisecond clock, cached per loop turn: up to ~1 ms early or
 * late. Treating "due within 1 ms" as due keeps the mean error of a call's end near zero
 * (measured: -0.1 ms mean, 8 slots of 20 ms calls), where re-arming for the last fraction
 * would add a whole extra millisecond (+0.7 ms mean) to every call.
 */
const TIMER_TOLERANCE_MS = 1;

/** The one pending timer of a reply. */
interface TimerSlot {
  /** Runs `task` at `atMs` (performance.now time): at once when already due, else on the timer. */
  at(task: () => void, atMs: number): void;
  after(task: () => void, delayMs: number): void;
  cancel(): void;
}

function createTimerSlot(): TimerSlot {
  let timer: NodeJS.Timeout | undefined;
  const slot: TimerSlot = {
    at(task, atMs) {
      const delay = atMs - performance.now();
      if (delay <= TIMER_TOLERANCE_MS) task();
      else slot.after(task, delay);
    },
    after(task, delayMs) {
      timer = setTimeout(() => {
        timer = undefined;
        task();
      }, delayMs);
    },
    cancel() {
      clearTimeout(timer);
      timer = undefined;
    },
  };
  return slot;
}

function metricsAt(options: ReplyOptions, endMs: number): CallMetrics {
  const { plan, timing } = options;
  return {
    promptTokens: plan.promptTokens,
    completionTokens: plan.pieces.length + (plan.thinking?.length ?? 0),
    totalNs: Math.max(1, Math.round((endMs - options.arrivalMs) * 1e6)),
    promptEvalNs: Math.round(timing.firstTokenMs * 1e6),
    evalNs: Math.round((plan.pieces.length + (plan.thinking?.length ?? 0)) * timing.tokenIntervalMs * 1e6),
  };
}

function contentTypeFor(options: ReplyOptions, normal: string): string {
  return options.fault?.kind === "wrong-content-type" ? "text/plain; charset=utf-8" : normal;
}

function sendWhole(response: ServerResponse, options: ReplyOptions): ReplyRun {
  const { fault, format } = options;
  const timer = createTimerSlot();
  const endAt = options.startMs + options.timing.totalMs;

  const finish = () => {
    const now = performance.now();
    if (now < endAt - TIMER_TOLERANCE_MS) {
      timer.at(finish, endAt);
      return;
    }
    if (fault?.kind === "error-mid-stream") {
      const failure = format.failure(fault.message ?? "an error was encountered while running the model");
      response.writeHead(failure.status, { "Content-Type": failure.contentType, "Content-Length": Buffer.byteLength(failure.body) });
      response.end(failure.body);
      options.onEnd(failure.status);
      return;
    }
    let body = format.whole(options.plan, metricsAt(options, now));
    if (fault?.kind === "bad-ndjson-line") body = `${body}\n${format.garbageLine()}`;
    const headers = { "Content-Type": contentTypeFor(options, format.jsonContentType), "Content-Length": Buffer.byteLength(body) };
    response.writeHead(200, headers);
    if (fault?.kind === "reset-mid-stream") {
      response.write(body.slice(0, Math.floor(body.length / 2)), () => response.destroy());
      options.onEnd(200);
    } else if (fault?.kind === "stall-mid-stream") {
      response.flushHeaders();
      timer.after(() => {
        response.end(body);
        options.onEnd(200);
      }, fault.ms);
    } else {
      response.end(body);
      options.onEnd(200);
    }
  };

  timer.at(finish, endAt);
  return { cancel: timer.cancel };
}

function sendStream(response: ServerResponse, options: ReplyOptions): ReplyRun {
  const { fault, format, plan, timing } = options;
  // Thinking tokens go first, on their own channel (Ollama `message.thinking`).
  const thought = plan.thinking ?? [];
  const pieces = thought.length > 0 ? [...thought, ...plan.pieces] : plan.pieces;
  const channelOf = (index: number) => (index < thought.length ? "thinking" : plan.channel);
  const firstAt = options.startMs + timing.firstTokenMs;
  const midStreamFault = fault?.kind === "reset-mid-stream" || fault?.kind === "error-mid-stream" || fault?.kind === "stall-mid-stream";
  const faultAfter = midStreamFault
    ? Math.min(fault.kind === "reset-mid-stream" ? (fault.afterChunks ?? DEFAULT_FAULT_AFTER_CHUNKS) : DEFAULT_FAULT_AFTER_CHUNKS, pieces.length)
    : -1;
  const garbageAfter = fault?.kind === "bad-ndjson-line" ? Math.min(1, pieces.length) : -1;
  const timer = createTimerSlot();
  let written = 0;
  let delayMs = 0;
  let headersSent = false;
  let faultDone = false;

  const dueAt = (index: number) => firstAt + index * timing.tokenIntervalMs + delayMs;

  const wake = () => {
    const now = performance.now();
    if (!headersSent && now < firstAt - TIMER_TOLERANCE_MS) {
      timer.at(wake, firstAt);
      return;
    }
    let out = "";
    if (!headersSent) {
      response.writeHead(200, { "Content-Type": contentTypeFor(options, format.streamContentType), "Cache-Control": "no-cache" });
      headersSent = true;
      out += format.open();
    }
    for (;;) {
      if (written === garbageAfter && !faultDone) {
        out += format.garbageLine();
        faultDone = true;
      }
      if (written === faultAfter && !faultDone && fault) {
        faultDone = true;
        if (fault.kind === "reset-mid-stream") {
          response.write(out, () => response.destroy());
          options.onEnd(200);
          return;
        }
        if (fault.kind === "error-mid-stream") {
          response.end(out + format.errorLine(fault.message ?? "an error was encountered while running the model"));
          options.onEnd(200);
          return;
        }
        if (fault.kind === "stall-mid-stream") delayMs += fault.ms;
      }
      if (written < pieces.length && dueAt(written) <= now + TIMER_TOLERANCE_MS) {
        out += format.piece(pieces[written]!, channelOf(written));
        written++;
        continue;
      }
      break;
    }
    const endAt = dueAt(pieces.length);
    if (written === pieces.length && endAt <= now + TIMER_TOLERANCE_MS) {
      const tail = plan.finishReason === null ? "" : format.close(plan, metricsAt(options, now));
      response.end(out + tail);
      options.onEnd(200);
      return;
    }
    if (out !== "") response.write(out);
    timer.at(wake, written < pieces.length ? dueAt(written) : endAt);
  };

  timer.at(wake, firstAt);
  return { cancel: timer.cancel };
}
