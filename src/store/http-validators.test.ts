import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { temporaryDirectory } from "../../test/support/cli.js";
import { readValidators, saveValidators, validatorKey } from "./http-validators.js";

const temporary = temporaryDirectory("prevod-validators-");
afterAll(() => temporary.cleanup());

describe("http_validators", () => {
  it("keeps a feed's ETag and Last-Modified across openings, and removes an entry the server stopped validating", () => {
    const out = join(temporary.dir, "plain");
    const url = "https://example.bg/rss.xml";
    saveValidators(out, new Map([[url, { etag: '"v1"', lastModified: "Tue, 01 Dec 2026 10:00:00 GMT" }], ["file:/srv/news", { etag: "abc" }]]));
    const saved = readValidators(out);
    expect(saved.get(validatorKey(url))).toEqual({ etag: '"v1"', lastModified: "Tue, 01 Dec 2026 10:00:00 GMT" });
    expect(validatorKey(url)).toBe(url);
    expect(saved.get(validatorKey("file:/srv/news"))).toEqual({ etag: "abc" });
    saveValidators(out, new Map([[url, {}]]));
    expect(readValidators(out).has(url)).toBe(false);
  });

  it("never writes a feed URL's credential into prevod.db (the regression: ?token=… as the table's key)", () => {
    const out = join(temporary.dir, "secret");
    const url = "https://example.bg/rss.xml?token=s3cr3t-feed-token-42";
    saveValidators(out, new Map([[url, { etag: '"v1"' }]]));
    expect(readValidators(out).get(validatorKey(url))).toEqual({ etag: '"v1"' });
    // Two URLs that differ only in their credential keep apart.
    expect(validatorKey(url)).not.toBe(validatorKey("https://example.bg/rss.xml?token=other-feed-token-43"));
    for (const name of readdirSync(out)) expect(readFileSync(join(out, name)).includes("s3cr3t-feed-token-42")).toBe(false);
  });
});
