import cliProgress from "cli-progress";
import type { RunEvent } from "../engine/events.js";
import type { RunManifest } from "../outputs/run-manifest.js";

export interface Progress {
  /** True when the display uses a total (the bar's ETA): count the inputs first. */
  wantsTotal: boolean;
  setTotal(total: number | undefined): void;
  onEvent(event: RunEvent): void;
  /** A line for the terminal (stderr) that must not be drawn over by the bar. */
  note(text: string): void;
  /** Ctrl-C: the bar stops and ends its line, so the message after it starts on a new line. */
  interrupted(): void;
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
    note(text) {
      stream.write(`${text}\n`);
    },
    interrupted() {},
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
    note() {},
    interrupted() {},
    finish() {},
    close() {},
  };
}

/** What the progress line shows. */
export interface ProgressState {
  done: number;
  total: number;
  skipped: number;
  failures: number;
  calls: number;
  cached: number;
  tokens: number;
  /** A pool's hosts, by URL, in the order first seen: calls answered, failures, state. */
  hosts?: Map<string, HostProgress>;
}

export interface HostProgress {
  calls: number;
  failures: number;
  state: "up" | "cooling" | "left-out";
}

/**
 * Short names for a pool's hosts: the host name alone when it is enough to tell them apart
 * ("gpu1", "gpu2"), else host name and port ("127.0.0.1:11434").
 */
export function hostNames(urls: string[]): Map<string, string> {
  const parsed = urls.map((url) => {
    try {
      const address = new URL(url);
      return { url, name: address.hostname, port: address.port };
    } catch {
      return { url, name: url, port: "" };
    }
  });
  const counts = new Map<string, number>();
  for (const { name } of parsed) counts.set(name, (counts.get(name) ?? 0) + 1);
  return new Map(parsed.map(({ url, name, port }) => [url, (counts.get(name) ?? 0) > 1 && port ? `${name}:${port}` : name]));
}

/** "gpu1 12 · gpu2 8, 3 failed (cooling)": calls answered per host, failures and state when not plain. */
export function hostsSegment(hosts: Map<string, HostProgress> | undefined): string {
  if (!hosts || hosts.size < 2) return "";
  const names = hostNames([...hosts.keys()]);
  return [...hosts]
    .map(([url, host]) => {
      const failed = host.failures > 0 ? `, ${host.failures} failed` : "";
      const state = host.state === "up" ? "" : ` (${host.state})`;
      return `${names.get(url)} ${host.calls}${failed}${state}`;
    })
    .join(" · ");
}

/** "45s", "3m 20s", "1h 5m": prevod's own ETA format (cli-progress's {eta} printed 0, INF, bare seconds). */
export function formatDuration(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  if (whole >= 3600) return `${Math.floor(whole / 3600)}h ${Math.round((whole % 3600) / 60)}m`;
  if (whole >= 60) return `${Math.floor(whole / 60)}m ${whole % 60}s`;
  return `${whole}s`;
}

/** The time left, from the articles worked so far (unchanged ones cost nothing), or "…" while unknown. */
export function eta(state: ProgressState, elapsedMs: number): string {
  if (state.total > 0 && state.done >= state.total) return "0s";
  const worked = state.done - state.skipped;
  if (worked <= 0 || state.total <= 0 || elapsedMs <= 0) return "…";
  return formatDuration((elapsedMs / 1000 / worked) * (state.total - state.done));
}

const BAR_MIN = 10;
const BAR_MAX = 40;

/**
 * The progress line, fitted to `width` columns. Fields go in a fixed order when the line is too
 * wide: tok/s first, then a pool's hosts, unchanged, cached, not ok; articles, calls and ETA always stay; the bar
 * takes what room is left (at most 40, at least 10 columns, else none).
 */
