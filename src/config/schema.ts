import { z } from "zod";
import { wholeNumber } from "./whole-number.js";
import { TARGET_LANGUAGES } from "../common/languages.js";
import { OMITTABLE_OPTIONS } from "../models/types.js";

/**
 * The pipeline.yaml schema: the single source of truth for what a pipeline file may say.
 * Types come from z.infer, the JSON Schema from z.toJSONSchema, the README reference from both.
 * Every object is strict: an unknown key is an error, never silently ignored.
 */

/** "90", 90, "90s", "2m", "500ms" → milliseconds. */
const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/;
/** Node's timers hold at most 2³¹−1 ms (about 24.8 days); a longer one fires at once. */
const LONGEST_MS = 2 ** 31 - 1;
export const durationSchema = z
  .union([z.number().positive(), z.string().regex(DURATION, "a duration such as 90, \"90s\", \"2m\", \"1h\" or \"500ms\"")])
  .transform((value, context) => {
    let ms: number;
    if (typeof value === "number") ms = value * 1000;
    else {
      const [, amount, unit] = DURATION.exec(value.trim())!;
      const factor = unit === "ms" ? 1 : unit === "m" ? 60_000 : unit === "h" ? 3_600_000 : 1000;
      ms = Number(amount) * factor;
    }
    if (ms < 1 || ms > LONGEST_MS) {
      context.addIssue({ code: "custom", message: "a duration between 1 ms and 24 days" });
      return z.NEVER;
    }
    return ms;
  })
  .describe("seconds as a number, or a string with a unit: \"500ms\", \"90s\", \"2m\", \"1h\"");

/** Thinking of reasoning models: Ollama thinks when `think` is left out, so prevod always sends it. */
const thinkSchema = z
  .union([z.boolean(), z.enum(["low", "medium", "high"])])
  .default(false)
  .describe("false (default), true, or a level: low | medium | high");

/** Sampling options a server or gateway refuses (OpenAI reasoning models refuse temperature). */
const omitSchema = z
  .array(z.enum(OMITTABLE_OPTIONS))
  .default([])
  .describe("options never sent: temperature, seed, max_output_tokens");

/** Limits shared by both providers. */
const serverLimits = {
  think: thinkSchema,
  omit: omitSchema,
  /** The longest request, from sending to the last token. @default the defaults' timeout */
  timeout: durationSchema.optional(),
  /** No new token for this long ends a request; before the first token the server is probed and waited for while alive. */
  idle_timeout: durationSchema.prefault(60),
  /** The longest model load before the first article (cold start on slow hardware). */
  load_timeout: durationSchema.prefault("10m"),
  /** How long an unreachable server is waited for (probed with backoff) before the run fails. */
  outage_limit: durationSchema.prefault("10m"),
};


const modelName = z.string().min(1, "a model name");
const httpUrl = z.url({ protocol: /^https?$/, error: "an http:// or https:// URL" });

/**
 * Ollama hosts as OLLAMA_HOST writes them: "host", "host:port", ":port" or a URL. No scheme means
 * http; no port means 11434 (as the Ollama server and ollama-js read them).
 */
export function normalizeOllamaHost(value: string): string {
  let text = value.trim().replace(/\/+$/, "");
  if (text.startsWith(":")) text = `127.0.0.1${text}`;
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text);
  if (!hasScheme) text = `http://${text}`;
  try {
    const url = new URL(text);
    if (!hasScheme && url.port === "") url.port = "11434";
    if (url.hostname === "0.0.0.0") url.hostname = "127.0.0.1";
    return url.toString().replace(/\/+$/, "");
  } catch {
    return value;
  }
}

/** Settings one host of a pool may set for itself; unset ones come from the model. */
const hostSettings = {
  /** Requests run at once on this host. @default the model's parallel */
  parallel: wholeNumber(1, 256).optional(),
  /**
   * How much this host is preferred among hosts expected to finish a call equally soon (before its
   * call times are measured, and among equally fast hosts), and its share in round-robin: 2 for a
   * GPU twice as fast. @default 1
   */
  weight: z.number().positive().max(1000).default(1),
};

