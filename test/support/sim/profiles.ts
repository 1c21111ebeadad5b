import type { SimOptions } from "./types.js";

/**
 * Simulator profiles of real servers: each a set of behaviours taken from that server's source
 * or documentation (cited in README.md, "Profiles"). Times are scaled down: a load of 1.2 s
 * stands for tens of seconds. The matrix suite (test/profile-matrix.test.ts) runs prevod end to
 * end against every profile.
 */
export interface ServerProfile {
  name: string;
  protocol: "ollama" | "openai";
  /** The model name as that server's users write it. */
  model: string;
  options: SimOptions;
  /** What the profile's behaviours are, one line each, for the README table. */
  behaviours: string[];
  /**
   * The option the model refuses (a 400 no retry cures): prevod stops with one line naming
   * `omit`, and runs with the option omitted.
   */
  refuses?: "temperature" | "seed";
}

const LOAD_MS = 1200;

export const PROFILES: ServerProfile[] = [
  {
    name: "ollama",
    protocol: "ollama",
    model: "qwen3:8b",
    options: { thinking: true, loadMs: LOAD_MS, parallel: 1 },
    behaviours: ["loads on first use, reloads on another num_ctx", "thinks unless think:false (message.thinking)", "ends a whitespace loop itself, without a final object"],
  },
  {
    name: "ollama-0.6",
    protocol: "ollama",
    model: "deepseek-r1:8b",
    options: { reasoning: "tags", loadMs: LOAD_MS, parallel: 1 },
    behaviours: ["ignores think (no such field before 0.9)", "reasoning as <think>…</think> inside the content"],
  },
  {
    name: "llama-server",
    protocol: "openai",
    model: "gemma3:12b",
    options: { loadingMs: LOAD_MS, servesAnyNameAs: "/models/gemma-3-12b-it-Q4_K_M.gguf", reasoning: "field", contextLength: 16384 },
    behaviours: ["503 Loading model until ready; /health", "lists the GGUF path, serves any name", "reasoning_content beside the content"],
  },
  {
    name: "vllm",
    protocol: "openai",
    model: "Qwen/Qwen3-8B",
    options: { reasoning: "tags", contextLength: 32768 },
    behaviours: ["no reasoning parser: <think> in the content", "400 on a prompt beyond max_model_len"],
  },
  {
    name: "lmstudio",
    protocol: "openai",
    model: "google/gemma-3-12b",
    // A small loaded context: prevod sees a cut only when the server counted under 40% of its
    // estimate (its estimate is high by up to 2× for some tokenizers), so the cut must be deep.
    options: { truncatesPrompt: true, contextLength: 2048 },
    behaviours: ["cuts a prompt beyond the loaded context instead of refusing it"],
  },
  {
    name: "openai",
    protocol: "openai",
    model: "o4-mini",
    options: { refuses: ["temperature"] },
    behaviours: ["reasoning models refuse temperature (400 unsupported_value)"],
    refuses: "temperature",
  },
  {
    name: "openrouter",
    protocol: "openai",
    model: "meta-llama/llama-3.3-70b-instruct",
    options: {},
    behaviours: ["errors inside a 200 stream (data: {\"error\": …})"],
  },
  {
    name: "litellm",
    protocol: "openai",
    model: "azure/gpt-4o-mini",
    options: { refuses: ["seed"], refusesLike: "litellm" },
    behaviours: ["refuses seed without drop_params (UnsupportedParamsError)"],
    refuses: "seed",
  },
];
