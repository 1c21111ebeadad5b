import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { RunManifest } from "../src/outputs/run-manifest.js";
import { openStore } from "../src/store/store.js";
import { summarizeStore } from "../src/store/summary.js";
import { runCliInProcess, temporaryDirectory } from "./support/cli.js";
import { result } from "./support/desk-articles.js";

/**
 * Issue 14.7's `prevod status`: a short summary of the store (articles by status, the last run and
 * when, its models, the bulletin window's count, the feeds watched) from indexed counts.
 */
const temporary = temporaryDirectory("prevod-status-");
afterAll(() => temporary.cleanup());

const BODY = "Първото изречение е тук. Второто изречение е там.";

function manifest(startedAt: string, counts: Partial<RunManifest["counts"]>, calls: number): RunManifest {
  return {
    prevod: "test",
    started_at: startedAt,
    finished_at: startedAt,
    wall_ms: 1500,
    interrupted: false,
    config: { file: "pipeline.yaml", answers_hash: "h" },
    counts: { total: 0, ok: 0, partial: 0, failed: 0, interrupted: 0, skipped: 0, ...counts },
    usage: { calls, cached: 0, replayed: 0, prompt_tokens: 0, completion_tokens: 0, repairs: 0, retries: 0 },
    models: { local: { provider: "ollama", model: "status:7b", endpoint: "http://127.0.0.1:1", parallel: 1 } },
    steps: {},
    failed: [],
  };
}

function fill(out: string): void {
  const store = openStore(out);
  const put = (id: string, status: "ok" | "partial" | "failed", published: string) =>
    store.putArticle(id, { input: id, answers: "h", status, updated_at: "2026-12-01T12:00:00.000Z" }, result(id, { title: `Заглавие ${id}`, body: BODY, published, status }), "run-1");
  // Times with the feed's own offset: 00:30+02:00 on 1 December is 22:30 UTC on 30 November.
  put("a", "ok", "2026-12-01T00:30:00+02:00");
  put("b", "ok", "2026-12-01T23:30:00+02:00");
  put("c", "partial", "2026-11-30T23:30:00+02:00");
  put("d", "failed", "2026-12-02T01:00:00+02:00");
  store.putArticle("e", { input: "e", answers: "h", status: "interrupted", updated_at: "2026-12-01T12:00:00.000Z" }, undefined, "run-2");
  store.putRun(manifest("2026-12-01T10:00:00.000Z", { total: 5, ok: 2 }, 30), "run-1");
  store.putRun(manifest("2026-12-01T12:00:00.000Z", { total: 4, ok: 3, skipped: 2, failed: 1 }, 9), "run-2");
  store.close();
}

describe("prevod status (issue 14.7)", () => {
  it("counts articles by status, the last run, and the articles in a window by instant (offsets honoured)", () => {
    const out = join(temporary.dir, "unit");
    fill(out);
    // 1 December in Sofia: [30 Nov 22:00 UTC, 1 Dec 22:00 UTC).
    const summary = summarizeStore(out, { from: Date.parse("2026-11-30T22:00:00Z"), until: Date.parse("2026-12-01T22:00:00Z") })!;
    expect(summary.articles).toEqual({ total: 5, byStatus: { ok: 2, partial: 1, failed: 1, interrupted: 1 } });
    expect(summary.runs).toBe(2);
    expect(summary.lastRun?.id).toBe("run-2");
    expect(summary.lastRun?.manifest.usage.calls).toBe(9);
    // a (00:30) and b (23:30) of 1 December; c is 30 November, d 2 December, e has no result.
    expect(summary.inWindow).toBe(2);
    expect(summary.schema).toBe(2);
    expect(summary.feeds).toEqual({ watched: 0 });
    expect(summarizeStore(join(temporary.dir, "nothing-here"))).toBeUndefined();
  });

  it("prints the summary without inputs, as lines and as JSON, without reading any input or asking a model server", async () => {
    const dir = join(temporary.dir, "cli");
    const out = join(dir, "out");
    fill(out);
    // The model server does not exist: the summary must not need it.
    const config = join(dir, "pipeline.yaml");
    writeFileSync(config, `version: 1\ntargets: [en]\nmodels:\n  local: { kind: ollama, host: "http://127.0.0.1:1", model: "status:7b" }\ndefaults: { model: local }\ninputs: [${JSON.stringify(join(dir, "missing-input.jsonl"))}]\nsteps:\n  segment: { kind: segment }\n  translate: { kind: translate, needs: [segment] }\noutputs:\n  dir: out\n  bulletins: { formats: [md], window: all }\n`);
    const text = await runCliInProcess(["status", "-c", config]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^articles  5: 2 ok, 1 partial, 1 failed, 1 interrupted$/m);
    expect(text.stdout).toMatch(/^last run  2026-12-01T12:00:00.000Z \(.+\): 4 read, 1 ok, 0 partial, 1 failed, 2 unchanged; 9 model calls; 1.5 s$/m);
    expect(text.stdout).toMatch(/^runs      2$/m);
    expect(text.stdout).toMatch(/^model     local: ollama status:7b @ http:\/\/127.0.0.1:1$/m);
    expect(text.stdout).toMatch(/^bulletin  4 articles in the window all$/m);
    const json = await runCliInProcess(["status", "-c", config, "--json"]);
    expect(JSON.parse(json.stdout)).toMatchObject({ articles: { total: 5, ok: 2, partial: 1, failed: 1, interrupted: 1 }, runs: 2, last_run: { calls: 9 }, bulletin: { window: "all", articles: 4 } });
    // An output folder with no store yet: said in one line, exit 0.
    const empty = await runCliInProcess(["status", "-c", config, "-o", join(dir, "empty")]);
    expect(empty.code).toBe(0);
    expect(empty.stdout).toMatch(/^store     none in .*empty: nothing has run into it yet$/m);
  });
});
