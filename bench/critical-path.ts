import type { RunEvent } from "../src/engine/events.js";
import type { Plan } from "../src/graph/plan.js";
import type { Article } from "../src/inputs/types.js";
import { chunkSegments } from "../src/text/chunks.js";
import { analyzeArticle } from "../src/text/structure.js";
import type { SegmentKind } from "../src/text/types.js";
import { callTiming } from "../test/support/sim/core.js";
import type { LatencyModel } from "../test/support/sim/index.js";

/**
 * The longest chain of dependent model calls of any one article, in simulated milliseconds:
 * no schedule, however many slots it had, could finish that article sooner.
 *
 * Within a step, the calls for different chunks and targets are independent; the attempts for
 * one chunk and target (re-asks) follow each other. Steps follow the plan's `needs`. A call's
 * simulated time comes from the simulator's timing model and the completion tokens it returned.
 * When a step re-asked, which chunk the extra calls belonged to is not visible from the events,
 * so the step's chain is taken as its lower bound (the longest call, or the calls spread evenly
 * over its chunks): the ideal makespan is never overstated.
 */
export function createChainTracker(plan: Plan, latency: LatencyModel) {
  const segment = plan.steps.find((step) => step.kind === "segment");
  const segmentOptions = (segment?.options ?? {}) as { max_chunk_tokens?: number; translate?: SegmentKind[] };
  const calls = new Map<string, Map<string, number[]>>();
  const chunks = new Map<string, number>();
  let longest = { ms: 0, articleId: "" };

  const unitsOf = (articleId: string, step: string) =>
    plan.steps.find((planned) => planned.name === step)?.kind === "translate" ? (chunks.get(articleId) ?? 1) : 1;

  return {
    /** Registers an article before it runs (its chunk count bounds the translate step's parallelism). */
    addArticle(article: Article): void {
      const segments = analyzeArticle(article.text, { hints: article.hints });
      const count = chunkSegments(segments, { maxTokens: segmentOptions.max_chunk_tokens ?? 500, kinds: segmentOptions.translate }).length;
      chunks.set(article.id, Math.max(1, count));
    },
    observe(event: RunEvent): void {
      if (event.type === "model-call" && event.source === "model" && event.articleId !== undefined) {
        const byGroup = calls.get(event.articleId) ?? new Map<string, number[]>();
        calls.set(event.articleId, byGroup);
        const key = `${event.step ?? ""}\u0000${event.target ?? ""}`;
        const list = byGroup.get(key) ?? [];
        list.push(callTiming(latency, event.completionTokens).totalMs);
        byGroup.set(key, list);
      } else if (event.type === "article-finished") {
        const ms = articleChain(event.id, calls.get(event.id) ?? new Map());
        if (ms > longest.ms) longest = { ms, articleId: event.id };
        calls.delete(event.id);
        chunks.delete(event.id);
      }
    },
    longest: () => longest,
  };

  function articleChain(articleId: string, groups: Map<string, number[]>): number {
    const stepMs = new Map<string, number>();
    for (const [key, times] of groups) {
      const step = key.split("\u0000")[0]!;
      const sum = times.reduce((total, ms) => total + ms, 0);
      const chain = Math.max(Math.max(...times), sum / unitsOf(articleId, step));
      stepMs.set(step, Math.max(stepMs.get(step) ?? 0, chain));
    }
    const finish = new Map<string, number>();
    for (const step of plan.steps) {
      const start = Math.max(0, ...step.needs.map((need) => finish.get(need) ?? 0));
      finish.set(step.name, start + (stepMs.get(step.name) ?? 0));
    }
    return Math.max(0, ...finish.values());
  }
}
