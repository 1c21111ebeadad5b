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
    const headers = headerRecord(init.headers);
    if (body !== undefined) headers["content-length"] = String(Buffer.byteLength(body));
    let settled = false;
    let failStream: ((error: Error) => void) | undefined;
    const request = transport.request(url, { method: init.method ?? "GET", headers, agent: agents[url.protocol as "http:" | "https:"] }, (response) => {
      settled = true;
      const status = response.statusCode ?? 500;
      const rechunk = status >= 200 && status < 300 ? init.rechunk : undefined;
      if (rechunk) {
        resolve(liteResponse(response, request, signal, onAbort, (failure) => (failStream = failure), rechunk, maxBytes, url.origin));
        return;
      }
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
            controller.enqueue(chunk);
          });
          response.on("end", () => {
            signal?.removeEventListener("abort", onAbort);
            if (closed) return;
            closed = true;
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

type ReadResult = { done: false; value: Uint8Array } | { done: true; value: undefined };

/** Request headers as node:http takes them: names lower-cased, repeated names joined (as Headers does). */
function headerRecord(init: RequestInit["headers"]): Record<string, string> {
  if (init === undefined) return {};
  if (init instanceof Headers || Array.isArray(init)) return Object.fromEntries(new Headers(init).entries());
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(init)) {
    const key = name.toLowerCase();
    const text = String(value).trim();
    headers[key] = key in headers ? `${headers[key]}, ${text}` : text;
  }
  return headers;
}

/**
 * The answer of a streamed call (a 2xx with a rechunker: Ollama's NDJSON stream) without the web
 * Response and ReadableStream machinery, which cost more CPU per call than reading the answer:
 * `ok`, `status`, `headers.get` and a `body` with `getReader()`, which is all ollama-js uses of a
 * streamed answer (and `text()`, `arrayBuffer()`, `json()` for any other reader). The bytes are
 * the same the ReadableStream would carry, in the same pieces.
 */
function liteResponse(
  response: http.IncomingMessage,
  request: http.ClientRequest,
  signal: AbortSignal | undefined,
  onAbort: () => void,
  setFail: (fail: (error: Error) => void) => void,
  rechunk: Rechunker,
  maxBytes: number,
  origin: string,
): Response {
  const queue: Uint8Array[] = [];
  let ended = false;
  let failure: Error | undefined;
  let waiting: { resolve: (result: ReadResult) => void; reject: (error: Error) => void } | undefined;
  let received = 0;
  const wake = () => {
    if (!waiting) return;
    const { resolve, reject } = waiting;
    if (queue.length > 0) {
      waiting = undefined;
      resolve({ done: false, value: queue.shift()! });
    } else if (failure) {
      waiting = undefined;
      reject(failure);
    } else if (ended) {
      waiting = undefined;
      resolve({ done: true, value: undefined });
    }
  };
  const fail = (error: Error) => {
    signal?.removeEventListener("abort", onAbort);
    if (ended || failure) return;
    failure = error;
    queue.length = 0;
    wake();
  };
  setFail(fail);
  response.on("data", (chunk: Buffer) => {
    if (ended || failure) return;
    received += chunk.length;
    if (received > maxBytes) {
      fail(new PrevodError("TRUNCATED", `${origin} sent more than ${Math.round(maxBytes / 1024 / 1024)} MiB in one answer; the connection was dropped`, { retryable: true, details: { endpoint: origin, maxBytes } }));
      request.destroy();
      return;
    }
    const piece = rechunk.push(chunk);
    if (piece.length > 0) queue.push(piece);
    wake();
  });
  response.on("end", () => {
    signal?.removeEventListener("abort", onAbort);
    if (ended || failure) return;
    const rest = rechunk.flush();
    if (rest.length > 0) queue.push(rest);
    ended = true;
    wake();
  });
  response.on("error", fail);
  response.on("aborted", () => fail(Object.assign(new Error("the connection closed before the answer was complete"), { code: "ECONNRESET" })));

  const read = (): Promise<ReadResult> =>
    new Promise((resolve, reject) => {
      waiting = { resolve, reject };
      wake();
    });
  const cancel = async () => {
    if (!ended && !failure) failure = Object.assign(new Error("the body was cancelled"), { name: "AbortError" });
    queue.length = 0;
    request.destroy();
  };
  const body = {
    locked: false,
    getReader: () => ({ read, releaseLock() {}, cancel, closed: Promise.resolve(undefined) }),
    cancel,
    async *[Symbol.asyncIterator]() {
      for (;;) {
        const { done, value } = await read();
        if (done) return;
        yield value;
      }
    },
  };
  const bytes = async (): Promise<Uint8Array> => {
    const parts: Uint8Array[] = [];
    for await (const part of body) parts.push(part);
    return Buffer.concat(parts);
  };
  const status = response.statusCode ?? 200;
  const lite = {
    ok: true,
    status,
    statusText: response.statusMessage ?? "",
    redirected: false,
    type: "basic",
    url: "",
    bodyUsed: false,
    headers: {
      get(name: string): string | null {
        const value = response.headers[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
      },
      has: (name: string) => response.headers[name.toLowerCase()] !== undefined,
    },
    body,
    text: async () => new TextDecoder().decode(await bytes()),
    json: async () => JSON.parse(new TextDecoder().decode(await bytes())) as unknown,
    arrayBuffer: async () => {
      const all = await bytes();
      return all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength);
    },
  };
  return lite as unknown as Response;
}
