import http from "node:http";
import https from "node:https";
import { PrevodError } from "../errors.js";
import type { Rechunker } from "./token-lines.js";

/**
 * A `fetch` for model clients over node:http with keep-alive connections. The clients (ollama-js,
 * openai-node) accept a custom fetch; Node's built-in one costs about 0.7 ms of CPU per request in
 * Request/Response machinery, a third of prevod's whole budget per call. The body streams (the
 * providers read answers token by token) and is capped: a server that sends without end is cut
 * off at `maxBytes` and the request fails, so prevod's memory never follows a runaway body.
 * Connection errors keep their codes (ECONNREFUSED, ECONNRESET) and an aborted signal rejects
 * with an AbortError, as with the built-in fetch.
 */
const agents = {
  "http:": new http.Agent({ keepAlive: true, keepAliveMsecs: 1000 }),
  "https:": new https.Agent({ keepAlive: true, keepAliveMsecs: 1000 }),
};

const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/** The default cap of one response body. */
export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

export interface CappedFetchInit extends RequestInit {
  /** Largest body accepted; past it the connection is dropped. @default 32 MiB */
  maxBytes?: number;
  /** Reshapes a successful body's reads before the client sees them (token-lines.ts). */
  rechunk?: Rechunker;
}

export function nodeFetch(input: string | URL | Request, init: CappedFetchInit = {}): Promise<Response> {
  return new Promise<Response>((resolve, reject) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const transport = url.protocol === "https:" ? https : url.protocol === "http:" ? http : undefined;
    if (!transport) return reject(new TypeError(`unsupported protocol ${url.protocol}`));
    const signal = init.signal ?? undefined;
    if (signal?.aborted) return reject(abortError(signal));
    const maxBytes = init.maxBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    const body = typeof init.body === "string" || init.body instanceof Uint8Array ? init.body : init.body == null ? undefined : String(init.body);
    const headers = Object.fromEntries(new Headers(init.headers).entries());
    if (body !== undefined) headers["content-length"] = String(Buffer.byteLength(body));
    let settled = false;
    let failStream: ((error: Error) => void) | undefined;
    const request = transport.request(url, { method: init.method ?? "GET", headers, agent: agents[url.protocol as "http:" | "https:"] }, (response) => {
      settled = true;
      const status = response.statusCode ?? 500;
      const rechunk = status >= 200 && status < 300 ? init.rechunk : undefined;
      const responseHeaders = new Headers();
      for (const [name, value] of Object.entries(response.headers)) {
        if (value === undefined) continue;
        for (const item of Array.isArray(value) ? value : [value]) responseHeaders.append(name, item);
      }
      let received = 0;
      let closed = false;
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          response.on("data", (chunk: Buffer) => {
            if (closed) return;
            received += chunk.length;
            if (received > maxBytes) {
              closed = true;
              controller.error(new PrevodError("TRUNCATED", `${url.origin} sent more than ${Math.round(maxBytes / 1024 / 1024)} MiB in one answer; the connection was dropped`, { retryable: true, details: { endpoint: url.origin, maxBytes } }));
              request.destroy();
              return;
            }
            if (!rechunk) return controller.enqueue(chunk);
            const piece = rechunk.push(chunk);
            if (piece.length > 0) controller.enqueue(piece);
          });
          response.on("end", () => {
            signal?.removeEventListener("abort", onAbort);
            if (closed) return;
            closed = true;
            const rest = rechunk?.flush();
            if (rest && rest.length > 0) controller.enqueue(rest);
            controller.close();
          });
          const fail = (error: Error) => {
            signal?.removeEventListener("abort", onAbort);
            if (closed) return;
            closed = true;
            controller.error(error);
          };
          failStream = fail;
          response.on("error", fail);
          response.on("aborted", () => fail(Object.assign(new Error("the connection closed before the answer was complete"), { code: "ECONNRESET" })));
        },
        cancel() {
          closed = true;
          request.destroy();
        },
      });
      resolve(new Response(NULL_BODY.has(status) ? null : stream, { status, statusText: response.statusMessage ?? "", headers: responseHeaders }));
    });
    const onAbort = () => {
      const error = abortError(signal!);
      failStream?.(error);
      request.destroy(error);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    request.on("error", (error) => {
      signal?.removeEventListener("abort", onAbort);
      if (!settled) reject(error);
    });
    request.end(body);
  });
}

function abortError(signal: AbortSignal): Error {
  const error = new Error("This operation was aborted");
  error.name = "AbortError";
  return Object.assign(error, { cause: signal.reason });
}
