import { existsSync } from "node:fs";
import type { Plan } from "../graph/plan.js";
import { readArticles } from "../inputs/read-articles.js";
import type { Article } from "../inputs/types.js";
import { articlePath } from "../outputs/article-files.js";
import { readRunState } from "../outputs/run-state.js";
import { openStore, STORE_FILE } from "../store/store.js";
import { join } from "node:path";
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
  // The store when the folder has one (read-only, one lookup per article); else a state.json of before the store.
  const store = existsSync(join(plan.outputDir, STORE_FILE)) ? openStore(plan.outputDir, { readonly: true }) : undefined;
  const state = store ? undefined : await readRunState(plan.outputDir, options.onWarning);
  const entry = (id: string) => (store ? store.stateEntry(id) : state!.articles[id]);
  try {
    yield* decideAll();
  } finally {
    store?.close();
  }
  async function* decideAll(): AsyncGenerator<{ article: Article; decision: Decision }> {
    for await (const article of options.articles ?? readArticles(sources, { signal: options.signal, onWarning: options.onWarning })) {
      const decision = decide(entry(article.id), inputHash(article), plan.answersHash, existsSync(articlePath(plan.outputDir, article.id)), options.force, options.identities);
      yield { article, decision };
    }
  }
}