export function progressLine(state: ProgressState, width: number, elapsedMs: number): string {
  const rate = Math.round(state.tokens / Math.max(0.001, elapsedMs / 1000));
  const fields = {
    articles: `${state.done}/${state.total || "?"} articles`,
    unchanged: state.skipped > 0 ? `${state.skipped} unchanged` : "",
    notOk: state.failures > 0 ? `${state.failures} not ok` : "",
    calls: `${state.calls} calls`,
    cached: state.cached > 0 ? ` (${state.cached} cached)` : "",
    rate: `${rate} tok/s`,
    hosts: hostsSegment(state.hosts),
    eta: `ETA ${eta(state, elapsedMs)}`,
  };
  const dropOrder: Array<keyof typeof fields> = ["rate", "hosts", "unchanged", "cached", "notOk"];
  const text = () =>
    [fields.articles, fields.unchanged, fields.notOk, `${fields.calls}${fields.cached}`, fields.hosts, fields.rate, fields.eta].filter((field) => field !== "").join(" | ");
  const room = Math.max(20, width - 1);
  for (const name of dropOrder) {
    if (text().length + 1 + BAR_MIN <= room) break;
    fields[name] = "";
  }
  const line = text();
  const barWidth = Math.min(BAR_MAX, room - line.length - 1);
  if (barWidth < BAR_MIN) return line.slice(0, room);
  const filled = state.total > 0 ? Math.round((Math.min(state.done, state.total) / state.total) * barWidth) : 0;
  return `${"\u2588".repeat(filled)}${"\u2591".repeat(barWidth - filled)} ${line}`;
}

function barProgress(stream: NodeJS.WriteStream): Progress {
  const started = performance.now();
  const state: ProgressState & { read: number } = { read: 0, done: 0, skipped: 0, failures: 0, calls: 0, cached: 0, tokens: 0, total: 0, hosts: new Map() };
  const hostOf = (url: string): HostProgress => {
    let host = state.hosts!.get(url);
    if (!host) state.hosts!.set(url, (host = { calls: 0, failures: 0, state: "up" }));
    return host;
  };
  const bar = new cliProgress.SingleBar(
    {
      stream,
      // prevod draws the whole line: cli-progress's own {eta} replaced prevod's in the payload.
      format: () => progressLine(state, stream.columns || 80, performance.now() - started),
      hideCursor: true,
      clearOnComplete: false,
      linewrap: false,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  let running = false;
  let stopped = false;
  const redraw = () => {
    if (running) bar.update(state.done);
  };
  const read = () => {
    state.read++;
    if (state.read > state.total) {
      state.total = state.read;
      if (running) bar.setTotal(state.total);
    }
  };
  const aside = (text: string) => {
    if (running) bar.stop();
    stream.write(`${text}\n`);
    if (running) bar.start(state.total, state.done);
  };
  return {
    wantsTotal: true,
    setTotal(total) {
      state.total = total ?? 0;
    },
    onEvent(event) {
      if (stopped) {
        if (event.type === "warning") stream.write(`prevod: warning: ${event.message}\n`);
        return;
      }
      switch (event.type) {
        case "run-started":
          bar.start(state.total, 0);
          running = true;
          break;
        case "article-started":
          read();
          break;
        case "article-skipped":
          read();
          state.done++;
          state.skipped++;
          redraw();
          break;
        case "article-finished":
          state.done++;
          if (event.status !== "ok") state.failures++;
          redraw();
          break;
        case "model-call":
          if (event.source === "cache" || event.source === "replay") state.cached++;
          else {
            state.calls++;
            state.tokens += event.completionTokens;
            if (event.host !== undefined) hostOf(event.host).calls++;
          }
          redraw();
          break;
        case "host": {
          // The pool's own count of failures and its state; calls are counted from the answers.
          const host = hostOf(event.url);
          host.failures = event.failures;
          host.state = event.state;
          redraw();
          break;
        }
        case "warning":
        case "notice":
          aside(`prevod: ${event.type === "warning" ? "warning: " : ""}${event.message}`);
          break;
        default:
          break;
      }
    },
    note(text) {
      if (stopped) stream.write(`${text}\n`);
      else aside(text);
    },
    interrupted() {
      // The bar's line ends here; whatever is printed next starts on a line of its own.
      if (running) bar.stop();
      running = false;
      stopped = true;
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
