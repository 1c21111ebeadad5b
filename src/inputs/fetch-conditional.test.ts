import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchConditional, fetchSource } from "./fetch-source.js";

/** A server on 127.0.0.1 that answers 304 when the client's validators match (RFC 9110 §13.1.1–2). */
const ETAG = '"abc-1"';
const LAST_MODIFIED = "Tue, 01 Dec 2026 10:00:00 GMT";
const seen: IncomingHttpHeaders[] = [];
let server: Server;
let base = "";

beforeAll(async () => {
  server = createServer((request, response) => {
    seen.push(request.headers);
    if (request.url === "/always-304") return void response.writeHead(304).end();
    if (request.url === "/plain") return void response.writeHead(200, { "content-type": "text/plain" }).end("no validators");
    const etagMatches = request.headers["if-none-match"] === ETAG;
    // If-None-Match wins over If-Modified-Since when both are sent (RFC 9110 §13.2.2).
    const dateMatches = request.headers["if-none-match"] === undefined && request.headers["if-modified-since"] === LAST_MODIFIED;
    if (etagMatches || dateMatches) return void response.writeHead(304, { etag: ETAG }).end();
    response.writeHead(200, { "content-type": "application/rss+xml", etag: ETAG, "last-modified": LAST_MODIFIED }).end("<rss/>");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe("fetchConditional", () => {
  it("without validators asks unconditionally and returns the document with the server's ETag and Last-Modified", async () => {
    seen.length = 0;
    const answer = await fetchConditional(`${base}/feed.xml`, {});
    expect(seen[0]!["if-none-match"]).toBeUndefined();
    expect(seen[0]!["if-modified-since"]).toBeUndefined();
    expect(answer.notModified).toBe(false);
    if (answer.notModified) return;
    expect(Buffer.from(answer.document.bytes).toString()).toBe("<rss/>");
    expect(answer.document.contentType).toBe("application/rss+xml");
    expect(answer.validators).toEqual({ etag: ETAG, lastModified: LAST_MODIFIED });
  });

  it("sends both validators back and reports 304 as not modified, in one request", async () => {
    seen.length = 0;
    expect(await fetchConditional(`${base}/feed.xml`, { etag: ETAG, lastModified: LAST_MODIFIED })).toEqual({ notModified: true });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ "if-none-match": ETAG, "if-modified-since": LAST_MODIFIED });
  });

  it("works with Last-Modified alone (a server without ETags)", async () => {
    expect(await fetchConditional(`${base}/feed.xml`, { lastModified: LAST_MODIFIED })).toEqual({ notModified: true });
  });

  it("a stale ETag gets the new document", async () => {
    const answer = await fetchConditional(`${base}/feed.xml`, { etag: '"old"' });
    expect(answer.notModified).toBe(false);
  });

  it("a server that sends no validators: empty validators, so the next cycle asks unconditionally", async () => {
    const answer = await fetchConditional(`${base}/plain`, {});
    expect(answer).toMatchObject({ notModified: false, validators: {} });
  });

  it("a 304 to an unconditional request is an error, not an empty feed", async () => {
    await expect(fetchSource(`${base}/always-304`)).rejects.toMatchObject({ code: "INPUT_INVALID" });
    await expect(fetchConditional(`${base}/always-304`, {})).rejects.toMatchObject({ code: "INPUT_INVALID" });
  });
});
