/**
 * prevod as a library: the same pipeline the CLI runs, and its deterministic tools.
 * Re-exports only; every name is documented where it is defined.
 */
export { PrevodError, isPrevodError, type PrevodErrorCode } from "./errors.js";

// Pipeline: pipeline.yaml → plan → run.
export { loadConfigFile, parseConfig, type LoadedConfig } from "./config/load.js";
export { pipelineSchema, type PipelineConfig, type RawPipelineConfig, type ModelConfig, type StepConfig } from "./config/schema.js";
export { loadPlan } from "./graph/load-plan.js";
export { buildPlan, type Plan, type PlanOverrides } from "./graph/plan.js";
export { runPipeline, type RunOptions, type RunResult } from "./engine/run-pipeline.js";
export { previewRun } from "./engine/preview-run.js";
export type { RunEvent, RunEventListener } from "./engine/events.js";

// Models and middleware.
export type { Model, ModelAnswer, ModelCall, ModelMessage, ModelMiddleware, SamplingOptions, FinishReason } from "./models/types.js";
export { createOllamaModel, type OllamaModelOptions } from "./models/ollama.js";
export { createModel } from "./engine/create-model.js";
export { withRetry, type RetryOptions } from "./middleware/retry.js";
export { withCache, type CacheOptions } from "./middleware/cache.js";
export { withRecord } from "./middleware/record.js";
export { withReplay } from "./middleware/replay.js";

// Steps.
export { stepKinds } from "./steps/registry.js";
export type { StepKind, StepContext, PlannedStep, ArticleWork, Quote, Summary } from "./steps/types.js";

// Inputs and outputs.
export { readArticles, type ReadArticlesOptions } from "./inputs/read-articles.js";
export type { Article } from "./inputs/types.js";
export { articleResultSchema, type ArticleResult, type ArticleStatus } from "./outputs/article-schema.js";
export type { RunManifest } from "./outputs/run-manifest.js";
export { writeBulletins, type WriteBulletinsOptions } from "./outputs/write-bulletins.js";

// Deterministic language tools.
export { splitSentences } from "./text/sentences.js";
export { analyzeArticle } from "./text/structure.js";
export { chunkSegments } from "./text/chunks.js";
export { estimateTokens } from "./common/tokens.js";
export { toCyrillic, toLatin } from "./text/transliterate.js";
export { identifyLanguage } from "./text/langid.js";
export { TARGET_LANGUAGES, type TargetLanguage, type DetectedLanguage } from "./common/languages.js";
export type { Segment, SegmentKind, SentenceSpan, Chunk } from "./text/types.js";

// Quality gates.
export { checkLanguage } from "./checks/language.js";
export { checkTranslation } from "./checks/translation.js";
export { checkNumbers } from "./checks/numbers.js";
export { checkSummary } from "./checks/summary.js";
export { checkQuote, locateQuote } from "./checks/quotes.js";
export type { CheckResult } from "./checks/types.js";

// Evaluation.
export { chrfCorpus, chrfSentence, type ChrfOptions, type ChrfScore } from "./eval/chrf.js";
