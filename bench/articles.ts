import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Article } from "../src/inputs/types.js";
import { referencedSentences } from "../test/support/small-articles.js";

/**
 * The throughput run's articles: the samples give realistic news pages with quotes, and a
 * closing paragraph of three other referenced sentences (NTREX, when ../shared/data/ntrex is
 * present) makes every article different. Those sentences are ones the reference answerer
 * answers so that every gate passes (see test/support/small-articles.ts), so the bench measures
 * throughput, not re-asks.
 */
export function benchArticles(count: number, options: { samplesDir: string; ntrexFile?: string }): Article[] {
  const samples = sampleTexts(options.samplesDir);
  const sentences = options.ntrexFile ? referencedSentences({ ntrexFile: options.ntrexFile }).map((sentence) => sentence.bulgarian) : [];
  return Array.from({ length: count }, (_, index) => {
    const sample = samples[index % samples.length]!;
    const extra = sentences.length >= 3 ? `\n${[0, 1, 2].map((offset) => sentences[(index * 3 + offset) % sentences.length]).join(" ")}\n` : "";
    return { id: `bench-${String(index + 1).padStart(5, "0")}`, text: `${sample.text.trimEnd()}\n${extra}`, title: sample.title, origin: `bench:${sample.name}+${index + 1}` };
  });
}

/** Referenced sentences available to the benchmark (samples, plus NTREX when given). */
export function referencedSentenceCount(ntrexFile: string | undefined): number {
  return referencedSentences({ ntrexFile }).length;
}

function sampleTexts(samplesDir: string) {
  return readdirSync(samplesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(samplesDir, entry.name, "article.txt")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const text = readFileSync(join(samplesDir, name, "article.txt"), "utf8");
      return { name, text, title: text.split("\n")[0]!.trim() };
    });
}
