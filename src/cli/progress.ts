import cliProgress from "cli-progress";
import type { RunEvent } from "../engine/events.js";
import type { RunManifest } from "../outputs/run-manifest.js";

export interface Progress {
  /** True when the display uses a total (the bar's ETA): count the inputs first. */
  wantsTotal: boolean;
  setTotal(total: number | undefined): void;
  onEvent(event: RunEvent): void;
  /** Prints the one-line summary of a finished run. */
  finish(manifest: RunManifest): void;
  close(): void;
}

/**
 * Progress on stderr: a bar on a TTY (`auto`/`bar`), one JSON event per line (`json`), or
 * nothing (`none`, and `auto` when stderr is not a TTY). Warnings always reach stderr.
 */
export function createProgress(mode: "auto" | "bar" | "json" | "none", stream: NodeJS.WriteStream = process.stderr): Progress {
  const resolved = mode === "auto" ? (stream.isTTY ? "bar" : "none") : mode;
  if (resolved === "json") return jsonProgress(stream);
  if (resolved === "bar") return barProgress(stream);
  return {
    wantsTotal: false,
    setTotal() {},
    onEvent(event) {
      if (event.type === "warning") stream.write(`prevod: warning: ${event.message}\n`);
      if (event.type === "notice") stream.write(`prevod: ${event.message}\n`);
    },
    finish(manifest) {
      stream.write(`${summaryLine(manifest)}\n`);
    },
    close() {},
  };
}

function jsonProgress(stream: NodeJS.WriteStream): Progress {
  return {
    wantsTotal: false,
    setTotal() {},
    onEvent(event) {
      stream.write(`${JSON.stringify({ ...event, time: new Date().toISOString() })}\n`);
    },
    finish() {},
    close() {},
  };
}

function barProgress(stream: NodeJS.WriteStream): Progress {
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: "{bar} {value}/{total} articles | {skipped} unchanged | {failures} not ok | {calls} calls ({cached} cached) | {rate} tok/s | ETA {eta}",
      hideCursor: true,
      clearOnComplete: false,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = performance.now();
  const state = { read: 0, done: 0, skipped: 0, failures: 0, calls: 0, cached: 0, tokens: 0, total: 0 };
  let running = false;
  const eta = () => {
    const worked = state.done - state.skipped;
    if (worked <= 0 || state.total <= state.done) return state.total <= state.done && state.done > 0 ? "0s" : "…";
    const seconds = Math.round(((performance.now() - started) / 1000 / worked) * (state.total - state.done));
    return seconds >= 3600 ? `${Math.floor(seconds / 3600)}h${Math.round((seconds % 3600) / 60)}m` : seconds >= 60 ? `${Math.floor(seconds / 60)}m${seconds % 60}s` : `${seconds}s`;
  };
  const payload = () => ({
    eta: eta(),
    skipped: state.skipped,
    failures: state.failures,
    calls: state.calls,
    cached: state.cached,
    rate: Math.round(state.tokens / Math.max(0.001, (performance.now() - started) / 1000)),
  });
  const read = () => {
    state.read++;
    if (state.read > state.total) {
      state.total = state.read;
      bar.setTotal(state.total);
    }
  };
  return {
    wantsTotal: true,
    setTotal(total) {
      state.total = total ?? 0;
    },
    onEvent(event) {
      switch (event.type) {
        case "run-started":
          bar.start(state.total, 0, payload());
          running = true;
          break;
        case "article-started":
          read();
          break;
        case "article-skipped":
          read();
          state.done++;
          state.skipped++;
          bar.update(state.done, payload());
          break;
        case "article-finished":
          state.done++;
          if (event.status !== "ok") state.failures++;
          bar.update(state.done, payload());
          break;
        case "model-call":
          if (event.source === "cache" || event.source === "replay") state.cached++;
          else {
            state.calls++;
            state.tokens += event.completionTokens;
          }
          bar.update(state.done, payload());
          break;
        case "warning":
        case "notice":
          if (running) bar.stop();
          stream.write(`prevod: ${event.type === "warning" ? "warning: " : ""}${event.message}\n`);
          if (running) bar.start(state.total, state.done, payload());
          break;
        default:
          break;
      }
    },
    finish(manifest) {
      if (running) bar.stop();
      running = false;
      stream.write(`${summaryLine(manifest)}\n`);
    },
    close() {
      if (running) bar.stop();
      running = false;
    },
  };
}

/** "50 articles: 48 ok, 1 partial, 1 failed · 150 calls, 12 cached · 34,210 tokens · 12.3 s" */
export function summaryLine(manifest: RunManifest): string {
  const { counts, usage } = manifest;
  const parts = [
    `${counts.total} article${counts.total === 1 ? "" : "s"}: ${counts.ok} ok${counts.skipped ? ` (${counts.skipped} unchanged)` : ""}, ${counts.partial} partial, ${counts.failed} failed${counts.interrupted ? `, ${counts.interrupted} interrupted` : ""}`,
    `${usage.calls} model call${usage.calls === 1 ? "" : "s"}, ${usage.cached} cached${usage.replayed ? `, ${usage.replayed} replayed` : ""}${usage.retries ? `, ${usage.retries} retried` : ""}`,
    `${(usage.prompt_tokens + usage.completion_tokens).toLocaleString("en-US")} tokens`,
    `${(manifest.wall_ms / 1000).toFixed(1)} s`,
  ];
  return `prevod: ${parts.join(" · ")}${manifest.interrupted ? " (interrupted)" : ""}`;
}
