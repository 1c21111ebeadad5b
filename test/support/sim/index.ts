/**
 * Ollama- and OpenAI-protocol simulators for tests, benchmarks and the offline demo.
 * Their answers come from an answerer (by default a deterministic schema-valid answer), never
 * from a model.
 */
export { startOllamaSimulator, SIMULATED_OLLAMA_VERSION } from "./ollama-server.js";
export { startOpenAISimulator } from "./openai-server.js";
export { seededFaults, type FaultBuilder, type FaultMixKey } from "./faults.js";
export { answerFromSchema } from "./schema-answer.js";
export { violateSchema } from "./schema-violation.js";
export { defaultAnswer } from "./default-answer.js";
export { countTokens, countPromptTokens, splitTokens } from "./tokens.js";
export { markerFaults, requestsMentioning } from "./test-helpers.js";
export type {
  Answerer,
  Fault,
  FaultKind,
  FaultPlan,
  LatencyModel,
  LoggedRequest,
  SimOptions,
  SimRequest,
  SimStats,
  Simulator,
} from "./types.js";
