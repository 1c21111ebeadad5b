import { existsSync } from "node:fs";
import type { Plan } from "../graph/plan.js";
import { readArticles } from "../inputs/read-articles.js";
import type { Article } from "../inputs/types.js";
import { articlePath } from "../outputs/article-files.js";
import { readRunState } from "../outputs/run-state.js";
import { decide, inputHash, type Decision } from "./incremental.js";

/**
 * What a run would do with each article, without running anything: the same decision
 * runPipeline makes (new, text changed, prompt or model changed, failed before, unchanged).
 */
export async function* previewRun(
  plan: Plan,
  sources: string[],
  options: {
    force?: boolean;
    signal?: AbortSignal;
    onWarning?: (message: string) => void;
    /** Articles to preview instead of reading `sources` (library use, tests). */
    articles?: Iterable<Article> | AsyncIterable<Article>;
    /** The identities of the models that would answer (modelIdentities), when the servers were asked. */
    identities?: string;
  } = {},
): AsyncGenerator<{ article: Article; decision: Decision }> {
  const state = await readRunState(plan.outputDir, options.onWarning);
  for await (const article of options.articles ?? readArticles(sources, { signal: options.signal, onWarning: options.onWarning })) {
    const decision = decide(state.articles[article.id], inputHash(article), plan.answersHash, existsSync(articlePath(plan.outputDir, article.id)), options.force, options.identities);
    yield { article, decision };
  }
}
