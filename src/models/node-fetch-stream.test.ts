import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nodeFetch } from "./node-fetch.js";
import { tokenLineCoalescer } from "./token-lines.js";

// A streamed answer (a 2xx with a rechunker) is read without web streams (node-fetch.ts
// liteResponse): the same bytes, the same failures as through a ReadableStream.
const line = (content: string) => `{"model":"m","created_at":"t","message":{"role":"assistant","content":${JSON.stringify(content)}},"done":false}\n`;
const FINAL = `{"model":"m","created_at":"t","message":{"role":"assistant","content":""},"done":true,"done_reason":"stop","eval_count":3}\n`;

let server: http.Server;
let base: string;
beforeAll(async () => {
  server = http.createServer((request, response) => {
    const path = request.url ?? "/";
    response.writeHead(200, { "content-type": "application/x-ndjson", "retry-after": "7" });
    if (path === "/ok") {
      response.write(line("Здра"));
      setTimeout(() => {
        response.write(line("вей") + line(", свят"));
        response.end(FINAL);
      }, 20);
    } else if (path === "/big") {
      const timer = setInterval(() => response.write(line("x".repeat(1000))), 2);
      response.on("close", () => clearInterval(timer));
    } else if (path === "/cut") {
      response.write(line("half"));
      setTimeout(() => response.socket?.destroy(), 20);
    } else if (path === "/slow") {
      response.write(line("first"));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function readAll(response: Response): Promise<string> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text;
    text += decoder.decode(value, { stream: true });
  }
}

describe("nodeFetch, streamed answer", () => {
  it("hands on every line, the token lines of one read merged, with status and headers", async () => {
    const response = await nodeFetch(`${base}/ok`, { method: "POST", body: "{}", rechunk: tokenLineCoalescer() });
    expect(response.ok).toBe(true);
    expect(response.status).toBe(200);
    expect(response.headers.get("Retry-After")).toBe("7");
    const lines = (await readAll(response)).trim().split("\n").map((text) => JSON.parse(text) as { message: { content: string }; done: boolean });
    expect(lines.map((item) => item.message.content).join("")).toBe("Здравей, свят");
    expect(lines.at(-1)!.done).toBe(true);
  });

  it("drops a body past its byte cap with TRUNCATED", async () => {
    const response = await nodeFetch(`${base}/big`, { rechunk: tokenLineCoalescer(), maxBytes: 50_000 });
    await expect(readAll(response)).rejects.toMatchObject({ code: "TRUNCATED" });
  });

  it("fails a body cut by the server with ECONNRESET", async () => {
    const response = await nodeFetch(`${base}/cut`, { rechunk: tokenLineCoalescer() });
    await expect(readAll(response)).rejects.toMatchObject({ code: "ECONNRESET" });
  });

  it("fails a body whose signal aborts with an AbortError", async () => {
    const controller = new AbortController();
    const response = await nodeFetch(`${base}/slow`, { rechunk: tokenLineCoalescer(), signal: controller.signal });
    const reading = readAll(response);
    setTimeout(() => controller.abort(new Error("stop")), 20);
    await expect(reading).rejects.toMatchObject({ name: "AbortError" });
  });
});