/** How calls are spread over a model's hosts. */
const balanceSchema = z
  .enum(["least-busy", "round-robin"])
  .default("least-busy")
  .describe("least-busy (default): the host where a call is expected to finish first (each host's measured call time and the calls ahead of it); round-robin: each host in turn, waiting for its slots");

/** A model's first host and an explicit `hosts:` list are two ways to say the same thing: one of them. */
const ONE_WAY_TO_SAY_HOSTS = "give either host/base_url or hosts, not both";

const ollamaHostUrl = z.preprocess((value) => (typeof value === "string" ? normalizeOllamaHost(value) : value), httpUrl);
export const DEFAULT_OLLAMA_HOST = "http://127.0.0.1:11434";
export const DEFAULT_OPENAI_BASE_URL = "https://api.openai.com/v1";

export const ollamaModelSchema = z.strictObject({
  kind: z.literal("ollama"),
  /** @default "http://127.0.0.1:11434" */
  host: ollamaHostUrl.default(DEFAULT_OLLAMA_HOST),
  /**
   * Several Ollama servers with the same model, as one pool: a URL each, or
   * `{ url, parallel, weight, queue_ahead }`. Calls go to the least-busy host with a free slot; a
   * failing host is cooled down and probed back in. Instead of `host`.
   */
  hosts: z
    .array(z.union([ollamaHostUrl, z.strictObject({ url: ollamaHostUrl, ...hostSettings, queue_ahead: wholeNumber(0, 256).optional() })]))
    .min(1)
    .optional(),
  balance: balanceSchema,
  model: modelName,
  /** Requests run at once on this endpoint: Ollama's own OLLAMA_NUM_PARALLEL defaults to 1; raise both together. */
  parallel: wholeNumber(1, 256).default(1),
  /**
   * Requests sent beyond `parallel`, to wait in the server's own queue, so that a slot that frees
   * starts the next request at once instead of after a round trip to prevod.
   * @default half of parallel, at least 1
   */
  queue_ahead: wholeNumber(0, 256).optional(),
  ...serverLimits,
  /** Context window floor (num_ctx); raised per call when the prompt needs more. */
  context_size: wholeNumber(512, 1_048_576).default(8192),
  /** How long Ollama keeps the model loaded after a request ("5m", "1h", seconds). */
  keep_alive: z.union([z.string(), z.number()]).optional(),
}).superRefine((model, context) => {
  if (model.hosts && model.host !== DEFAULT_OLLAMA_HOST) context.addIssue({ code: "custom", path: ["hosts"], message: ONE_WAY_TO_SAY_HOSTS });
});

export const openaiModelSchema = z.strictObject({
  kind: z.literal("openai"),
  /** Any OpenAI-compatible endpoint: vLLM, llama.cpp server, LM Studio, Ollama /v1, gateways. */
  base_url: httpUrl.default(DEFAULT_OPENAI_BASE_URL),
  /**
   * Several OpenAI-compatible servers (vLLM, llama.cpp, …) with the same model, as one pool: a
   * base URL each, or `{ url, parallel, weight }`. Instead of `base_url`.
   */
  hosts: z
    .array(z.union([httpUrl, z.strictObject({ url: httpUrl, ...hostSettings })]))
    .min(1)
    .optional(),
  balance: balanceSchema,
  model: modelName,
  /** Name of the environment variable that holds the key; keys never live in the file. */
  api_key_env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "an environment variable name").default("OPENAI_API_KEY"),
  parallel: wholeNumber(1, 256).default(4),
  ...serverLimits,
  /** Send `strict: true` with the JSON schema (OpenAI, vLLM); some servers reject it. */
  strict: z.boolean().default(true),
}).superRefine((model, context) => {
  if (model.hosts && model.base_url !== DEFAULT_OPENAI_BASE_URL) context.addIssue({ code: "custom", path: ["hosts"], message: ONE_WAY_TO_SAY_HOSTS });
});

export const modelSchema = z.discriminatedUnion("kind", [ollamaModelSchema, openaiModelSchema]);

