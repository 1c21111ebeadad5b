import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseConfig } from "../../src/config/load.js";
import { buildPlan, type Plan } from "../../src/graph/plan.js";
import type { Article } from "../../src/inputs/types.js";
import { ROOT } from "./cli.js";

/** The sample folders that hold an article (samples/recordings holds none). */
export function sampleNames(): string[] {
  const dir = join(ROOT, "samples");
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, "article.txt")))
    .map((entry) => entry.name)
    .sort();
}

/** The samples' articles, as the text reader would give them (id = sample name). */
export function sampleArticles(): Article[] {
  const dir = join(ROOT, "samples");
  return sampleNames().map((name) => {
    const text = readFileSync(join(dir, name, "article.txt"), "utf8");
    return { id: name, text, title: text.split("\n")[0]!.trim(), origin: `samples/${name}/article.txt` };
  });
}

/** `count` articles cycling through the samples, each with its own id (a feed of repeats). */
export function repeatedSamples(count: number): Article[] {
  const samples = sampleArticles();
  return Array.from({ length: count }, (_, index) => {
    const sample = samples[index % samples.length]!;
    return { ...sample, id: `${sample.id}-${String(index + 1).padStart(4, "0")}`, origin: `generated:${index + 1}` };
  });
}

/** The default pipeline's steps, as a pipeline YAML `steps:` block. */
export const DEFAULT_STEPS = `steps:
  segment: { kind: segment }
  translate: { kind: translate, needs: [segment] }
  summarize: { kind: summarize, needs: [segment] }
  extract-quotes: { kind: extract-quotes, needs: [segment, translate] }
  transliterate: { kind: transliterate, needs: [translate, summarize, extract-quotes] }
`;

/** The default pipeline's steps and an Ollama model pointed at a simulator, as pipeline YAML. */
export function defaultPipelineYaml(options: { host: string; model: string; parallel?: number; defaults?: string }): string {
  return `version: 1
models:
  local: { kind: ollama, host: "${options.host}", model: "${options.model}", parallel: ${options.parallel ?? 8} }
defaults: { model: local, seed: 42, ${options.defaults ?? "timeout: 20s"} }
${DEFAULT_STEPS}`;
}

/** A plan for the default pipeline pointed at a simulator, writing into `outputDir`. */
export async function planFor(options: { host: string; model: string; outputDir: string; parallel?: number; yaml?: string }): Promise<Plan> {
  const yaml = options.yaml ?? defaultPipelineYaml(options);
  const loaded = parseConfig(yaml, join(ROOT, "pipeline.test.yaml"));
  return buildPlan(loaded, { outputDir: options.outputDir });
}
