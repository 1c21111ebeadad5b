import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createConnection } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { closedPort } from "./net.js";

/**
 * A redis-server of the test's own: a free loopback port, its own --dir, append-only with an
 * fsync per write (so a restart keeps every job). Tests never talk to a Redis they did not start.
 */
export interface TestRedis {
  port: number;
  url: string;
  dir: string;
  /** Stops the server (SHUTDOWN, which writes the append-only file) and starts it again on the same port and dir. */
  restart(): Promise<void>;
  /** Stops the server and removes its dir; safe to call twice. */
  stop(): Promise<void>;
}

const BINARY = process.env.REDIS_SERVER ?? "redis-server";

/**
 * Why the Redis tests cannot run here, or undefined when they can. In CI (process.env.CI) a
 * missing redis-server is a failure, not a skip: the reason is thrown.
 */
export function redisMissing(): string | undefined {
  const probe = spawnSync(BINARY, ["--version"], { encoding: "utf8" });
  const reason = probe.error || probe.status !== 0 ? `redis-server is not installed (${BINARY}: ${probe.error?.message ?? `exit ${probe.status}`}); the queue tests are skipped` : undefined;
  if (reason && process.env.CI) throw new Error(`${reason} — but CI is set, so they must run (.ci/run installs redis-server)`);
  if (reason) console.warn(`skip: ${reason}`);
  return reason;
}

export async function startRedis(): Promise<TestRedis> {
  const dir = mkdtempSync(join(tmpdir(), "prevod-redis-"));
  const port = await closedPort();
  let child: ChildProcess | undefined;
  const launch = async () => {
    child = spawn(
      BINARY,
      ["--port", String(port), "--bind", "127.0.0.1", "--dir", dir, "--appendonly", "yes", "--appendfsync", "always", "--save", "", "--protected-mode", "yes", "--maxmemory-policy", "noeviction"],
      { stdio: ["ignore", "ignore", "pipe"] },
    );
    let stderr = "";
    child.stderr?.on("data", (chunk) => (stderr += String(chunk)));
    const deadline = Date.now() + 10_000;
    while (!(await ping(port))) {
      if (child.exitCode !== null || Date.now() > deadline) {
        child.kill("SIGKILL");
        throw new Error(`redis-server did not start on 127.0.0.1:${port}: ${stderr.trim() || `exit ${child.exitCode}`}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const halt = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once("exit", resolve));
    running.kill("SIGTERM"); // Redis shuts down cleanly on SIGTERM: the append-only file is flushed.
    const timer = setTimeout(() => running.kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
  };
  await launch();
  let stopped = false;
  return {
    port,
    url: `redis://127.0.0.1:${port}/0`,
    dir,
    async restart() {
      await halt();
      await launch();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await halt();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One PING over a raw socket: true when the server answers PONG. */
function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: "127.0.0.1", port });
    const done = (value: boolean) => {
      socket.destroy();
      resolve(value);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once("error", () => done(false));
    socket.once("connect", () => socket.write("PING\r\n"));
    socket.once("data", (data) => done(String(data).startsWith("+PONG")));
  });
}
