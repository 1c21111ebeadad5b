import http from "node:http";
import https from "node:https";

/**
 * A `fetch` for model clients over node:http with keep-alive connections. The clients (ollama-js,
 * openai-node) accept a custom fetch; Node's built-in one costs about 0.7 ms of CPU per request in
 * Request/Response/stream machinery, a third of prevod's whole budget per call, while answers here
 * are small JSON bodies read whole. Connection errors keep their codes (ECONNREFUSED, ECONNRESET)
 * and an aborted signal rejects with an AbortError, as with the built-in fetch.
 */
const agents = {
  "http:": new http.Agent({ keepAlive: true, keepAliveMsecs: 1000 }),
  "https:": new https.Agent({ keepAlive: true, keepAliveMsecs: 1000 }),
};

const NULL_BODY = new Set([101, 103, 204, 205, 304]);

export const nodeFetch: typeof fetch = (input, init = {}) =>
  new Promise<Response>((resolve, reject) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const transport = url.protocol === "https:" ? https : url.protocol === "http:" ? http : undefined;
    if (!transport) return reject(new TypeError(`unsupported protocol ${url.protocol}`));
    const signal = init.signal ?? undefined;
    if (signal?.aborted) return reject(abortError(signal));
    const body = typeof init.body === "string" || init.body instanceof Uint8Array ? init.body : init.body == null ? undefined : String(init.body);
    const headers = Object.fromEntries(new Headers(init.headers).entries());
    if (body !== undefined) headers["content-length"] = String(Buffer.byteLength(body));
    const request = transport.request(url, { method: init.method ?? "GET", headers, agent: agents[url.protocol as "http:" | "https:"] }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("error", reject);
      response.on("aborted", () => reject(Object.assign(new Error("the connection closed before the answer was complete"), { code: "ECONNRESET" })));
      response.on("end", () => {
        signal?.removeEventListener("abort", onAbort);
        const status = response.statusCode ?? 500;
        const responseHeaders = new Headers();
        for (const [name, value] of Object.entries(response.headers)) {
          if (value === undefined) continue;
          for (const item of Array.isArray(value) ? value : [value]) responseHeaders.append(name, item);
        }
        resolve(new Response(NULL_BODY.has(status) ? null : Buffer.concat(chunks), { status, statusText: response.statusMessage ?? "", headers: responseHeaders }));
      });
    });
    const onAbort = () => request.destroy(abortError(signal!));
    signal?.addEventListener("abort", onAbort, { once: true });
    request.on("error", (error) => {
      signal?.removeEventListener("abort", onAbort);
      reject(error);
    });
    request.end(body);
  });

function abortError(signal: AbortSignal): Error {
  const error = new Error("This operation was aborted");
  error.name = "AbortError";
  return Object.assign(error, { cause: signal.reason });
}
