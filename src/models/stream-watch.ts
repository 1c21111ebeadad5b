import type { ServerState } from "./types.js";

/**
 * Watches one streamed answer: an idle limit instead of a single total deadline, an overall cap,
 * and a guard against runaway answers.
 *
 * - Before the first token a request may wait in the server's queue or for a model load; when
 *   the idle limit passes in silence the server is probed, and the wait goes on while it answers
 *   (Ollama drops a half-finished load when the client disconnects, so hanging up on a loading
 *   server would only start the load again). A server that does not answer ends the wait.
 * - After the first token, `idleMs` without a new one is a stall.
 * - The answer is stopped early when it pads with whitespace or repeats one stretch of text
 *   (whitespace loops after a JSON object, MLX and some vLLM models; a repeated phrase), or
 *   grows past `maxChars`: with temperature 0 every retry of such a request would loop again.
 *
 * One timer per request, re-armed only when it fires, so a token costs a clock read.
 */
export interface StreamWatchOptions {
  /** Longest silence, in ms. */
  idleMs: number;
  /** Longest whole request (queue, load, generation), in ms. */
  totalMs: number;
  /** Most characters of answer and reasoning taken together. */
  maxChars: number;
  /** The caller's signal (the run's). */
  signal?: AbortSignal;
  /** Asked when the first token is late. */
  probe?: (signal: AbortSignal) => Promise<ServerState>;
}

/** Why the watch ended a request. */
export type WatchVerdict = "idle" | "total" | "down";

/** Why an answer must stop early. */
export type RunawayKind = "loop" | "length";

export interface StreamWatch {
  /** Aborts the request when the caller aborts or the watch gives up. */
  readonly signal: AbortSignal;
  /** Set when the watch (not the caller) aborted the request. */
  readonly verdict: WatchVerdict | undefined;
  /** True once any token (answer or reasoning) has arrived. */
  readonly started: boolean;
  /** A piece of the answer; says when the answer must stop. */
  answer(piece: string): RunawayKind | undefined;
  /** A piece of the model's reasoning. */
  thinking(piece: string): RunawayKind | undefined;
  /** Drops the request because the answer must stop (a loop, too long). */
  cancel(): void;
  done(): void;
}

/** Consecutive whitespace-only pieces that make a loop (a JSON answer never has this many). */
const WHITESPACE_PIECES = 48;
/** Consecutive whitespace characters that make a loop. */
const WHITESPACE_CHARS = 400;
/** Answers shorter than this are never checked for repetition. */
const REPEAT_FROM = 1200;
/** The tail tested for a repeating unit, and how often (in characters of growth). */
const REPEAT_WINDOW = 800;
const REPEAT_EVERY = 200;
const REPEAT_MAX_PERIOD = 300;

export function watchStream(options: StreamWatchOptions): StreamWatch {
  const controller = new AbortController();
  const started = performance.now();
  let lastActivity = started;
  let firstToken = false;
  let verdict: WatchVerdict | undefined;
  let chars = 0;
  let whitespacePieces = 0;
  let whitespaceChars = 0;
  let answerText = "";
  let nextRepeatCheck = REPEAT_FROM;
  let timer: NodeJS.Timeout | undefined;
  let probing = false;
  let finished = false;

  const expire = (why: WatchVerdict) => {
    if (verdict || finished) return;
    verdict = why;
    controller.abort(new DOMException(`stream ${why}`, "TimeoutError"));
  };
  const arm = () => {
    if (finished || verdict) return;
    const now = performance.now();
    const due = Math.min(lastActivity + options.idleMs, started + options.totalMs);
    timer = setTimeout(check, Math.max(1, due - now));
  };
  const check = () => {
    timer = undefined;
    if (finished || verdict) return;
    const now = performance.now();
    if (now - started >= options.totalMs) return expire("total");
    if (now - lastActivity < options.idleMs) return arm();
    if (firstToken || !options.probe) return expire("idle");
    if (probing) return;
    probing = true;
    const limit = AbortSignal.timeout(Math.min(options.idleMs, 10_000));
    options.probe(limit).then(
      (state) => {
        probing = false;
        if (state === "down") return expire("down");
        lastActivity = performance.now();
        arm();
      },
      () => {
        probing = false;
        expire("down");
      },
    );
  };
  const onCallerAbort = () => controller.abort(options.signal!.reason);
  if (options.signal?.aborted) controller.abort(options.signal.reason);
  else options.signal?.addEventListener("abort", onCallerAbort, { once: true });
  arm();

  const count = (piece: string): RunawayKind | undefined => {
    firstToken = true;
    lastActivity = performance.now();
    chars += piece.length;
    return chars > options.maxChars ? "length" : undefined;
  };

  return {
    signal: controller.signal,
    get verdict() {
      return verdict;
    },
    get started() {
      return firstToken;
    },
    answer(piece) {
      const over = count(piece);
      if (over) return over;
      if (piece.trim() === "") {
        whitespacePieces++;
        whitespaceChars += piece.length;
      } else {
        whitespacePieces = 0;
        whitespaceChars = piece.length - piece.trimEnd().length;
      }
      if (whitespacePieces >= WHITESPACE_PIECES || whitespaceChars >= WHITESPACE_CHARS) return "loop";
      answerText += piece;
      if (answerText.length >= nextRepeatCheck) {
        nextRepeatCheck = answerText.length + REPEAT_EVERY;
        if (repeatsItself(answerText)) return "loop";
      }
      return undefined;
    },
    thinking(piece) {
      return count(piece);
    },
    cancel() {
      if (!controller.signal.aborted) controller.abort(new DOMException("the answer was stopped", "AbortError"));
    },
    done() {
      finished = true;
      if (timer) clearTimeout(timer);
      options.signal?.removeEventListener("abort", onCallerAbort);
    },
  };
}

/** True when the end of `text` is one unit repeated over the whole window. */
export function repeatsItself(text: string): boolean {
  if (text.length < REPEAT_WINDOW) return false;
  const tail = text.slice(-REPEAT_WINDOW);
  for (let period = 4; period <= REPEAT_MAX_PERIOD; period++) {
    if (tail.charCodeAt(tail.length - 1) !== tail.charCodeAt(tail.length - 1 - period)) continue;
    if (tail.slice(period) === tail.slice(0, tail.length - period)) return true;
  }
  return false;
}