export const defaultsSchema = z.strictObject({
  model: z.string().min(1).optional(),
  temperature: z.number().min(0).max(2).default(0),
  seed: z.int().optional(),
  /** Retries of one request on transient faults (429, 5xx, resets, timeouts). */
  retries: wholeNumber(0, 20).default(4),
  // prefault, not default: a default skips the transform, and 600 would be read as 600 ms.
  /** The longest request (a streamed answer also ends after idle_timeout without a token). */
  timeout: durationSchema.prefault("10m"),
  /** Re-asks after an answer fails its schema or a gate, per call. */
  repairs: wholeNumber(0, 10).default(2),
  /** Articles processed at once; bounds memory on feeds of any length. */
  articles_in_flight: wholeNumber(1, 10_000).default(32),
  /**
   * An article whose text is larger (UTF-8 bytes) is recorded `failed` with the reason, before any
   * model call, and the run goes on. No news article is near 1 MB; a much larger "article" is a
   * dump or an accident, and would cost memory and calls in proportion.
   */
  max_article_bytes: wholeNumber(1024, 50 * 1024 * 1024).default(1024 * 1024),
  max_output_tokens: wholeNumber(16, 1_000_000).optional(),
  /**
   * Worker threads for the quality gates: 0 runs them on the main thread; N runs every gate in N
   * threads; "auto" starts up to (CPUs − 1) threads only while the main thread is busy (a fast
   * server with many slots). The verdicts are the same either way.
   */
  gate_threads: z.union([wholeNumber(0, 64), z.literal("auto")]).default(0),
});

const stepName = z.string().regex(/^[a-z][a-z0-9_-]*$/, "a lower-case name such as translate or summarize_en");

export const stepSchema = z.strictObject({
  kind: z.string().min(1, "a step kind"),
  needs: z.array(stepName).default([]),
  targets: z.array(z.enum(TARGET_LANGUAGES)).optional(),
  prompt: z.string().min(1).optional(),
  model: z.string().min(1).optional(),
  /** Kind-specific options, validated by the step kind's own schema. */
  options: z.record(z.string(), z.unknown()).default({}),
});

export const outputsSchema = z.strictObject({
  dir: z.string().min(1).default("out"),
  /**
   * Bulletin formats written after each run, one file per target language; [] writes none. Or
   * `{ formats, window }`: window "all" (every article in the output folder), "day" (today in
   * bulletin.timezone) or a duration back from now such as "24h" or "7d".
   */
  bulletins: z
    .union([
      z.array(z.enum(["md", "html"])),
      z.strictObject({
        formats: z.array(z.enum(["md", "html"])).default(["md", "html"]),
        window: z.string().regex(/^(all|day|\d+[mhd])$/, 'all, day or a duration such as 24h').default("all"),
      }),
    ])
    .default(["md", "html"]),
});

export const bulletinSchema = z.strictObject({
  /** IANA zone the bulletins show times in, e.g. Europe/Sofia. @default the system's zone */
  timezone: z
    .string()
    .min(1)
    .refine((zone) => {
      try {
        new Intl.DateTimeFormat("en", { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    }, "an IANA time zone such as Europe/Sofia")
    .optional(),
});

export const cacheSchema = z.strictObject({
  enabled: z.boolean().default(true),
  /** @default "<outputs.dir>/.cache" */
  dir: z.string().min(1).optional(),
});

export const pipelineSchema = z.strictObject({
  version: z.literal(1, { error: "version 1" }),
  source: z.literal("bg", { error: "bg (prevod translates from Bulgarian)" }).default("bg"),
  targets: z.array(z.enum(TARGET_LANGUAGES)).min(1).default(["en", "ru", "sr-Cyrl", "sr-Latn"]),
  models: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*$/, "a model name such as local or cloud"), modelSchema),
  defaults: defaultsSchema.default(defaultsSchema.parse({})),
  steps: z.record(stepName, stepSchema),
  inputs: z.array(z.string().min(1)).default([]),
  outputs: outputsSchema.default(outputsSchema.parse({})),
  cache: cacheSchema.default(cacheSchema.parse({})),
  bulletin: bulletinSchema.default(bulletinSchema.parse({})),
});

/** What the YAML file may contain (before defaults). */
export type RawPipelineConfig = z.input<typeof pipelineSchema>;
/** The file after schema defaults and transforms, before paths and models are resolved. */
export type PipelineConfig = z.output<typeof pipelineSchema>;
export type ModelConfig = z.output<typeof modelSchema>;
export type StepConfig = z.output<typeof stepSchema>;
