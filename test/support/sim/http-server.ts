import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { LoggedRequest } from "./types.js";

/** One request with its body read and its log entry started. */
export interface HttpContext {
  request: IncomingMessage;
  response: ServerResponse;
  log: LoggedRequest;
  /** The URL path without the query. */
  path: string;
  /** Parsed JSON, undefined for an empty body. */
  body: unknown;
  /** The body was not empty and not JSON; `body` then holds the raw text. */
  bodyInvalid: boolean;
  /** The JSON.parse message when `bodyInvalid`. */
  bodyError?: string;
}

export interface SimHttpServer {
  url: string;
  requests: LoggedRequest[];
  close(): Promise<void>;
}

/** Enough for thousands of clients connecting at once (Linux caps it at somaxconn). */
const LISTEN_BACKLOG = 4096;
const CLOSE_DEADLINE_MS = 1000;

/**
 * A loopback HTTP server that logs every request (authorization redacted, openai-node's retry
 * count kept) and hands it on once the body is in. Keep-alive stays on, as with real servers.
 */
export function startHttpServer(port: number, handle: (context: HttpContext) => void): Promise<SimHttpServer> {
  const requests: LoggedRequest[] = [];
  const server = createServer((request, response) => {
    const url = request.url ?? "/";
    const queryAt = url.indexOf("?");
    const path = queryAt >= 0 ? url.slice(0, queryAt) : url;
    const log: LoggedRequest = {
      method: request.method ?? "GET",
      path,
      headers: loggedHeaders(request),
      body: undefined,
      arrivalMs: performance.now(),
      disconnected: false,
    };
    const retryCount = request.headers["x-stainless-retry-count"];
    if (typeof retryCount === "string" && retryCount !== "") log.retryCount = Number(retryCount);
    requests.push(log);
    // Writes after the client left fail quietly: that is the client's choice, not a bug here.
    response.on("error", () => {});
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("error", () => {});
    request.once("close", () => {
      // Closed before the whole body arrived: the client gave up while sending.
      if (request.complete) return;
      log.disconnected = true;
      log.status ??= 499;
      log.endMs = performance.now();
    });
    request.on("end", () => {
      const text = chunks.length === 0 ? "" : Buffer.concat(chunks).toString("utf8");
      const context: HttpContext = { request, response, log, path, body: undefined, bodyInvalid: false };
      if (text.trim() !== "") {
        try {
          context.body = JSON.parse(text);
        } catch (error) {
          context.body = text;
          context.bodyInvalid = true;
          context.bodyError = (error as Error).message;
        }
      }
      log.body = context.body;
      try {
        handle(context);
      } catch (error) {
        if (!response.headersSent) {
          response.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" });
          response.end(`simulator bug: ${String(error)}`);
          log.status = 500;
        } else response.destroy();
        console.error(error);
      }
    });
  });

  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen({ host: "127.0.0.1", port, backlog: LISTEN_BACKLOG }, () => {
      const address = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${address.port}`,
        requests,
        close: () =>
          new Promise<void>((done) => {
            const deadline = setTimeout(done, CLOSE_DEADLINE_MS);
            deadline.unref();
            server.close(() => {
              clearTimeout(deadline);
              done();
            });
            // Idle keep-alive sockets and streams in progress (stalls included) go at once.
            server.closeAllConnections();
          }),
      });
    });
  });
}

function loggedHeaders(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    headers[name] = name === "authorization" ? redact(String(value)) : Array.isArray(value) ? value.join(", ") : value;
  }
  return headers;
}

function redact(value: string): string {
  return /^bearer /i.test(value) ? "Bearer ***" : "***";
}
