import { PrevodError } from "../errors.js";
import { VERSION } from "../version.js";

/** A fetched document: its bytes, the server's Content-Type, and the URL after redirects. */
export interface FetchedDocument {
  bytes: Uint8Array;
  contentType?: string;
  url: string;
}

/** @default 30 s for the whole request, body included. */
export const FETCH_TIMEOUT_MS = 30_000;
/** Larger bodies are refused: no news page or feed is this big, and memory must stay flat. */
export const MAX_DOCUMENT_BYTES = 50 * 1024 * 1024;

/**
 * Fetches a feed or page with redirects followed, a "prevod/<version>" User-Agent and a timeout.
 * @throws PrevodError INPUT_INVALID naming the URL and the reason (HTTP status, timeout, network
 * error, too large); ABORTED when the caller's signal fired.
 */
export async function fetchSource(url: string, options: FetchOptions = {}): Promise<FetchedDocument> {
  const answer = await request(url, options, {});
  if (answer.notModified) throw new PrevodError("INPUT_INVALID", `GET ${url}: HTTP 304 Not Modified to an unconditional request`, { details: { url } });
  return answer.document;
}

export interface FetchOptions {
  fetch?: typeof fetch;
  signal?: AbortSignal;
  timeoutMs?: number;
}

/** What a server said about a document's version: sent back as If-None-Match / If-Modified-Since. */
export interface Validators {
  etag?: string;
  lastModified?: string;
}

/** A conditional GET's answer: 304 (the document did not change), or the document and its new validators. */
export type ConditionalAnswer = { notModified: true } | { notModified: false; document: FetchedDocument; validators: Validators };

/**
 * A conditional GET (RFC 9110 §13.1): If-None-Match with the saved ETag, If-Modified-Since with
 * the saved Last-Modified. A 304 costs this one request and no body; any other answer is as
 * {@link fetchSource}'s, with the ETag / Last-Modified the server sent this time.
 */
export async function fetchConditional(url: string, validators: Validators, options: FetchOptions = {}): Promise<ConditionalAnswer> {
  const headers: Record<string, string> = {};
  if (validators.etag) headers["if-none-match"] = validators.etag;
  if (validators.lastModified) headers["if-modified-since"] = validators.lastModified;
  return request(url, options, headers);
}

async function request(url: string, options: FetchOptions, conditional: Record<string, string>): Promise<ConditionalAnswer> {
  const timeoutMs = options.timeoutMs ?? FETCH_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const fail = (reason: string, cause?: unknown): PrevodError => {
    if (options.signal?.aborted) return new PrevodError("ABORTED", `reading ${url} was cancelled`, { cause });
    if (timeout.aborted) return new PrevodError("INPUT_INVALID", `GET ${url}: no complete answer within ${timeoutMs / 1000} s`, { cause, retryable: true });
    return new PrevodError("INPUT_INVALID", `GET ${url}: ${reason}`, { cause, details: { url } });
  };
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(url, {
      redirect: "follow",
      signal,
      headers: {
        "user-agent": `prevod/${VERSION}`,
        accept: "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.8, application/json;q=0.7, */*;q=0.5",
        ...conditional,
      },
    });
  } catch (error) {
    throw fail(networkReason(error), error);
  }
  if (response.status === 304 && Object.keys(conditional).length > 0) {
    await response.body?.cancel().catch(() => undefined);
    return { notModified: true };
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw fail(`HTTP ${response.status} ${response.statusText}`.trim());
  }
  const declared = Number(response.headers.get("content-length"));
  if (declared > MAX_DOCUMENT_BYTES) {
    await response.body?.cancel().catch(() => undefined);
    throw fail(`the document is ${declared} bytes, more than the ${MAX_DOCUMENT_BYTES} prevod reads`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for await (const chunk of response.body ?? []) {
      size += chunk.byteLength;
      if (size > MAX_DOCUMENT_BYTES) {
        await response.body?.cancel().catch(() => undefined);
        throw fail(`the document is larger than the ${MAX_DOCUMENT_BYTES} bytes prevod reads`);
      }
      chunks.push(chunk);
    }
  } catch (error) {
    throw error instanceof PrevodError ? error : fail(networkReason(error), error);
  }
  const document: FetchedDocument = { bytes: Buffer.concat(chunks), url: response.url || url };
  const contentType = response.headers.get("content-type");
  if (contentType) document.contentType = contentType;
  const etag = response.headers.get("etag");
  const lastModified = response.headers.get("last-modified");
  return { notModified: false, document, validators: { ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}) } };
}

function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? (error as Error)?.message ?? String(error);
}
