import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, runCli, temporaryDirectory } from "./support/cli.js";

/**
 * Issue 12, item 9: with OLLAMA_HOST pointing at some other HTTP server, the ollama client printed
 * "Getting text from response" on stdout, where only prevod's data may go.
 */
const temporary = temporaryDirectory("prevod-stdout-");
let server: Server;
let url: string;
beforeAll(async () => {
  server = createServer((_request, response) => {
    response.writeHead(404, { "Content-Type": "text/html" });
    response.end("<html><body>Not the server you are looking for</body></html>");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  temporary.cleanup();
});

describe("stdout holds prevod's data only", () => {
  it("when the host is some other HTTP server, nothing of the ollama client reaches stdout", async () => {
    const result = await runCli(["run", join(ROOT, "samples", "court-ruling", "article.txt"), "-o", join(temporary.dir, "out"), "--progress", "none"], {
      env: { OLLAMA_HOST: url, PREVOD_MODEL: undefined },
      timeoutMs: 30_000,
    });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^prevod: /m);
  });
});
