import { Ollama } from "ollama";
import type { Article } from "../src/inputs/types.js";
import { PLAIN_TARGETS, plainTranslationMessages } from "./plain-translation.js";

/**
 * The two scripts prevod is compared with, on the same simulator. Both send one request per
 * article and target with the whole article text (no segmentation, no schema, no gates, no
 * retries), through the official ollama client as a hand-written script would.
 */

export interface BaselineResult {
  name: string;
  wallMs: number;
  cpuMs: number;
  requests: number;
  /** Requests that failed (for the unbounded script: the server's queue was full, 503). */
  failed: number;
}

/** One request at a time: for each article, for each target, await the answer. */
export async function sequentialScript(articles: Article[], url: string, model: string): Promise<BaselineResult> {
  const ollama = new Ollama({ host: url });
  return measure("sequential script", async () => {
    let failed = 0;
    for (const article of articles) {
      for (const target of PLAIN_TARGETS) {
        try {
          await ollama.chat({ model, messages: plainTranslationMessages(article.text, target), stream: false, options: { temperature: 0, seed: 42 } });
        } catch {
          failed++;
        }
      }
    }
    return { requests: articles.length * PLAIN_TARGETS.length, failed };
  });
}

/** Every request at once: Promise.all over all articles and targets, no bound at all. */
export async function unboundedScript(articles: Article[], url: string, model: string): Promise<BaselineResult> {
  const ollama = new Ollama({ host: url });
  return measure("unbounded Promise.all", async () => {
    const requests = articles.flatMap((article) =>
      PLAIN_TARGETS.map((target) => ollama.chat({ model, messages: plainTranslationMessages(article.text, target), stream: false, options: { temperature: 0, seed: 42 } })),
    );
    const settled = await Promise.allSettled(requests);
    return { requests: requests.length, failed: settled.filter((result) => result.status === "rejected").length };
  });
}

async function measure(name: string, body: () => Promise<{ requests: number; failed: number }>): Promise<BaselineResult> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const { requests, failed } = await body();
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { name, wallMs, cpuMs: (used.user + used.system) / 1000, requests, failed };
}
