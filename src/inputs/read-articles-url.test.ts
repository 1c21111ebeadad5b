import { readFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isPrevodError } from "../errors.js";
import { VERSION } from "../version.js";
import { fetchSource } from "./fetch-source.js";
import { readArticles } from "./read-articles.js";
import type { Article } from "./types.js";

const fixture = (name: string): Buffer => readFileSync(new URL(`../../test/fixtures/inputs/${name}`, import.meta.url));

// A tiny local site; tests never touch the internet.
const routes: Record<string, (send: (status: number, headers: Record<string, string>, body?: Buffer | string) => void) => void> = {
  "/feed": (send) => send(200, { "content-type": "application/rss+xml" }, fixture("news.rss")),
  "/atom-as-text": (send) => send(200, { "content-type": "text/plain" }, fixture("news.atom")),
  "/old-feed": (send) => send(301, { location: "/feed" }),
  "/page-1251": (send) =>
    send(
      200,
      { "content-type": "text/html; charset=windows-1251" },
      iconv.encode(
        // The wrong <meta> proves the header wins, as browsers decide.
        `<html><head><meta charset="koi8-r"><title>Хасково строи нова детска градина</title><link rel="canonical" href="/obrazovanie/gradina"></head><body><article><h1>Хасково строи нова детска градина</h1><p>Сградата ще побере 120 деца и ще бъде готова до септември, съобщиха от общината в Хасково.</p></article></body></html>`,
        "win1251",
      ),
    ),
  "/records.jsonl": (send) => send(200, { "content-type": "application/x-ndjson" }, '{"id":"j1","text":"Първи."}\n{"id":"j2","text":"Втори."}\n'),
  "/missing": (send) => send(404, { "content-type": "text/plain" }, "not here"),
  "/silent": () => undefined,
};

let server: Server;
let base: string;
const seenHeaders: IncomingHttpHeaders[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    seenHeaders.push(request.headers);
    const route = routes[request.url ?? ""];
    if (!route) return void response.writeHead(404).end();
    route((status, headers, body) => response.writeHead(status, headers).end(body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function readAll(sources: string[]): Promise<{ articles: Article[]; warnings: string[] }> {
  const warnings: string[] = [];
  const articles: Article[] = [];
  for await (const article of readArticles(sources, { onWarning: (message) => warnings.push(message) })) articles.push(article);
  return { articles, warnings };
}

describe("readArticles over http", () => {
  it("reads a feed URL, following redirects, with a prevod User-Agent", async () => {
    const { articles } = await readAll([`${base}/old-feed`]);
    expect(articles.map((article) => article.id)).toEqual([
      "novini-example-bg-more-2026-03-20-zeleni-bileti",
      "novini-example-bg-4711",
      "novini-example-bg-obshtestvo-shipka-snyag",
      "urn-novini-brief-2026-03-18-nsi",
    ]);
    expect(articles[0]!.origin).toBe(`${base}/old-feed#1`);
    expect(seenHeaders.at(-1)!["user-agent"]).toBe(`prevod/${VERSION}`);
  });

  it("recognises a feed served with a generic content type by its content", async () => {
    const { articles } = await readAll([`${base}/atom-as-text`]);
    expect(articles).toHaveLength(3);
    expect(articles[0]!.title).toBe("Библиотеката в Габрово отваря и в неделя");
  });

  it("decodes a page by the HTTP charset and resolves its relative canonical URL", async () => {
    const { articles } = await readAll([`${base}/page-1251`]);
    expect(articles).toHaveLength(1);
    expect(articles[0]!.text).toBe(
      "Хасково строи нова детска градина\n\nСградата ще побере 120 деца и ще бъде готова до септември, съобщиха от общината в Хасково.",
    );
    expect(articles[0]!.url).toBe(`${base}/obrazovanie/gradina`);
    expect(articles[0]!.id).toBe("127-0-0-1-obrazovanie-gradina");
  });

  it("reads JSON Lines served as ndjson", async () => {
    const { articles } = await readAll([`${base}/records.jsonl`]);
    expect(articles.map((article) => [article.id, article.origin])).toEqual([
      ["j1", `${base}/records.jsonl:1`],
      ["j2", `${base}/records.jsonl:2`],
    ]);
  });

  it("fails with INPUT_INVALID naming the URL and the HTTP status", async () => {
    await expect(readAll([`${base}/missing`])).rejects.toSatisfy(
      (error: unknown) => isPrevodError(error, "INPUT_INVALID") && (error as Error).message === `GET ${base}/missing: HTTP 404 Not Found`,
    );
  });

  it("fails with INPUT_INVALID when the server is unreachable", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/feed`;
    await new Promise((resolve) => closed.close(resolve));
    await expect(readAll([url])).rejects.toSatisfy(
      (error: unknown) => isPrevodError(error, "INPUT_INVALID") && (error as Error).message === `GET ${url}: ECONNREFUSED`,
    );
  });

  it("gives up on a server that never answers, after the timeout", async () => {
    const started = Date.now();
    await expect(fetchSource(`${base}/silent`, { timeoutMs: 300 })).rejects.toSatisfy(
      (error: unknown) => isPrevodError(error, "INPUT_INVALID") && /no complete answer within 0.3 s/.test((error as Error).message),
    );
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
